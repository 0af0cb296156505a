"""The PIP target counted from housing is lokaal beleid (figure pip_termijn_na_huisvesting_weken,
a beleidsregel 'naast' the law): it is shown beside the statutory deadline of Besluit
inburgering 2021 art. 5.3 in the werkvoorraad and the person's file, counts with the
Algemene termijnenwet, is never shown past the statutory deadline and never replaces it
(issue 18, point 7)."""

import datetime as dt

import pytest
from django.urls import reverse

from regie import rules
from regie.core.extensions import werkvoorraad
from regie.core.localrules import set_local_value
from regie.core.roles import Role
from regie.people.workitems import pip_deadline, pip_target

pytestmark = pytest.mark.django_db

TARGET = "PIP vaststellen: lokaal streven"


def _person(world, *, kennisgeving, housing, brp=None, from_housing=True):
    world.municipality.pip_deadline_from_housing = from_housing
    world.municipality.save()
    person = world.person
    person.status = "aangemeld"
    person.kennisgeving_date = kennisgeving
    person.brp_date = brp
    person.housing_date = housing
    person.klantmanager = world.users[Role.KLANTMANAGER]
    person.save()
    return person


def _items(user, today):
    return {
        str(item.what): item.due
        for section in werkvoorraad(user, today)
        for item in section.items
        if str(item.what).startswith("PIP vaststellen")
    }


def test_the_target_stands_beside_the_statutory_deadline(travel, world, client_for):
    travel("2026-03-02")
    # Kennisgeving 5 January, BRP registration 2 February (statutory: 13 April); housed
    # 19 January: ten weeks later is 30 March.
    person = _person(
        world,
        kennisgeving=dt.date(2026, 1, 5),
        brp=dt.date(2026, 2, 2),
        housing=dt.date(2026, 1, 19),
    )
    statutory = rules.pip_deadline(dt.date(2026, 1, 5), dt.date(2026, 2, 2))
    assert statutory == dt.date(2026, 4, 13) and pip_deadline(person) == statutory
    assert pip_target(person) == dt.date(2026, 3, 30)
    klantmanager = world.users[Role.KLANTMANAGER]
    # Eight weeks: 16 March, within the two-week window; the statutory deadline is not.
    set_local_value(world.municipality, "pip_termijn_na_huisvesting_weken", 8, "beheerder")
    person.municipality._local_rules = None
    assert pip_target(person) == dt.date(2026, 3, 16)
    items = _items(klantmanager, dt.date(2026, 3, 2))
    assert items == {f"{TARGET} (8 weken na huisvesting)": dt.date(2026, 3, 16)}
    # The caseload list shows the next one; the person's file shows both, the statutory
    # one as binding.
    page = client_for(klantmanager).get(reverse("person_list")).content.decode()
    assert f"{TARGET} (8 weken na huisvesting): 16-03-2026" in page
    page = client_for(klantmanager).get(reverse("person_detail", args=[person.pk]))
    assert (
        "PIP: lokaal streven 16 maart 2026; wettelijke termijn uiterlijk 13 april 2026"
        in page.content.decode()
    )


def test_the_target_counts_with_the_atw(world):
    # Housed Friday 23 January 2026: ten weeks later is Goede Vrijdag (3 April), then the
    # weekend and Easter Monday: the target is Tuesday 7 April.
    person = _person(world, kennisgeving=dt.date(2026, 2, 1), housing=dt.date(2026, 1, 23))
    assert pip_deadline(person) == dt.date(2026, 4, 13)
    assert pip_target(person) == dt.date(2026, 4, 7)


def test_the_target_is_never_shown_past_the_statutory_deadline(world):
    # Housed after the kennisgeving: the target would come after the statutory deadline.
    person = _person(world, kennisgeving=dt.date(2026, 1, 5), housing=dt.date(2026, 2, 20))
    assert pip_deadline(person) == dt.date(2026, 3, 16)
    assert pip_target(person) is None


def test_a_gezinsmigrant_without_housing_date_keeps_the_statutory_deadline(world):
    person = _person(world, kennisgeving=dt.date(2026, 1, 5), housing=None)
    assert pip_deadline(person) == dt.date(2026, 3, 16)
    assert pip_target(person) is None


def test_the_statutory_term_ignores_the_local_weeks(world):
    person = _person(
        world, kennisgeving=dt.date(2026, 1, 5), housing=dt.date(2026, 1, 5), from_housing=False
    )
    set_local_value(world.municipality, "pip_termijn_na_huisvesting_weken", 6, "beheerder")
    person.municipality._local_rules = None
    assert pip_deadline(person) == dt.date(2026, 3, 16)
    assert pip_target(person) is None
