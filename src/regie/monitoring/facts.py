"""The monitoring facts (monitoring.models): rebuilding them from the source tables and
reading the wide views from them.

Why: over all 200 municipalities (100,000 persons, 5 million attendance rows) the pages
spent about a second recomputing every person's first intake, first PIP and current
leerroute from the source tables, and Borging 3.5 s grouping 4 million present attendance
rows (docs/performance.md). The facts hold exactly the rows the figures are computed from
(one per person, one per enrolment and year), so a wide page reads one table per figure
instead. Narrow views (up to LIVE_UP_TO_MUNICIPALITIES municipalities) always read the
source tables live: they are fast, and a klantmanager's change shows at once there.

Staleness: a municipality's facts are as old as its ``FactStand.built_at``. The scheduled
job ``monitoringcijfers`` rebuilds every municipality each hour (jobs.schedule); a page
that reads facts says "Stand van de cijfers: <the oldest stand of its municipalities>".
A municipality never rebuilt has no stand, and then the page reads everything live.
"""

from __future__ import annotations

import dataclasses
import time
from datetime import date, datetime

from django.db import transaction
from django.db.models import Count, F, IntegerField, Max, Min, Q, Sum
from django.db.models.fields.json import KT
from django.db.models.functions import Cast, ExtractYear
from django.utils import timezone

from regie.activities.models import Attendance, AttendanceStatus
from regie.core.localrules import local_values
from regie.core.models import Municipality
from regie.monitoring import queries as q
from regie.monitoring.figures import Cohort, OutflowRow, PersonRow, pip_deadline
from regie.monitoring.models import EnrolmentYearFact, FactStand, PersonFact
from regie.plans.models import PIPVersie, VersieStatus
from regie.rules.deadlines import PIP_TERMIJN_NA_HUISVESTING_WEKEN
from regie.work.models import Plaatsing, PlaatsingStatus, PlekSoort, Uitstroom
from regie.work.outcomes import OUTFLOW_KINDS, RouteCounts, sorted_routes

# Up to this many municipalities a page reads the source tables live (a region of ten:
# 0.15 s for the dashboard at 5,000 persons, docs/performance.md); above it, the facts.
LIVE_UP_TO_MUNICIPALITIES = 10

# The PersonFact columns in the order of PersonRow's first fields; the last two fields of
# PersonRow (the municipality's PIP term from housing) are read live per municipality.
ROW_FIELDS = (
    "municipality_id",
    "doelgroep",
    "status",
    "kennisgeving_date",
    "intake_started",
    "intake_completed",
    "pip_dagtekening",
    "leerroute",
    "pvt_signed",
    "map_done",
    "wants_maatje",
    "has_maatje",
    "in_activity",
    "regime",
    "brp_date",
    "housing_date",
)
assert len(ROW_FIELDS) == len(PersonRow._fields) - 2


# --------------------------------------------------------------------------- choosing


def resolve(filters: q.Filters) -> tuple[q.Filters, datetime | None]:
    """The filters a page should use and the stand of its figures: facts (and their
    oldest stand) for a wide view whose municipalities all have a stand and no aanbieder
    filter; otherwise the filters unchanged (live) and None. No query for a narrow view."""
    ids = set(filters.municipality_ids)
    if len(ids) <= LIVE_UP_TO_MUNICIPALITIES or filters.aanbieder_id:
        return filters, None
    stand = FactStand.objects.filter(municipality__in=ids).aggregate(
        n=Count("pk"), oldest=Min("built_at"), newest=Max("built_at")
    )
    if stand["n"] < len(ids):
        return filters, None
    version = f"{stand['n']}:{stand['oldest'].isoformat()}:{stand['newest'].isoformat()}"
    return (
        dataclasses.replace(filters, source="facts", facts_version=version),
        stand["oldest"],
    )


# --------------------------------------------------------------------------- reading


def _persons(filters: q.Filters):
    """PersonFact rows of the filtered persons: the same filters as queries.persons (the
    leerroute is the one of the latest vastgestelde version, kept in the fact)."""
    facts = PersonFact.objects.filter(municipality__in=filters.municipality_ids)
    if filters.period_from:
        facts = facts.filter(kennisgeving_date__gte=filters.period_from)
    if filters.period_to:
        facts = facts.filter(kennisgeving_date__lte=filters.period_to)
    if filters.cohort:
        facts = facts.filter(kennisgeving_date__year=filters.cohort)
    if filters.doelgroep:
        facts = facts.filter(doelgroep=filters.doelgroep)
    if filters.leerroute:
        facts = facts.filter(leerroute=filters.leerroute)
    return facts


def person_ids(filters: q.Filters):
    """The filtered persons' ids, as a subquery (for the tables read live)."""
    return _persons(filters).values("person")


def person_rows(filters: q.Filters) -> list[PersonRow]:
    """queries.person_rows from the facts: one query for the rows, one for the
    municipalities' PIP term from housing, one for its local weeks."""
    from_housing = dict(
        Municipality.objects.filter(pk__in=filters.municipality_ids).values_list(
            "pk", "pip_deadline_from_housing"
        )
    )
    weeks = local_values("pip_termijn_na_huisvesting_weken", filters.municipality_ids)
    extra = {
        m: (fh, weeks.get(m, PIP_TERMIJN_NA_HUISVESTING_WEKEN)) for m, fh in from_housing.items()
    }
    make = tuple.__new__
    return [
        make(PersonRow, values + extra[values[0]])
        for values in _persons(filters).values_list(*ROW_FIELDS).order_by()
    ]


def route_changes(filters: q.Filters) -> int:
    return _persons(filters).filter(route_changed=True).count()


def outflow_rows(filters: q.Filters) -> list[OutflowRow]:
    """queries.outflow_rows from the facts: the persons with a first PIP dagtekening and a
    kennisgeving, with their first outflow dates. Those without outflow are counted by the
    database per cohort, leerroute and PIP date (one row for many persons); those with
    outflow come one row each."""
    parse = date.fromisoformat
    none: dict = {}  # shared: outflow_cells only reads it
    make = tuple.__new__  # OutflowRow without the keyword handling
    measured = _persons(filters).filter(
        pip_dagtekening__isnull=False, kennisgeving_date__isnull=False
    )
    rows = [
        make(OutflowRow, (cohort, leerroute, pip, none, persons))
        for cohort, leerroute, pip, persons in measured.filter(outflow__isnull=True)
        .values_list(ExtractYear("kennisgeving_date"), "leerroute", "pip_dagtekening")
        .annotate(Count("pk"))
        .order_by()
    ]
    rows.extend(
        make(
            OutflowRow,
            (kennisgeving.year, leerroute, pip, {k: parse(v) for k, v in outflow.items()}, 1),
        )
        for kennisgeving, leerroute, pip, outflow in measured.filter(outflow__isnull=False)
        .values_list("kennisgeving_date", "leerroute", "pip_dagtekening", "outflow")
        .order_by()
    )
    return rows


def cohorts(filters: q.Filters) -> list[Cohort]:
    """figures.cohorts from the facts, counted by the database (the PIP on time with the
    kept statutory deadline): one query, per year of the kennisgeving and doelgroep."""
    groups: dict[tuple[int, str], dict] = {}
    for values in (
        _persons(filters)
        .filter(kennisgeving_date__isnull=False)
        .values("doelgroep", "leerroute", "status", year=ExtractYear("kennisgeving_date"))
        .annotate(
            persons=Count("pk"),
            pip=Count("pk", filter=Q(pip_dagtekening__isnull=False)),
            within=Count("pk", filter=Q(pip_dagtekening__lte=F("pip_deadline"))),
            pvt=Count("pk", filter=Q(pvt_signed__isnull=False)),
            map=Count("pk", filter=Q(map_done__isnull=False)),
        )
        .order_by()
    ):
        group = groups.setdefault(
            (values["year"], values["doelgroep"]),
            {"persons": 0, "pip": 0, "within": 0, "pvt": 0, "map": 0, "routes": {}, "st": {}},
        )
        for key in ("persons", "pip", "within", "pvt", "map"):
            group[key] += values[key]
        if values["leerroute"]:
            routes = group["routes"]
            routes[values["leerroute"]] = routes.get(values["leerroute"], 0) + values["persons"]
        group["st"][values["status"]] = group["st"].get(values["status"], 0) + values["persons"]
    return [
        Cohort(
            year=year,
            doelgroep=doelgroep,
            persons=g["persons"],
            pip=g["pip"],
            pip_within=g["within"],
            leerroutes=g["routes"],
            pvt=g["pvt"],
            map=g["map"],
            statuses=g["st"],
        )
        for (year, doelgroep), g in sorted(groups.items())
    ]


def work_route_counts(filters: q.Filters) -> list[RouteCounts]:
    """work.outcomes.monitoring_counts from the facts, in one aggregate query: the filtered
    persons with a vastgestelde PIP per leerroute, their placements per status and soort
    of place, and the persons with each kind of outflow."""
    placement_keys = [f"status:{s}" for s in PlaatsingStatus] + [f"soort:{s}" for s in PlekSoort]
    sums = {
        f"p{i}": Sum(Cast(KT(f"placements__{key}"), IntegerField()))
        for i, key in enumerate(placement_keys)
    }
    outflow = {
        f"o{i}": Count("pk", filter=Q(outflow__has_key=kind))
        for i, kind in enumerate(OUTFLOW_KINDS)
    }
    rows = []
    for values in (
        _persons(filters)
        .filter(has_pip=True)
        .values("leerroute")
        .annotate(persons=Count("pk"), **sums, **outflow)
        .order_by()
    ):
        row = RouteCounts(values["leerroute"], values["persons"])
        for i, key in enumerate(placement_keys):
            group, value = key.split(":", 1)
            if values[f"p{i}"]:
                target = row.by_status if group == "status" else row.by_soort
                target[value] = values[f"p{i}"]
        for i, kind in enumerate(OUTFLOW_KINDS):
            if values[f"o{i}"]:
                row.outflow[kind.value] = values[f"o{i}"]
        rows.append(row)
    return sorted_routes(rows)


def placement_counts(placements) -> dict[int, dict[str, int]]:
    """Per person the number of their placements (rows of regie.work.Plaatsing) per status
    and per soort of place: {person id: {'status:lopend': 1, 'soort:stage': 1}}."""
    counts: dict[int, dict[str, int]] = {}
    for person, status, soort in placements.values_list(
        "inburgeraar", "status", "plek__soort"
    ).order_by():
        mine = counts.setdefault(person, {})
        for key in (f"status:{status}", f"soort:{soort}"):
            mine[key] = mine.get(key, 0) + 1
    return counts


def participation(filters: q.Filters):
    """queries._participation from the yearly totals per enrolment."""
    return (
        EnrolmentYearFact.objects.filter(municipality__in=filters.municipality_ids)
        .values_list("activity", "activity__name", "year")
        .annotate(persons=Count("person", distinct=True), hours=Sum("hours"))
        .order_by()
    )


# --------------------------------------------------------------------------- rebuilding


def rebuild(municipality_ids=None, stream=None) -> dict:
    """Rebuild the facts of the given municipalities (all when None) from the source
    tables, one transaction per municipality (readers see the old or the new facts of a
    municipality, never half). Returns the totals."""
    ids = list(
        Municipality.objects.filter(
            **({"pk__in": list(municipality_ids)} if municipality_ids is not None else {})
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    totals = {"gemeenten": 0, "personen": 0, "inschrijvingsjaren": 0}
    began = time.monotonic()
    for pk in ids:
        persons, years = rebuild_municipality(pk)
        totals["gemeenten"] += 1
        totals["personen"] += persons
        totals["inschrijvingsjaren"] += years
    totals["seconden"] = round(time.monotonic() - began, 1)
    if stream is not None:
        stream.write(
            "Monitoringcijfers bijgewerkt: {gemeenten} gemeenten, {personen} personen, "
            "{inschrijvingsjaren} inschrijvingen per jaar in {seconden} s.\n".format(**totals)
        )
    return totals


@transaction.atomic
def rebuild_municipality(pk: int) -> tuple[int, int]:
    began = time.monotonic()
    filters = q.Filters(municipality_ids=(pk,))
    rows = q.person_rows_by_id(filters)
    changed = {r["pip__inburgeraar"] for r in q.route_changed_persons(filters)}
    firsts = q.outflow_firsts(Uitstroom.objects.filter(inburgeraar__municipality=pk))
    with_pip = set(
        PIPVersie.objects.filter(
            pip__inburgeraar__municipality=pk, status=VersieStatus.VASTGESTELD
        ).values_list("pip__inburgeraar", flat=True)
    )
    placements = placement_counts(Plaatsing.objects.filter(inburgeraar__municipality=pk))
    # Also the facts of persons who moved here since the last rebuild (a moved person is
    # counted once, under the municipality they now live in).
    # (Two deletes, each along an index, rather than one with OR.)
    PersonFact.objects.filter(municipality=pk).delete()
    PersonFact.objects.filter(person__municipality=pk).delete()
    PersonFact.objects.bulk_create(
        (
            PersonFact(
                person_id=person,
                route_changed=person in changed,
                has_pip=person in with_pip,
                pip_deadline=pip_deadline(row),
                placements=placements.get(person),
                outflow={k: d.isoformat() for k, d in firsts[person].items()}
                if person in firsts
                else None,
                **dict(zip(ROW_FIELDS, row, strict=False)),
            )
            for person, row in rows.items()
        ),
        batch_size=2000,
    )
    years = list(
        Attendance.objects.filter(
            status=AttendanceStatus.AANWEZIG, enrolment__inburgeraar__municipality=pk
        )
        .annotate(year=ExtractYear("date"))
        .values_list("enrolment", "enrolment__session__activity", "enrolment__inburgeraar", "year")
        .annotate(present=Count("pk"), hours=Sum("hours"))
        .order_by()
    )
    EnrolmentYearFact.objects.filter(municipality=pk).delete()
    EnrolmentYearFact.objects.filter(person__municipality=pk).delete()
    EnrolmentYearFact.objects.bulk_create(
        (
            EnrolmentYearFact(
                enrolment_id=enrolment,
                activity_id=activity,
                person_id=person,
                municipality_id=pk,
                year=year,
                present=present,
                hours=hours,
            )
            for enrolment, activity, person, year, present, hours in years
        ),
        batch_size=2000,
    )
    FactStand.objects.update_or_create(
        municipality_id=pk,
        defaults={
            "built_at": timezone.now(),
            "persons": len(rows),
            "enrolment_years": len(years),
            "seconds": round(time.monotonic() - began, 2),
        },
    )
    return len(rows), len(years)
