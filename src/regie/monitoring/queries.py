"""Aggregate queries behind the monitoring figures: a constant number of queries whatever
the number of persons. They read the data of every app for the municipalities the user's
organisation serves, by design without the person scope: what leaves this module is
aggregates only (counts, sums, durations), never a person's name or file."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    Min,
    OuterRef,
    Q,
    Subquery,
    Sum,
)
from django.db.models.functions import ExtractYear

from regie.activities.models import Attendance, AttendanceStatus, Enrolment
from regie.core.localrules import local_values
from regie.enforcement.models import Bezwaar, Handhavingszaak
from regie.exchange.models import Examenresultaat, Lesuren
from regie.finance.models import (
    Financiering,
    FundingAllocation,
    Ontzorging,
    OntzorgingStatus,
    Verlenging,
)
from regie.guidance.models import Match
from regie.intake.models import BredeIntake
from regie.monitoring.figures import OutflowRow, PersonRow
from regie.people.models import EindeReden, Inburgeraar, Verwijzing
from regie.plans.models import PIPVersie, VersieStatus
from regie.rules.deadlines import PIP_TERMIJN_NA_HUISVESTING_WEKEN
from regie.work.models import Uitstroom


@dataclass(frozen=True)
class Filters:
    municipality_ids: tuple[int, ...]  # already limited to what the user's organisation serves
    period_from: date | None = None  # on the kennisgeving
    period_to: date | None = None
    cohort: int | None = None  # year of the kennisgeving
    doelgroep: str = ""
    leerroute: str = ""
    aanbieder_id: int | None = None
    # Where the person rows and the Borging participation come from: "live" (the source
    # tables) or "facts" (monitoring.models, rebuilt by a scheduled job). The pages set it
    # with monitoring.facts.resolve(); "facts" never applies with an aanbieder filter.
    source: str = "live"
    # Which stand of the facts the figures come from (monitoring.facts.resolve): the number
    # of municipalities with a stand and the oldest and newest of them. Any rebuild changes
    # it, so figures kept under these filters are never older than the facts they show.
    facts_version: str = ""

    @property
    def from_facts(self) -> bool:
        return self.source == "facts" and not self.aanbieder_id


def _vastgesteld():
    return PIPVersie.objects.filter(
        pip__inburgeraar=OuterRef("pk"), status=VersieStatus.VASTGESTELD
    )


def persons(filters: Filters):
    """The filtered persons (a queryset, not evaluated), without per-person subqueries:
    used as a subquery by every figure."""
    queryset = Inburgeraar.objects.filter(municipality__in=filters.municipality_ids)
    if filters.period_from:
        queryset = queryset.filter(kennisgeving_date__gte=filters.period_from)
    if filters.period_to:
        queryset = queryset.filter(kennisgeving_date__lte=filters.period_to)
    if filters.cohort:
        queryset = queryset.filter(kennisgeving_date__year=filters.cohort)
    if filters.doelgroep:
        queryset = queryset.filter(doelgroep=filters.doelgroep)
    if filters.leerroute:
        # The leerroute of the latest vastgestelde version: a version with this route and no
        # later vastgestelde version (an anti-join, not a subquery per person).
        later = PIPVersie.objects.filter(
            pip=OuterRef("pip"), status=VersieStatus.VASTGESTELD, nummer__gt=OuterRef("nummer")
        )
        latest = (
            PIPVersie.objects.filter(status=VersieStatus.VASTGESTELD, leerroute=filters.leerroute)
            .exclude(Exists(later))
            .values("pip__inburgeraar")
        )
        queryset = queryset.filter(pk__in=latest)
    if filters.aanbieder_id:
        queryset = queryset.filter(
            Exists(
                Verwijzing.objects.filter(
                    inburgeraar=OuterRef("pk"), aanbieder_id=filters.aanbieder_id
                )
            )
        )
    return queryset


def with_pip(queryset):
    """The persons with the first PIP dagtekening and the leerroute of the latest
    vastgestelde version, as a subquery per person: for the extract, not for the pages."""
    queryset = queryset.annotate(
        pip_dagtekening=Subquery(
            _vastgesteld()
            .filter(dagtekening__isnull=False)
            .order_by("dagtekening")
            .values("dagtekening")[:1]
        )
    )
    return queryset.annotate(
        current_leerroute=Subquery(_vastgesteld().order_by("-nummer").values("leerroute")[:1])
    )


def person_ids(filters: Filters):
    """The filtered persons' ids as a subquery."""
    return persons(filters).values("pk")


def _narrowed(filters: Filters) -> bool:
    """Whether a filter beside the municipalities is set."""
    return bool(
        filters.period_from
        or filters.period_to
        or filters.cohort
        or filters.doelgroep
        or filters.leerroute
        or filters.aanbieder_id
    )


def of_persons(queryset, filters: Filters, path: str = "inburgeraar"):
    """``queryset`` (rows of any app that lead to a person by ``path``) limited to the
    filtered persons, starting from the municipalities: a join on the person's municipality
    lets the database begin at the municipality's index and visit only its persons' rows,
    so a municipality's figures cost the same however many other municipalities share the
    installation. (A bare ``inburgeraar IN (subquery)`` made PostgreSQL scan every row of
    the country and hash-join: the brede intakes took 48 ms instead of 5 at 100,000 persons,
    docs/performance.md.) The other filters are applied as a subquery on top."""
    queryset = queryset.filter(**{f"{path}__municipality__in": filters.municipality_ids})
    if _narrowed(filters):
        if filters.from_facts:
            # The filtered persons from the facts: the leerroute filter without the anti-join
            # over every PIP version of the country.
            from regie.monitoring import facts

            selected = facts.person_ids(filters)
        else:
            selected = person_ids(filters)
        queryset = queryset.filter(**{f"{path}__in": selected})
    return queryset


def _in(queryset):
    """Whether the person is among the queryset's inburgeraars, as a column."""
    return ExpressionWrapper(Q(pk__in=queryset.values("inburgeraar")), output_field=BooleanField())


@contextmanager
def _gc_paused():
    """Python's cyclic garbage collector paused: building 100,000 rows (tuples, which can
    hold nothing cyclic) set off full collections over every live object that took as long
    as the building itself (0.3 s of CPU at 100,000 persons, docs/performance.md). Reference
    counting frees as usual; the collector runs again right after."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def person_rows(filters: Filters) -> list[PersonRow]:
    with _gc_paused():
        if filters.from_facts:
            from regie.monitoring import facts

            return facts.person_rows(filters)
        return _person_rows(filters)


def person_rows_by_id(filters: Filters) -> dict[int, PersonRow]:
    """The same rows keyed by the person's id (for rebuilding the facts)."""
    with _gc_paused():
        return _person_rows(filters, keyed=True)


def _person_rows(filters: Filters, keyed: bool = False):
    """The plain rows the figures are computed from, in three queries: the persons (with
    whether they have an active maatje and an enrolment), the first intake dates per
    person and the vastgestelde PIP versions, merged here by person. (One query with a
    subquery per person and column took 4 s at 100,000 persons on PostgreSQL; one query
    joining per-table aggregates twice as long as these three: docs/performance.md.)"""
    intakes = {
        pk: (started, completed)
        for pk, started, completed in of_persons(BredeIntake.objects, filters)
        .values_list("inburgeraar")
        .annotate(Min("started_on"), Min("completed_on"))
        .order_by()
    }
    # Per person: the first dagtekening and the leerroute of the latest vastgestelde version.
    pips: dict[int, list] = {}
    for pk, nummer, leerroute, dagtekening in (
        of_persons(PIPVersie.objects, filters, "pip__inburgeraar")
        .filter(status=VersieStatus.VASTGESTELD)
        .values_list("pip__inburgeraar", "nummer", "leerroute", "dagtekening")
        .order_by()
    ):
        entry = pips.get(pk)
        if entry is None:
            pips[pk] = [dagtekening, nummer, leerroute]
            continue
        if dagtekening and (entry[0] is None or dagtekening < entry[0]):
            entry[0] = dagtekening
        if nummer > entry[1]:
            entry[1], entry[2] = nummer, leerroute
    # Limited to the municipalities only: the outer query applies the other filters.
    served = Inburgeraar.objects.filter(municipality__in=filters.municipality_ids).values("pk")
    # An active maatje and an enrolment as `pk IN (...)`: PostgreSQL hashes the
    # subquery once (a hashed SubPlan; an EXISTS per person took 0.4 s longer at 100,000).
    values = persons(filters).annotate(
        has_maatje=_in(Match.objects.filter(inburgeraar__in=served, end_date__isnull=True)),
        in_activity=_in(Enrolment.objects.filter(inburgeraar__in=served)),
    )
    values = values.values_list(
        "pk",
        "municipality_id",
        "doelgroep",
        "status",
        "kennisgeving_date",
        "pvt__signed_on",
        "map__eindgesprek_on",
        "matching_profile__wants_maatje",
        "regime",
        "brp_date",
        "housing_date",
        "municipality__pip_deadline_from_housing",
        "has_maatje",
        "in_activity",
    )
    # The local PIP term from housing (lokaal beleid) of every municipality: one query.
    housing_weeks = local_values("pip_termijn_na_huisvesting_weken", filters.municipality_ids)
    no_intake, no_pip = (None, None), (None, 0, "")
    make = tuple.__new__  # PersonRow without the keyword handling: 100,000 rows add up
    rows = []
    keys = []
    for pk, m, dg, st, kg, pvt, mp, wm, rg, brp, hs, fh, hm, ia in values.order_by():
        i1, i2 = intakes.get(pk, no_intake)
        pip, _nummer, lr = pips.get(pk, no_pip)
        keys.append(pk)
        rows.append(
            make(
                PersonRow,
                (
                    m,
                    dg,
                    st,
                    kg,
                    i1,
                    i2,
                    pip,
                    lr or "",
                    pvt,
                    mp,
                    wm,
                    hm,
                    ia,
                    rg,
                    brp,
                    hs,
                    fh,
                    housing_weeks.get(m, PIP_TERMIJN_NA_HUISVESTING_WEKEN),
                ),
            )
        )
    return dict(zip(keys, rows, strict=True)) if keyed else rows


def hours(filters: Filters) -> dict:
    reports = of_persons(Lesuren.objects, filters)
    if filters.aanbieder_id:
        reports = reports.filter(aanbieder_id=filters.aanbieder_id)
    totals = reports.aggregate(offered=Sum("uren_aangeboden"), attended=Sum("uren_aanwezig"))
    return {k: v or 0 for k, v in totals.items()}


def exam_results(filters: Filters) -> list[dict]:
    results = of_persons(Examenresultaat.objects, filters)
    if filters.aanbieder_id:
        results = results.filter(aanbieder_id=filters.aanbieder_id)
    return list(
        results.values("onderdeel", "uitslag").annotate(n=Count("pk")).order_by("onderdeel")
    )


def ontzorging(filters: Filters) -> dict:
    # `pk IN (...)`: PostgreSQL hashes the extensions once; an EXISTS per ontzorging was
    # the national dashboard's slowest query (30,000 index probes, docs/performance.md).
    extended = ExpressionWrapper(
        Q(pk__in=Verlenging.objects.values("ontzorging")), output_field=BooleanField()
    )
    ended = Q(status=OntzorgingStatus.BEEINDIGD)
    return (
        of_persons(Ontzorging.objects, filters)
        .annotate(has_extension=extended)
        .aggregate(
            total=Count("pk"),
            active=Count("pk", filter=~ended),
            ended_on_time=Count("pk", filter=ended & Q(has_extension=False)),
            ended_after_extension=Count("pk", filter=ended & Q(has_extension=True)),
            extended=Count("pk", filter=Q(has_extension=True)),
        )
    )


def handhaving(filters: Filters) -> dict:
    cases = of_persons(Handhavingszaak.objects, filters)
    by_stage = dict(cases.values_list("stage").annotate(n=Count("pk")).order_by())
    bezwaren = of_persons(Bezwaar.objects, filters).aggregate(
        total=Count("pk"), te_laat=Count("pk", filter=Q(tijdig=False))
    )
    return {"by_stage": by_stage, "cases": sum(by_stage.values()), "bezwaren": bezwaren}


def per_aanbieder(filters: Filters) -> list[dict]:
    """Contract management: attendance, exam results, route changes and dropout."""
    rows: dict[str, dict] = {}

    def row(name):
        return rows.setdefault(
            name,
            {
                "aanbieder": name,
                "offered": 0,
                "attended": 0,
                "passed": 0,
                "failed": 0,
                "trajects": 0,
                "dropout": 0,
                "moved_on": 0,
            },
        )

    for name, offered, attended in (
        of_persons(Lesuren.objects, filters)
        .values_list("aanbieder__name")
        .annotate(o=Sum("uren_aangeboden"), a=Sum("uren_aanwezig"))
        .order_by()
    ):
        row(name).update(offered=offered or 0, attended=attended or 0)
    for name, passed, failed in (
        of_persons(Examenresultaat.objects, filters)
        .values_list("aanbieder__name")
        .annotate(
            p=Count("pk", filter=Q(uitslag="behaald")),
            f=Count("pk", filter=~Q(uitslag="behaald")),
        )
        .order_by()
    ):
        row(name).update(passed=passed, failed=failed)
    for name, total, dropout, moved in (
        of_persons(Verwijzing.objects, filters)
        .values_list("aanbieder__name")
        .annotate(
            t=Count("pk"),
            d=Count("pk", filter=Q(einde_reden=EindeReden.VOORTIJDIG)),
            m=Count("pk", filter=Q(einde_reden=EindeReden.ANDERE_AANBIEDER)),
        )
        .order_by()
    ):
        row(name).update(trajects=total, dropout=dropout, moved_on=moved)
    return sorted(rows.values(), key=lambda r: r["aanbieder"])


def route_changed_persons(filters: Filters):
    """The persons whose vastgestelde PIP versions name more than one leerroute (a
    person has one PIP), as a values queryset of their ids."""
    return (
        of_persons(PIPVersie.objects, filters, "pip__inburgeraar")
        .filter(status=VersieStatus.VASTGESTELD)
        .exclude(leerroute="")
        .values("pip__inburgeraar")
        .annotate(routes=Count("leerroute", distinct=True))
        .filter(routes__gt=1)
        .order_by()
    )


def route_changes(filters: Filters) -> int:
    """Persons whose vastgestelde PIP versions name more than one leerroute."""
    if filters.from_facts:
        from regie.monitoring import facts

        return facts.route_changes(filters)
    return route_changed_persons(filters).count()


def borging(filters: Filters) -> dict:
    """Seed §4.3: per activity and year the participation and the funding allocated to it;
    per year and source the funding, the part allocated to activities and the rest.
    Three queries."""
    if filters.from_facts:
        from regie.monitoring import facts

        attendance = facts.participation(filters)
    else:
        attendance = _participation(filters)
    activities: dict[tuple[int, int], dict] = {}

    def activity_row(pk, name, year):
        return activities.setdefault(
            (pk, year),
            {"activity": name, "year": year, "persons": 0, "hours": 0, "allocated": Decimal(0)},
        )

    for pk, name, year, persons, hours in attendance:
        activity_row(pk, name, year).update(persons=persons, hours=hours or 0)
    allocated: dict[tuple[int, str], Decimal] = {}
    for a in (
        FundingAllocation.objects.filter(funding__municipality__in=filters.municipality_ids)
        .values("activity", "activity__name", "funding__jaar", "funding__soort")
        .annotate(total=Sum("amount"))
        .order_by()
    ):
        activity_row(a["activity"], a["activity__name"], a["funding__jaar"])["allocated"] += a[
            "total"
        ]
        key = (a["funding__jaar"], a["funding__soort"])
        allocated[key] = allocated.get(key, Decimal(0)) + a["total"]
    funding = []
    for f in (
        Financiering.objects.filter(municipality__in=filters.municipality_ids)
        .values("jaar", "soort")
        .annotate(bedrag=Sum("bedrag"))
        .order_by("jaar", "soort")
    ):
        part = allocated.get((f["jaar"], f["soort"]), Decimal(0))
        funding.append({**f, "allocated": part, "unallocated": f["bedrag"] - part})
    participation = sorted(activities.values(), key=lambda r: (r["activity"], r["year"]))
    return {"participation": participation, "funding": funding}


def _participation(filters: Filters):
    """(activity, its name, year, persons present at least once, hours present) from the
    attendance rows themselves."""
    return (
        Attendance.objects.filter(
            status=AttendanceStatus.AANWEZIG,
            enrolment__inburgeraar__municipality__in=filters.municipality_ids,
        )
        .annotate(year=ExtractYear("date"))
        .values_list("enrolment__session__activity", "enrolment__session__activity__name", "year")
        .annotate(
            persons=Count("enrolment__inburgeraar", distinct=True),
            hours=Sum("hours"),
        )
        .order_by()
    )


def aanbieder_choices(municipality_ids) -> list[tuple[int, str]]:
    from regie.core.models import Organisation
    from regie.core.roles import OrganisationType

    return list(
        Organisation.objects.filter(type=OrganisationType.AANBIEDER, serves__in=municipality_ids)
        .distinct()
        .order_by("name")
        .values_list("pk", "name")
    )


def outflow_rows(filters: Filters):
    """The rows of :func:`_outflow_rows`, built with the garbage collector paused (80,000
    rows over all municipalities, as for :func:`person_rows`)."""
    with _gc_paused():
        return _outflow_rows(filters)


def _outflow_rows(filters: Filters):
    """The persons with a vastgestelde PIP, with the first date of each kind of outflow
    (regie.work.Uitstroom; for bijstand also per 'uit_bijstand:volledig'/'gedeeltelijk'):
    two queries whatever the number of persons."""
    if filters.from_facts:
        from regie.monitoring import facts

        return facts.outflow_rows(filters)
    ids = person_ids(filters)
    pips: dict[int, list] = {}
    for pk, nummer, leerroute, dagtekening, kennisgeving in (
        PIPVersie.objects.filter(pip__inburgeraar__in=ids, status=VersieStatus.VASTGESTELD)
        .values_list(
            "pip__inburgeraar",
            "nummer",
            "leerroute",
            "dagtekening",
            "pip__inburgeraar__kennisgeving_date",
        )
        .order_by()
    ):
        entry = pips.setdefault(pk, [None, -1, "", kennisgeving])
        if dagtekening and (entry[0] is None or dagtekening < entry[0]):
            entry[0] = dagtekening
        if nummer > entry[1]:
            entry[1], entry[2] = nummer, leerroute
    firsts = outflow_firsts(Uitstroom.objects.filter(inburgeraar__in=ids))
    return [
        OutflowRow(kennisgeving.year, route or "", pip, firsts.get(pk, {}))
        for pk, (pip, _nummer, route, kennisgeving) in pips.items()
        if pip is not None and kennisgeving is not None
    ]


def outflow_firsts(uitstroom) -> dict[int, dict]:
    """Per person the first date of each kind of outflow among ``uitstroom`` (rows of
    regie.work.Uitstroom): {person id: {soort or 'soort:bijstand': date}}."""
    firsts: dict[int, dict] = {}
    for pk, soort, bijstand, datum in uitstroom.values_list(
        "inburgeraar", "soort", "bijstand", "datum"
    ).order_by():
        mine = firsts.setdefault(pk, {})
        for key in (soort, f"{soort}:{bijstand}" if bijstand else None):
            if key and (key not in mine or datum < mine[key]):
                mine[key] = datum
    return firsts
