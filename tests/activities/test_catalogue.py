"""The menukaart and the lesson timetables: forms with Dutch errors and nothing
half-saved, who may change what, and a list that does not slow down."""

import datetime as dt

from django.urls import reverse

from regie.activities.models import Activity, Session
from regie.core.roles import Role
from tests.factories import ActivityFactory, OrganisationFactory, SessionFactory


def activity_data(world, **extra):
    return {
        "name": "Samen koken en eten",
        "description": "Koken met buurtbewoners.",
        "themes": ["sociaal_netwerk", "gezondheid"],
        "routes": ["z", "oudkomer", "ondertussengroep"],
        "organiser": world.sociaal_team.pk,
        "coordinator_organisation": world.sociaal_team.pk,
        "municipality": world.municipality.pk,
        "location": "Buurthuis De Pas",
        "cost": "3.00",
        "cost_note": "eigen bijdrage",
        "active": "on",
        **extra,
    }


def test_coordinator_adds_an_activity_and_a_session(world, client_for):
    client = client_for(world.users[Role.COORDINATOR])
    response = client.post(reverse("activity_create"), activity_data(world))
    activity = Activity.objects.get()
    assert response.status_code == 302
    assert activity.kind == "activiteit" and activity.themes == ["sociaal_netwerk", "gezondheid"]
    assert activity.theme_labels() == ["Sociaal netwerk", "Gezondheid"]
    response = client.post(
        reverse("session_create", args=[activity.pk]),
        {
            "weekday": 1,
            "start": "15:30",
            "end": "17:30",
            "capacity": 10,
            "valid_from": "2026-01-06",
        },
    )
    assert response.status_code == 302
    session = Session.objects.get()
    assert (session.hours, session.day_code) == (2, "di")
    listing = client.get(reverse("activity_list"), {"thema": "gezondheid"}).content.decode()
    assert "Samen koken en eten" in listing and "dinsdag 15:30–17:30" in listing
    assert (
        "Samen koken"
        not in client.get(reverse("activity_list"), {"thema": "financien"}).content.decode()
    )


def test_bad_activity_shows_dutch_errors_and_saves_nothing(world, client_for):
    client = client_for(world.users[Role.COORDINATOR])
    response = client.post(
        reverse("activity_create"), activity_data(world, name="", themes=[], cost="-5")
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Het formulier is niet opgeslagen" in page
    assert "Dit veld is vereist." in page
    assert not Activity.objects.exists()


def test_session_must_end_after_it_starts(world, client_for):
    activity = ActivityFactory(
        municipality=world.municipality, coordinator_organisation=world.sociaal_team
    )
    client = client_for(world.users[Role.COORDINATOR])
    response = client.post(
        reverse("session_create", args=[activity.pk]),
        {
            "weekday": 1,
            "start": "15:30",
            "end": "15:00",
            "capacity": 0,
            "valid_from": "2026-01-06",
            "valid_until": "2025-01-01",
        },
    )
    page = response.content.decode()
    assert "De eindtijd moet later zijn dan de begintijd." in page
    assert "De einddatum ligt vóór de begindatum." in page
    assert not Session.objects.exists()


def test_who_may_change_the_menukaart(world, client_for):
    mine = ActivityFactory(
        municipality=world.municipality, coordinator_organisation=world.sociaal_team
    )
    theirs = ActivityFactory(municipality=world.municipality)
    elsewhere = ActivityFactory(municipality=world.other_municipality)
    coordinator = client_for(world.users[Role.COORDINATOR])
    assert coordinator.get(reverse("activity_edit", args=[mine.pk])).status_code == 200
    assert coordinator.get(reverse("activity_edit", args=[theirs.pk])).status_code == 404
    beheerder = client_for(world.users[Role.BEHEERDER])
    assert beheerder.get(reverse("activity_edit", args=[theirs.pk])).status_code == 200
    assert beheerder.get(reverse("activity_edit", args=[elsewhere.pk])).status_code == 404
    aanbieder = client_for(world.users[Role.AANBIEDER])
    assert aanbieder.get(reverse("activity_edit", args=[mine.pk])).status_code == 403
    assert aanbieder.get(reverse("activity_detail", args=[elsewhere.pk])).status_code == 404


def test_aanbieder_keeps_its_own_timetable(world, client_for):
    client = client_for(world.users[Role.AANBIEDER])
    response = client.post(
        reverse("lessongroup_create"),
        {
            "name": "Toptaal B1-groep",
            "routes": ["b1"],
            "organiser": world.aanbieder.pk,
            "municipality": world.municipality.pk,
            "themes": ["taal"],
            "active": "on",
        },
    )
    assert response.status_code == 302
    group = Activity.objects.get()
    assert group.kind == "taalles" and group.organiser == world.aanbieder
    client.post(
        reverse("lessonblock_create", args=[group.pk]),
        {
            "weekday": 0,
            "start": "09:00",
            "end": "12:00",
            "capacity": 16,
            "valid_from": "2026-01-05",
        },
    )
    assert group.sessions.count() == 1
    # Another aanbieder may not pick Toptaal as organiser, nor edit its groups.
    other = OrganisationFactory(name="Interbeek", type="aanbieder", serves=[world.municipality])
    from tests.factories import UserFactory

    interbeek = client_for(UserFactory(organisation=other, roles=[Role.AANBIEDER]))
    assert interbeek.get(reverse("lessongroup_edit", args=[group.pk])).status_code == 404
    response = interbeek.post(
        reverse("lessongroup_create"),
        {
            "name": "X",
            "routes": ["b1"],
            "organiser": world.aanbieder.pk,
            "municipality": world.municipality.pk,
        },
    )
    assert response.status_code == 200 and Activity.objects.count() == 1
    assert "Toptaal B1-groep" not in interbeek.get(reverse("timetable_list")).content.decode()


def test_menukaart_list_queries_are_constant(world, client_for, django_assert_max_num_queries):
    client = client_for(world.users[Role.KLANTMANAGER])

    def add(n):
        for _ in range(n):
            activity = ActivityFactory(municipality=world.municipality)
            SessionFactory(activity=activity)
            SessionFactory(activity=activity, weekday=3, start=dt.time(10), end=dt.time(11))

    add(2)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(reverse("activity_list"))
    add(15)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(reverse("activity_list"))
    assert page.content.decode().count("maandag 13:30–15:00") == 17
