"""Issue 18 deliverable 2 for the afschalingsbesluit: the decision on an afschaalverzoek
(Wi 2021 art. 17 lid 3; Besluit 5.5) is a besluit open to bezwaar. It has a dagtekening
(the day of the decision) and a bekendmaking recorded when it is sent ("Verzonden /
uitgereikt"); the bezwaartermijn counts from the day after it (Awb art. 6:8). Until then
the werkvoorraad asks to record the sending."""

import datetime as dt

import pytest
from django.urls import reverse

from regie.core.extensions import werkvoorraad
from regie.core.models import AuditEvent
from regie.core.roles import Role
from tests.enforcement.conftest import give_pip
from tests.factories import AfschaalverzoekFactory

pytestmark = pytest.mark.django_db


def _items(user, today):
    fresh = type(user).objects.get(pk=user.pk)
    sections = {s.key: s for s in werkvoorraad(fresh, today)}
    return [i.what for i in sections["afschalen"].items]


def test_the_afschalingsbesluit_is_recorded_as_sent_and_the_bezwaar_term_counts_from_it(
    world, client_for, travel
):
    travel("2026-11-20")
    km = world.users[Role.KLANTMANAGER]
    person = world.person
    give_pip(person, world.aanbieder, dt.date(2026, 5, 1))
    verzoek = AfschaalverzoekFactory(inburgeraar=person, aanbieder=world.aanbieder)
    client = client_for(km)
    client.post(
        reverse("afschaal_besluit", args=[person.pk, verzoek.pk]),
        {"besluit": "afwijzen", "besluit_toelichting": "Nog niet genoeg inzet."},
    )
    items = _items(km, dt.date(2026, 11, 20))
    assert any(
        "Besluit afschalen " in i and "(20 november 2026): verzending of uitreiking vastleggen" in i
        for i in items
    )
    page = client.get(reverse("person_taal", args=[person.pk])).content.decode()
    assert "Nog niet vastgelegd. De bezwaartermijn begint pas de dag na verzending." in page

    travel("2026-11-25")
    client = client_for(km)  # a new session after the clock moved
    url = reverse("afschaal_bekendmaking", args=[person.pk, verzoek.pk])
    # Not before the dagtekening, not in the future.
    response = client.post(url, {"bekendgemaakt_op": "2026-11-19", "wijze": "post"}, follow=True)
    assert "niet vóór de dagtekening (20 november 2026)" in response.content.decode()
    response = client.post(url, {"bekendgemaakt_op": "2026-11-26", "wijze": "post"}, follow=True)
    assert "kan niet in de toekomst liggen" in response.content.decode()

    response = client.post(url, {"bekendgemaakt_op": "2026-11-23", "wijze": "post"}, follow=True)
    page = response.content.decode()
    # Six weeks from 24 November: 4 January 2027.
    assert "De bezwaartermijn loopt tot en met 4 januari 2027." in page
    assert (
        "Besluit per post verzonden op 23 november 2026. Bezwaar kan tot en met 4 januari 2027"
        in page
    )
    verzoek.refresh_from_db()
    assert verzoek.bekendgemaakt_op == dt.date(2026, 11, 23) and verzoek.bekendmaking_door == km
    assert AuditEvent.objects.filter(
        description__startswith="verzonden/uitgereikt besluit afschaalverzoek: 2026-11-23"
    ).exists()
    assert not any("verzending" in i for i in _items(km, dt.date(2026, 11, 25)))
    # Once only.
    response = client.post(url, {"bekendgemaakt_op": "2026-11-24", "wijze": "post"}, follow=True)
    assert "De verzending van dit besluit is al vastgelegd." in response.content.decode()


def test_an_undecided_request_cannot_be_sent(world, client_for, travel):
    travel("2026-11-20")
    km = world.users[Role.KLANTMANAGER]
    verzoek = AfschaalverzoekFactory(inburgeraar=world.person, aanbieder=world.aanbieder)
    response = client_for(km).post(
        reverse("afschaal_bekendmaking", args=[world.person.pk, verzoek.pk]),
        {"bekendgemaakt_op": "2026-11-20", "wijze": "post"},
        follow=True,
    )
    assert "Over dit verzoek is nog niet besloten." in response.content.decode()
    verzoek.refresh_from_db()
    assert verzoek.bekendgemaakt_op is None


def test_two_decided_requests_each_get_their_own_form(world, client_for, travel):
    from tests.core.test_access_matrix import duplicate_ids

    travel("2026-11-20")
    km = world.users[Role.KLANTMANAGER]
    client = client_for(km)
    for onderdeel in ("lezen", "schrijven"):
        verzoek = AfschaalverzoekFactory(
            inburgeraar=world.person, aanbieder=world.aanbieder, onderdeel=onderdeel
        )
        client.post(
            reverse("afschaal_besluit", args=[world.person.pk, verzoek.pk]),
            {"besluit": "afwijzen", "besluit_toelichting": "Nog niet."},
        )
    html = client.get(reverse("person_taal", args=[world.person.pk])).content.decode()
    assert html.count("Verzonden / uitgereikt</button>") == 2
    assert duplicate_ids(html) == []
