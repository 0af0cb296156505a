"""URLs of the activities app for the role x URL matrix (tests/core/test_access_matrix.py):
an activity and a lesson group organised by world.aanbieder and managed by the sociaal
team (the coördinator's organisation), and a confirmed weekprogramma of world.person."""

from django.urls import reverse

from tests.factories import ActivityFactory, SessionFactory, WeekProgrammeFactory

ACTIVITIES_PERSON_PAGES = {
    "person_activities",
    "person_enrol",
    "availability_edit",
    "pvt_edit",
    "map_edit",
    "weekprogramme_new",
    "weekprogramme_detail",
    "weekprogramme_adjust",
    "weekprogramme_confirm",
    "weekprogramme_pdf",
    "weekprogramme_ics",
}
ACTIVITIES_POST_ONLY = {"weekprogramme_adjust", "weekprogramme_confirm"}
ACTIVITY_PAGES = {
    "activity_detail",
    "activity_edit",
    "session_create",
    "session_edit",
    "activity_participants",
    "attendance_register",
}
LESSON_PAGES = {"lessongroup_edit", "lessonblock_create", "lessonblock_edit"}
ACTIVITIES_NAMES = ACTIVITIES_PERSON_PAGES | ACTIVITY_PAGES | LESSON_PAGES


def activities_url(name, world) -> str:
    common = {
        "organiser": world.aanbieder,
        "coordinator_organisation": world.sociaal_team,
        "municipality": world.municipality,
    }
    if name in ACTIVITY_PAGES or name in LESSON_PAGES:
        activity = ActivityFactory(lesson=name in LESSON_PAGES, **common)
        session = SessionFactory(activity=activity)
        if name in ("session_edit", "attendance_register", "lessonblock_edit"):
            return reverse(name, args=[activity.pk, session.pk])
        return reverse(name, args=[activity.pk])
    person = world.person.pk
    if name.startswith("weekprogramme_") and name != "weekprogramme_new":
        status = "bevestigd" if name in ("weekprogramme_pdf", "weekprogramme_ics") else "concept"
        programme = WeekProgrammeFactory(inburgeraar=world.person, status=status)
        return reverse(name, args=[person, programme.pk])
    return reverse(name, args=[person])
