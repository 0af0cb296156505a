"""Issue 18 point 9: the A2 afschaling decision reaches the PIP (Besluit inburgering 2021
art. 5.3 lid 6). Granting an afschaalverzoek opens a new PIP version (concept) with the
afschaling as its reason; the werkvoorraad shows 'PIP aanpassen na afschaling' until a
colleague vaststelt that version, which is then a beschikking like every version."""

import datetime as dt

import pytest
from django.urls import reverse

from regie.core.extensions import werkvoorraad
from regie.core.roles import Role
from regie.plans import services as plan_services
from tests.enforcement.conftest import give_pip
from tests.factories import AfschaalverzoekFactory, UserFactory

pytestmark = pytest.mark.django_db


def _items(user, today):
    fresh = type(user).objects.get(pk=user.pk)
    sections = {s.key: s for s in werkvoorraad(fresh, today)}
    return [i.what for i in sections["pip_na_afschaling"].items]


def test_granted_afschaling_opens_a_pip_version_until_it_is_vastgesteld(
    world, client_for, travel
):
    travel("2026-11-20")
    today = dt.date(2026, 11, 20)
    km = world.users[Role.KLANTMANAGER]
    colleague = UserFactory(
        username="collega", organisation=world.uitvoerder, team=km.team, roles=[Role.KLANTMANAGER]
    )
    person = world.person
    person.status = "in_uitvoering"
    person.save()
    give_pip(person, world.aanbieder, today - dt.timedelta(days=200))
    verzoek = AfschaalverzoekFactory(inburgeraar=person, aanbieder=world.aanbieder)
    assert _items(km, today) == []

    response = client_for(km).post(
        reverse("afschaal_besluit", args=[person.pk, verzoek.pk]), {"besluit": "toekennen"}
    )
    assert response.status_code == 302
    verzoek.refresh_from_db()
    assert verzoek.status == "toegekend"
    concept = plan_services.concept_of(person.pip)
    assert concept is not None and concept.nummer == 2
    assert "Afschaling van " in concept.wijzigingsreden
    assert "naar A2 toegekend op 20 november 2026" in concept.wijzigingsreden
    assert "Besluit inburgering 2021 art. 5.3 lid 6" in concept.wijzigingsreden
    items = _items(km, today)
    assert len(items) == 1 and items[0].startswith("PIP aanpassen na afschaling: ")
    assert "toegekend op 20 november 2026" in items[0]
    # The werkvoorraad page shows it to the klantmanager.
    page = client_for(km).get(reverse("home")).content.decode()
    assert "PIP aanpassen na afschaling" in page

    # A colleague vaststelt the new version (four eyes): a beschikking; the item is gone.
    vastgesteld = plan_services.vaststellen(concept, colleague)
    assert vastgesteld.status == "vastgesteld" and vastgesteld.dagtekening == today
    assert _items(km, today) == []


def test_a_refused_afschaling_leaves_the_pip_alone(world, client_for, travel):
    travel("2026-11-20")
    km = world.users[Role.KLANTMANAGER]
    person = world.person
    give_pip(person, world.aanbieder, dt.date(2026, 5, 1))
    verzoek = AfschaalverzoekFactory(inburgeraar=person, aanbieder=world.aanbieder)
    client_for(km).post(
        reverse("afschaal_besluit", args=[person.pk, verzoek.pk]),
        {"besluit": "afwijzen", "besluit_toelichting": "Nog niet genoeg inzet."},
    )
    verzoek.refresh_from_db()
    assert verzoek.status == "afgewezen"
    assert plan_services.concept_of(person.pip) is None
    assert _items(km, dt.date(2026, 11, 20)) == []
