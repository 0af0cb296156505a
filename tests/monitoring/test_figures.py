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
    assert f.pip_on_time(rows) == (1, 2)
    assert f.lead_times(rows)["pip"] == f.Duration(2, 70.5, 70.5)
    assert f.inflow_by_month(rows) == [("2026-01", {"asielmigrant": 2}, 2)]
    assert f.overdue_pips(rows, dt.date(2027, 1, 1)) == 0
    assert f.share(1, 3) == 33.3 and f.share(1, 0) is None


def _row(kennisgeving, pip=None, **kw):
    return f.PersonRow(1, "asielmigrant", "aangemeld", kennisgeving, pip_dagtekening=pip, **kw)


def test_pip_term_statutory_by_hand():
    # 2026-01-01 is a Thursday: + 10 weeks = Thursday 2026-03-12.
    assert f.pip_deadline(_row(dt.date(2026, 1, 1))) == dt.date(2026, 3, 12)
    # A later BRP registration moves the start (art. 5.3 lid 1): 2026-01-15 -> 2026-03-26.
    assert f.pip_deadline(_row(dt.date(2026, 1, 1), brp_date=dt.date(2026, 1, 15))) == dt.date(
        2026, 3, 26
    )
    # 2026-08-01 + 10 weeks = Saturday 2026-10-10: the Atw moves it to Monday 2026-10-12.
    assert f.pip_deadline(_row(dt.date(2026, 8, 1))) == dt.date(2026, 10, 12)
    # Outside the Wet inburgering 2021 there is no PIP term.
    assert f.pip_deadline(_row(dt.date(2026, 1, 1), regime="wi2013")) is None
    rows = [
        _row(dt.date(2026, 8, 1), dt.date(2026, 10, 12)),  # on the Atw day: on time
        _row(dt.date(2026, 1, 1), dt.date(2026, 3, 20), brp_date=dt.date(2026, 1, 15)),  # on time
        _row(dt.date(2026, 1, 1), dt.date(2026, 3, 20)),  # 8 days late
        _row(dt.date(2026, 1, 1), dt.date(2026, 2, 1), regime="wi2013"),  # not counted
        _row(dt.date(2026, 1, 1)),  # no PIP: overdue on 2026-04-01
        _row(dt.date(2026, 3, 1)),  # no PIP, deadline 2026-05-10: not yet
    ]
    assert f.pip_on_time(rows) == (2, 3)
    assert f.overdue_pips(rows, dt.date(2026, 4, 1)) == 1


def test_the_local_target_after_housing_does_not_replace_the_statutory_deadline():
    # Issue 18 (7): the municipality's target "PIP within N weeks after housing" stands
    # beside the statutory deadline; the indicator counts the statutory one.
    housed = {"housing_date": dt.date(2026, 2, 1), "pip_from_housing": True}
    assert f.pip_deadline(_row(dt.date(2026, 1, 1), **housed)) == dt.date(2026, 3, 12)
    eight = _row(dt.date(2026, 1, 1), dt.date(2026, 3, 12), pip_housing_weeks=8, **housed)
    assert f.pip_deadline(eight) == f.pip_deadline(eight._replace(pip_from_housing=False))
    # A person without a housing date keeps the statutory deadline.
    no_housing = _row(dt.date(2026, 1, 1), pip_from_housing=True)
    assert f.pip_deadline(no_housing) == dt.date(2026, 3, 12)
    assert f.overdue_pips([no_housing], dt.date(2026, 3, 13)) == 1


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
def test_pip_share_counts_the_statutory_term_whatever_the_local_target(world, data):
    """A municipality with a local target after housing gets the same statutory indicator
    as its werkvoorraad's binding deadline (issue 18, point 7)."""
    from regie.core.localrules import set_local_value
    from regie.people.models import Inburgeraar
    from regie.people.workitems import pip_deadline

    before = _table(services.dashboard_tables(_filters(world), TODAY), "pip_tijdig").rows
    muni = world.municipality
    muni.pip_deadline_from_housing = True
    muni.save()
    set_local_value(muni, "pip_termijn_na_huisvesting_weken", 6, "beheerder")
    Inburgeraar.objects.filter(municipality=muni).update(housing_date=dt.date(2026, 8, 20))
    after = _table(services.dashboard_tables(_filters(world), TODAY), "pip_tijdig").rows
    assert after == before
    rows = {r.kennisgeving: r for r in q.person_rows(_filters(world))}
    for person in Inburgeraar.objects.filter(pk__in=[world.person.pk, data.p3.pk]):
        person.municipality._local_rules = None
        if person.kennisgeving_date in rows:
            assert pip_deadline(person) == f.pip_deadline(rows[person.kennisgeving_date])


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
    assert services.not_available() == []  # outflow is recorded since issue 20


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
    """Participation and allocated funding per activity and year, by hand."""
    from decimal import Decimal as D

    from regie.finance.models import Financiering, FundingAllocation
    from tests.factories import ActivityFactory, AttendanceFactory, EnrolmentFactory, SessionFactory

    muni = world.municipality
    kletsplek = ActivityFactory(municipality=muni, name="Kletsplek")
    taalcafe = ActivityFactory(municipality=muni, name="Taalcafé")
    session = SessionFactory(activity=kletsplek)  # 13:30-15:00: 1.5 hours
    for person in (data.p1, data.p2):
        enrolment = EnrolmentFactory(inburgeraar=person, session=session)
        AttendanceFactory(enrolment=enrolment, date=dt.date(2026, 2, 2))
        AttendanceFactory(enrolment=enrolment, date=dt.date(2026, 2, 9), status="afgemeld")
        if person == data.p1:
            AttendanceFactory(enrolment=enrolment, date=dt.date(2025, 11, 3))
    spuk26 = Financiering.objects.create(municipality=muni, jaar=2026, soort="spuk", bedrag=10000)
    spuk25 = Financiering.objects.create(municipality=muni, jaar=2025, soort="spuk", bedrag=8000)
    Financiering.objects.create(
        municipality=muni, jaar=2026, soort="integratie_uitkering", bedrag=5000
    )
    FundingAllocation.objects.create(funding=spuk26, activity=kletsplek, amount=6000)
    FundingAllocation.objects.create(funding=spuk26, activity=taalcafe, amount=1000)
    FundingAllocation.objects.create(funding=spuk25, activity=kletsplek, amount=3000)
    # Another municipality's funding and allocation count nowhere here.
    elders = Financiering.objects.create(
        municipality=world.other_municipality, jaar=2026, soort="spuk", bedrag=999
    )
    FundingAllocation.objects.create(
        funding=elders,
        activity=ActivityFactory(municipality=world.other_municipality),
        amount=999,
    )

    participation, funding = services.borging_tables(_filters(world))
    assert participation.rows == [
        ["Kletsplek", 2025, 1, D("1.5"), D(3000), D("3000.00")],
        ["Kletsplek", 2026, 2, D("3.0"), D(6000), D("3000.00")],
        ["Taalcafé", 2026, 0, 0, D(1000), "—"],
    ]
    assert funding.rows == [
        ["2025", "SPUK inburgeringsvoorzieningen", D(8000), D(3000), D(5000)],
        ["2026", "Integratie-uitkering (uitvoeringskosten)", D(5000), D(0), D(5000)],
        ["2026", "SPUK inburgeringsvoorzieningen", D(10000), D(7000), D(3000)],
    ]
    assert "niet per activiteit" not in participation.note + funding.note
    # Leaving the municipality: the participant counts are suppressed, the money is not.
    assert participation.suppressed().rows[1][2:5] == ["<5", D("3.0"), D(6000)]


@pytest.mark.django_db
def test_borging_without_data_says_so(world):
    participation, funding = services.borging_tables(_filters(world))
    assert participation.unavailable and funding.unavailable
