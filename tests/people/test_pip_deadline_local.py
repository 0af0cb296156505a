"""The PIP term counted from housing is lokaal beleid, and so is its number of weeks
(figure pip_termijn_na_huisvesting_weken): the werkvoorraad, the caseload deadline and the
intake queue all use the municipality's own value."""

import datetime as dt

import pytest
from django.urls import reverse

from regie.core.extensions import werkvoorraad
from regie.core.localrules import set_local_value
from regie.core.roles import Role
from regie.people.workitems import pip_deadline

pytestmark = pytest.mark.django_db


def _housed_seven_weeks_ago(world):
    today = dt.date.today()
    world.municipality.pip_deadline_from_housing = True
    world.municipality.save()
    person = world.person
    person.status = "aangemeld"
    person.kennisgeving_date = today - dt.timedelta(weeks=8)
    person.housing_date = today - dt.timedelta(weeks=7)
    person.klantmanager = world.users[Role.KLANTMANAGER]
    person.save()
    return person, today


def _pip_items(user, today):
    return [
        item
        for section in werkvoorraad(user, today)
        for item in section.items
        if str(item.what) == "PIP vaststellen"
    ]


def test_the_municipalitys_weeks_decide_the_deadline(world, client_for):
    person, today = _housed_seven_weeks_ago(world)
    klantmanager = world.users[Role.KLANTMANAGER]
    # Ten weeks (the default): due in three weeks, outside the two-week window.
    assert pip_deadline(person) == person.housing_date + dt.timedelta(weeks=10)
    assert _pip_items(klantmanager, today) == []
    # Eight weeks: due in one week.
    set_local_value(world.municipality, "pip_termijn_na_huisvesting_weken", 8, "beheerder")
    person.municipality._local_rules = None
    due = person.housing_date + dt.timedelta(weeks=8)
    assert pip_deadline(person) == due
    [item] = _pip_items(klantmanager, today)
    assert item.person == person and item.due == due
    # The caseload list shows the same deadline.
    page = client_for(klantmanager).get(reverse("person_list")).content.decode()
    assert f"PIP vaststellen: {due:%d-%m-%Y}" in page


def test_the_statutory_term_ignores_the_local_weeks(world):
    person, _today = _housed_seven_weeks_ago(world)
    world.municipality.pip_deadline_from_housing = False
    world.municipality.save()
    set_local_value(world.municipality, "pip_termijn_na_huisvesting_weken", 6, "beheerder")
    person.municipality._local_rules = None
    assert pip_deadline(person) >= person.kennisgeving_date + dt.timedelta(weeks=10)
