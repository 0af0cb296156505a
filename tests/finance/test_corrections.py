"""Every amount can be corrected: a benefit amount from the same date (four eyes: it takes
effect when a colleague confirms), and an item before it is paid (checked again)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from regie.core.extensions import werkvoorraad
from regie.core.models import AuditEvent, FieldChange
from regie.core.roles import Role
from regie.finance import services
from regie.finance.models import BetaalPost, CorrectieStatus, Uitkering
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _second_klantmanager(fin):
    km = fin.world.users[Role.KLANTMANAGER]
    return UserFactory(
        username="klantmanager2",
        organisation=km.organisation,
        team=km.team,
        roles=[Role.KLANTMANAGER],
    )


def test_a_benefit_typed_wrongly_is_corrected_from_the_same_date(fin, client_for, travel):
    travel("2026-10-10")
    km = fin.world.users[Role.KLANTMANAGER]
    person = fin.world.person
    benefit = Uitkering.objects.get(ontzorging=fin.ontzorging)
    benefit.bedrag = Decimal("191250.00")  # "1912,50" typed into a field that took "."
    benefit.save()
    client = client_for(km)
    # The old route from the same date is refused, and says what to do instead.
    page = client.post(
        reverse("ontzorging_uitkering", args=[person.pk]),
        {"bedrag": "1912,50", "geldig_vanaf": benefit.geldig_vanaf.isoformat()},
    ).content.decode()
    assert "Gebruik dan &#x27;Corrigeren&#x27; bij de uitkeringsbedragen" in page
    detail = client.get(reverse("ontzorging_detail", args=[person.pk])).content.decode()
    assert "Corrigeren" in detail
    url = reverse("uitkering_correct", args=[person.pk, benefit.pk])
    page = client.get(url).content.decode()
    assert "nu € 191.250,00 per maand" in page
    page = client.post(url, {"nieuw_bedrag": "1.912,50", "reden": ""}).content.decode()
    assert "reden van de correctie : Dit veld is vereist." in " ".join(
        page.replace("<", " <").split()
    ) or "Dit veld is vereist." in page
    client.post(url, {"nieuw_bedrag": "1.912,50", "reden": "tikfout bij de invoer"})
    benefit.refresh_from_db()
    assert benefit.bedrag == Decimal("191250.00")  # not yet: four eyes
    detail = client.get(reverse("ontzorging_detail", args=[person.pk])).content.decode()
    assert "€ 191.250,00 wordt € 1.912,50 per maand. Dit wacht op bevestiging" in detail
    assert "Een collega bevestigt uw correctie (vier ogen)." in detail
    [correction] = benefit.correcties.all()
    with pytest.raises(ValidationError, match="vier ogen"):
        services.decide_benefit_correction(correction, km, True)
    # The colleague sees it in the werkvoorraad and confirms it on the page.
    colleague = _second_klantmanager(fin)
    [section] = [
        s for s in werkvoorraad(colleague, benefit.geldig_vanaf) if s.key == "benefit_corrections"
    ]
    assert "€ 191.250,00 wordt € 1.912,50" in section.items[0].what
    client = client_for(colleague)
    detail = client.get(reverse("ontzorging_detail", args=[person.pk])).content.decode()
    assert "Correctie bevestigen" in detail
    page = client.post(
        reverse("uitkering_correctie", args=[person.pk, correction.pk]),
        {"action": "bevestigen"},
        follow=True,
    ).content.decode()
    assert "De correctie is bevestigd; het nieuwe bedrag geldt." in page
    assert "vanaf 1 september 2026: € 1.912,50 per maand" in page
    benefit.refresh_from_db()
    assert benefit.bedrag == Decimal("1912.50")
    correction.refresh_from_db()
    assert correction.status == CorrectieStatus.BEVESTIGD
    assert FieldChange.objects.filter(field="bedrag", new_value="1912.50").exists()
    assert AuditEvent.objects.filter(
        description__contains="191250.00 -> 1912.50 bevestigd: tikfout"
    ).exists()


def test_an_unpaid_item_is_corrected_and_checked_again(fin, client_for):
    client = client_for(fin.preparer)
    url = reverse("post_change", args=[fin.world.person.pk, fin.rent.pk])
    page = client.get(url).content.decode()
    assert "Corrigeren (een invoerfout)" in page
    data = {
        "action": "corrigeren",
        "corrigeren-crediteur": fin.rent.crediteur,
        "corrigeren-iban": fin.rent.iban,
        "corrigeren-bedrag": "19.125,00",
        "corrigeren-frequentie": "maand",
        "corrigeren-kenmerk": fin.rent.kenmerk,
        "corrigeren-reden": "bedrag van het huurcontract",
    }
    page = client.post(url, data).content.decode()
    assert "€ 19.125,00 is meer dan € 2.500,00 per betaling" in page
    assert "Ik heb het bedrag gecontroleerd" in page
    client.post(url, {**data, "corrigeren-bedrag": "612,50"})
    post = BetaalPost.objects.get(pk=fin.rent.pk)
    assert post.bedrag == Decimal("612.50") and not post.is_checked
    assert AuditEvent.objects.filter(
        description__contains="post gecorrigeerd (bedrag): bedrag van het huurcontract"
    ).exists()
    with pytest.raises(ValidationError, match="vier ogen"):
        services.check_post(post, fin.preparer)
    assert services.check_post(post, fin.approver).is_checked


def test_a_paid_item_is_not_corrected(fin):
    services.create_run(fin.world.municipality, fin.ontzorging.start_date, fin.preparer)
    corrected = BetaalPost.objects.get(pk=fin.rent.pk)
    corrected.bedrag = Decimal("600")
    with pytest.raises(ValidationError, match="staat al in een betaalrun"):
        services.correct_post(fin.rent, corrected, "typfout", fin.preparer)
