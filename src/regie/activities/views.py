"""Pages of the activities app: the menukaart and the lesson timetables, participants and
attendance per session, a person's activities with PVT and MAP, availability, and the
integraal weekprogramma (proposal, adjustment, confirmation, PDF and iCalendar).

Thin views: decisions live in services.py and progress.py, documents in documents.py,
access in regie.core.access (persons through ``scoped_person`` and ``for_user``; which
activities a user may change or register through the Activity queryset)."""

import re
import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regie.activities import documents, services
from regie.activities.forms import (
    ActivityForm,
    AddSessionForm,
    AvailabilityFormSet,
    DagdeelForm,
    EnrolForm,
    GroupPlanForm,
    MapEindgesprekForm,
    MapUrenForm,
    PersonEnrolForm,
    PlanForm,
    PvtForm,
    SessionForm,
)
from regie.activities.models import (
    Activity,
    Attendance,
    AttendanceStatus,
    Availability,
    Enrolment,
    Kind,
    MapTraject,
    MapUren,
    ProgrammeStatus,
    PvtDagdeel,
    PvtTraject,
    RouteGroup,
    Session,
    Theme,
    WeekProgramme,
)
from regie.activities.progress import PVT_DAGDELEN
from regie.core import audit
from regie.core.access import requires
from regie.core.models import AuditAction
from regie.core.roles import Permission, Role
from regie.jobs import services as job_services
from regie.jobs import views as job_views
from regie.people.models import Inburgeraar
from regie.people.views import scoped_person
from regie.rules.lifecycle import Status

PLANNABLE = (Status.PIP_VASTGESTELD, Status.IN_UITVOERING)


def _errors(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


# --- the menukaart -----------------------------------------------------------------------


def _catalogue(request, kind):
    activities = (
        Activity.objects.in_reach_of(request.user)
        .filter(kind=kind)
        .select_related("organiser", "municipality")
        .prefetch_related(
            Prefetch("sessions", queryset=Session.objects.order_by("weekday", "start"))
        )
    )
    if kind == Kind.TAALLES and request.user.has_role(Role.AANBIEDER) and _restricted(request.user):
        # An aanbieder sees its own timetables; case workers and coördinators all of them.
        activities = activities.filter(organiser=request.user.organisation_id)
    theme = request.GET.get("thema", "")
    route = request.GET.get("route", "")
    rows = list(activities)
    if theme in Theme.values:
        rows = [a for a in rows if theme in a.themes]
    if route in RouteGroup.values:
        rows = [a for a in rows if route in a.routes]
    return rows, theme, route


@requires(Permission.ACTIVITIES_VIEW)
def activity_list(request):
    rows, theme, route = _catalogue(request, Kind.ACTIVITEIT)
    context = {
        "activities": rows,
        "theme": theme,
        "route": route,
        "themes": Theme.choices,
        "routes": RouteGroup.choices,
        "can_manage": request.user.can(Permission.ACTIVITIES_MANAGE),
    }
    return render(request, "activities/list.html", context)


@requires(Permission.ACTIVITIES_VIEW)
def timetable_list(request):
    rows, _theme, _route = _catalogue(request, Kind.TAALLES)
    context = {"groups": rows, "can_manage": request.user.can(Permission.TIMETABLE_MANAGE)}
    return render(request, "activities/timetables.html", context)


@requires(Permission.ACTIVITIES_VIEW)
def activity_detail(request, activity: int):
    item = get_object_or_404(
        Activity.objects.in_reach_of(request.user).select_related(
            "organiser", "coordinator_organisation", "municipality"
        ),
        pk=activity,
    )
    user = request.user
    today = timezone.localdate()
    sessions = list(item.sessions.annotate(n=Count("enrolments")).order_by("weekday", "start"))
    for session in sessions:
        session.enrolled = services.enrolled_count(session, today)
    registrable = Activity.objects.registrable_by(user).filter(pk=item.pk).exists()
    manage = Activity.objects.manageable_by(user, timetable=item.is_lesson).filter(pk=item.pk)
    context = {
        "activity": item,
        "sessions": sessions,
        "can_enrol_person": user.can(Permission.ENROL_PERSON) and not item.is_lesson,
        "can_register": registrable and user.can(Permission.ATTENDANCE_REGISTER),
        "can_edit": manage.exists()
        and user.can(
            Permission.TIMETABLE_MANAGE if item.is_lesson else Permission.ACTIVITIES_MANAGE
        ),
    }
    return render(request, "activities/detail.html", context)


def _save_activity(request, kind, instance=None):
    form = ActivityForm(request.POST or None, instance=instance, user=request.user, kind=kind)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            activity = form.save()
        messages.success(request, _("%(name)s is opgeslagen.") % {"name": activity})
        if request.user.can(Permission.ACTIVITIES_VIEW):
            return redirect("activity_detail", activity=activity.pk)
        return redirect("activity_edit", activity=activity.pk)
    return render(
        request,
        "activities/activity_form.html",
        {"form": form, "activity": instance, "lesson": kind == Kind.TAALLES},
    )


@requires(Permission.ACTIVITIES_MANAGE)
def activity_create(request):
    return _save_activity(request, Kind.ACTIVITEIT)


@requires(Permission.ACTIVITIES_MANAGE)
def activity_edit(request, activity: int):
    item = get_object_or_404(Activity.objects.manageable_by(request.user), pk=activity)
    return _save_activity(request, Kind.ACTIVITEIT, item)


@requires(Permission.TIMETABLE_MANAGE)
def lessongroup_create(request):
    return _save_activity(request, Kind.TAALLES)


@requires(Permission.TIMETABLE_MANAGE)
def lessongroup_edit(request, activity: int):
    item = get_object_or_404(
        Activity.objects.manageable_by(request.user, timetable=True), pk=activity
    )
    return _save_activity(request, Kind.TAALLES, item)


def _save_session(request, item, session_pk=None):
    instance = (
        get_object_or_404(item.sessions, pk=session_pk) if session_pk else Session(activity=item)
    )
    form = SessionForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
        messages.success(request, _("De sessie is opgeslagen."))
        if request.user.can(Permission.ACTIVITIES_VIEW):
            return redirect("activity_detail", activity=item.pk)
        return redirect("activity_edit", activity=item.pk)
    return render(
        request,
        "activities/session_form.html",
        {"form": form, "activity": item, "session": instance if session_pk else None},
    )


@requires(Permission.ACTIVITIES_MANAGE)
def session_create(request, activity: int):
    item = get_object_or_404(Activity.objects.manageable_by(request.user), pk=activity)
    return _save_session(request, item)


@requires(Permission.ACTIVITIES_MANAGE)
def session_edit(request, activity: int, session: int):
    item = get_object_or_404(Activity.objects.manageable_by(request.user), pk=activity)
    return _save_session(request, item, session)


@requires(Permission.TIMETABLE_MANAGE)
def lessonblock_create(request, activity: int):
    item = get_object_or_404(
        Activity.objects.manageable_by(request.user, timetable=True), pk=activity
    )
    return _save_session(request, item)


@requires(Permission.TIMETABLE_MANAGE)
def lessonblock_edit(request, activity: int, session: int):
    item = get_object_or_404(
        Activity.objects.manageable_by(request.user, timetable=True), pk=activity
    )
    return _save_session(request, item, session)


# --- participants and attendance ---------------------------------------------------------


def _registrable(request, activity: int) -> Activity:
    return get_object_or_404(
        Activity.objects.registrable_by(request.user).select_related("organiser"), pk=activity
    )


@requires(Permission.ATTENDANCE_REGISTER)
def activity_participants(request, activity: int):
    """Enrol persons the user sees in a session (a lesson group: every block), or end an
    enrolment. The person list comes through the user's scope: an aanbieder only finds
    persons referred to it."""
    item = _registrable(request, activity)
    user = request.user
    today = timezone.localdate()
    persons = Inburgeraar.objects.for_user(user).open().order_by("last_name", "first_name")
    form = EnrolForm(
        request.POST if request.POST.get("action") == "enrol" else None,
        persons=persons,
        activity=item,
        initial={"start_date": today},
    )
    if request.method == "POST":
        if request.POST.get("action") == "end":
            enrolment = get_object_or_404(
                Enrolment.objects.for_user(user).filter(session__activity=item),
                pk=request.POST.get("enrolment"),
            )
            services.end_enrolment(enrolment, today)
            messages.success(request, _("De inschrijving is beëindigd."))
            return redirect("activity_participants", activity=item.pk)
        if form.is_valid():
            try:
                services.enrol(
                    form.cleaned_data["person"],
                    item,
                    form.cleaned_data.get("session"),
                    form.cleaned_data["start_date"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request, _("%(name)s is ingeschreven.") % {"name": form.cleaned_data["person"]}
                )
                return redirect("activity_participants", activity=item.pk)
    enrolments = list(
        Enrolment.objects.for_user(user)
        .filter(session__activity=item)
        .active_on(today)
        .select_related("inburgeraar", "session")
        .order_by("session__weekday", "session__start", "inburgeraar__last_name")
    )
    stands = {
        (s.person_id, s.activity_id): s
        for s in services.attendance_stands(
            Attendance.objects.for_user(user).filter(enrolment__session__activity=item),
            services.attendance_window_start(today),
        )
    }
    rows = [(e, stands.get((e.inburgeraar_id, item.pk))) for e in enrolments]
    audit.log(
        AuditAction.READ,
        object_type="enrolment",
        description=f"deelnemers van activiteit {item.pk} ({len(rows)})",
    )
    context = {"activity": item, "rows": rows, "form": form}
    return render(request, "activities/participants.html", context)


@requires(Permission.ATTENDANCE_REGISTER)
def attendance_register(request, activity: int, session: int):
    item = _registrable(request, activity)
    meeting = get_object_or_404(item.sessions, pk=session)
    today = timezone.localdate()
    dates = services.session_dates(meeting, today)
    raw_day = request.GET.get("datum") or request.POST.get("datum") or ""
    try:
        day = parse_date(raw_day)
    except ValueError:  # well-formed but not a day, such as 2026-02-30 (issue 17)
        day = None
    bad_day = bool(raw_day) and day is None
    if bad_day:
        messages.error(
            request,
            _("De datum %(value)s bestaat niet. Kies een datum uit de lijst.")
            % {"value": raw_day[:20]},
        )
    day = day or (dates[0] if dates else None)
    problems = services.attendance_problems(meeting, day, today) if day else []
    enrolments = []
    if day:
        enrolments = list(
            Enrolment.objects.for_user(request.user)
            .filter(session=meeting)
            .active_on(day)
            .select_related("inburgeraar")
            .order_by("inburgeraar__last_name", "inburgeraar__first_name")
        )
    if request.method == "POST" and day and not problems and not bad_day:
        statuses = {
            e.pk: request.POST.get(f"status-{e.pk}", "")
            for e in enrolments
            if request.POST.get(f"status-{e.pk}")
        }
        written = services.register_attendance(
            meeting, day, statuses, enrolments, request.user.username
        )
        messages.success(
            request, _("Aanwezigheid opgeslagen (%(n)s wijzigingen).") % {"n": written}
        )
        url = reverse("attendance_register", args=[item.pk, meeting.pk])
        return redirect(f"{url}?datum={day:%Y-%m-%d}")
    existing = (
        {
            a.enrolment_id: a.status
            for a in Attendance.objects.filter(enrolment__in=enrolments, date=day)
        }
        if day
        else {}
    )
    rows = [(e, existing.get(e.pk, "")) for e in enrolments]
    if rows:
        audit.log(
            AuditAction.READ,
            object_type="attendance",
            description=f"presentielijst sessie {meeting.pk} op {day}",
        )
    context = {
        "activity": item,
        "session": meeting,
        "day": day,
        "dates": dates,
        "rows": rows,
        "problems": problems,
        "choices": AttendanceStatus.choices,
    }
    return render(request, "activities/attendance.html", context)


# --- one person ------------------------------------------------------------------------


def _restricted(user) -> bool:
    """An aanbieder (without case-work roles) sees only what happens at its organisation."""
    return not (
        user.can(Permission.WEEKPROGRAMME_PLAN)
        or user.can(Permission.PVT_MAP_REGISTER)
        or user.can(Permission.ACTIVITIES_MANAGE)
    )


def person_enrolments(user, person):
    queryset = (
        Enrolment.objects.for_user(user)
        .filter(inburgeraar=person)
        .select_related("session__activity__organiser")
        .order_by("-end_date", "session__weekday", "session__start")
    )
    if _restricted(user):
        queryset = queryset.filter(session__activity__organiser=user.organisation_id)
    return queryset


@requires(Permission.ACTIVITIES_VIEW)
def person_activities(request, pk: int):
    person = scoped_person(request, pk)
    audit.log_read(person, person.pk, "activiteiten en aanwezigheid")
    user = request.user
    today = timezone.localdate()
    restricted = _restricted(user)
    attendances = Attendance.objects.for_user(user).filter(enrolment__inburgeraar=person)
    if restricted:
        attendances = attendances.filter(
            enrolment__session__activity__organiser=user.organisation_id
        )
    context = {
        "person": person,
        "restricted": restricted,
        "enrolments": list(person_enrolments(user, person)),
        "stands": services.attendance_stands(attendances),
        "recent": services.attendance_stands(attendances, services.attendance_window_start(today)),
        "recent_list": attendances.select_related("enrolment__session__activity")[:30],
        "threshold": services.threshold_for(person.municipality),
        "progress": None if restricted else services.person_progress(person),
        "availability": Availability.objects.for_user(user).filter(inburgeraar=person),
        "programmes": []
        if restricted
        else WeekProgramme.objects.for_user(user).filter(inburgeraar=person)[:10],
        "today": today,
        "can_enrol": user.can(Permission.ENROL_PERSON),
    }
    return render(request, "activities/person.html", context)


@requires(Permission.ENROL_PERSON)
def person_enrol(request, pk: int):
    """Enrol the person in an activity of the menukaart (seed §2.5: the weekprogramma is
    made with the person), or end an enrolment in an activity. Lessons are enrolled by the
    aanbieder through the referral, not here."""
    person = scoped_person(request, pk)
    user = request.user
    today = timezone.localdate()
    sessions = list(
        Session.objects.filter(
            activity__in=Activity.objects.in_reach_of(user).filter(
                kind=Kind.ACTIVITEIT, active=True, municipality=person.municipality_id
            )
        )
        .exclude(valid_until__lt=today)
        .select_related("activity")
        .order_by("activity__name", "weekday", "start")
    )
    taken = dict(
        Enrolment.objects.filter(session__in=sessions)
        .active_on(today)
        .values_list("session")
        .annotate(n=Count("id"))
        .values_list("session", "n")
    )
    wanted = request.GET.get("activiteit", "")
    initial = {"start_date": today}
    first = next((s for s in sessions if str(s.activity_id) == wanted), None)
    if first:
        initial["session"] = first.pk
    form = PersonEnrolForm(
        request.POST if request.method == "POST" and request.POST.get("action") != "end" else None,
        sessions=sessions,
        taken=taken,
        initial=initial,
    )
    if request.method == "POST":
        if request.POST.get("action") == "end":
            enrolment = get_object_or_404(
                Enrolment.objects.for_user(user).filter(
                    inburgeraar=person, session__activity__kind=Kind.ACTIVITEIT
                ),
                pk=request.POST.get("enrolment"),
            )
            services.end_enrolment(enrolment, today)
            messages.success(request, _("De inschrijving is beëindigd."))
            return redirect("person_activities", pk=person.pk)
        if form.is_valid():
            session = form.cleaned_data["session"]
            try:
                services.enrol(person, session.activity, session, form.cleaned_data["start_date"])
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("%(name)s is ingeschreven voor %(what)s.")
                    % {"name": person.full_name, "what": session},
                )
                return redirect("person_activities", pk=person.pk)
    current = [
        e
        for e in person_enrolments(user, person).active_on(today)
        if not e.session.activity.is_lesson
    ]
    audit.log_read(person, person.pk, "inschrijven voor een activiteit")
    return render(
        request,
        "activities/person_enrol.html",
        {"person": person, "form": form, "current": current, "has_sessions": bool(sessions)},
    )


@requires(Permission.WEEKPROGRAMME_PLAN)
def availability_edit(request, pk: int):
    person = scoped_person(request, pk)
    queryset = Availability.objects.for_user(request.user).filter(inburgeraar=person)
    formset = AvailabilityFormSet(request.POST or None, queryset=queryset, prefix="b")
    if request.method == "POST" and formset.is_valid():
        with transaction.atomic():
            for form in formset.deleted_forms:
                if form.instance.pk:
                    form.instance.delete()
            for window in formset.save(commit=False):
                window.inburgeraar = person
                window.save()
        messages.success(request, _("De beschikbaarheid is opgeslagen."))
        return redirect("person_activities", pk=person.pk)
    if request.method == "GET":
        audit.log_read(person, person.pk, "beschikbaarheid")
    return render(request, "activities/availability.html", {"person": person, "formset": formset})


@requires(Permission.PVT_MAP_REGISTER)
def pvt_edit(request, pk: int):
    person = scoped_person(request, pk)
    traject = PvtTraject.objects.for_user(request.user).filter(inburgeraar=person).first()
    if traject is None:
        traject = PvtTraject(inburgeraar=person)
    existing = {d.number: d for d in traject.dagdelen.all()} if traject.pk else {}
    post = request.POST or None
    form = PvtForm(post, instance=traject, prefix="pvt")
    dagdelen = []
    for number in range(1, PVT_DAGDELEN + 1):
        instance = existing.get(number) or PvtDagdeel(
            number=number, by_municipality=(number == PVT_DAGDELEN)
        )
        dagdelen.append(DagdeelForm(post, instance=instance, prefix=f"d{number}"))
    if request.method == "POST" and form.is_valid() and all(f.is_valid() for f in dagdelen):
        from regie.activities.progress import Dagdeel, pvt_signing_problems

        plain = [
            Dagdeel(
                f.instance.number,
                f.cleaned_data["hours"],
                f.cleaned_data["status"] == "aanwezig",
                f.cleaned_data["by_municipality"],
                f.cleaned_data["date"],
            )
            for f in dagdelen
        ]
        signed = form.cleaned_data.get("signed_on")
        problems = pvt_signing_problems(plain, signed) if signed else []
        if problems:
            for problem in problems:
                form.add_error("signed_on", problem)
        else:
            with transaction.atomic():
                traject = form.save()
                for dagdeel_form in dagdelen:
                    dagdeel = dagdeel_form.save(commit=False)
                    dagdeel.traject = traject
                    dagdeel.save()
            messages.success(request, _("Het participatieverklaringstraject is opgeslagen."))
            return redirect("person_activities", pk=person.pk)
    if request.method == "GET":
        audit.log_read(person, person.pk, "participatieverklaringstraject")
    return render(
        request, "activities/pvt.html", {"person": person, "form": form, "dagdelen": dagdelen}
    )


@requires(Permission.PVT_MAP_REGISTER)
def map_edit(request, pk: int):
    person = scoped_person(request, pk)
    traject = MapTraject.objects.for_user(request.user).filter(inburgeraar=person).first()
    action = request.POST.get("action")
    uren_form = MapUrenForm(request.POST if action == "uren" else None, prefix="uren")
    eind_form = MapEindgesprekForm(
        request.POST if action == "eindgesprek" else None,
        instance=traject or MapTraject(inburgeraar=person),
        prefix="eind",
    )
    if request.method == "POST":
        form = uren_form if action == "uren" else eind_form
        if form.is_valid():
            with transaction.atomic():
                if action == "uren":
                    traject = traject or MapTraject.objects.create(inburgeraar=person)
                    uren = uren_form.save(commit=False)
                    uren.traject = traject
                    uren.save()
                else:
                    eind_form.save()
            messages.success(request, _("De MAP is bijgewerkt."))
            return redirect("map_edit", pk=person.pk)
    else:
        audit.log_read(person, person.pk, "module Arbeidsmarkt en Participatie")
    hours = services.map_hours_for([person.pk]).get(person.pk, 0)
    context = {
        "person": person,
        "uren_form": uren_form,
        "eind_form": eind_form,
        "uren": MapUren.objects.for_user(request.user).filter(traject__inburgeraar=person),
        "hours": hours,
        "norm": services.map_norm(person),
    }
    return render(request, "activities/map.html", context)


# --- the weekprogramma -------------------------------------------------------------------


def _programme(request, person, programme: int) -> WeekProgramme:
    return get_object_or_404(
        WeekProgramme.objects.for_user(request.user).select_related("inburgeraar__municipality"),
        inburgeraar=person,
        pk=programme,
    )


@requires(Permission.WEEKPROGRAMME_PLAN)
def weekprogramme_new(request, pk: int):
    """Generate a proposal for one person from the PIP's route and goals, their
    availability and their lesson timetable."""
    person = scoped_person(request, pk)
    facts = services.plan_facts([person])[person.pk]
    week = services.next_monday(timezone.localdate())
    lessons = services.lessons_for(person, week)
    fixed = services.fixed_hours_for([person], week)[person.pk]
    initial = {
        "route": facts.route or "",
        "themes": facts.themes,
        "hours_target": services.default_target(facts.route, fixed),
        "max_hours_per_day": services.DEFAULT_MAX_HOURS_PER_DAY,
        "valid_from": week,
    }
    form = PlanForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        params = services.PlanParams(
            data["route"], data["themes"], data["hours_target"], data["max_hours_per_day"]
        )
        (programme,) = services.propose(
            [person], {person.pk: params}, data["valid_from"], request.user
        )
        messages.success(request, _("Er is een voorstel gemaakt. Bekijk het en bevestig het."))
        return redirect("weekprogramme_detail", pk=person.pk, programme=programme.pk)
    if request.method == "GET":
        audit.log_read(person, person.pk, "weekprogramma maken")
    context = {
        "person": person,
        "form": form,
        "facts": facts,
        "lessons": lessons,
        "fixed_hours": fixed,
        "has_availability": Availability.objects.filter(inburgeraar=person).exists(),
    }
    return render(request, "activities/weekprogramme_new.html", context)


def theme_label(value: str) -> str:
    return str(Theme(value).label) if value in Theme.values else value


@requires(Permission.WEEKPROGRAMME_PLAN)
def weekprogramme_detail(request, pk: int, programme: int):
    person = scoped_person(request, pk)
    item = _programme(request, person, programme)
    audit.log_read(item, person.pk, "weekprogramma")
    result = item.result or {}
    overview = services.week_overview(item)
    context = {
        "person": person,
        "programme": item,
        "overview": overview,
        "entries": overview.entries,
        "covered": [theme_label(t) for t in result.get("themes_covered", [])],
        "covered_fixed": [
            theme_label(t)
            for t in result.get("themes_fixed", [])
            if t in item.themes_needed and t not in result.get("themes_covered", [])
        ],
        "missing": [
            (theme_label(t), result.get("missing_reason", {}).get(t, ""))
            for t in result.get("themes_missing", [])
        ],
        "add_form": AddSessionForm(sessions=services.addable_sessions(item))
        if item.is_concept
        else None,
        "hours": result.get("hours", 0),
    }
    return render(request, "activities/weekprogramme.html", context)


@requires(Permission.WEEKPROGRAMME_PLAN)
@require_POST
def weekprogramme_adjust(request, pk: int, programme: int):
    person = scoped_person(request, pk)
    item = _programme(request, person, programme)
    try:
        if request.POST.get("remove"):
            services.adjust(item, remove=int(request.POST["remove"]))
        else:
            form = AddSessionForm(request.POST, sessions=services.addable_sessions(item))
            if not form.is_valid():
                raise ValidationError(_("Kies een sessie om toe te voegen."))
            services.adjust(item, add=form.cleaned_data["session"].pk)
    except (ValueError, ValidationError) as error:
        _errors(
            request, error if isinstance(error, ValidationError) else ValidationError(str(error))
        )
    else:
        messages.success(request, _("Het voorstel is aangepast."))
    return redirect("weekprogramme_detail", pk=person.pk, programme=item.pk)


@requires(Permission.WEEKPROGRAMME_PLAN)
@require_POST
def weekprogramme_confirm(request, pk: int, programme: int):
    person = scoped_person(request, pk)
    item = _programme(request, person, programme)
    try:
        services.confirm(item, request.user)
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(
            request,
            _("Het weekprogramma is bevestigd; %(name)s is ingeschreven voor de activiteiten.")
            % {"name": person},
        )
    return redirect("weekprogramme_detail", pk=person.pk, programme=item.pk)


def _confirmed(request, pk: int, programme: int) -> tuple[Inburgeraar, WeekProgramme]:
    person = scoped_person(request, pk)
    item = _programme(request, person, programme)
    if item.status != ProgrammeStatus.BEVESTIGD:
        raise Http404
    return person, item


@requires(Permission.WEEKPROGRAMME_PLAN)
def weekprogramme_pdf(request, pk: int, programme: int):
    person, item = _confirmed(request, pk, programme)
    pdf = documents.schedule_pdf(item)
    audit.log(
        AuditAction.DOWNLOAD, obj=item, inburgeraar_id=person.pk, description="weekprogramma (pdf)"
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="weekprogramma-{person.pk}.pdf"'
    return response


@requires(Permission.WEEKPROGRAMME_PLAN)
def weekprogramme_ics(request, pk: int, programme: int):
    person, item = _confirmed(request, pk, programme)
    body = documents.schedule_ics(item)
    audit.log(
        AuditAction.DOWNLOAD, obj=item, inburgeraar_id=person.pk, description="weekprogramma (ics)"
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="weekprogramma-{person.pk}.ics"'
    return response


def _batch_key(value: str | None) -> str | None:
    """A batch id from the query string, or None when it is not a UUID (issue 17)."""
    try:
        return str(uuid.UUID(value)) if value else None
    except ValueError:
        return None


@requires(Permission.WEEKPROGRAMME_PLAN)
def weekprogramme_group(request):
    """Proposals for a group at once (they share the places of each session): the planner
    picks persons from the caseload, optionally those of one lesson group."""
    user = request.user
    candidates = (
        Inburgeraar.objects.for_user(user)
        .filter(status__in=list(PLANNABLE))
        .select_related("municipality")
        .order_by("last_name", "first_name")
    )
    group = request.GET.get("lesgroep")
    lesson_groups = Activity.objects.in_reach_of(user).filter(kind=Kind.TAALLES).order_by("name")
    if group and not re.fullmatch(r"[0-9]{1,9}", group):
        # A huge or non-ASCII number overflowed the database integer (issue 17).
        messages.error(request, _("Deze lesgroep bestaat niet. Kies een lesgroep uit de lijst."))
        group = None
    if group:
        candidates = candidates.filter(
            enrolments__session__activity=int(group), enrolments__end_date__isnull=True
        ).distinct()
    batch = _batch_key(request.GET.get("batch"))
    if request.GET.get("batch") and batch is None:
        messages.error(request, _("Deze reeks voorstellen bestaat niet."))
    if request.method == "POST" and request.POST.get("action") == "confirm":
        posted = _batch_key(request.POST.get("batch"))
        if posted is None:
            messages.error(request, _("Deze reeks voorstellen bestaat niet."))
            return redirect("weekprogramme_group")
        confirmed, failed = 0, []
        for item in (
            WeekProgramme.objects.for_user(user)
            .filter(batch=posted, status=ProgrammeStatus.CONCEPT)
            .select_related("inburgeraar")
        ):
            try:
                services.confirm(item, user)
                confirmed += 1
            except ValidationError as error:
                failed.append(f"{item.inburgeraar}: {' '.join(error.messages)}")
        messages.success(request, _("%(n)s weekprogramma's bevestigd.") % {"n": confirmed})
        for message in failed:
            messages.error(request, message)
        return redirect(f"{reverse('weekprogramme_group')}?batch={posted}")
    form = GroupPlanForm(
        request.POST or None,
        persons=candidates,
        initial={"valid_from": services.next_monday(timezone.localdate())},
    )
    if request.method == "POST" and form.is_valid():
        # The solver runs in the background (regie.jobs, activities/jobs.py); the job's
        # page shows its progress and links to the proposals.
        params = {
            "persons": sorted(p.pk for p in form.cleaned_data["persons"]),
            "valid_from": form.cleaned_data["valid_from"].isoformat(),
        }
        job = job_services.start(user, "weekprogramme_group", params)
        return job_views.started(request, job)
    proposals = []
    if batch:
        proposals = list(
            WeekProgramme.objects.for_user(user)
            .filter(batch=batch)
            .select_related("inburgeraar")
            .prefetch_related("items__session__activity")
            .order_by("inburgeraar__last_name")
        )
    context = {
        "form": form,
        "lesson_groups": lesson_groups,
        "group": group,
        "batch": batch,
        "proposals": proposals,
        "open_concepts": any(p.is_concept for p in proposals),
    }
    return render(request, "activities/weekprogramme_group.html", context)
