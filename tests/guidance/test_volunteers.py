"""Volunteers are personal data: only the coördinator of their organisation manages and
reads them, every read and change is logged, and forms refuse bad input in Dutch."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from regie.core.models import AuditEvent
from regie.core.roles import Role
from regie.guidance.models import Volunteer


def _form(world, **overrides):
    data = {
        "first_name": "Anneke",
        "last_name": "Ter Haar",
        "municipality": world.municipality.pk,
        "gender": "v",
        "languages": "NL, ar",
        "interests": "Koken, fietsen",
        "availability": ["ma-avond", "za-ochtend"],
        "capacity": 2,
        "max_km": 5,
        "vog_date": (timezone.localdate() - dt.timedelta(days=30)).isoformat(),
        "active": "on",
    }
    data.update(overrides)
    return data


def test_coordinator_creates_a_volunteer(world, coordinator, client_for):
    response = client_for(coordinator).post(reverse("volunteer_create"), _form(world))
    assert response.status_code == 302
    volunteer = Volunteer.objects.get()
    assert volunteer.organisation == world.sociaal_team
    assert volunteer.languages == "nl, ar" and volunteer.interests == "koken, fietsen"
    assert volunteer.availability == ["ma-avond", "za-ochtend"]
    assert AuditEvent.objects.filter(object_type="volunteer", action="create").exists()


def test_bad_input_is_refused_in_dutch(world, coordinator, client_for):
    future = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    response = client_for(coordinator).post(
        reverse("volunteer_create"),
        _form(world, languages=" , ", vog_date=future, municipality=world.other_municipality.pk),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Kies ten minste één taal." in page
    assert "De VOG-datum kan niet in de toekomst liggen." in page
    assert not Volunteer.objects.exists()


def test_reading_a_volunteer_is_logged(world, coordinator, make_volunteer, client_for):
    volunteer = make_volunteer()
    response = client_for(coordinator).get(reverse("volunteer_edit", args=[volunteer.pk]))
    assert response.status_code == 200
    assert AuditEvent.objects.filter(
        object_type="volunteer", object_id=str(volunteer.pk), action="read"
    ).exists()


def test_list_shows_why_a_volunteer_cannot_be_matched(
    world, coordinator, make_volunteer, client_for
):
    make_volunteer(first_name="Wim", vog_date=timezone.localdate() - dt.timedelta(days=4 * 366))
    page = client_for(coordinator).get(reverse("volunteer_list")).content.decode()
    assert "ouder dan 3 jaar (lokaal beleid)" in page


def test_volunteers_are_scoped_to_the_organisation(world, coordinator, make_volunteer, client_for):
    mine = make_volunteer(first_name="Mijn")
    theirs = make_volunteer(first_name="Ander", organisation=world.uitvoerder)
    elsewhere = make_volunteer(first_name="Elders", municipality=world.other_municipality)
    assert list(Volunteer.objects.for_user(coordinator)) == [mine]
    client = client_for(coordinator)
    assert client.get(reverse("volunteer_edit", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("volunteer_edit", args=[elsewhere.pk])).status_code == 404
    assert "Ander" not in client.get(reverse("volunteer_list")).content.decode()


def test_other_roles_never_see_volunteers(world, make_volunteer):
    make_volunteer()
    for role in (Role.REGISSEUR, Role.BEHEERDER, Role.KLANTMANAGER):
        assert not Volunteer.objects.for_user(world.users[role]).exists()
    # The begeleider picks a maatje from the pool of their own organisation (seed §3.8),
    # never from another organisation's.
    assert Volunteer.objects.for_user(world.users[Role.BEGELEIDER]).count() == 1
    make_volunteer(organisation=world.uitvoerder)
    assert Volunteer.objects.for_user(world.users[Role.BEGELEIDER]).count() == 1


def test_volunteer_list_query_count_does_not_grow(
    world, coordinator, make_volunteer, client_for, django_assert_max_num_queries
):
    client = client_for(coordinator)
    make_volunteer()
    client.get(reverse("volunteer_list"))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(reverse("volunteer_list"))
    for _ in range(10):
        make_volunteer()
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("volunteer_list"))
