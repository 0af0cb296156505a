"""Every figure against the hand-computed data set of conftest.py."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from regie.monitoring import figures as f
from regie.monitoring import queries as q
from regie.monitoring import services
from tests.monitoring.conftest import TODAY


def test_suppress_hides_one_to_four_only():
    assert [f.suppress(n) for n in (0, 1, 4, 5, 12)] == [0, "<5", "<5", 5, 12]
    assert f.suppress("b1") == "b1"
    assert f.suppress(None) is None


@given(st.integers(min_value=0, max_value=10_000))
def test_no_suppressed_count_is_below_five(n):
    out = f.suppress(n)
    assert out == "<5" or out == 0 or out >= f.SUPPRESSION_THRESHOLD


def test_pure_figures_on_plain_rows():
    rows = [
        f.PersonRow(
            1,
            "asielmigrant",
            "aangemeld",
            dt.date(2026, 1, 1),
            pip_dagtekening=dt.date(2026, 3, 12),
        ),  # 70 days: within
        f.PersonRow(
            1,
            "asielmigrant",
            "aangemeld",
            dt.date(2026, 1, 1),
            pip_dagtekening=dt.date(2026, 3, 13),
        ),  # 71 days: later
        f.PersonRow(1, "gezinsmigrant", "aangemeld", None),
    ]
    assert f.pip_within_weeks(rows) == (1, 2)
    assert f.lead_times(rows)["pip"] == f.Duration(2, 70.5, 70.5)
    assert f.inflow_by_month(rows) == [("2026-01", {"asielmigrant": 2}, 2)]
    assert f.overdue_pips(rows, dt.date(2027, 1, 1)) == 0
    assert f.share(1, 3) == 33.3 and f.share(1, 0) is None


def _filters(world, **kw):
    return q.Filters(municipality_ids=(world.municipality.pk,), **kw)


def _table(tables, key):
    return next(t for t in tables if t.key == key)


@pytest.mark.django_db
def test_dashboard_figures(world, data):
    tables = services.dashboard_tables(_filters(world), TODAY)
    inflow = _table(tables, "instroom")
    assert inflow.headers[1:4] == ["Asielmigrant", "Gezinsmigrant", "Overige migrant"]
    assert inflow.rows == [
        ["2025-06", 1, 0, 0, 1],
        ["2026-08", 0, 1, 0, 1],
        ["2026-09", 2, 0, 0, 2],
    ]
    lead = _table(tables, "doorlooptijden").rows
    assert [r[1:] for r in lead] == [[2, 17.0, 17.0], [2, 35.0, 35.0], [2, 68.0, 68.0]]
    pip = _table(tables, "pip_tijdig").rows
    assert pip[0][1:] == [1, 50.0] and pip[1][1:] == [1, 50.0]
    assert pip[2][1] == 2  # world.person and p3: past 10 weeks without a PIP
    assert _table(tables, "leerroutes").rows == [
        ["B1-route", 1, 50.0],
        ["Zelfredzaamheidsroute (Z-route)", 1, 50.0],
    ]
    progress = _table(tables, "voortgang").rows
    assert progress[0][1] == 80 and progress[1][1] == 66 and progress[2][1] == 82.5
    assert _table(tables, "examens").rows == [["Lezen", 1, 1]]
    part = _table(tables, "participatie").rows
    assert part[0][1:] == [1, 4, 25.0]  # PVT
    assert part[1][1:] == [0, 4, 0.0]  # MAP
    assert part[2][1:] == [1, 2, 50.0]  # maatje of those wanting one
    ontz = _table(tables, "ontzorging")
    assert not ontz.unavailable and ontz.rows[0] == ["Actief", 1]


@pytest.mark.django_db
def test_filters_narrow_the_figures(world, data):
    gezin = services.dashboard_tables(_filters(world, doelgroep="gezinsmigrant"), TODAY)
    assert _table(gezin, "instroom").rows == [["2026-08", 0, 1, 0, 1]]
    b1 = services.dashboard_tables(_filters(world, leerroute="b1"), TODAY)
    assert _table(b1, "leerroutes").rows == [["B1-route", 1, 100.0]]
    cohort = services.dashboard_tables(_filters(world, cohort=2025), TODAY)
    assert _table(cohort, "instroom").rows == [["2025-06", 1, 0, 0, 1]]
    period = services.dashboard_tables(
        _filters(world, period_from=dt.date(2026, 8, 1), period_to=dt.date(2026, 8, 31)), TODAY
    )
    assert _table(period, "instroom").rows == [["2026-08", 0, 1, 0, 1]]
    by_aanbieder = services.dashboard_tables(
        _filters(world, aanbieder_id=world.aanbieder.pk), TODAY
    )
    # Only world.person has a Verwijzing to the aanbieder.
    assert _table(by_aanbieder, "instroom").rows == [["2026-09", 1, 0, 0, 1]]


@pytest.mark.django_db
def test_figures_not_yet_available_are_said_so(world):
    tables = services.dashboard_tables(_filters(world), TODAY)
    for key in ("pip_tijdig", "leerroutes", "voortgang", "examens", "ontzorging", "handhaving"):
        assert _table(tables, key).unavailable, key
    assert not _table(tables, "instroom").unavailable  # world.person has a kennisgeving
    assert {what for what, _ in services.not_available()} >= {"Uitstroom naar werk"}


@pytest.mark.django_db
def test_cohorts_split_asiel_and_gezin(world, data):
    asiel, gezin, overige = services.cohort_tables(_filters(world))
    # Cohort, persons, PIP, within 10 w, B1, onderwijs, Z, PVT, MAP, afgerond, onth., vertr.
    assert asiel.rows == [
        ["2025", 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
        ["2026", 2, 1, 1, 1, 0, 0, 1, 0, 0, 0, 0],
    ]
    assert gezin.rows == [["2026", 1, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0]]
    assert overige.unavailable
    assert asiel.suppressed().rows[1][1:4] == ["<5", "<5", "<5"]


@pytest.mark.django_db
def test_process_and_aanbieder_figures(world, data):
    stages, waiting, aanbieders = services.process_tables(_filters(world), TODAY)
    assert [r[1:] for r in stages.rows] == [[2, 17.0, 17.0], [2, 18.0, 18.0], [2, 33.0, 33.0]]
    assert waiting.rows[0][1:] == [2, 2]  # world.person and p3 wait for an intake
    assert waiting.rows[1][1:] == [0, 0]
    (toptaal,) = aanbieders.rows
    assert toptaal[0] == "Toptaal"
    assert toptaal[1:] == [1, 80, 66, 82.5, 1, 1, 0, 0]


@pytest.mark.django_db
def test_borging(world, data):
    from tests.factories import ActivityFactory, AttendanceFactory, EnrolmentFactory, SessionFactory

    session = SessionFactory(
        activity=ActivityFactory(municipality=world.municipality, name="Kletsplek")
    )
    for person in (data.p1, data.p2):
        enrolment = EnrolmentFactory(inburgeraar=person, session=session)
        AttendanceFactory(enrolment=enrolment, date=dt.date(2026, 2, 2))
        AttendanceFactory(enrolment=enrolment, date=dt.date(2026, 2, 9), status="afgemeld")
    participation, funding = services.borging_tables(_filters(world))
    assert participation.rows == [["Kletsplek", 2026, 2, 3]]
    assert funding.unavailable
