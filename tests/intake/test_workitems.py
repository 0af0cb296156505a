"""The klantmanager's werkvoorraad from the intake: brede intakes to plan and toets
no-shows needing a new invitation; a constant number of queries whatever the caseload."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from regie.core.extensions import werkvoorraad
from regie.core.roles import Role
from regie.intake.workitems import intake_work
from tests.factories import (
    BredeIntakeFactory,
    InburgeraarFactory,
    IntakeOproepFactory,
    LeerbaarheidstoetsFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 1)


def sections(user):
    return {s.key: s for s in intake_work(user, TODAY)}


def test_brede_intake_plannen_lists_own_and_team_aangemeld_without_intake(world):
    km = world.users[Role.KLANTMANAGER]
    colleague = UserFactory(organisation=world.uitvoerder, team=km.team, roles=[Role.KLANTMANAGER])
    other_team = UserFactory(organisation=world.uitvoerder, roles=[Role.KLANTMANAGER])
    teams = InburgeraarFactory(municipality=world.municipality, klantmanager=colleague)
    started = InburgeraarFactory(municipality=world.municipality, klantmanager=km)
    BredeIntakeFactory(inburgeraar=started)
    InburgeraarFactory(municipality=world.municipality, klantmanager=other_team)
    InburgeraarFactory(municipality=world.municipality, klantmanager=None)  # the queue
    InburgeraarFactory(municipality=world.municipality, klantmanager=km, status="in_uitvoering")
    InburgeraarFactory(municipality=world.municipality, klantmanager=km, ondertussengroep=True)
    items = sections(km)["intake_to_plan"].items
    assert {item.person.pk for item in items} == {world.person.pk, teams.pk}
    assert items[0].url == reverse("intake_gesprek_add", args=[items[0].person.pk])
    # The due date is the PIP deadline (10 weeks after the kennisgeving).
    assert items[0].due == dt.date(2026, 11, 10)


def test_toets_no_show_until_a_new_invitation(world):
    km = world.users[Role.KLANTMANAGER]
    toets = LeerbaarheidstoetsFactory(inburgeraar=world.person, no_show=True)
    items = sections(km)["toets_no_show"].items
    assert [item.person.pk for item in items] == [world.person.pk]
    assert "1×" in items[0].what
    assert items[0].url == reverse("toets_plan", args=[world.person.pk])
    LeerbaarheidstoetsFactory(inburgeraar=world.person, date=toets.date + dt.timedelta(days=14))
    assert sections(km)["toets_no_show"].items == []


def test_two_no_shows_are_counted(world):
    km = world.users[Role.KLANTMANAGER]
    LeerbaarheidstoetsFactory(inburgeraar=world.person, no_show=True)
    LeerbaarheidstoetsFactory(inburgeraar=world.person, no_show=True)
    assert "2×" in sections(km)["toets_no_show"].items[0].what


@pytest.mark.parametrize("role", [r for r in Role if r != Role.KLANTMANAGER])
def test_other_roles_get_no_intake_work(world, role):
    LeerbaarheidstoetsFactory(inburgeraar=world.person, no_show=True)
    assert intake_work(world.users[role], TODAY) == []


def _caseload(world, km, n):
    for index in range(n):
        person = InburgeraarFactory(municipality=world.municipality, klantmanager=km)
        if index % 2:
            LeerbaarheidstoetsFactory(inburgeraar=person, no_show=True)
            person.status = "intake"
            person.save()
        elif index % 3 == 0:
            IntakeOproepFactory(inburgeraar=person)


def _count(user):
    with CaptureQueriesContext(connection) as captured:
        result = intake_work(user, TODAY)
    return len(captured), sum(len(s.items) for s in result)


def test_query_count_is_constant_for_3_and_30_persons(world):
    km = world.users[Role.KLANTMANAGER]
    _caseload(world, km, 3)
    intake_work(km, TODAY)  # warm the user's cached roles and municipalities
    few, few_items = _count(km)
    _caseload(world, km, 27)
    many, many_items = _count(km)
    assert many_items > few_items
    # intakes to plan, toets no-shows, open oproepen (Wi art. 14): one query each.
    assert few == many == 3


def test_werkvoorraad_page_shows_the_sections(world, client_for):
    km = world.users[Role.KLANTMANAGER]
    LeerbaarheidstoetsFactory(inburgeraar=world.person, no_show=True)
    content = client_for(km).get(reverse("home")).content.decode()
    assert "Brede intake plannen" in content
    assert "Leerbaarheidstoets: niet verschenen" in content
    keys = [s.key for s in werkvoorraad(km, TODAY)]
    assert "intake_to_plan" in keys and "toets_no_show" in keys
