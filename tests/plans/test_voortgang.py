"""Voortgangsgesprekken: when the next one is due (derived, never stored), recording a held
gesprek with progress per goal, and planning the next one from the PIP's frequency."""

import datetime as dt

from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from regie.plans import services
from regie.plans.models import DoelStatus, DoelVoortgang, GesprekStatus, Voortgangsgesprek
from tests.factories import VoortgangsgesprekFactory
from tests.plans.conftest import set_pip

D = dt.date(2026, 9, 1)


def test_due_counts_from_the_dagtekening_without_a_gesprek():
    assert services.voortgang_due(D, None, 8) == dt.date(2026, 10, 27)


def test_due_counts_from_the_last_held_gesprek():
    assert services.voortgang_due(D, dt.date(2026, 10, 20), 6) == dt.date(2026, 12, 1)


def test_a_newer_version_restarts_the_rhythm():
    assert services.voortgang_due(dt.date(2026, 11, 1), dt.date(2026, 10, 1), 4) == dt.date(
        2026, 11, 29
    )


@given(
    dagtekening=st.dates(dt.date(2022, 1, 1), dt.date(2030, 1, 1)),
    gap=st.integers(0, 400),
    weeks=st.integers(1, 52),
)
def test_due_is_always_one_period_after_the_latest_event(dagtekening, gap, weeks):
    held = dagtekening + dt.timedelta(days=gap)
    due = services.voortgang_due(dagtekening, held, weeks)
    assert due - max(dagtekening, held) == dt.timedelta(weeks=weeks)


def test_voortgang_for_uses_held_and_planned_gesprekken(first_pip):
    pip = first_pip.pip
    person = pip.inburgeraar
    stand = services.voortgang_of(person)
    assert stand.due == dt.date(2025, 1, 10) + dt.timedelta(weeks=8)
    VoortgangsgesprekFactory(pip=pip, datum=dt.date(2025, 3, 1))
    VoortgangsgesprekFactory(pip=pip, datum=dt.date(2025, 5, 1))
    VoortgangsgesprekFactory(pip=pip, datum=dt.date(2025, 9, 1), status=GesprekStatus.VERVALLEN)
    VoortgangsgesprekFactory(pip=pip, datum=dt.date(2025, 6, 20), status=GesprekStatus.GEPLAND)
    stand = services.voortgang_of(person)
    assert stand.last_held == dt.date(2025, 5, 1)
    assert stand.due == dt.date(2025, 6, 26)
    assert stand.gepland == dt.date(2025, 6, 20)


def test_a_new_version_with_another_frequency(first_pip, km, colleague, world):
    person = first_pip.pip.inburgeraar
    VoortgangsgesprekFactory(pip=first_pip.pip, datum=dt.date(2025, 3, 1))
    set_pip(
        person,
        colleague,
        km,
        aanbieder=world.aanbieder,
        on=dt.date(2025, 4, 1),
        voortgang_frequentie_weken=4,
        wijzigingsreden="Meer begeleiding nodig.",
    )
    stand = services.voortgang_of(person)
    assert stand.versie_nummer == 2
    assert stand.due == dt.date(2025, 4, 29)


def gesprek_post(goal, **overrides):
    data = {
        "status": "gehouden",
        "datum": "2026-11-20",
        "deelnemers": "inburgeraar, klantmanager, tolk",
        "verslag": "Gaat goed met de lessen.",
        "plan_wijzigingen": "Extra oefenuur bij het Taalhuis.",
        "volgend_gesprek": "2027-01-15",
        f"doel-{goal.pk}-status": "bezig",
        f"doel-{goal.pk}-toelichting": "Twee keer geweest.",
    }
    data.update(overrides)
    return data


def test_recording_a_held_gesprek(first_pip, km, client_for):
    person = first_pip.pip.inburgeraar
    goal = first_pip.doelen.get()
    client = client_for(km)
    assert client.get(reverse("voortgang_create", args=[person.pk])).status_code == 200
    response = client.post(reverse("voortgang_create", args=[person.pk]), gesprek_post(goal))
    assert response.status_code == 302
    held = Voortgangsgesprek.objects.get(status=GesprekStatus.GEHOUDEN)
    assert held.datum == dt.date(2026, 11, 20) and held.vastgelegd_door == km
    assert DoelVoortgang.objects.get(gesprek=held, doel=goal).status == DoelStatus.BEZIG
    goal.refresh_from_db()
    assert goal.status == DoelStatus.BEZIG
    planned = Voortgangsgesprek.objects.get(status=GesprekStatus.GEPLAND)
    assert planned.datum == dt.date(2027, 1, 15)
    stand = services.voortgang_of(person)
    assert stand.last_held == dt.date(2026, 11, 20)
    assert stand.due == dt.date(2026, 11, 20) + dt.timedelta(weeks=8)
    listing = client.get(reverse("voortgang_list", args=[person.pk])).content.decode()
    assert "Gaat goed met de lessen." in listing and "Twee keer geweest." in listing


def test_held_gesprek_needs_a_verslag_and_saves_nothing_otherwise(first_pip, km, client_for):
    person = first_pip.pip.inburgeraar
    goal = first_pip.doelen.get()
    response = client_for(km).post(
        reverse("voortgang_create", args=[person.pk]), gesprek_post(goal, verslag="")
    )
    assert response.status_code == 200
    assert "Schrijf een verslag van het gesprek." in response.content.decode()
    assert not Voortgangsgesprek.objects.exists()
    goal.refresh_from_db()
    assert goal.status == DoelStatus.OPEN


def test_held_gesprek_cannot_be_in_the_future(first_pip, km, client_for):
    person = first_pip.pip.inburgeraar
    goal = first_pip.doelen.get()
    future = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    response = client_for(km).post(
        reverse("voortgang_create", args=[person.pk]), gesprek_post(goal, datum=future)
    )
    assert "Een gehouden gesprek kan niet in de toekomst liggen." in response.content.decode()
    assert not Voortgangsgesprek.objects.exists()


def test_planning_and_then_recording_a_gesprek(first_pip, km, client_for):
    person = first_pip.pip.inburgeraar
    goal = first_pip.doelen.get()
    client = client_for(km)
    client.post(
        reverse("voortgang_create", args=[person.pk]),
        {"status": "gepland", "datum": "2026-12-10"},
    )
    planned = Voortgangsgesprek.objects.get()
    assert planned.status == GesprekStatus.GEPLAND
    assert services.voortgang_of(person).gepland == dt.date(2026, 12, 10)
    response = client.post(
        reverse("voortgang_edit", args=[person.pk, planned.pk]),
        gesprek_post(goal, datum="2026-11-25", volgend_gesprek=""),
    )
    assert response.status_code == 302
    planned.refresh_from_db()
    assert planned.status == GesprekStatus.GEHOUDEN
    assert Voortgangsgesprek.objects.count() == 1


def test_no_gesprek_without_a_vastgesteld_pip(world, km, client_for):
    response = client_for(km).get(reverse("voortgang_create", args=[world.person.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("pip_overview", args=[world.person.pk])
