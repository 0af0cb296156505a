"""The person's weekly schedule as documents: a one-page PDF in plain Dutch (WeasyPrint,
tagged PDF/UA so screen readers can follow it) and an iCalendar file with one weekly
recurring event per lesson block or activity, in Europe/Amsterdam.

Both list what the person does every week from the programme's start: the lessons and
other enrolments that stay, plus the confirmed programme's activities. When the lessons
belong in the week but are not known yet, both say so in plain words, and the PDF then
never speaks of "uw taalles" as if it were on the page.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import groupby
from zoneinfo import ZoneInfo

from django.template.loader import render_to_string
from django.utils import timezone, translation

from regie.activities import services
from regie.activities.models import Kind, Weekday, WeekProgramme
from regie.core.pdf import html_to_pdf

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
ICAL_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


LESSONS_LATER = (
    "Uw taallessen staan nog niet in dit programma: uw taalschool geeft de tijden nog door."
)
NO_SCHOOL_YET = (
    "Uw taallessen staan nog niet in dit programma. Uw klantmanager zoekt een taalschool "
    "voor u. U krijgt de lestijden later."
)


def lessons_note(overview: services.WeekOverview) -> str:
    """What the person reads when the lessons are not in the week yet (B1), else ""."""
    if not overview.lessons_missing:
        return ""
    if overview.lessons.state == services.LessonState.NO_REFERRAL:
        return NO_SCHOOL_YET
    return LESSONS_LATER


def schedule_context(programme: WeekProgramme) -> dict:
    person = programme.inburgeraar
    overview = services.week_overview(programme)
    days = []
    for weekday, items in groupby(overview.entries, key=lambda e: e.session.weekday):
        days.append((Weekday(weekday).label, list(items)))
    return {
        "person": person,
        "programme": programme,
        "days": days,
        "has_lessons": any(e.kind == Kind.TAALLES for e in overview.entries),
        "lessons_from": (
            overview.lessons.start_date
            if overview.lessons.sessions
            and overview.lessons.start_date
            and overview.lessons.start_date > programme.valid_from
            else None
        ),
        "lessons_note": lessons_note(overview),
        "total_hours": services.dutch_hours(overview.total_hours),
        "klantmanager": person.klantmanager,
        "begeleider": person.begeleider,
        "lesson": Kind.TAALLES,
        "made_on": timezone.localdate(),
    }


def schedule_html(programme: WeekProgramme) -> str:
    # The schedule is for the inburgeraar: always in plain Dutch (B1), whatever the UI says.
    with translation.override("nl"):
        return render_to_string("activities/weekprogramme_pdf.html", schedule_context(programme))


def schedule_pdf(programme: WeekProgramme) -> bytes:
    return html_to_pdf(schedule_html(programme), variant="pdf/ua-1")


def lesson_start(programme: WeekProgramme, overview: services.WeekOverview, entry):
    """From when an entry is in the week: lessons from the aanbieder's timetable start on
    the start date the aanbieder gave when accepting the referral, if that is later."""
    start = overview.lessons.start_date
    if entry.from_timetable and start and start > programme.valid_from:
        return start
    return programme.valid_from


def first_meeting(valid_from, session):
    """The first date on or after ``valid_from`` (and the session's own start) on which
    the session meets."""
    start = max(valid_from, session.valid_from)
    return services.day_in_week(start, session.weekday)


def schedule_ics(programme: WeekProgramme) -> bytes:
    """RFC 5545 calendar: per block a VEVENT with DTSTART/DTEND in Europe/Amsterdam (with
    its VTIMEZONE) and RRULE FREQ=WEEKLY on that day, until the session's last day."""
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//Regie//Weekprogramma//NL")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Weekprogramma")
    cal.add("x-wr-timezone", "Europe/Amsterdam")
    stamp = datetime.now(UTC).replace(microsecond=0)
    overview = services.week_overview(programme)
    note = lessons_note(overview)
    if note:
        cal.add("x-wr-caldesc", note)
    for entry in overview.entries:
        session = entry.session
        day = first_meeting(lesson_start(programme, overview, entry), session)
        if session.valid_until and day > session.valid_until:
            continue
        event = Event()
        event.add("uid", f"regie-weekprogramma-{programme.pk}-sessie-{session.pk}@regie")
        event.add("dtstamp", stamp)
        event.add("summary", session.activity.name)
        event.add("dtstart", datetime.combine(day, session.start, tzinfo=AMSTERDAM))
        event.add("dtend", datetime.combine(day, session.end, tzinfo=AMSTERDAM))
        rule = {"FREQ": "WEEKLY", "BYDAY": ICAL_DAYS[session.weekday]}
        if session.valid_until:
            last = datetime.combine(session.valid_until, session.end, tzinfo=AMSTERDAM)
            rule["UNTIL"] = last.astimezone(UTC)
        event.add("rrule", rule)
        if session.activity.location:
            event.add("location", session.activity.location)
        kind = "Taalles" if entry.kind == Kind.TAALLES else "Activiteit"
        description = f"{kind} – {session.activity.organiser}"
        event.add("description", f"{description}\n\n{note}" if note else description)
        event.add("categories", [kind])
        cal.add_component(event)
    cal.add_component(amsterdam_vtimezone())
    return cal.to_ical()


def amsterdam_vtimezone():
    """Europe/Amsterdam as a VTIMEZONE with the EU rules (last Sunday of March and of
    October), so calendars read the local times right in every year."""
    from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

    zone = Timezone()
    zone.add("tzid", "Europe/Amsterdam")
    summer = TimezoneDaylight()
    summer.add("tzname", "CEST")
    summer.add("dtstart", datetime(1981, 3, 29, 2, 0))
    summer.add("tzoffsetfrom", timedelta(hours=1))
    summer.add("tzoffsetto", timedelta(hours=2))
    summer.add("rrule", {"FREQ": "YEARLY", "BYMONTH": 3, "BYDAY": "-1SU"})
    winter = TimezoneStandard()
    winter.add("tzname", "CET")
    winter.add("dtstart", datetime(1996, 10, 27, 3, 0))
    winter.add("tzoffsetfrom", timedelta(hours=2))
    winter.add("tzoffsetto", timedelta(hours=1))
    winter.add("rrule", {"FREQ": "YEARLY", "BYMONTH": 10, "BYDAY": "-1SU"})
    zone.add_component(summer)
    zone.add_component(winter)
    return zone
