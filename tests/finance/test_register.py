"""The crediteurenregister: kept by the financieel medewerker (audit-logged, IBAN and BIC
validated, BIC required for a foreign IBAN), picked by the post form, which still allows a
one-off creditor."""

import pytest
from django.urls import reverse

from regie.core.models import AuditEvent
from regie.core.roles import Role
from regie.finance.models import BetaalPost, Crediteur

pytestmark = pytest.mark.django_db


def _register(client, data, muni):
    url = f"{reverse('crediteuren')}?gemeente={muni.pk}"
    return client.post(url, data, follow=True).content.decode()


def test_the_financieel_medewerker_keeps_the_register(fin, client_for):
    client = client_for(fin.preparer)
    muni = fin.world.municipality
    page = _register(
        client,
        {
            "soort": "woningcorporatie",
            "naam": "Woonstichting De Woonplaats",
            "iban": "nl20 ingb 0001 2345 67",
            "actief": "on",
        },
        muni,
    )
    assert "De crediteur is opgeslagen in het register." in page
    assert "Woningcorporatie of verhuurder" in page
    creditor = Crediteur.objects.get()
    assert creditor.iban == "NL20INGB0001234567" and creditor.municipality == muni
    assert AuditEvent.objects.filter(
        object_type="crediteur", description__contains="Woonstichting De Woonplaats"
    ).exists()


def test_iban_and_bic_errors_are_dutch(fin, client_for):
    client = client_for(fin.preparer)
    muni = fin.world.municipality
    page = _register(
        client, {"soort": "water", "naam": "Vitens", "iban": "NL20INGB0001234568"}, muni
    )
    assert "Dit is geen geldig IBAN: de controlecijfers kloppen niet" in page
    assert "checksum" not in page.lower()
    page = _register(
        client, {"soort": "energie", "naam": "Stadtwerke", "iban": "DE89370400440532013000"}, muni
    )
    assert "Vul de BIC in: die is verplicht bij een buitenlands IBAN." in page
    page = _register(
        client,
        {
            "soort": "energie",
            "naam": "Stadtwerke",
            "iban": "DE89370400440532013000",
            "bic": "COBADEF",
        },
        muni,
    )
    assert "Dit is geen geldige BIC: het aantal tekens klopt niet" in page
    _register(
        client,
        {
            "soort": "energie",
            "naam": "Stadtwerke",
            "iban": "DE89370400440532013000",
            "bic": "cobadeffxxx",
            "actief": "on",
        },
        muni,
    )
    assert Crediteur.objects.get().bic == "COBADEFFXXX"


def test_other_roles_cannot_change_the_register(fin, client_for):
    client = client_for(fin.world.users[Role.KLANTMANAGER])
    assert client.get(reverse("crediteuren")).status_code == 403


def test_the_post_form_picks_a_creditor_from_the_register(fin, client_for):
    muni = fin.world.municipality
    vitens = Crediteur.objects.create(
        municipality=muni, soort="water", naam="Vitens", iban="NL93BNGH0285052871"
    )
    Crediteur.objects.create(
        municipality=None, soort="zorgverzekeraar", naam="Menzis", iban="NL44RABO0123456789"
    )
    Crediteur.objects.create(
        municipality=fin.world.other_municipality,
        soort="water",
        naam="Elders Water",
        iban="NL91ABNA0417164300",
    )
    client = client_for(fin.world.users[Role.KLANTMANAGER])
    url = reverse("post_add", args=[fin.world.person.pk])
    page = client.get(url).content.decode()
    assert "Crediteur uit het register" in page
    assert "Vitens (Waterbedrijf) – NL93BNGH0285052871" in page
    assert "Menzis (Zorgverzekeraar)" in page  # shared by all municipalities
    assert "Elders Water" not in page
    assert "eenmalige crediteur" in page
    water = fin.energy.soort.__class__.objects.get(municipality=None, naam="Water")
    data = {
        "soort": water.pk,
        "register": vitens.pk,
        "bedrag": "32,50",
        "frequentie": "maand",
        "kenmerk": "Klantnummer 4455",
        "geldig_vanaf": "2026-10-01",
    }
    client.post(url, data)
    post = BetaalPost.objects.get(register=vitens)
    assert (post.crediteur, post.iban, str(post.bedrag)) == ("Vitens", vitens.iban, "32.50")
    # A one-off creditor still works, and one of the two is needed.
    one_off = {**data, "register": "", "kenmerk": "x", "geldig_vanaf": "2026-11-01"}
    page = client.post(url, one_off).content.decode()
    assert "Kies een crediteur uit het register of vul de naam in." in page
    client.post(
        url,
        {
            **one_off,
            "crediteur": "Waterbedrijf Oost",
            "iban": "NL20INGB0001234567",
            "soort": fin.energy.soort.pk,
        },
    )
    assert BetaalPost.objects.filter(crediteur="Waterbedrijf Oost", register=None).exists()
