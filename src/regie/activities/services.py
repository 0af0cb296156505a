"""What the activities app decides: enrolments and attendance, hours and progress, the PVT
and the MAP, and the integraal weekprogramma built with the solver of regie.planning.

Views stay thin and call these functions. Functions that take a list of persons do a
constant number of queries whatever its length (the werkvoorraad and the group planner
pass whole caseloads).
"""

from __future__ import annotations

import re
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case, Count, DecimalField, Min, Q, Sum, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.activities import progress
from regie.activities.models import (
    DAY_CODES,
    Activity,
    Attendance,
    AttendanceStatus,
    Availability,
    DagdeelStatus,
    Enrolment,
    Kind,
    MapTraject,
    MapUren,
    ProgrammeStatus,
    PvtDagdeel,
    PvtTraject,
    RouteGroup,
    Session,
    TargetDoelgroep,
    Theme,
    WeekProgramme,
    WeekProgrammeItem,
)
from regie.core.localrules import local_value
from regie.core.presence import has_rows, only_if_present
from regie.people.models import Inburgeraar, Verwijzing, VerwijzingStatus
from regie.planning import check_week, solve_week
from regie.planning.week import target_seconds
from regie.rules.lifecycle import Regime
from regie.work.services import placement_blocks

# Minutes kept free between two blocks of a person's week (cycling in a small town).
TRAVEL_MINUTES = 15
# Planning the week of a group must not keep a page waiting long.
SOLVER_SECONDS = 10
# When a person has no availability recorded, the planner assumes working days.
DEFAULT_WINDOW = (time(8, 30), time(17, 30))
DEFAULT_DAYS = range(5)
# Hours of activities per week the planner aims for next to the lessons, by route (a
# starting point the planner may change): the Z-route for asielstatushouders asks 800
# participation hours in three years. The proposed target of the week is these hours plus
# the lessons (the target counts the whole week and is a hard upper bound).
DEFAULT_HOURS_TARGET = {
    RouteGroup.Z: Decimal(6),
    RouteGroup.B1: Decimal(4),
    RouteGroup.ONDERWIJS: Decimal(2),
    RouteGroup.ONDERTUSSENGROEP: Decimal(3),
    RouteGroup.OUDKOMER: Decimal(3),
}
DEFAULT_MAX_HOURS_PER_DAY = Decimal(4)

_PRESENT_HOURS = Sum(
    Case(
        When(status=AttendanceStatus.AANWEZIG, then="hours"),
        default=Value(Decimal(0)),
        output_field=DecimalField(max_digits=8, decimal_places=2),
    )
)


# --- the PIP (regie.plans): route and goals ---------------------------------------------


@dataclass
class PlanFacts:
    route: str | None
    themes: list[str]


def plan_facts(persons: list[Inburgeraar]) -> dict[int, PlanFacts]:
    """The route and the levensgebieden of the open goals of each person's PIP in force
    (its last vastgestelde version); outside the 2021 law the person's group. Two queries.

    Read-only use of regie.plans' tables: that app has no bulk accessor yet."""
    from regie.plans.models import DoelStatus, PIPDoel
    from regie.plans.versions import VersieRow, vastgestelde_versies

    current: dict[int, VersieRow] = {}
    for versie in vastgestelde_versies(tuple(p.pk for p in persons)):
        person_id = versie.person_id
        if person_id not in current or versie.nummer > current[person_id].nummer:
            current[person_id] = versie
    themes: dict[int, set[str]] = defaultdict(set)
    by_versie = {v.versie_id: pid for pid, v in current.items()}
    # Persons loaded with the file's presence columns and no goals at all need no query.
    goal_persons = {p.pk for p in persons if has_rows(p, "pipdoel")}
    by_versie = {vid: pid for vid, pid in by_versie.items() if pid in goal_persons}
    for versie_id, area in PIPDoel.objects.filter(
        versie__in=list(by_versie), status__in=[DoelStatus.OPEN, DoelStatus.BEZIG]
    ).values_list("versie_id", "levensgebied"):
        themes[by_versie[versie_id]].add(area)
    order = {value: i for i, value in enumerate(Theme.values)}
    facts = {}
    for person in persons:
        versie = current.get(person.pk)
        if person.regime == Regime.WI2013:
            route = RouteGroup.ONDERTUSSENGROEP.value
        elif person.regime == Regime.OUDKOMER:
            route = RouteGroup.OUDKOMER.value
        else:
            route = versie.leerroute if versie and versie.leerroute else None
        facts[person.pk] = PlanFacts(
            route, sorted(themes.get(person.pk, ()), key=lambda t: order.get(t, 99))
        )
    return facts


# --- hours and progress ------------------------------------------------------------------


def attended_hours(person_ids: list[int]) -> dict[int, dict[str, Decimal]]:
    """Hours present per person: {'taalles': …, 'activiteit': …}. One query."""
    result: dict[int, dict[str, Decimal]] = defaultdict(
        lambda: {Kind.TAALLES: Decimal(0), Kind.ACTIVITEIT: Decimal(0)}
    )
    rows = (
        Attendance.objects.filter(
            enrolment__inburgeraar__in=person_ids, status=AttendanceStatus.AANWEZIG
        )
        .values("enrolment__inburgeraar", "enrolment__session__activity__kind")
        .annotate(total=Sum("hours"))
    )
    for row in rows:
        result[row["enrolment__inburgeraar"]][row["enrolment__session__activity__kind"]] = row[
            "total"
        ] or Decimal(0)
    return result


def pvt_hours_for(person_ids: list[int]) -> dict[int, tuple[int, Decimal]]:
    """(half-days attended, hours) per person. One query."""
    rows = (
        PvtDagdeel.objects.filter(
            traject__inburgeraar__in=person_ids, status=DagdeelStatus.AANWEZIG
        )
        .values("traject__inburgeraar")
        .annotate(n=Count("id"), hours=Sum("hours"))
    )
    return {r["traject__inburgeraar"]: (r["n"], r["hours"] or Decimal(0)) for r in rows}


def map_hours_for(person_ids: list[int]) -> dict[int, Decimal]:
    rows = (
        MapUren.objects.filter(traject__inburgeraar__in=person_ids)
        .values("traject__inburgeraar")
        .annotate(hours=Sum("hours"))
    )
    return {r["traject__inburgeraar"]: r["hours"] or Decimal(0) for r in rows}


def map_norm(person: Inburgeraar) -> Decimal:
    return Decimal(local_value(person.municipality, "map_uren"))


@dataclass
class Progress:
    route: str | None
    bars: list[progress.Bar] = field(default_factory=list)
    lesson_hours: Decimal = Decimal(0)
    activity_hours: Decimal = Decimal(0)
    participation_hours: Decimal = Decimal(0)
    pvt: PvtTraject | None = None
    pvt_done: int = 0
    pvt_hours: Decimal = Decimal(0)
    map: MapTraject | None = None
    map_hours: Decimal = Decimal(0)
    map_norm: Decimal = Decimal(0)
    map_eindgesprek_due: bool = False


BAR_LABELS = {
    "cursusuren": lambda: _("Z-route: cursusuren NT2 en KNM"),
    "participatie": lambda: _("Z-route: participatie-uren (PVT en MAP tellen mee)"),
    "pvt": lambda: _("PVT: gevolgde dagdelen"),
    "map": lambda: _("MAP: uren"),
}


def person_progress(person: Inburgeraar, hours: dict[str, Decimal] | None = None) -> Progress:
    """Hours against the route's norms, PVT half-days and MAP hours of one person. MAP and
    PVT hours count towards the Z-route's participation hours (Besluit art. 3.14 lid 5).
    ``hours``: the person's present hours per kind when the caller has them already
    (``person_attendance``)."""
    from dataclasses import replace

    facts = plan_facts([person])[person.pk]
    # A person loaded with the file's presence columns (regie.core.presence) and without
    # enrolments, PVT or MAP has nothing to add up: those reads are skipped.
    if hours is not None:
        hours = {Kind.TAALLES: Decimal(0), Kind.ACTIVITEIT: Decimal(0), **hours}
    elif has_rows(person, "enrolment"):
        hours = attended_hours([person.pk])[person.pk]
    else:
        hours = {Kind.TAALLES: Decimal(0), Kind.ACTIVITEIT: Decimal(0)}
    # One traject of each per person (OneToOne): its totals come with it, as
    # pvt_hours_for and map_hours_for count them for many persons.
    pvt = (
        only_if_present(PvtTraject.objects.filter(inburgeraar=person), person, "pvt")
        .annotate(
            done_n=Count("dagdelen", filter=Q(dagdelen__status=DagdeelStatus.AANWEZIG)),
            done_hours=Sum("dagdelen__hours", filter=Q(dagdelen__status=DagdeelStatus.AANWEZIG)),
        )
        .first()
    )
    mapt = (
        only_if_present(MapTraject.objects.filter(inburgeraar=person), person, "map")
        .annotate(total=Sum("uren__hours"))
        .first()
    )
    pvt_done, pvt_h = (pvt.done_n, pvt.done_hours or Decimal(0)) if pvt else (0, Decimal(0))
    map_h = (mapt.total or Decimal(0)) if mapt else Decimal(0)
    result = Progress(
        route=facts.route,
        lesson_hours=hours[Kind.TAALLES],
        activity_hours=hours[Kind.ACTIVITEIT],
        participation_hours=hours[Kind.ACTIVITEIT] + pvt_h + map_h,
        pvt=pvt,
        pvt_done=pvt_done,
        pvt_hours=pvt_h,
        map=mapt,
        map_hours=map_h,
        map_norm=map_norm(person),
    )
    bars = []
    if facts.route == RouteGroup.Z:
        bars += progress.z_route_bars(
            # Besluit art. 3.14 lid 2: 'asielstatushouders' are the Wi 13 lid 1 persons.
            person.rechtspositie.maatschappelijke_begeleiding,
            result.participation_hours,
            result.lesson_hours,
        )
    bars.append(progress.Bar("pvt", Decimal(pvt_done), Decimal(progress.PVT_DAGDELEN)))
    if facts.route != RouteGroup.ONDERWIJS:  # no MAP in the onderwijsroute (Wi art. 8 lid 3)
        bars.append(progress.Bar("map", map_h, result.map_norm))
        result.map_eindgesprek_due = progress.map_eindgesprek_due(
            map_h, result.map_norm, mapt.eindgesprek_on if mapt else None
        )
    result.bars = [replace(bar, label=BAR_LABELS[bar.key]()) for bar in bars]
    return result


# --- attendance --------------------------------------------------------------------------


@dataclass
class AttendanceStand:
    person_id: int
    activity_id: int
    activity_name: str
    present_hours: Decimal
    registered_hours: Decimal
    registrations: int
    no_shows: int

    @property
    def rate(self) -> Decimal | None:
        return progress.attendance_rate(self.present_hours, self.registered_hours)


def attendance_stands(attendances, since: date | None = None) -> list[AttendanceStand]:
    """Attendance per (person, activity) from a queryset of Attendance (already scoped by
    the caller), optionally since a date. One query."""
    if since is not None:
        attendances = attendances.filter(date__gte=since)
    rows = (
        attendances.values(
            "enrolment__inburgeraar",
            "enrolment__session__activity",
            "enrolment__session__activity__name",
        )
        .annotate(
            present=_PRESENT_HOURS,
            registered=Sum("hours"),
            n=Count("id"),
            no_shows=Count("id", filter=Q(status=AttendanceStatus.NIET_VERSCHENEN)),
        )
        .order_by("enrolment__inburgeraar", "enrolment__session__activity__name")
    )
    return [_stand(r, r["enrolment__inburgeraar"]) for r in rows]


def _stand(row: dict, person_id: int) -> AttendanceStand:
    """An AttendanceStand from a row grouped per activity (present, registered, n,
    no_shows)."""
    return AttendanceStand(
        person_id,
        row["enrolment__session__activity"],
        row["enrolment__session__activity__name"],
        row["present"] or Decimal(0),
        row["registered"] or Decimal(0),
        row["n"],
        row["no_shows"],
    )


def person_attendance(
    attendances, since: date
) -> tuple[list[AttendanceStand], dict[str, Decimal]]:
    """For one person's attendance (a queryset of Attendance, scoped by the caller): the
    stands since ``since`` (as ``attendance_stands``) and the hours present per kind of
    activity over all time (as ``attended_hours``), in one query."""
    window = Q(date__gte=since)
    rows = (
        attendances.values(
            "enrolment__session__activity",
            "enrolment__session__activity__name",
            "enrolment__session__activity__kind",
        )
        .annotate(
            present=Sum(
                Case(
                    When(window & Q(status=AttendanceStatus.AANWEZIG), then="hours"),
                    default=Value(Decimal(0)),
                    output_field=DecimalField(max_digits=8, decimal_places=2),
                )
            ),
            registered=Sum("hours", filter=window),
            n=Count("id", filter=window),
            no_shows=Count("id", filter=window & Q(status=AttendanceStatus.NIET_VERSCHENEN)),
            present_all=Sum("hours", filter=Q(status=AttendanceStatus.AANWEZIG)),
            person=Min("enrolment__inburgeraar"),
        )
        .order_by("enrolment__session__activity__name")
    )
    stands: list[AttendanceStand] = []
    hours: dict[str, Decimal] = {}
    for r in rows:
        kind = r["enrolment__session__activity__kind"]
        if r["present_all"]:
            hours[kind] = hours.get(kind, Decimal(0)) + r["present_all"]
        if r["n"]:
            stands.append(_stand(r, r["person"]))
    return stands, hours


def attendance_window_start(today: date) -> date:
    return today - timedelta(weeks=progress.ATTENDANCE_WINDOW_WEEKS)


def threshold_for(municipality) -> int:
    return int(local_value(municipality, "aanwezigheid_signaal_procent"))


def session_dates(session: Session, until: date, count: int = 8) -> list[date]:
    """The last ``count`` dates on which the session met, up to ``until``."""
    day = until - timedelta(days=(until.weekday() - session.weekday) % 7)
    found = []
    while len(found) < count and day >= session.valid_from:
        if session.runs_on(day):
            found.append(day)
        day -= timedelta(days=7)
    return found


def attendance_problems(session: Session, day: date, today: date) -> list[str]:
    problems = []
    if not session.runs_on(day):
        problems.append(_("Op deze datum is er geen bijeenkomst van deze sessie."))
    if day > today:
        problems.append(
            _("Aanwezigheid kan niet voor een datum in de toekomst worden geregistreerd.")
        )
    return problems


def register_attendance(
    session: Session, day: date, statuses: dict[int, str], enrolments, username: str
) -> int:
    """Record the attendance of the given enrolments (already scoped to what the user may
    register) on one date; every record is audit-logged by TrackedModel. Returns the number
    of records written."""
    allowed = {e.pk: e for e in enrolments if e.session_id == session.pk and e.active_on(day)}
    written = 0
    with transaction.atomic():
        existing = {
            a.enrolment_id: a
            for a in Attendance.objects.filter(enrolment__in=list(allowed), date=day)
        }
        for enrolment_id, status in statuses.items():
            enrolment = allowed.get(enrolment_id)
            if enrolment is None or status not in AttendanceStatus.values:
                continue
            record = existing.get(enrolment_id)
            if record is None:
                record = Attendance(enrolment=enrolment, date=day, hours=session.hours)
            elif record.status == status:
                continue
            record.enrolment = enrolment
            record.status = status
            record.registered_by = username
            record.save()
            written += 1
    return written


# --- enrolment ---------------------------------------------------------------------------


def enrolled_count(session: Session, day: date, exclude_persons=()) -> int:
    return (
        Enrolment.objects.filter(session=session)
        .active_on(day)
        .exclude(inburgeraar__in=list(exclude_persons))
        .count()
    )


def enrol(person: Inburgeraar, activity: Activity, session: Session | None, start: date) -> list:
    """Enrol a person: in one session of an activity, or in every block of a lesson group.
    Refuses a full session and a double enrolment."""
    sessions = list(activity.sessions.all()) if activity.is_lesson else [session]
    if not sessions or sessions[0] is None:
        raise ValidationError(_("Kies een sessie."))
    with transaction.atomic():
        created = []
        for s in sessions:
            if Enrolment.objects.filter(inburgeraar=person, session=s).active_on(start).exists():
                raise ValidationError(
                    _("%(name)s is al ingeschreven voor %(what)s.") % {"name": person, "what": s}
                )
            if not activity.is_lesson and enrolled_count(s, start) >= s.capacity:
                raise ValidationError(_("%(what)s is vol.") % {"what": s})
            created.append(
                Enrolment.objects.create(inburgeraar=person, session=s, start_date=start)
            )
    return created


def end_enrolment(enrolment: Enrolment, day: date) -> None:
    if enrolment.start_date > day:
        enrolment.end_date = enrolment.start_date
    else:
        enrolment.end_date = day
    enrolment.save()


# --- the integraal weekprogramma ---------------------------------------------------------


@dataclass
class PlanParams:
    route: str
    themes: list[str]
    hours_target: Decimal
    max_hours_per_day: Decimal


def default_params(
    person: Inburgeraar, facts: PlanFacts, fixed_hours: Decimal = Decimal(0)
) -> PlanParams | None:
    """The planner's starting point: the route's activity hours on top of ``fixed_hours``
    (lessons and other fixed blocks, see ``fixed_hours_for``), as the week's target."""
    if not facts.route:
        return None
    return PlanParams(
        route=facts.route,
        themes=list(facts.themes),
        hours_target=default_target(facts.route, fixed_hours),
        max_hours_per_day=DEFAULT_MAX_HOURS_PER_DAY,
    )


def default_target(route: str | None, fixed_hours: Decimal) -> Decimal:
    activity = DEFAULT_HOURS_TARGET.get(route, Decimal(4)) if route else Decimal(4)
    # The form takes one decimal; round up so that the activity hours are never cut.
    total = (fixed_hours + activity).quantize(Decimal("0.1"), rounding="ROUND_CEILING")
    return min(total, Decimal(40))


def fixed_hours_for(persons: list[Inburgeraar], week_start: date) -> dict[int, Decimal]:
    """Hours per week each person already has before planning: the lessons (enrolled or
    from the aanbieder's timetable), the hours kept free for lessons not yet known, and
    other enrolments outside a weekprogramma. Constant queries."""
    fixed = _fixed_blocks(persons, week_start)
    return {
        p.pk: (Decimal(fixed.minutes(p.pk)) / 60 + fixed.lessons[p.pk].reserved_hours)
        for p in persons
    }


# --- the lessons in the week --------------------------------------------------------------


class LessonState:
    """Whether the person's language lessons are in the week, and if not, why not. Stored
    in a programme's result (``lessons.state``); the page, PDF and ICS word each one."""

    KNOWN = "bekend"  # enrolled in a lesson group, or the one group of the aanbieder
    NOT_APPLICABLE = "niet_van_toepassing"  # no leerroute under the 2021 law, no referral
    NO_REFERRAL = "geen_verwijzing"  # not (yet) referred to a taalschool
    REFERRAL_OPEN = "verwijzing_open"  # referred, the taalschool has not accepted yet
    NO_TIMETABLE = "geen_rooster"  # accepted, but no lesson group for the route in Regie
    SEVERAL_GROUPS = "meer_groepen"  # accepted, several groups: which one is not known


@dataclass
class LessonInfo:
    state: str
    aanbieder: str = ""
    group: str = ""
    # Lesson blocks taken from the aanbieder's timetable (the person is not enrolled).
    sessions: list[Session] = field(default_factory=list)
    minutes: int = 0  # of all lesson blocks in the week, enrolled or from the timetable
    referral_hours: Decimal | None = None  # lesuren per week asked in the referral
    reserved_hours: Decimal = Decimal(0)  # kept free for lessons not yet known
    start_date: date | None = None  # the aanbieder's start date

    @property
    def hours(self) -> Decimal:
        return Decimal(self.minutes) / 60

    def as_result(self) -> dict:
        return {
            "state": self.state,
            "aanbieder": self.aanbieder,
            "group": self.group,
            "hours": float(round(self.hours, 2)),
            "referral_hours": float(self.referral_hours) if self.referral_hours else None,
            "reserved_hours": float(self.reserved_hours),
            "start_date": self.start_date.isoformat() if self.start_date else "",
        }


@dataclass
class FixedBlocks:
    """What is fixed in each person's week before planning."""

    busy: dict[int, list[Enrolment]]  # enrolments that stay (lessons and others)
    lessons: dict[int, LessonInfo]

    def minutes(self, person_id: int) -> int:
        enrolled = sum(e.session.minutes for e in self.busy.get(person_id, []))
        return enrolled + sum(s.minutes for s in self.lessons[person_id].sessions)

    def other_minutes(self, person_id: int) -> int:
        """Fixed minutes that are not lessons (activities enrolled outside a programme)."""
        return self.minutes(person_id) - self.lessons[person_id].minutes


def _runs_in_week(session: Session, week_start: date) -> bool:
    return session.runs_on(day_in_week(week_start, session.weekday))


def _fixed_blocks(persons: list[Inburgeraar], week_start: date) -> FixedBlocks:
    """Each person's enrolments that stay in the week, and their lessons: the lesson group
    they are enrolled in, or else, once a referral is accepted, the aanbieder's lesson
    group for the route when there is exactly one, and running placements with fixed days
    and times (work.services.placement_blocks). Four queries at most."""
    week_end = week_start + timedelta(days=6)
    ids = [p.pk for p in persons]
    busy: dict[int, list[Enrolment]] = defaultdict(list)
    for enrolment in (
        Enrolment.objects.filter(inburgeraar__in=ids, start_date__lte=week_end)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=week_start))
        .select_related("session__activity__organiser")
    ):
        if not _replaced(enrolment) and _runs_in_week(enrolment.session, week_start):
            busy[enrolment.inburgeraar_id].append(enrolment)
    # Running placements (werkervaringsplek, stage, vrijwilligerswerk, werk) with fixed days
    # and times are fixed blocks too (issue 20): occupied, counted in the week's hours.
    for person_id, blocks in placement_blocks(ids, week_start).items():
        busy[person_id].extend(blocks)
    referrals: dict[int, list[Verwijzing]] = defaultdict(list)  # newest first
    for ref in (
        Verwijzing.objects.filter(
            inburgeraar__in=ids,
            status__in=[VerwijzingStatus.AANGEVRAAGD, VerwijzingStatus.GEACCEPTEERD],
        )
        .select_related("aanbieder")
        .order_by("-created_at", "-id")
    ):
        referrals[ref.inburgeraar_id].append(ref)
    accepted = {
        r.aanbieder_id
        for refs in referrals.values()
        for r in refs
        if r.status == VerwijzingStatus.GEACCEPTEERD
    }
    groups: dict[tuple[int, int], dict[int, list[Session]]] = defaultdict(
        lambda: defaultdict(list)
    )
    routes_of: dict[int, list[str]] = {}
    names: dict[int, str] = {}
    if accepted:
        for session in (
            Session.objects.filter(
                activity__kind=Kind.TAALLES,
                activity__active=True,
                activity__organiser__in=accepted,
                activity__municipality__in={p.municipality_id for p in persons},
                valid_from__lte=week_end,
            )
            .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=week_start))
            .select_related("activity__organiser")
            .order_by("weekday", "start", "id")
        ):
            if _runs_in_week(session, week_start):
                activity = session.activity
                key = (activity.organiser_id, activity.municipality_id)
                groups[key][activity.pk].append(session)
                routes_of[activity.pk] = list(activity.routes)
                names[activity.pk] = activity.name
    lessons = {}
    for person in persons:
        mine = [e for e in busy.get(person.pk, []) if e.session.activity.is_lesson]
        refs = referrals.get(person.pk, [])
        taken = [r for r in refs if r.status == VerwijzingStatus.GEACCEPTEERD]
        if mine:
            organiser = mine[0].session.activity.organiser_id
            ref = next((r for r in taken if r.aanbieder_id == organiser), None)
            info = _lesson_info(LessonState.KNOWN, ref)
            info.aanbieder = str(mine[0].session.activity.organiser)
            info.group = mine[0].session.activity.name
            info.minutes = sum(e.session.minutes for e in mine)
        elif taken:
            # Of several accepted referrals (a taalschool, a MAP provider…) the one whose
            # aanbieder has exactly one lesson group for the route gives the lessons.
            info = None
            for ref in taken:
                route = ref.leerroute
                found = {
                    pk: sessions
                    for pk, sessions in groups[(ref.aanbieder_id, person.municipality_id)].items()
                    if not route or not routes_of[pk] or route in routes_of[pk]
                }
                if len(found) == 1:
                    ((pk, sessions),) = found.items()
                    info = _lesson_info(LessonState.KNOWN, ref)
                    info.group = names[pk]
                    info.sessions = sessions
                    info.minutes = sum(s.minutes for s in sessions)
                    break
                if found and info is None:
                    info = _lesson_info(LessonState.SEVERAL_GROUPS, ref)
            if info is None:
                info = _lesson_info(LessonState.NO_TIMETABLE, taken[0])
        elif refs:
            info = _lesson_info(LessonState.REFERRAL_OPEN, refs[0])
        elif person.regime == Regime.WI2021:
            info = _lesson_info(LessonState.NO_REFERRAL, None)
        else:
            info = _lesson_info(LessonState.NOT_APPLICABLE, None)
        if info.state != LessonState.KNOWN and info.referral_hours:
            info.reserved_hours = info.referral_hours
        lessons[person.pk] = info
    return FixedBlocks(busy, lessons)


def _lesson_info(state: str, ref: Verwijzing | None) -> LessonInfo:
    if ref is None:
        return LessonInfo(state)
    return LessonInfo(
        state,
        aanbieder=ref.aanbieder.name,
        referral_hours=ref.lesuren_per_week,
        start_date=ref.start_date,
    )


def lessons_for(person: Inburgeraar, week_start: date) -> LessonInfo:
    """The lessons in one person's week (for the page before a proposal is made)."""
    return _fixed_blocks([person], week_start).lessons[person.pk]


def next_monday(today: date) -> date:
    return today + timedelta(days=(7 - today.weekday()) % 7 or 7)


def _hhmm(value: time) -> str:
    return f"{value:%H:%M}"


def _route_key(route: str, doelgroep: str) -> str:
    # The solver matches one route string; pairing route and doelgroep lets an activity
    # be for, say, Z-route asielmigranten only.
    return f"{route}|{doelgroep}"


def session_routes(activity: Activity) -> list[str]:
    groups = activity.doelgroepen or TargetDoelgroep.values
    return [_route_key(r, g) for r in activity.routes for g in groups]


def day_in_week(week_start: date, weekday: int) -> date:
    return week_start + timedelta(days=(weekday - week_start.weekday()) % 7)


@dataclass
class Instance:
    """A solver instance built from the database, with the objects behind its ids."""

    data: dict
    sessions: dict[str, Session]
    persons: dict[str, Inburgeraar]
    assumed_availability: set[int]
    busy: dict[int, list[Enrolment]]
    fixed: FixedBlocks


def _replaced(enrolment: Enrolment) -> bool:
    """Enrolments made from a weekprogramma are replaced by the new one."""
    return enrolment.programme_id is not None


def build_instance(
    persons: list[Inburgeraar], params: dict[int, PlanParams], week_start: date
) -> Instance:
    """The instance of PLANNING.md §2 (with docs/planning.md's additions) for these persons
    and the week from ``week_start``.

    Sessions: active menukaart activities in the persons' municipalities that meet in that
    week, with the places left after the enrolments of everyone else, and each activity's
    ``times_per_week``. Busy blocks: each person's lessons (enrolled, or the aanbieder's
    lesson group once a referral is accepted, see ``_fixed_blocks``) and other enrolments
    not made from a weekprogramma (those are replaced when the new programme is
    confirmed), each with its activity so that it counts towards that activity's times per
    week. Hours: the target counts the whole week, so the solver gets what is left after
    the fixed blocks (and hours kept free for lessons not yet known) as both its target and
    its hard ``hours_max``. Availability: the person's windows, or working days when none
    are recorded. Eight queries at most, whatever the number of persons.
    """
    week_end = week_start + timedelta(days=6)
    ids = [p.pk for p in persons]
    windows: dict[int, list[Availability]] = defaultdict(list)
    for window in Availability.objects.filter(inburgeraar__in=ids):
        windows[window.inburgeraar_id].append(window)
    fixed = _fixed_blocks(persons, week_start)
    busy = fixed.busy
    municipalities = {p.municipality_id for p in persons}
    sessions = [
        s
        for s in Session.objects.filter(
            activity__kind=Kind.ACTIVITEIT,
            activity__active=True,
            activity__municipality__in=municipalities,
            valid_from__lte=week_end,
        )
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=week_start))
        .select_related("activity")
        .order_by("weekday", "start", "id")
        if s.runs_on(day_in_week(week_start, s.weekday))
    ]
    taken: dict[int, int] = defaultdict(int)
    others = (
        Enrolment.objects.filter(session__in=[s.pk for s in sessions], start_date__lte=week_end)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=week_start))
        .exclude(inburgeraar__in=ids, programme__isnull=False)
        .values("session")
        .annotate(n=Count("id"))
    )
    for row in others:
        taken[row["session"]] = row["n"]

    session_data, session_map = [], {}
    # Two activities may share a name; the solver counts by name, so they share the most
    # generous times per week.
    times: dict[str, int] = defaultdict(lambda: 1)
    for s in sessions:
        times[s.activity.name] = max(times[s.activity.name], s.activity.times_per_week)
    for s in sessions:
        key = f"s{s.pk}"
        session_map[key] = s
        session_data.append(
            {
                "id": key,
                "activity": s.activity.name,
                "themes": list(s.activity.themes),
                "day": s.day_code,
                "start": _hhmm(s.start),
                "end": _hhmm(s.end),
                "capacity": max(0, s.capacity - taken[s.pk]),
                "routes": session_routes(s.activity),
                "times_per_week": times[s.activity.name],
            }
        )
    participants, person_map, assumed = [], {}, set()
    for person in persons:
        p = params[person.pk]
        key = f"p{person.pk}"
        person_map[key] = person
        mine = windows.get(person.pk)
        if mine:
            available = [
                {"day": DAY_CODES[w.weekday], "start": _hhmm(w.start), "end": _hhmm(w.end)}
                for w in mine
            ]
        else:
            assumed.add(person.pk)
            available = [
                {
                    "day": DAY_CODES[d],
                    "start": _hhmm(DEFAULT_WINDOW[0]),
                    "end": _hhmm(DEFAULT_WINDOW[1]),
                }
                for d in DEFAULT_DAYS
            ]
        blocks = [e.session for e in busy.get(person.pk, [])] + fixed.lessons[person.pk].sessions
        budget = activity_budget(p.hours_target, fixed, person.pk)
        # A goal the lessons or an activity the person already attends serves needs no
        # second activity; the planner sees it as covered by those (``themes_fixed``).
        done = fixed_themes(fixed, person.pk)
        participants.append(
            {
                "id": key,
                "route": _route_key(p.route, person.doelgroep),
                "hours_target": float(budget),
                "hours_max": float(budget),
                "max_hours_per_day": float(p.max_hours_per_day),
                "themes_needed": [t for t in p.themes if t not in done],
                "available": available,
                "busy": [
                    {
                        "day": s.day_code,
                        "start": _hhmm(s.start),
                        "end": _hhmm(s.end),
                        "what": s.activity.name,
                        "activity": s.activity.name,
                    }
                    for s in blocks
                ],
            }
        )
    data = {
        "participants": participants,
        "sessions": session_data,
        "travel_minutes": TRAVEL_MINUTES,
    }
    return Instance(data, session_map, person_map, assumed, busy, fixed)


def fixed_themes(fixed: FixedBlocks, person_id: int) -> set[str]:
    sessions = [e.session for e in fixed.busy.get(person_id, [])]
    sessions += fixed.lessons[person_id].sessions
    return {t for s in sessions for t in s.activity.themes}


def activity_budget(target: Decimal, fixed: FixedBlocks, person_id: int) -> Decimal:
    """Hours left for activities: the week's target minus the fixed blocks and the hours
    kept free for lessons not yet known; never below zero."""
    left = (
        Decimal(target)
        - Decimal(fixed.minutes(person_id)) / 60
        - fixed.lessons[person_id].reserved_hours
    )
    return max(Decimal(0), left)


def humanise(text: str, sessions: dict[str, Session]) -> str:
    """Replace the solver's session ids (s12) by what a planner recognises."""

    def name(match):
        session = sessions.get(match.group(0))
        if session is None:
            return match.group(0)
        return f"{session.activity.name} ({session.get_weekday_display()} {session.start:%H:%M})"

    return re.sub(r"\bs\d+\b", name, text)


def _schedule_result(
    instance: Instance, schedule: dict, output: dict, person: Inburgeraar, target: Decimal
) -> dict:
    fixed = instance.fixed
    return {
        "sessions": schedule["sessions"],
        "hours": schedule["hours"],
        "themes_covered": schedule["themes_covered"],
        "themes_missing": schedule["themes_missing"],
        "missing_reason": {
            theme: humanise(reason, instance.sessions)
            for theme, reason in schedule["missing_reason"].items()
        },
        "optimal": output.get("optimal", False),
        "assumed_availability": person.pk in instance.assumed_availability,
        # The week as the person lives it: the target counts lessons and fixed blocks.
        "target": float(target),
        "lessons": fixed.lessons[person.pk].as_result(),
        "themes_fixed": sorted(fixed_themes(fixed, person.pk)),
        "other_fixed_hours": round(fixed.other_minutes(person.pk) / 60, 2),
        "budget": float(activity_budget(target, fixed, person.pk)),
    }


def propose(
    persons: list[Inburgeraar],
    params: dict[int, PlanParams],
    valid_from: date,
    user,
    *,
    time_limit_s: float = SOLVER_SECONDS,
) -> list[WeekProgramme]:
    """Solve the week for these persons together (they share the places) and store one
    concept programme per person; earlier concepts of these persons lapse."""
    instance = build_instance(persons, params, valid_from)
    output = solve_week(instance.data, time_limit_s=time_limit_s, workers=2)
    violations = check_week(instance.data, output)
    if violations:  # the solver promises this never happens; refuse rather than store it
        raise RuntimeError("; ".join(violations))
    batch = uuid.uuid4() if len(persons) > 1 else None
    created = []
    with transaction.atomic():
        for concept in WeekProgramme.objects.filter(
            inburgeraar__in=[p.pk for p in persons], status=ProgrammeStatus.CONCEPT
        ):
            concept.status = ProgrammeStatus.VERVALLEN
            concept.save()
        for schedule in output["schedules"]:
            person = instance.persons[schedule["participant"]]
            p = params[person.pk]
            programme = WeekProgramme.objects.create(
                inburgeraar=person,
                batch=batch,
                route=p.route,
                themes_needed=list(p.themes),
                hours_target=p.hours_target,
                max_hours_per_day=p.max_hours_per_day,
                valid_from=valid_from,
                result=_schedule_result(instance, schedule, output, person, p.hours_target),
                created_by=user,
            )
            for key in schedule["sessions"]:
                WeekProgrammeItem.objects.create(
                    programme=programme, session=instance.sessions[key]
                )
            created.append(programme)
    return created


def programme_params(programme: WeekProgramme) -> PlanParams:
    return PlanParams(
        programme.route,
        list(programme.themes_needed),
        programme.hours_target,
        programme.max_hours_per_day,
    )


def evaluate(programme: WeekProgramme, session_ids: list[int]) -> tuple[dict, list[str]]:
    """Check a set of sessions for the programme's person against every hard constraint
    of the solver's checker, with the places and busy blocks as they are now. Returns the
    schedule (as the solver would report it) and the violations in the planner's words."""
    person = programme.inburgeraar
    instance = build_instance(
        [person], {person.pk: programme_params(programme)}, programme.valid_from
    )
    keys = [f"s{pk}" for pk in session_ids]
    unknown = [k for k in keys if k not in instance.sessions]
    if unknown:
        return {}, [_("Deze sessie is in die week niet beschikbaar voor deze inburgeraar.")]
    schedule, output = schedule_output(instance.data, keys)
    problems = []
    for violation in check_week(instance.data, output):
        if " uur in de week, hoogstens " in violation:
            # The solver's bound is the activity budget; the planner set the whole week.
            total = Decimal(str(schedule["hours"])) + (
                Decimal(instance.fixed.minutes(person.pk)) / 60
            )
            violation = _(
                "Dan komt de week op %(total)s uur, meer dan het doel van %(target)s uur "
                "(lessen en vaste activiteiten tellen mee)."
            ) % {"total": dutch_hours(total), "target": dutch_hours(programme.hours_target)}
        problems.append(re.sub(r"\bp\d+(/| ?: ?)", "", humanise(violation, instance.sessions)))
    schedule["missing_reason"] = {t: "" for t in schedule["themes_missing"]}
    return _schedule_result(
        instance, schedule, output, person, programme.hours_target
    ), problems


def schedule_output(data: dict, keys: list[str]) -> tuple[dict, dict]:
    """A complete output of PLANNING.md §2 for one participant with the given sessions,
    so that regie.planning.check_week can judge it."""
    from regie.planning.io import parse_week

    inst = parse_week(data)
    participant = inst.participants[0]
    by_id = {s.id: s for s in inst.sessions}
    day_order = {d: i for i, d in enumerate(DAY_CODES)}
    keys = sorted(keys, key=lambda k: (day_order[by_id[k].day], by_id[k].start, k))
    minutes = sum(by_id[k].minutes for k in keys)
    themes = {t for k in keys for t in by_id[k].themes}
    covered = [t for t in participant.themes_needed if t in themes]
    missing = [t for t in participant.themes_needed if t not in themes]
    schedule = {
        "participant": participant.id,
        "sessions": keys,
        "hours": round(minutes / 60, 2),
        "themes_covered": covered,
        "themes_missing": missing,
        "missing_reason": {t: "" for t in missing},
    }
    value = 10 * len(covered) + min(target_seconds(participant), 60 * minutes) / 3600
    output = {"schedules": [schedule], "objective": value, "bound": value, "optimal": False}
    return schedule, output


def adjust(programme: WeekProgramme, *, add: int | None = None, remove: int | None = None) -> None:
    """Add or remove one session of a concept; refused (ValidationError) when the result
    would break a hard constraint."""
    if not programme.is_concept:
        raise ValidationError(_("Alleen een voorstel kan worden aangepast."))
    current = list(programme.items.values_list("session_id", flat=True))
    wanted = [pk for pk in current if pk != remove]
    if add is not None and add not in wanted:
        wanted.append(add)
    result, problems = evaluate(programme, wanted)
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        if remove is not None:
            for item in programme.items.filter(session_id=remove):
                item.delete()
        if add is not None and add not in current:
            WeekProgrammeItem.objects.create(programme=programme, session_id=add)
        result["optimal"] = False  # adjusted by hand
        programme.result = {**result, "adjusted": True}
        programme.save()


def addable_sessions(programme: WeekProgramme) -> list[Session]:
    """Sessions the planner may add: those of the week that pass the solver's single-pair
    rules for this person (route, window, busy blocks, day limit, a place left)."""
    from regie.planning.io import parse_week
    from regie.planning.week import prepare

    person = programme.inburgeraar
    instance = build_instance(
        [person], {person.pk: programme_params(programme)}, programme.valid_from
    )
    prepared = prepare(parse_week(instance.data))
    chosen = {f"s{pk}" for pk in programme.items.values_list("session_id", flat=True)}
    keys = [prepared.inst.sessions[k].id for k in prepared.cands[0]]
    return [instance.sessions[key] for key in keys if key not in chosen]


def confirm(programme: WeekProgramme, user) -> list[Enrolment]:
    """Confirm a concept: check it again against today's places, end the enrolments of the
    person's previous programme the day before, and enrol the person in every session."""
    if not programme.is_concept:
        raise ValidationError(_("Dit weekprogramma is al bevestigd of vervallen."))
    session_ids = list(programme.items.values_list("session_id", flat=True))
    with transaction.atomic():
        _result, problems = evaluate(programme, session_ids)
        if problems:
            raise ValidationError(problems)
        day_before = programme.valid_from - timedelta(days=1)
        for previous in WeekProgramme.objects.filter(
            inburgeraar=programme.inburgeraar_id, status=ProgrammeStatus.BEVESTIGD
        ):
            for enrolment in previous.enrolments.filter(
                Q(end_date__isnull=True) | Q(end_date__gte=programme.valid_from)
            ):
                end_enrolment(enrolment, max(day_before, enrolment.start_date))
            previous.status = ProgrammeStatus.VERVANGEN
            previous.save()
        created = [
            Enrolment.objects.create(
                inburgeraar_id=programme.inburgeraar_id,
                session_id=pk,
                start_date=programme.valid_from,
                programme=programme,
            )
            for pk in session_ids
        ]
        programme.status = ProgrammeStatus.BEVESTIGD
        programme.confirmed_by = user
        programme.confirmed_at = timezone.now()
        programme.save()
    return created


@dataclass
class ScheduleEntry:
    session: Session
    kind: str  # 'taalles' or 'activiteit'
    fixed: bool = False  # a lesson or an enrolment outside the programme: not adjustable
    from_timetable: bool = False  # a lesson block of the aanbieder's group, not enrolled

    @property
    def activity(self) -> Activity:
        return self.session.activity

    @property
    def placement(self) -> bool:
        """A block of a placement (work.services.placement_blocks: never saved, pk < 0)."""
        return (self.session.pk or 0) < 0


@dataclass
class WeekOverview:
    """A programme's week as the person lives it, with the hours against the target and
    what the page, the PDF and the ICS must say about it."""

    entries: list[ScheduleEntry]
    lessons: LessonInfo
    target: Decimal
    activity_hours: Decimal
    other_fixed_hours: Decimal
    reserved_hours: Decimal

    @property
    def lesson_hours(self) -> Decimal:
        return self.lessons.hours

    @property
    def fixed_hours(self) -> Decimal:
        return self.lesson_hours + self.other_fixed_hours

    @property
    def total_hours(self) -> Decimal:
        return self.fixed_hours + self.activity_hours

    @property
    def lessons_known(self) -> bool:
        return self.lessons.state == LessonState.KNOWN

    @property
    def lessons_missing(self) -> bool:
        """Lessons belong in this week but are not in it (yet)."""
        return self.lessons.state not in (LessonState.KNOWN, LessonState.NOT_APPLICABLE)

    @property
    def fixed_and_reserved(self) -> Decimal:
        return self.fixed_hours + self.reserved_hours

    @property
    def fixed_over_target(self) -> bool:
        """Lessons and fixed blocks alone already pass the target."""
        return self.fixed_hours + self.reserved_hours > self.target

    @property
    def fixed_fill_target(self) -> bool:
        return not self.fixed_over_target and (
            self.fixed_hours + self.reserved_hours >= self.target
        )

    @property
    def target_short(self) -> bool:
        """The target is not reached although there was room for activities."""
        room = self.target - self.fixed_hours - self.reserved_hours
        return room > 0 and self.activity_hours < room - Decimal("0.01")


def week_overview(programme: WeekProgramme) -> WeekOverview:
    """Everything in the person's week from the programme's start: the lessons (enrolled or
    from the aanbieder's timetable) and other enrolments that stay, and the programme's
    sessions, by day and time; the lessons are looked up now, so a timetable the
    aanbieder entered after the proposal shows at once."""
    person = programme.inburgeraar
    instance = build_instance(
        [person], {person.pk: programme_params(programme)}, programme.valid_from
    )
    lessons = instance.fixed.lessons[person.pk]
    entries = [
        ScheduleEntry(e.session, e.session.activity.kind, fixed=True)
        for e in instance.busy.get(person.pk, [])
    ]
    entries += [
        ScheduleEntry(s, Kind.TAALLES, fixed=True, from_timetable=True) for s in lessons.sessions
    ]
    items = [item.session for item in programme.items.select_related("session__activity")]
    entries += [ScheduleEntry(s, Kind.ACTIVITEIT) for s in items]
    entries.sort(key=lambda e: (e.session.weekday, e.session.start, e.session.pk))
    return WeekOverview(
        entries=entries,
        lessons=lessons,
        target=Decimal(programme.hours_target),
        activity_hours=Decimal(sum(s.minutes for s in items)) / 60,
        other_fixed_hours=Decimal(instance.fixed.other_minutes(person.pk)) / 60,
        reserved_hours=lessons.reserved_hours,
    )


def week_schedule(programme: WeekProgramme) -> list[ScheduleEntry]:
    return week_overview(programme).entries


def dutch_hours(value) -> str:
    """Hours in Dutch notation without trailing zeros: 11.5 -> "11,5", 6.0 -> "6"."""
    number = Decimal(str(value)).quantize(Decimal("0.01"))
    text = f"{number:f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")
