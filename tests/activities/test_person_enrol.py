"""The klantmanager and the begeleider enrol a person in an activity of the menukaart
with the person (seed §2.5) and see that person's attendance; roles that cannot are told
who can."""

import datetime as dt

import pytest
from django.urls import reverse

from regie.activities.models import Enrolment
from regie.core.roles import Role
from tests.factories import AttendanceFactory, InburgeraarFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", [Role.KLANTMANAGER, Role.BEGELEIDER])
def test_case_worker_enrols_and_sees_the_attendance(world, menukaart, client_for, travel, role):
    travel("2026-10-10")
    client = client_for(world.users[role])
    page = client.get(reverse("person_activities", args=[world.person.pk])).content.decode()
    assert "Inschrijven voor een activiteit" in page

    form = client.get(reverse("person_enrol", args=[world.person.pk])).content.decode()
    assert "Het formulier is niet opgeslagen" not in form  # not judged before it is sent
    assert 'value="2026-10-10"' in form  # from today
    assert "Kletsplek, maandag 13:30–15:00 (0 van 2 plaatsen bezet)" in form
    response = client.post(
        reverse("person_enrol", args=[world.person.pk]),
        {"action": "enrol", "session": menukaart.kletsplek_ma.pk, "start_date": "2026-09-07"},
        follow=True,
    )
    text = response.content.decode()
    assert f"{world.person.full_name} is ingeschreven voor Kletsplek, maandag 13:30-15:00." in text
    assert "7 september 2026 – doorlopend" in text
    enrolment = Enrolment.objects.get(inburgeraar=world.person)

    # The coördinator registers the attendance; the case worker sees it on the file.
    AttendanceFactory(enrolment=enrolment, date=dt.date(2026, 9, 7), status="aanwezig")
    AttendanceFactory(enrolment=enrolment, date=dt.date(2026, 9, 14), status="niet_verschenen")
    page = client.get(reverse("person_activities", args=[world.person.pk])).content.decode()
    assert "Kletsplek" in page and "50%" in page
    assert "14 september 2026: Kletsplek – Niet verschenen" in page

    # Enrolled twice in the same session is refused in Dutch, nothing added.
    again = client.post(
        reverse("person_enrol", args=[world.person.pk]),
        {"action": "enrol", "session": menukaart.kletsplek_ma.pk, "start_date": "2026-10-12"},
    )
    assert "is al ingeschreven voor Kletsplek" in again.content.decode()
    assert Enrolment.objects.filter(inburgeraar=world.person).count() == 1

    # Ending the enrolment from the same page.
    client.post(
        reverse("person_enrol", args=[world.person.pk]),
        {"action": "end", "enrolment": enrolment.pk},
    )
    enrolment.refresh_from_db()
    assert enrolment.end_date == dt.date(2026, 10, 10)


def test_enrolment_needs_a_choice_and_refuses_a_full_session(world, menukaart, client_for):
    client = client_for(world.users[Role.KLANTMANAGER])
    url = reverse("person_enrol", args=[world.person.pk])
    missing = client.post(url, {"action": "enrol", "start_date": "2026-09-07"})
    assert "Kies een activiteit." in missing.content.decode()
    Enrolment.objects.create(
        inburgeraar=InburgeraarFactory(municipality=world.municipality),
        session=menukaart.ggd_di,
        start_date=dt.date(2020, 1, 6),
    )
    full = client.post(
        url, {"action": "enrol", "session": menukaart.ggd_di.pk, "start_date": "2026-09-08"}
    )
    assert "is vol" in full.content.decode()
    assert not Enrolment.objects.filter(inburgeraar=world.person).exists()


def test_a_case_worker_enrols_only_persons_in_their_scope(world, menukaart, client_for):
    other_km = UserFactory(organisation=world.uitvoerder, roles=[Role.KLANTMANAGER])
    stranger = InburgeraarFactory(municipality=world.municipality, klantmanager=other_km)
    client = client_for(UserFactory(organisation=world.uitvoerder, roles=[Role.KLANTMANAGER]))
    url = reverse("person_enrol", args=[stranger.pk])
    assert client.get(url).status_code == 404
    response = client.post(
        url, {"action": "enrol", "session": menukaart.kletsplek_ma.pk, "start_date": "2026-09-07"}
    )
    assert response.status_code == 404
    assert not Enrolment.objects.exists()


def test_the_aanbieder_is_told_who_enrols(world, menukaart, client_for):
    client = client_for(world.users[Role.AANBIEDER])
    page = client.get(reverse("person_activities", args=[world.person.pk])).content.decode()
    assert (
        "Inschrijven voor een activiteit van de menukaart kan de klantmanager, "
        "de maatschappelijk begeleider of de coördinator." in page
    )
    refused = client.get(reverse("person_enrol", args=[world.person.pk]))
    assert refused.status_code == 403
    assert "Dit kan alleen de klantmanager, de maatschappelijk begeleider of de coördinator." in (
        refused.content.decode()
    )


def test_the_menukaart_says_who_adds_activities_and_where_to_enrol(world, menukaart, client_for):
    client = client_for(world.users[Role.KLANTMANAGER])
    page = client.get(reverse("activity_list")).content.decode()
    assert "Activiteiten toevoegen en wijzigen kan de coördinator of de functioneel beheerder." in (
        page
    )
    assert "Iemand inschrijven: open het dossier van de persoon" in page
    detail = client.get(reverse("activity_detail", args=[menukaart.kletsplek.pk]))
    assert "Iemand inschrijven: open het dossier van de persoon" in detail.content.decode()
