"""Issue 18 deliverable 2 for the ontzorging: the start (Pw art. 56a), an extension on a
Pw art. 57 besluit and the end with the handover are besluiten with a dagtekening and a
bekendmaking recorded when sent; the bezwaartermijn counts from the day after it. The
werkvoorraad asks to record each sending. An extension on the person's consent is not a
besluit and is not sent."""

from datetime import date

import pytest
from django.urls import reverse

from regie.core.extensions import werkvoorraad
from regie.core.models import AuditEvent
from regie.core.roles import Role
from regie.finance.models import Verlenging

pytestmark = pytest.mark.django_db


def _items(user, today):
    fresh = type(user).objects.get(pk=user.pk)
    sections = {s.key: s for s in werkvoorraad(fresh, today)}
    return [i.what for i in sections["ontzorging_verzending"].items]


def test_each_ontzorging_besluit_is_recorded_as_sent(fin, client_for, travel):
    travel("2027-02-15")
    km = fin.world.users[Role.KLANTMANAGER]
    person = fin.world.person
    client = client_for(km)
    detail = reverse("ontzorging_detail", args=[person.pk])
    assert _items(km, date(2027, 2, 15)) == [
        "Beschikking ontzorging (Participatiewet art. 56a): verzending of uitreiking vastleggen"
    ]
    page = client.get(detail).content.decode()
    assert "Dagtekening 20 augustus 2026." in page
    assert "Nog niet vastgelegd als verzonden of uitgereikt." in page

    start = reverse("ontzorging_bekendmaking", args=[person.pk, "start"])
    response = client.post(start, {"bekendgemaakt_op": "2026-08-19", "wijze": "post"}, follow=True)
    assert "niet vóór de dagtekening (20 augustus 2026)" in response.content.decode()
    response = client.post(
        start, {"bekendgemaakt_op": "2026-08-21", "wijze": "uitgereikt"}, follow=True
    )
    page = response.content.decode()
    # Six weeks from 22 August 2026: 2 October 2026.
    assert (
        "Besluit persoonlijk uitgereikt op 21 augustus 2026. Bezwaar kan tot en met 2 oktober 2026."
        in page
    )
    assert _items(km, date(2027, 2, 15)) == []
    assert AuditEvent.objects.filter(
        description__startswith="verzonden/uitgereikt beschikking ontzorging: 2026-08-21"
    ).exists()

    # An extension on the person's consent is no besluit; one under Pw art. 57 is.
    extend = reverse("ontzorging_extend", args=[person.pk])
    client.post(
        extend,
        {
            "nieuwe_einde": "2027-04-30",
            "reden": "Nog niet zelfredzaam",
            "grondslag": "toestemming",
            "grondslag_op": "2027-02-10",
        },
    )
    assert _items(km, date(2027, 2, 15)) == []
    client.post(
        extend,
        {
            "nieuwe_einde": "2027-05-31",
            "reden": "Nog niet zelfredzaam",
            "grondslag": "pw57",
            "grondslag_op": "2027-02-12",
            "kenmerk": "PW57-1",
        },
    )
    verlenging = Verlenging.objects.get(grondslag="pw57")
    assert _items(km, date(2027, 2, 15)) == [
        "Besluit verlenging tot 31 mei 2027 (Participatiewet art. 57): verzending of "
        "uitreiking vastleggen"
    ]
    url = reverse("ontzorging_bekendmaking", args=[person.pk, f"verlenging-{verlenging.pk}"])
    response = client.post(url, {"bekendgemaakt_op": "2027-02-13", "wijze": "post"}, follow=True)
    # Six weeks from 14 February: Saturday 27 March 2027; Easter Monday 29 March (Atw).
    assert "De bezwaartermijn loopt tot en met 30 maart 2027." in response.content.decode()
    verlenging.refresh_from_db()
    assert verlenging.bekendgemaakt_op == date(2027, 2, 13)
    # Unknown besluiten are refused in Dutch.
    response = client.post(
        reverse("ontzorging_bekendmaking", args=[person.pk, "einde"]),
        {"bekendgemaakt_op": "2027-02-13", "wijze": "post"},
        follow=True,
    )
    assert "Dit besluit bestaat niet." in response.content.decode()

    # The end with the handover: dated the day it is decided.
    o = fin.ontzorging
    o.refresh_from_db()
    for name in o.CHECKLIST:
        setattr(o, name, True)
    o.save()
    travel("2027-02-20")
    client = client_for(km)  # a new session after the clock moved
    client.post(
        reverse("ontzorging_afbouw", args=[person.pk]),
        {
            **{n: "on" for n in o.CHECKLIST},
            "overdragen": "on",
            "overdracht_datum": "2027-03-01",
            "overdracht_toelichting": "",
        },
    )
    o.refresh_from_db()
    assert o.einde_dagtekening == date(2027, 2, 20)
    assert _items(km, date(2027, 2, 20)) == [
        "Besluit einde ontzorging, overdracht naar zelfbeheer op 1 maart 2027: verzending of "
        "uitreiking vastleggen"
    ]
    client.post(
        reverse("ontzorging_bekendmaking", args=[person.pk, "einde"]),
        {"bekendgemaakt_op": "2027-02-20", "wijze": "digitaal"},
    )
    o.refresh_from_db()
    assert o.einde_bekendgemaakt_op == date(2027, 2, 20) and o.bekendgemaakt_op == date(2026, 8, 21)
    assert _items(km, date(2027, 2, 20)) == []
