"""The maatschappelijk begeleider proposes and links a maatje for the households they
guide (seed §3.8); the coördinator keeps the volunteer pool and runs the matching. Pages
say who can do what a role may not."""

import datetime as dt

import pytest
from django.urls import reverse

from regie.core.roles import Role
from regie.guidance.models import Match
from tests.factories import InburgeraarFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_begeleider_links_a_maatje_and_the_file_shows_it(
    world, client_for, begeleider, make_volunteer, travel
):
    travel("2026-10-10")
    world.person.languages = "ti, ar"
    world.person.save()
    other = make_volunteer(first_name="Kees", last_name="Bos", languages="nl, en")
    speaks = make_volunteer(first_name="Hanna", last_name="Visser", languages="nl, ti")
    client = client_for(begeleider)

    detail = client.get(reverse("guidance_detail", args=[world.person.pk])).content.decode()
    assert "Maatje koppelen" in detail
    page = client.get(reverse("maatje_link", args=[world.person.pk])).content.decode()
    # The volunteer sharing a language comes first, with the language by its Dutch name.
    assert page.index("Hanna Visser") < page.index("Kees Bos")
    assert "Tigrinya, Arabisch" in page
    assert "Alleen de coördinator kan vrijwilligers toevoegen" in page

    response = client.post(
        reverse("maatje_link", args=[world.person.pk]),
        {"volunteer": speaks.pk, "start_date": "2026-10-12"},
        follow=True,
    )
    text = response.content.decode()
    assert f"{world.person.full_name} is gekoppeld aan maatje Hanna Visser." in text
    assert "Hanna Visser: vanaf 12 oktober 2026" in text
    match = Match.objects.get(inburgeraar=world.person)
    assert match.volunteer == speaks and match.confirmed_by == begeleider.username
    assert other.matches.count() == 0
    # Linked: no second maatje offered.
    again = client.get(reverse("maatje_link", args=[world.person.pk])).content.decode()
    assert "Heeft al een maatje: Hanna Visser, sinds 12 oktober 2026." in again


def test_the_begeleider_links_only_in_their_own_scope(world, client_for, make_volunteer):
    volunteer = make_volunteer()
    elsewhere = UserFactory(organisation=world.sociaal_team, roles=[Role.BEGELEIDER])
    someone_else = InburgeraarFactory(municipality=world.municipality, begeleider=elsewhere)
    client = client_for(world.users[Role.BEGELEIDER])
    assert client.get(reverse("maatje_link", args=[someone_else.pk])).status_code == 404
    response = client.post(
        reverse("maatje_link", args=[someone_else.pk]),
        {"volunteer": volunteer.pk, "start_date": dt.date.today().isoformat()},
    )
    assert response.status_code == 404
    assert not Match.objects.exists()


def test_a_full_volunteer_is_not_offered_and_a_choice_is_required(
    world, client_for, begeleider, make_volunteer
):
    full = make_volunteer(first_name="Vol", capacity=1)
    Match.objects.create(
        inburgeraar=InburgeraarFactory(municipality=world.municipality),
        volunteer=full,
        start_date=dt.date.today(),
    )
    client = client_for(begeleider)
    page = client.get(reverse("maatje_link", args=[world.person.pk])).content.decode()
    assert "Er is nu geen vrijwilliger met een geldige VOG en plek over" in page
    free = make_volunteer(first_name="Vrij")
    response = client.post(
        reverse("maatje_link", args=[world.person.pk]),
        {"start_date": dt.date.today().isoformat()},
    )
    assert "Kies een maatje." in response.content.decode()
    assert not Match.objects.filter(volunteer=free).exists()


def test_the_begeleider_sees_maatjes_page_with_who_runs_the_matching(
    world, client_for, begeleider, make_volunteer
):
    client = client_for(begeleider)
    response = client.get(reverse("matching_home"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Alleen de coördinator kan vrijwilligers toevoegen" in text
    assert "Voorstel maken voor alle nieuwkomers" not in text
    # The volunteer pool itself stays with the coördinator; the refusal names who can.
    refused = client.get(reverse("volunteer_list"))
    assert refused.status_code == 403
    assert "Dit kan alleen de coördinator." in refused.content.decode()


def test_the_klantmanager_is_told_who_links_a_maatje(world, client_for):
    client = client_for(world.users[Role.KLANTMANAGER])
    text = client.get(reverse("guidance_detail", args=[world.person.pk])).content.decode()
    assert "Een maatje koppelen kan de maatschappelijk begeleider of de coördinator." in text
    assert "De checklist bijwerken kan de maatschappelijk begeleider." in text
