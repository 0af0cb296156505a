"""Placements and outflow per leerroute (issue 20, point 5): the pure count by hand, the
regisseur's table on the cohort page (suppressed in exports), the aanbieder's view of its
own participants (counts only, small cells as '<5'), both in constant queries."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from regie.core.roles import Role
from regie.monitoring import queries as q
from regie.monitoring import services
from regie.people.models import VerwijzingStatus
from regie.work import outcomes
from regie.work.models import Plaatsing, PlekSoort, Uitstroom
from tests.factories import InburgeraarFactory, VerwijzingFactory
from tests.monitoring.conftest import pip
from tests.work.matrix import make_plek

D = dt.date


def test_per_route_by_hand():
    routes = {1: "b1", 2: "b1", 3: "z", 4: "onderwijs"}
    placements = [
        (1, "lopend", "werkervaring"),
        (1, "afgerond", "vrijwilligerswerk"),
        (2, "gestopt", "werkervaring"),
        (3, "voorgesteld", "vrijwilligerswerk"),
        (9, "lopend", "betaald"),  # not among the persons: not counted
    ]
    outflow = [(1, "betaald_werk"), (1, "betaald_werk"), (2, "uit_bijstand"), (9, "onderwijs")]
    rows = {r.leerroute: r for r in outcomes.per_route(routes, placements, outflow)}
    assert [r.leerroute for r in outcomes.per_route(routes, placements, outflow)] == [
        "b1",
        "onderwijs",
        "z",
    ]
    assert rows["b1"].persons == 2
    assert rows["b1"].by_status == {"lopend": 1, "afgerond": 1, "gestopt": 1}
    assert rows["b1"].by_soort == {"werkervaring": 2, "vrijwilligerswerk": 1}
    assert rows["b1"].outflow == {"betaald_werk": 1, "uit_bijstand": 1}
    assert rows["z"].by_status == {"voorgesteld": 1} and rows["z"].outflow == {}
    assert rows["onderwijs"].persons == 1 and rows["onderwijs"].by_status == {}
    # The columns: 4 statuses, 4 soorten, 3 kinds of outflow.
    assert outcomes.values(rows["b1"]) == [0, 1, 1, 1, 2, 0, 1, 0, 1, 0, 1]


def _place(person, plek, status, **kwargs):
    return Plaatsing.objects.create(
        inburgeraar=person,
        plek=plek,
        start=D(2025, 3, 1),
        hours_per_week=16,
        status=status,
        **kwargs,
    )


@pytest.fixture
def participants(world):
    """Six persons of world's municipality with a PIP (five B1, one Z), referred to world's
    aanbieder (accepted), with placements and outflow; and a stranger's placement."""
    plek = make_plek(world.municipality, capacity=20)
    volunteer = make_plek(world.municipality, capacity=20, name="Kluspunt")
    volunteer.soort = PlekSoort.VRIJWILLIGERSWERK
    volunteer.save()
    people = []
    for index in range(6):
        person = InburgeraarFactory(
            municipality=world.municipality,
            kennisgeving_date=D(2024, 3, 1 + index),
            last_name=f"Deelnemer{index}",
        )
        route = "b1" if index < 5 else "z"
        pip(person, D(2024, 5, 1), route)
        VerwijzingFactory(
            inburgeraar=person,
            aanbieder=world.aanbieder,
            status=VerwijzingStatus.GEACCEPTEERD,
            leerroute=route,
        )
        people.append(person)
    for person in people[:5]:
        _place(person, plek, "lopend")
    _place(people[0], volunteer, "afgerond", end=D(2025, 6, 1))
    _place(people[5], volunteer, "gestopt", end=D(2025, 4, 1), stop_reden="verhuizing")
    Uitstroom.objects.create(
        inburgeraar=people[1],
        soort="betaald_werk",
        datum=D(2025, 9, 1),
        uren_per_week=24,
        contract="vast",
    )
    pip(world.stranger, D(2024, 5, 1), "b1")
    _place(world.stranger, make_plek(world.other_municipality), "lopend")
    return people


@pytest.mark.django_db
def test_the_regisseurs_table_per_leerroute(world, participants):
    filters = q.Filters(municipality_ids=(world.municipality.pk,))
    tables = {t.key: t for t in services.cohort_tables(filters, D(2026, 12, 31))}
    table = tables["werk_per_leerroute"]
    assert table.headers[:3] == ["Leerroute", "Personen met een PIP", "Plaatsingen: Voorgesteld"]
    assert "Op plek: Vrijwilligerswerk" in table.headers
    assert "Uitstroom: Betaald werk" in table.headers
    rows = {r[0]: r[1:] for r in table.rows}
    #           persons, voorg, lopend, afgerond, gestopt, werkerv, stage, vrijw, betaald,
    #           uitstroom werk, onderwijs, bijstand
    assert rows["B1-route"] == [5, 0, 5, 1, 0, 5, 0, 1, 0, 1, 0, 0]
    assert rows["Zelfredzaamheidsroute (Z-route)"] == [1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0]
    # In an export the small counts are hidden, 0 stays.
    suppressed = {r[0]: r[1:] for r in table.suppressed().rows}
    assert suppressed["B1-route"] == [5, 0, 5, "<5", 0, 5, 0, "<5", 0, "<5", 0, 0]


@pytest.mark.django_db
def test_the_cohort_page_shows_it_in_constant_queries(
    world, participants, client_for, travel, django_assert_max_num_queries
):
    travel("2026-12-31")
    client = client_for(world.users[Role.REGISSEUR])
    url = reverse("monitoring_cohorts")
    with CaptureQueriesContext(connection) as few:
        page = client.get(url).content.decode()
    assert "Participatie en uitstroom per leerroute" in page
    assert "Plaatsingen: Lopend" in page
    plek = make_plek(world.municipality, capacity=50, name="Groot")
    for _index in range(25):
        person = InburgeraarFactory(municipality=world.municipality)
        pip(person, D(2024, 6, 1), "onderwijs")
        _place(person, plek, "lopend")
        Uitstroom.objects.create(inburgeraar=person, soort="onderwijs", datum=D(2025, 9, 1))
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url).content.decode()
    assert "Onderwijsroute" in page
    assert "Deelnemer1" not in page


@pytest.mark.django_db
def test_the_aanbieder_sees_counts_of_its_own_participants_only(
    world, participants, client_for, django_assert_max_num_queries
):
    client = client_for(world.users[Role.AANBIEDER])
    assert (
        "Werk en uitstroom van uw deelnemers" in client.get(reverse("portal_home")).content.decode()
    )
    url = reverse("portal_werk")
    with CaptureQueriesContext(connection) as few:
        page = client.get(url).content.decode()
    assert "Werk en uitstroom van uw deelnemers" in page
    cells = page.split("<tbody>")[1].split("</tbody>")[0]
    # B1: 5 participants, 5 running, 1 ended, 5 werkervaring, 1 volunteer, 1 to work;
    # counts under 5 show as '<5' (escaped in the page).
    assert (
        '<tr><th scope="row">B1-route</th><td>5</td><td>0</td><td>5</td><td>&lt;5</td>'
        "<td>0</td><td>5</td><td>0</td><td>&lt;5</td><td>0</td><td>&lt;5</td><td>0</td>"
        "<td>0</td></tr>"
    ) in cells
    assert "Zelfredzaamheidsroute (Z-route)" in cells
    # No name, and nothing of the other aanbieder's or municipality's persons.
    for person in participants:
        assert person.last_name not in page
    # A participant of another aanbieder is not counted; more participants, same queries.
    other = InburgeraarFactory(municipality=world.municipality)
    VerwijzingFactory(inburgeraar=other, status=VerwijzingStatus.GEACCEPTEERD, leerroute="b1")
    plek = make_plek(world.municipality, capacity=50, name="Groot")
    _place(other, plek, "lopend")
    for _index in range(10):
        person = InburgeraarFactory(municipality=world.municipality)
        VerwijzingFactory(
            inburgeraar=person,
            aanbieder=world.aanbieder,
            status=VerwijzingStatus.GEACCEPTEERD,
            leerroute="b1",
        )
        _place(person, plek, "voorgesteld")
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url).content.decode()
    cells = page.split("<tbody>")[1].split("</tbody>")[0]
    assert '<tr><th scope="row">B1-route</th><td>15</td><td>10</td><td>5</td>' in cells


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.KLANTMANAGER, Role.REGISSEUR, Role.JOBCOACH])
def test_only_the_aanbieder_opens_the_portal_page(world, client_for, role):
    assert client_for(world.users[role]).get(reverse("portal_werk")).status_code == 403
