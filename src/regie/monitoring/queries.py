"""Aggregate queries behind the monitoring figures: a constant number of queries whatever
the number of persons. They read the data of every app for the municipalities the user's
organisation serves, by design without the person scope: what leaves this module is
aggregates only (counts, sums, durations), never a person's name or file."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, OuterRef, Q, Subquery, Sum
from django.db.models.functions import ExtractYear

from regie.activities.models import Attendance, AttendanceStatus, Enrolment
from regie.enforcement.models import Bezwaar, Handhavingszaak
from regie.exchange.models import Examenresultaat, Lesuren
from regie.finance.models import Financiering, Ontzorging, OntzorgingStatus, Verlenging
from regie.guidance.models import Match
from regie.intake.models import BredeIntake
from regie.monitoring.figures import PersonRow
from regie.people.models import EindeReden, Inburgeraar, Verwijzing
from regie.plans.models import PIPVersie, VersieStatus


@dataclass(frozen=True)
class Filters:
    municipality_ids: tuple[int, ...]  # already limited to what the user's organisation serves
    period_from: date | None = None  # on the kennisgeving
    period_to: date | None = None
    cohort: int | None = None  # year of the kennisgeving
    doelgroep: str = ""
    leerroute: str = ""
    aanbieder_id: int | None = None


def _vastgesteld():
    return PIPVersie.objects.filter(
        pip__inburgeraar=OuterRef("pk"), status=VersieStatus.VASTGESTELD
    )


def persons(filters: Filters):
    """The filtered persons, annotated for person_rows (a queryset, not evaluated)."""
    intakes = BredeIntake.objects.filter(inburgeraar=OuterRef("pk"))
    queryset = Inburgeraar.objects.filter(municipality__in=filters.municipality_ids).annotate(
        intake_started=Subquery(intakes.order_by("started_on").values("started_on")[:1]),
        intake_completed=Subquery(
            intakes.filter(completed_on__isnull=False)
            .order_by("completed_on")
            .values("completed_on")[:1]
        ),
        pip_dagtekening=Subquery(
            _vastgesteld()
            .filter(dagtekening__isnull=False)
            .order_by("dagtekening")
            .values("dagtekening")[:1]
        ),
        current_leerroute=Subquery(_vastgesteld().order_by("-nummer").values("leerroute")[:1]),
        has_maatje=Exists(Match.objects.filter(inburgeraar=OuterRef("pk"), end_date__isnull=True)),
        in_activity=Exists(Enrolment.objects.filter(inburgeraar=OuterRef("pk"))),
    )
    if filters.period_from:
        queryset = queryset.filter(kennisgeving_date__gte=filters.period_from)
    if filters.period_to:
        queryset = queryset.filter(kennisgeving_date__lte=filters.period_to)
    if filters.cohort:
        queryset = queryset.filter(kennisgeving_date__year=filters.cohort)
    if filters.doelgroep:
        queryset = queryset.filter(doelgroep=filters.doelgroep)
    if filters.leerroute:
        queryset = queryset.filter(current_leerroute=filters.leerroute)
    if filters.aanbieder_id:
        queryset = queryset.filter(
            Exists(
                Verwijzing.objects.filter(
                    inburgeraar=OuterRef("pk"), aanbieder_id=filters.aanbieder_id
                )
            )
        )
    return queryset


def person_ids(filters: Filters):
    """The filtered persons' ids as a subquery (no annotations: cheaper to embed)."""
    return persons(filters).values("pk")


def person_rows(filters: Filters) -> list[PersonRow]:
    """One query: the plain rows the figures are computed from."""
    values = persons(filters).values_list(
        "municipality_id",
        "doelgroep",
        "status",
        "kennisgeving_date",
        "intake_started",
        "intake_completed",
        "pip_dagtekening",
        "current_leerroute",
        "pvt__signed_on",
        "map__eindgesprek_on",
        "matching_profile__wants_maatje",
        "has_maatje",
        "in_activity",
        "regime",
        "brp_date",
        "housing_date",
        "municipality__pip_deadline_from_housing",
    )
    return [
        PersonRow(
            municipality_id=m,
            doelgroep=dg,
            status=st,
            kennisgeving=kg,
            intake_started=i1,
            intake_completed=i2,
            pip_dagtekening=pip,
            leerroute=lr or "",
            pvt_signed=pvt,
            map_done=mp,
            wants_maatje=wm,
            has_maatje=hm,
            in_activity=ia,
            regime=rg,
            brp_date=brp,
            housing_date=hs,
            pip_from_housing=fh,
        )
        for (m, dg, st, kg, i1, i2, pip, lr, pvt, mp, wm, hm, ia, rg, brp, hs, fh) in (
            values.order_by()
        )
    ]


def hours(filters: Filters) -> dict:
    reports = Lesuren.objects.filter(inburgeraar__in=person_ids(filters))
    if filters.aanbieder_id:
        reports = reports.filter(aanbieder_id=filters.aanbieder_id)
    totals = reports.aggregate(offered=Sum("uren_aangeboden"), attended=Sum("uren_aanwezig"))
    return {k: v or 0 for k, v in totals.items()}


def exam_results(filters: Filters) -> list[dict]:
    results = Examenresultaat.objects.filter(inburgeraar__in=person_ids(filters))
    if filters.aanbieder_id:
        results = results.filter(aanbieder_id=filters.aanbieder_id)
    return list(
        results.values("onderdeel", "uitslag").annotate(n=Count("pk")).order_by("onderdeel")
    )


def ontzorging(filters: Filters) -> dict:
    extended = Exists(Verlenging.objects.filter(ontzorging=OuterRef("pk")))
    ended = Q(status=OntzorgingStatus.BEEINDIGD)
    return (
        Ontzorging.objects.filter(inburgeraar__in=person_ids(filters))
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
    cases = Handhavingszaak.objects.filter(inburgeraar__in=person_ids(filters))
    by_stage = dict(cases.values_list("stage").annotate(n=Count("pk")).order_by())
    bezwaren = Bezwaar.objects.filter(inburgeraar__in=person_ids(filters)).aggregate(
        total=Count("pk"), te_laat=Count("pk", filter=Q(tijdig=False))
    )
    return {"by_stage": by_stage, "cases": sum(by_stage.values()), "bezwaren": bezwaren}


def per_aanbieder(filters: Filters) -> list[dict]:
    """Contract management: attendance, exam results, route changes and dropout."""
    ids = person_ids(filters)
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
        Lesuren.objects.filter(inburgeraar__in=ids)
        .values_list("aanbieder__name")
        .annotate(o=Sum("uren_aangeboden"), a=Sum("uren_aanwezig"))
        .order_by()
    ):
        row(name).update(offered=offered or 0, attended=attended or 0)
    for name, passed, failed in (
        Examenresultaat.objects.filter(inburgeraar__in=ids)
        .values_list("aanbieder__name")
        .annotate(
            p=Count("pk", filter=Q(uitslag="behaald")),
            f=Count("pk", filter=~Q(uitslag="behaald")),
        )
        .order_by()
    ):
        row(name).update(passed=passed, failed=failed)
    for name, total, dropout, moved in (
        Verwijzing.objects.filter(inburgeraar__in=ids)
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


def route_changes(filters: Filters) -> int:
    """Persons whose vastgestelde PIP versions name more than one leerroute."""
    return (
        PIPVersie.objects.filter(
            pip__inburgeraar__in=person_ids(filters), status=VersieStatus.VASTGESTELD
        )
        .exclude(leerroute="")
        .values("pip")
        .annotate(routes=Count("leerroute", distinct=True))
        .filter(routes__gt=1)
        .count()
    )


def borging(filters: Filters) -> dict:
    """Seed §4.3: per activity, participation per year; funding per year and stream."""
    attendance = (
        Attendance.objects.filter(
            status=AttendanceStatus.AANWEZIG,
            enrolment__inburgeraar__municipality__in=filters.municipality_ids,
        )
        .annotate(year=ExtractYear("date"))
        .values("enrolment__session__activity__name", "year")
        .annotate(
            persons=Count("enrolment__inburgeraar", distinct=True),
            hours=Sum("hours"),
        )
        .order_by("enrolment__session__activity__name", "year")
    )
    participation = [
        {
            "activity": a["enrolment__session__activity__name"],
            "year": a["year"],
            "persons": a["persons"],
            "hours": a["hours"] or 0,
        }
        for a in attendance
    ]
    funding = list(
        Financiering.objects.filter(municipality__in=filters.municipality_ids)
        .values("jaar", "soort")
        .annotate(bedrag=Sum("bedrag"))
        .order_by("jaar", "soort")
    )
    return {"participation": participation, "funding": funding}


def aanbieder_choices(municipality_ids) -> list[tuple[int, str]]:
    from regie.core.models import Organisation
    from regie.core.roles import OrganisationType

    return list(
        Organisation.objects.filter(type=OrganisationType.AANBIEDER, serves__in=municipality_ids)
        .distinct()
        .order_by("name")
        .values_list("pk", "name")
    )
