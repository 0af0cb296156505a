"""Issue 17, finding 10: query parameters that gave a 500 on the weekprogramma and the
attendance pages. Each now gives the page with a Dutch error and saves nothing."""

import datetime as dt

import pytest
from django.urls import reverse

from regie.activities.models import Attendance, Enrolment, WeekProgramme
from regie.core.roles import Role
from tests.activities.conftest import enrol_in_lesson
from tests.factories import ActivityFactory, SessionFactory


@pytest.fixture
def lesson(world):
    group = ActivityFactory(
        lesson=True,
        name="Toptaal Z-groep",
        organiser=world.aanbieder,
        coordinator_organisation=world.sociaal_team,
        municipality=world.municipality,
    )
    SessionFactory(activity=group, weekday=0, start=dt.time(9, 0), end=dt.time(12, 0), capacity=16)
    enrol_in_lesson(world.person, group)
    return group


@pytest.mark.parametrize(
    "batch", ["geen-uuid", "1' OR '1'='1", "0" * 5000, "12345678-1234-1234-1234-12345678901Z"]
)
def test_weekprogramme_with_a_batch_that_is_not_a_uuid(world, client_for, batch):
    client = client_for(world.users[Role.KLANTMANAGER])
    url = reverse("weekprogramme_group")
    response = client.get(url, {"batch": batch})
    assert response.status_code == 200
    assert "Deze reeks voorstellen bestaat niet." in response.content.decode()
    confirm = client.post(url, {"action": "confirm", "batch": batch}, follow=True)
    assert confirm.status_code == 200
    assert "Deze reeks voorstellen bestaat niet." in confirm.content.decode()
    assert not WeekProgramme.objects.exists()


@pytest.mark.parametrize("group", ["9" * 30, "99999999999", "²", "-1", "1e9"])
def test_weekprogramme_with_a_huge_or_odd_lesson_group(world, client_for, group):
    client = client_for(world.users[Role.KLANTMANAGER])
    response = client.get(reverse("weekprogramme_group"), {"lesgroep": group})
    assert response.status_code == 200
    text = response.content.decode()
    assert "Deze lesgroep bestaat niet. Kies een lesgroep uit de lijst." in text


@pytest.mark.parametrize("datum", ["2026-02-30", "2026-13-01", "2026-04-31"])
def test_attendance_with_a_day_that_does_not_exist(world, lesson, client_for, travel, datum):
    travel("2026-10-10")
    block = lesson.sessions.get()
    client = client_for(world.users[Role.AANBIEDER])
    url = reverse("attendance_register", args=[lesson.pk, block.pk])
    page = client.get(url, {"datum": datum})
    assert page.status_code == 200
    assert f"De datum {datum} bestaat niet." in page.content.decode()
    mine = Enrolment.objects.get(inburgeraar=world.person, session=block)
    posted = client.post(url, {"datum": datum, f"status-{mine.pk}": "aanwezig"})
    assert posted.status_code == 200
    assert f"De datum {datum} bestaat niet." in posted.content.decode()
    assert not Attendance.objects.exists()
