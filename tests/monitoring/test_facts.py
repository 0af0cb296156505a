"""The monitoring facts (regie.monitoring.facts): every figure of the dashboard, cohorten,
proces and Borging computed from the facts equals the one computed from the source
tables, on generated data (the demo municipalities plus generated ones, with attendance,
outflow, route changes, moves); the wide pages read the facts and say their stand; the
narrow pages stay live."""

import dataclasses
import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from regie.core.models import Municipality, Organisation, RoleAssignment, User
from regie.core.roles import OrganisationType, Role
from regie.demo.data import DemoBuilder
from regie.demo.scale import ScaleBuilder
from regie.monitoring import facts, services
from regie.monitoring.models import EnrolmentYearFact, FactStand, PersonFact
from regie.monitoring.queries import Filters
from regie.people.models import Inburgeraar
from regie.plans.models import PIPVersie, VersieStatus

pytestmark = pytest.mark.django_db

MUNICIPALITIES = 12  # more than LIVE_UP_TO_MUNICIPALITIES: a wide view


def _generate():
    DemoBuilder().build()
    ScaleBuilder(480, municipalities=MUNICIPALITIES, stream=io.StringIO(), attendance=6000).build()
    # A route change (two vastgestelde versions with different leerroutes) for a generated
    # person: the generator gives everyone one version.
    version = (
        PIPVersie.objects.filter(status=VersieStatus.VASTGESTELD, leerroute="b1")
        .exclude(pip__inburgeraar__municipality__name__in=["Winterswijk", "Aalten"])
        .order_by("pk")
        .first()
    )
    version.pk = None
    version.nummer += 1
    version.leerroute = "z"
    PIPVersie.objects.bulk_create([version])  # a vastgestelde version refuses save()
    # A PIP set late (a year after the kennisgeving) for another generated person.
    late = (
        PIPVersie.objects.filter(
            status=VersieStatus.VASTGESTELD,
            pip__inburgeraar__regime="wi2021",
            pip__inburgeraar__kennisgeving_date__isnull=False,
        )
        .exclude(pip__inburgeraar__municipality__name__in=["Winterswijk", "Aalten"])
        .exclude(pip=version.pip_id)
        .select_related("pip__inburgeraar")
        .order_by("pk")
        .first()
    )
    PIPVersie.objects.filter(pk=late.pk).update(
        dagtekening=late.pip.inburgeraar.kennisgeving_date + dt.timedelta(days=365)
    )
    return tuple(Municipality.objects.order_by("pk").values_list("pk", flat=True))


def _all_tables(filters, today):
    return {
        "dashboard": services.dashboard_tables(filters, today),
        "cohorten": services.cohort_tables(filters, today),
        "proces": services.process_tables(filters, today),
        "borging": services.borging_tables(filters),
    }


def _assert_equal(filters, today):
    live = _all_tables(filters, today)
    from_facts = _all_tables(dataclasses.replace(filters, source="facts"), today)
    for page, tables in live.items():
        assert [t.key for t in from_facts[page]] == [t.key for t in tables], page
        for mine, theirs in zip(from_facts[page], tables, strict=True):
            # Every cell, header, note and 'not available' text (Table is a dataclass).
            assert mine == theirs, (page, mine.key)
    return live


def test_every_figure_from_the_facts_equals_the_source():
    """One test (generating the data takes long): equality, then the facts after changes."""
    ids = _generate()
    assert len(ids) > facts.LIVE_UP_TO_MUNICIPALITIES
    totals = facts.rebuild()
    assert totals["personen"] == Inburgeraar.objects.count() == PersonFact.objects.count()
    assert totals["gemeenten"] == len(ids) == FactStand.objects.count()
    assert EnrolmentYearFact.objects.exists()
    today = timezone.localdate()
    everything = Filters(municipality_ids=ids)
    live = _assert_equal(everything, today)
    # The comparison is not of empty tables: the figures are there.
    by_key = {t.key: t for tables in live.values() for t in tables}
    assert (
        sum(r[-1] for r in by_key["instroom"].rows)
        == Inburgeraar.objects.filter(kennisgeving_date__isnull=False).count()
    )
    assert by_key["borging_deelname"].rows and by_key["doorlooptijden"].rows[0][1] > 0
    assert any(r[1] for r in by_key["cohort_asielmigrant"].rows)
    cohort_rows = [r for g in ("asielmigrant", "gezinsmigrant") for r in by_key[f"cohort_{g}"].rows]
    assert any(r[3] for r in cohort_rows), "PIPs on time are counted"
    assert any(r[2] > r[3] for r in cohort_rows), "and PIPs too late as well"
    assert "Leerroutewijzigingen (vastgestelde PIP-versies met een andere leerroute): " in (
        by_key["aanbieders"].note
    )
    assert any(
        cell
        for t in live["cohorten"]
        if t.key.startswith("uitstroom")
        for r in t.rows
        for cell in r[3:]
    )
    work = by_key["werk_per_leerroute"]
    assert work.rows and any(cell for r in work.rows for cell in r[2:])
    # The same with every filter the pages offer but the aanbieder (always live).
    year = Inburgeraar.objects.exclude(kennisgeving_date=None).latest("kennisgeving_date")
    for narrowed in (
        {"cohort": year.kennisgeving_date.year},
        {"doelgroep": "gezinsmigrant"},
        {"leerroute": "b1"},
        {"leerroute": "z"},
        {"period_from": dt.date(2024, 1, 1), "period_to": today},
        {"municipality_ids": ids[:3]},
    ):
        _assert_equal(dataclasses.replace(everything, **narrowed), today)

    # A person moves to another municipality and another one gets a kennisgeving: the facts
    # keep the stand until the rebuild, then equal the source again (the mover once).
    mover = Inburgeraar.objects.filter(municipality=ids[-1]).order_by("pk").first()
    Inburgeraar.objects.filter(pk=mover.pk).update(municipality=ids[-2])
    Inburgeraar.objects.filter(pk=mover.pk + 1).update(kennisgeving_date=dt.date(2020, 2, 3))
    stale = services.dashboard_tables(dataclasses.replace(everything, source="facts"), today)
    live = services.dashboard_tables(everything, today)
    assert stale != live
    facts.rebuild([ids[-2]])  # only the municipality the person moved to
    assert PersonFact.objects.filter(person=mover).get().municipality_id == ids[-2]
    assert PersonFact.objects.count() == Inburgeraar.objects.count()
    facts.rebuild()
    _assert_equal(everything, today)

    # Each page really reads the facts: change a fact and its figure changes.
    wide = dataclasses.replace(everything, source="facts")
    for page, change in (
        ("cohorten", lambda: PersonFact.objects.update(outflow=None)),
        ("cohorten", lambda: PersonFact.objects.update(placements=None)),
        ("cohorten", lambda: PersonFact.objects.update(pip_deadline=None)),
        ("proces", lambda: PersonFact.objects.update(route_changed=False)),
        ("borging", lambda: EnrolmentYearFact.objects.update(hours=0)),
        ("dashboard", lambda: PersonFact.objects.update(pvt_signed=None)),
    ):
        before = _all_tables(wide, today)[page]
        assert change() > 0
        assert _all_tables(wide, today)[page] != before, page


def test_wide_views_read_the_facts_and_narrow_ones_stay_live(world, travel):
    narrow = Filters(municipality_ids=(world.municipality.pk,))
    with CaptureQueriesContext(connection) as queries:
        assert facts.resolve(narrow) == (narrow, None)
    assert len(queries) == 0
    extra = [
        Municipality.objects.create(name=f"Gemeente {i}", cbs_code=f"GM{7000 + i}")
        for i in range(facts.LIVE_UP_TO_MUNICIPALITIES)
    ]
    wide = Filters(municipality_ids=(world.municipality.pk, *(m.pk for m in extra)))
    assert facts.resolve(wide) == (wide, None)  # never rebuilt: live
    travel("2027-03-01T09:00", tick=False)
    facts.rebuild()
    resolved, stand = facts.resolve(wide)
    assert resolved.source == "facts" and resolved.from_facts
    assert stand == dt.datetime(2027, 3, 1, 8, 0, tzinfo=dt.UTC)  # 09:00 in Amsterdam
    with_aanbieder = dataclasses.replace(wide, aanbieder_id=1)
    assert facts.resolve(with_aanbieder) == (with_aanbieder, None)


PAGES = ["monitoring_dashboard", "monitoring_cohorts", "monitoring_process", "monitoring_borging"]


@pytest.mark.parametrize("name", PAGES)
def test_the_wide_page_says_the_stand_of_its_figures(world, client_for, travel, name):
    travel("2027-03-01T09:15", tick=False)  # before logging in (idle sessions expire)
    extra = [
        Municipality.objects.create(name=f"Gemeente {i}", cbs_code=f"GM{7000 + i}")
        for i in range(facts.LIVE_UP_TO_MUNICIPALITIES)
    ]
    org = Organisation.objects.create(name="Provincie", type=OrganisationType.GEMEENTE)
    org.serves.set([world.municipality, *extra])
    user = User.objects.create_user("provincie", organisation=org)
    RoleAssignment.objects.create(user=user, role=Role.REGISSEUR)
    client = client_for(user)
    page = client.get(reverse(name)).content.decode()
    assert "Stand van de cijfers" not in page  # no facts yet: live
    facts.rebuild()
    page = client.get(reverse(name)).content.decode()
    assert "Stand van de cijfers: 1 maart 2027, 09:15." in page
    # One municipality chosen: live, no stand.
    page = client.get(reverse(name), {"gemeente": world.municipality.pk}).content.decode()
    assert "Stand van de cijfers" not in page
    # The demo regisseur's two municipalities: never the facts.
    page = client_for(world.users[Role.REGISSEUR]).get(reverse(name)).content.decode()
    assert "Stand van de cijfers" not in page


def test_the_scheduled_job_rebuilds_every_municipality(world):
    from regie.jobs import schedule

    assert schedule.BY_NAME["monitoringcijfers"].schedule.minute == {15}  # every hour
    record = schedule.run("monitoringcijfers")
    assert record.ok is True
    assert record.summary.startswith("Monitoringcijfers bijgewerkt: 2 gemeenten, 2 personen")
    assert set(FactStand.objects.values_list("municipality", flat=True)) == {
        world.municipality.pk,
        world.other_municipality.pk,
    }
