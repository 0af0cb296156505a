"""The person file reads a section's table only when the person has rows in it
(regie.core.presence): the same page, fewer queries. Nothing is kept between requests,
so a row added or removed shows on the next load."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from regie.core import presence
from regie.core.memo import request_memo
from regie.core.roles import Role
from regie.guidance.models import Match
from regie.people.models import HealthNote, Inburgeraar
from tests.factories import (
    MatchFactory,
    VolunteerFactory,
    WeekProgrammeFactory,
    geldtraining_for,
)

pytestmark = pytest.mark.django_db

# The person file of World.person (a file with one referral and nothing else) for the
# klantmanager; fails when the page reads more. docs/performance.md has the count of the
# benchmark's person ("Queries per page").
EMPTY_FILE_QUERIES = 21


def load(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(ctx.captured_queries)


def annotated(person):
    return Inburgeraar.objects.annotate(**presence.presence_annotations()).get(pk=person.pk)


def test_presence_columns_tell_where_there_is_nothing_to_read(world, django_assert_num_queries):
    person = world.person
    assert presence.has_rows(person, "match")  # loaded without the columns: read as before
    loaded = annotated(person)
    assert not presence.has_rows(loaded, "match")
    assert presence.has_rows(loaded, "lesuren") is False
    with django_assert_num_queries(0):
        assert list(presence.only_if_present(Match.objects.all(), loaded, "match")) == []
    MatchFactory(inburgeraar=person, volunteer=VolunteerFactory(municipality=world.municipality))
    assert presence.has_rows(annotated(person), "match")


def test_remembered_by_id_only_within_one_request(world):
    loaded = annotated(world.person)
    presence.remember(loaded)  # outside a request: nothing is kept
    assert presence.has_rows(world.person.pk, "match")
    with request_memo():
        presence.remember(loaded)
        assert not presence.has_rows(world.person.pk, "match")
        assert presence.has_rows(world.stranger.pk, "match")  # not loaded: read
    with request_memo():  # the next request knows nothing of the last one
        assert presence.has_rows(world.person.pk, "match")


def test_the_file_reads_and_shows_rows_as_soon_as_they_exist(world, client_for):
    client = client_for(world.users[Role.KLANTMANAGER])
    url = reverse("person_detail", args=[world.person.pk])
    load(client, url)  # first use may create defaults (the guidance checklist)
    page, empty = load(client, url)
    assert empty <= EMPTY_FILE_QUERIES
    assert "Nog geen maatje" in page
    assert "Nieuwe klachten na de verhuizing" not in page

    volunteer = VolunteerFactory(
        municipality=world.municipality, first_name="Joke", last_name="Mulder"
    )
    match = MatchFactory(inburgeraar=world.person, volunteer=volunteer)
    HealthNote.objects.create(
        inburgeraar=world.person, text="Nieuwe klachten na de verhuizing.", author="km"
    )
    programme = WeekProgrammeFactory(inburgeraar=world.person, status="concept")
    page, full = load(client, url)
    assert "Joke Mulder" in page
    assert "Nieuwe klachten na de verhuizing." in page
    assert "Weekprogramma" in page and "Voorstel" in page
    # The match, the health notes and the weekprogramme are read now (one query each).
    assert full == empty + 3

    match.delete()
    programme.delete()
    HealthNote.objects.all().delete()
    page, again = load(client, url)
    assert "Nog geen maatje" in page and "Joke Mulder" not in page
    assert "Nieuwe klachten na de verhuizing" not in page
    assert again == empty


@pytest.mark.parametrize(
    ("role", "most"), [(Role.BEGELEIDER, 20), (Role.AANBIEDER, 16), (Role.FINANCIEEL, 16)]
)
def test_other_roles_files_do_not_read_more(world, client_for, role, most):
    if role == Role.FINANCIEEL:
        geldtraining_for(world.person)  # the financieel medewerker's business
    client = client_for(world.users[role])
    url = reverse("person_detail", args=[world.person.pk])
    load(client, url)
    _, queries = load(client, url)
    assert queries <= most
