"""Uitstroom in the monitoring (issue 20 point 5): outflow to work, education and out of
bijstand measured at 6, 12, 24 and 36 months after the first vastgestelde PIP, per cohort
and leerroute, from recorded facts; small cells suppressed in exports; constant queries."""

import datetime as dt

import pytest
from django.urls import reverse

from regie.core.roles import Role
from regie.monitoring import figures as f
from regie.monitoring import queries as q
from regie.monitoring import services
from regie.work.models import Uitstroom
from tests.factories import InburgeraarFactory
from tests.monitoring.conftest import pip

D = dt.date


def test_add_months_keeps_the_day_or_takes_the_last_of_the_month():
    assert f.add_months(D(2022, 3, 15), 6) == D(2022, 9, 15)
    assert f.add_months(D(2022, 8, 31), 6) == D(2023, 2, 28)
    assert f.add_months(D(2023, 8, 31), 6) == D(2024, 2, 29)
    assert f.add_months(D(2022, 11, 30), 36) == D(2025, 11, 30)


def test_outflow_cells_by_hand():
    rows = [
        # PIP 2022-06-01: work at 2022-10-01 (within 6 months), bijstand partly at 13 months.
        f.OutflowRow(
            2022,
            "b1",
            D(2022, 6, 1),
            {"betaald_werk": D(2022, 10, 1), "uit_bijstand:gedeeltelijk": D(2023, 7, 1)},
        ),
        # PIP 2022-09-01: nothing.
        f.OutflowRow(2022, "b1", D(2022, 9, 1), {}),
        # PIP 2024-01-10: 12 months not yet reached on 2024-12-31.
        f.OutflowRow(2023, "z", D(2024, 1, 10), {"onderwijs": D(2024, 3, 1)}),
    ]
    keys = ("betaald_werk", "onderwijs", "uit_bijstand:gedeeltelijk")
    cells = {
        (c.cohort, c.leerroute, c.months): (c.measured, c.counts)
        for c in f.outflow_cells(rows, keys, D(2024, 12, 31))
    }
    assert cells[(2022, "b1", 6)] == (
        2,
        {"betaald_werk": 1, "onderwijs": 0, "uit_bijstand:gedeeltelijk": 0},
    )
    assert cells[(2022, "b1", 12)][1]["uit_bijstand:gedeeltelijk"] == 0
    assert cells[(2022, "b1", 24)] == (
        2,
        {"betaald_werk": 1, "onderwijs": 0, "uit_bijstand:gedeeltelijk": 1},
    )
    assert cells[(2022, "b1", 36)][0] == 0  # 2025-06-01 is after the day of measuring
    assert cells[(2023, "z", 6)] == (
        1,
        {"betaald_werk": 0, "onderwijs": 1, "uit_bijstand:gedeeltelijk": 0},
    )
    assert cells[(2023, "z", 12)][0] == 0


def test_a_row_for_several_persons_counts_each_of_them():
    """The monitoring facts give one row for the persons of a cohort, route and PIP date
    without outflow: it counts as that many rows of one person."""
    one = f.OutflowRow(2022, "b1", D(2022, 6, 1), {"betaald_werk": D(2022, 10, 1)})
    alike = f.OutflowRow(2022, "b1", D(2022, 6, 1), {})
    keys = ("betaald_werk", "onderwijs")
    grouped = f.outflow_cells([one, alike._replace(persons=3)], keys, D(2024, 12, 31))
    separate = f.outflow_cells([one, alike, alike, alike], keys, D(2024, 12, 31))
    assert grouped == separate
    assert grouped[0].measured == 4 and grouped[0].counts == {"betaald_werk": 1, "onderwijs": 0}


def _outflow(person, soort, datum, **facts):
    return Uitstroom.objects.create(inburgeraar=person, soort=soort, datum=datum, **facts)


@pytest.fixture
def cohort(world):
    muni = world.municipality
    people = []
    for index in range(6):
        person = InburgeraarFactory(municipality=muni, kennisgeving_date=D(2022, 3, 1 + index))
        pip(person, D(2022, 5, 1), "b1" if index < 5 else "z")
        people.append(person)
    for person in people[:4]:
        _outflow(person, "betaald_werk", D(2022, 9, 1), uren_per_week=24, contract="vast")
    _outflow(people[0], "uit_bijstand", D(2023, 3, 1), bijstand="volledig")
    _outflow(people[5], "onderwijs", D(2023, 2, 1), opleiding="Entree", niveau="mbo1")
    # Another municipality counts nowhere here.
    stranger = world.stranger
    pip(stranger, D(2022, 5, 1), "b1")
    _outflow(stranger, "betaald_werk", D(2022, 6, 1), uren_per_week=40, contract="vast")
    return people


def _rows(table):
    return {(r[0], r[1], r[2]): r[3:] for r in table.rows}


@pytest.mark.django_db
def test_outflow_tables_from_recorded_facts(world, cohort):
    filters = q.Filters(municipality_ids=(world.municipality.pk,))
    tables = {t.key: t for t in services.cohort_tables(filters, D(2026, 12, 31))}
    work = _rows(tables["uitstroom_werk"])
    assert work[("2022", "B1-route", "6 maanden")] == [5, 4]
    assert work[("2022", "Zelfredzaamheidsroute (Z-route)", "36 maanden")] == [1, 0]
    education = _rows(tables["uitstroom_onderwijs"])
    assert education[("2022", "Zelfredzaamheidsroute (Z-route)", "6 maanden")] == [1, 0]
    assert education[("2022", "Zelfredzaamheidsroute (Z-route)", "12 maanden")] == [1, 1]
    bijstand = _rows(tables["uitstroom_bijstand"])
    assert bijstand[("2022", "B1-route", "6 maanden")] == [5, 0, 0]
    assert bijstand[("2022", "B1-route", "12 maanden")] == [5, 1, 0]
    # Leaving the municipality: counts under 5 are hidden, 0 stays.
    suppressed = _rows(tables["uitstroom_bijstand"].suppressed())
    assert suppressed[("2022", "B1-route", "12 maanden")] == [5, "<5", 0]
    # Filtering on the leerroute keeps only that route.
    only_z = q.Filters(municipality_ids=(world.municipality.pk,), leerroute="z")
    tables = {t.key: t for t in services.cohort_tables(only_z, D(2026, 12, 31))}
    assert {r[1] for r in tables["uitstroom_werk"].rows} == {"Zelfredzaamheidsroute (Z-route)"}


@pytest.mark.django_db
def test_regisseur_sees_outflow_on_the_cohort_page_in_constant_queries(
    world, cohort, client_for, travel, django_assert_max_num_queries
):
    travel("2026-12-31")
    client = client_for(world.users[Role.REGISSEUR])
    url = reverse("monitoring_cohorts")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        page = client.get(url).content.decode()
    assert "Uitstroom naar betaald werk" in page
    assert "Uitstroom naar onderwijs" in page
    assert "Uitstroom uit de bijstand" in page
    assert "24 maanden" in page
    for index in range(20):
        person = InburgeraarFactory(
            municipality=world.municipality, kennisgeving_date=D(2023, 1, 1 + index)
        )
        pip(person, D(2023, 3, 1), "onderwijs")
        _outflow(person, "onderwijs", D(2024, 1, 1), opleiding="Vavo", niveau="vavo")
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url).content.decode()
    assert "Onderwijsroute" in page
    for person in cohort:
        assert person.last_name not in page
