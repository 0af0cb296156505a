"""Need to know in the activities app: the aanbieder sees only what happens at its own
organisation; persons outside the scope stay invisible on every page."""

import datetime as dt

from django.urls import reverse

from regie.activities.models import Enrolment
from regie.core.roles import Role
from tests.factories import AttendanceFactory, InburgeraarFactory


def test_aanbieder_sees_only_its_own_enrolments_of_a_person(world, lesson, menukaart, client_for):
    Enrolment.objects.create(
        inburgeraar=world.person, session=menukaart.ggd_di, start_date=dt.date(2020, 1, 6)
    )
    client = client_for(world.users[Role.AANBIEDER])
    page = client.get(reverse("person_activities", args=[world.person.pk])).content.decode()
    assert "Toptaal Z-groep" in page and "GGD-workshop" not in page
    assert "Z-route" not in page  # no progress of the whole route for the aanbieder
    detail = client.get(reverse("person_detail", args=[world.person.pk])).content.decode()
    assert "GGD-workshop" not in detail
    klantmanager = client_for(world.users[Role.KLANTMANAGER])
    page = klantmanager.get(reverse("person_activities", args=[world.person.pk])).content.decode()
    assert "GGD-workshop" in page and "Toptaal Z-groep" in page


def test_participant_list_hides_persons_outside_the_scope(world, lesson, client_for):
    outsider = InburgeraarFactory(municipality=world.municipality)
    for session in lesson.sessions.all():
        enrolment = Enrolment.objects.create(
            inburgeraar=outsider, session=session, start_date=dt.date(2020, 1, 6)
        )
        AttendanceFactory(enrolment=enrolment, date=dt.date(2026, 1, 5))
    page = (
        client_for(world.users[Role.AANBIEDER])
        .get(reverse("activity_participants", args=[lesson.pk]))
        .content.decode()
    )
    assert world.person.full_name in page and outsider.full_name not in page
    response = client_for(world.users[Role.AANBIEDER]).post(
        reverse("activity_participants", args=[lesson.pk]),
        {"action": "enrol", "person": outsider.pk, "start_date": "2026-01-05"},
    )
    assert "Selecteer een geldige keuze" in response.content.decode()


def test_stranger_pages_are_not_found(world, client_for):
    for role in (Role.KLANTMANAGER, Role.BEGELEIDER, Role.COORDINATOR):
        client = client_for(world.users[role])
        for name in ("person_activities", "pvt_edit", "map_edit", "weekprogramme_new"):
            response = client.get(reverse(name, args=[world.stranger.pk]))
            assert response.status_code in (403, 404)


def test_group_planner_lists_only_the_users_persons(world, client_for):
    from regie.people.services import change_status

    for status in ("intake", "pip_vastgesteld"):
        change_status(world.person, status)
    stranger = world.stranger
    page = (
        client_for(world.users[Role.KLANTMANAGER])
        .get(reverse("weekprogramme_group"))
        .content.decode()
    )
    assert world.person.full_name in page and stranger.full_name not in page
