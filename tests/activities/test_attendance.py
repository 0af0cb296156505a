"""Enrolment and attendance: who may register what, the rate and the klantmanager's
signal against the municipality's threshold, hours towards the Z-route."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from regie.activities import services
from regie.activities.models import Attendance, Enrolment, Kind
from regie.activities.workitems import klantmanager_activities
from regie.core.localrules import set_local_value
from regie.core.models import AuditAction, AuditEvent
from regie.core.roles import Role
from tests.factories import ActivityFactory, AttendanceFactory, InburgeraarFactory, SessionFactory

TODAY = timezone.localdate()


def past_dates(session, n):
    return services.session_dates(session, TODAY - dt.timedelta(days=1), n)


def register(session, person, statuses):
    enrolment = Enrolment.objects.get(inburgeraar=person, session=session)
    for day, status in zip(past_dates(session, len(statuses)), statuses, strict=True):
        AttendanceFactory(enrolment=enrolment, date=day, status=status)
    return enrolment


def test_aanbieder_registers_its_lesson_for_referred_persons_only(world, lesson, client_for):
    block = lesson.sessions.get(weekday=0)
    outsider = InburgeraarFactory(municipality=world.municipality)  # not referred to Toptaal
    Enrolment.objects.create(inburgeraar=outsider, session=block, start_date=dt.date(2020, 1, 6))
    client = client_for(world.users[Role.AANBIEDER])
    url = reverse("attendance_register", args=[lesson.pk, block.pk])
    day = past_dates(block, 1)[0]
    page = client.get(url, {"datum": day.isoformat()}).content.decode()
    assert world.person.full_name in page and outsider.full_name not in page
    mine = Enrolment.objects.get(inburgeraar=world.person, session=block)
    theirs = Enrolment.objects.get(inburgeraar=outsider, session=block)
    client.post(
        url,
        {
            "datum": day.isoformat(),
            f"status-{mine.pk}": "aanwezig",
            f"status-{theirs.pk}": "aanwezig",
        },
    )
    assert list(Attendance.objects.values_list("enrolment", "status", "hours")) == [
        (mine.pk, "aanwezig", Decimal("3.00"))
    ]
    assert AuditEvent.objects.filter(
        action=AuditAction.CREATE, object_type="attendance", inburgeraar_id=world.person.pk
    ).exists()
    # Changing it is an update with field history.
    client.post(url, {"datum": day.isoformat(), f"status-{mine.pk}": "niet_verschenen"})
    assert Attendance.objects.get().status == "niet_verschenen"
    assert AuditEvent.objects.filter(action=AuditAction.UPDATE, object_type="attendance").exists()


def test_attendance_refused_for_a_future_or_wrong_date(world, lesson, client_for):
    block = lesson.sessions.get(weekday=0)
    client = client_for(world.users[Role.AANBIEDER])
    url = reverse("attendance_register", args=[lesson.pk, block.pk])
    mine = Enrolment.objects.get(inburgeraar=world.person, session=block)
    future = services.day_in_week(TODAY + dt.timedelta(days=1), 0)
    tuesday = services.day_in_week(TODAY - dt.timedelta(days=14), 1)
    for day in (future, tuesday):
        response = client.post(url, {"datum": day.isoformat(), f"status-{mine.pk}": "aanwezig"})
        assert response.status_code == 200
    assert "toekomst" in client.get(url, {"datum": future.isoformat()}).content.decode()
    assert not Attendance.objects.exists()


def test_aanbieder_cannot_register_another_organisations_activity(world, menukaart, client_for):
    client = client_for(world.users[Role.AANBIEDER])
    url = reverse("attendance_register", args=[menukaart.ggd.pk, menukaart.ggd_di.pk])
    assert client.get(url).status_code == 404
    assert client.get(reverse("activity_participants", args=[menukaart.ggd.pk])).status_code == 404


def test_coordinator_enrols_and_registers_at_its_organisations_activities(
    world, menukaart, client_for
):
    client = client_for(world.users[Role.COORDINATOR])
    url = reverse("activity_participants", args=[menukaart.kletsplek.pk])
    start = past_dates(menukaart.kletsplek_ma, 3)[-1]
    response = client.post(
        url,
        {
            "action": "enrol",
            "person": world.person.pk,
            "session": menukaart.kletsplek_ma.pk,
            "start_date": start.isoformat(),
        },
    )
    assert response.status_code == 302
    enrolment = Enrolment.objects.get()
    again = client.post(
        url,
        {
            "action": "enrol",
            "person": world.person.pk,
            "session": menukaart.kletsplek_ma.pk,
            "start_date": start.isoformat(),
        },
    )
    assert "al ingeschreven" in again.content.decode()
    assert Enrolment.objects.count() == 1
    day = past_dates(menukaart.kletsplek_ma, 1)[0]
    client.post(
        reverse("attendance_register", args=[menukaart.kletsplek.pk, menukaart.kletsplek_ma.pk]),
        {"datum": day.isoformat(), f"status-{enrolment.pk}": "afgemeld"},
    )
    assert Attendance.objects.get().status == "afgemeld"
    other_org = ActivityFactory(municipality=world.municipality)
    assert client.get(reverse("activity_participants", args=[other_org.pk])).status_code == 404


def test_full_session_refuses_an_enrolment(world, menukaart):
    services.enrol(
        InburgeraarFactory(municipality=world.municipality), menukaart.ggd, menukaart.ggd_di, TODAY
    )
    with pytest.raises(ValidationError):
        services.enrol(world.person, menukaart.ggd, menukaart.ggd_di, TODAY)


def test_low_attendance_signals_the_klantmanager_at_the_local_threshold(world, lesson):
    block = lesson.sessions.get(weekday=0)
    # 3 of 4 present = 75 %: below the default 80 %.
    register(block, world.person, ["aanwezig", "aanwezig", "niet_verschenen", "aanwezig"])
    km = world.users[Role.KLANTMANAGER]
    sections = {s.key: s for s in klantmanager_activities(km, TODAY)}
    (item,) = sections["low_attendance"].items
    assert item.person == world.person
    assert "75%" in item.what and "Toptaal Z-groep" in item.what and "onder 80%" in item.what
    set_local_value(world.municipality, "aanwezigheid_signaal_procent", 70, "beheerder")
    world.municipality.refresh_from_db()
    sections = {s.key: s for s in klantmanager_activities(km, TODAY)}
    assert sections["low_attendance"].items == []
    # Other roles get no such section.
    assert klantmanager_activities(world.users[Role.AANBIEDER], TODAY) == []


def test_old_absences_do_not_signal(world, lesson):
    block = lesson.sessions.get(weekday=0)
    enrolment = Enrolment.objects.get(inburgeraar=world.person, session=block)
    long_ago = services.session_dates(block, TODAY - dt.timedelta(weeks=20), 4)
    for day in long_ago:
        AttendanceFactory(enrolment=enrolment, date=day, status="niet_verschenen")
    sections = {s.key: s for s in klantmanager_activities(world.users[Role.KLANTMANAGER], TODAY)}
    assert sections["low_attendance"].items == []


def test_werkvoorraad_queries_do_not_grow_with_the_caseload(
    world, lesson, django_assert_num_queries
):
    km = world.users[Role.KLANTMANAGER]
    block = lesson.sessions.get(weekday=0)
    register(block, world.person, ["niet_verschenen"] * 4)

    def add_people(n):
        for _ in range(n):
            person = InburgeraarFactory(municipality=world.municipality, klantmanager=km)
            Enrolment.objects.create(
                inburgeraar=person, session=block, start_date=dt.date(2020, 1, 6)
            )
            register(block, person, ["niet_verschenen"] * 4)

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    add_people(1)
    klantmanager_activities(km, TODAY)  # the user's roles and municipalities are cached once
    with CaptureQueriesContext(connection) as few:
        klantmanager_activities(km, TODAY)
    add_people(6)
    with django_assert_num_queries(len(few.captured_queries)):
        sections = klantmanager_activities(km, TODAY)
    assert len(sections[0].items) == 8


def test_hours_count_towards_the_z_route(world, pip_z, lesson, menukaart):
    block = lesson.sessions.get(weekday=0)
    register(block, world.person, ["aanwezig", "aanwezig", "afgemeld"])
    Enrolment.objects.create(
        inburgeraar=world.person, session=menukaart.kletsplek_ma, start_date=dt.date(2020, 1, 6)
    )
    register(menukaart.kletsplek_ma, world.person, ["aanwezig", "niet_verschenen"])
    result = services.person_progress(world.person)
    bars = {bar.key: bar for bar in result.bars}
    assert bars["cursusuren"].value == 6 and bars["cursusuren"].maximum == 800
    assert bars["participatie"].value == Decimal("1.5") and bars["participatie"].maximum == 800
    assert bars["pvt"].maximum == 4 and bars["map"].maximum == 40


def test_gezinsmigrant_in_the_z_route_has_no_participation_norm(world, lesson):
    from tests.activities.conftest import give_pip

    person = InburgeraarFactory(municipality=world.municipality, gezinsmigrant=True)
    give_pip(person, world.aanbieder)
    keys = [bar.key for bar in services.person_progress(person).bars]
    assert keys == ["cursusuren", "pvt", "map"]


def test_onderwijsroute_has_no_map(world):
    from tests.activities.conftest import give_pip

    person = InburgeraarFactory(municipality=world.municipality)
    give_pip(person, world.aanbieder, route="onderwijs")
    assert [bar.key for bar in services.person_progress(person).bars] == ["pvt"]


def test_session_meeting_dates(world):
    session = SessionFactory(
        weekday=2, valid_from=dt.date(2026, 1, 7), valid_until=dt.date(2026, 1, 28)
    )
    assert services.session_dates(session, dt.date(2026, 3, 1)) == [
        dt.date(2026, 1, 28),
        dt.date(2026, 1, 21),
        dt.date(2026, 1, 14),
        dt.date(2026, 1, 7),
    ]


def test_the_lowest_attendance_comes_first_in_the_werkvoorraad():
    """The werkvoorraad shows the top of each section: who attends least is on top."""
    from types import SimpleNamespace

    stands = [
        SimpleNamespace(rate=Decimal(75), no_shows=1),
        SimpleNamespace(rate=Decimal(50), no_shows=2),
        SimpleNamespace(rate=None, no_shows=0),
        SimpleNamespace(rate=Decimal(50), no_shows=4),
    ]
    from regie.activities.workitems import lowest_attendance_first

    assert [(s.rate, s.no_shows) for s in lowest_attendance_first(stands)] == [
        (Decimal(50), 4),
        (Decimal(50), 2),
        (Decimal(75), 1),
        (None, 0),
    ]


def test_the_files_one_read_of_attendance_equals_the_two_it_replaces(world, lesson, menukaart):
    """The person file reads the stands since the window and the hours per kind in one
    query (services.person_attendance): the same as attendance_stands and attended_hours,
    with attendance inside and outside the window."""
    block = lesson.sessions.get(weekday=0)
    register(block, world.person, ["aanwezig", "aanwezig", "afgemeld", "niet_verschenen"])
    enrolment = Enrolment.objects.get(inburgeraar=world.person, session=block)
    for day in services.session_dates(block, TODAY - dt.timedelta(weeks=30), 3):
        AttendanceFactory(enrolment=enrolment, date=day, status="aanwezig")
    Enrolment.objects.create(
        inburgeraar=world.person, session=menukaart.kletsplek_ma, start_date=dt.date(2020, 1, 6)
    )
    register(menukaart.kletsplek_ma, world.person, ["aanwezig", "niet_verschenen"])
    old_only = Enrolment.objects.create(
        inburgeraar=world.person, session=menukaart.sport_wo, start_date=dt.date(2020, 1, 6)
    )
    for day in services.session_dates(menukaart.sport_wo, TODAY - dt.timedelta(weeks=30), 2):
        AttendanceFactory(enrolment=old_only, date=day, status="aanwezig")

    attendances = Attendance.objects.for_user(world.users[Role.KLANTMANAGER]).filter(
        enrolment__inburgeraar=world.person
    )
    since = services.attendance_window_start(TODAY)
    stands, hours = services.person_attendance(attendances, since)
    assert stands == services.attendance_stands(attendances, since)
    assert len(stands) == 2  # the sport class has no attendance in the window
    expected = services.attended_hours([world.person.pk])[world.person.pk]
    assert {k: v for k, v in expected.items() if v} == hours
    assert hours[Kind.ACTIVITEIT] > 0 and hours[Kind.TAALLES] > 0
