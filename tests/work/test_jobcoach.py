"""The jobcoach (werkgeversdienstverlening, issue 20): a klantmanager and a jobcoach take a
person from MAP to a werkervaringsplek to a job through the pages. The jobcoach sees only
the persons they or their team coach on a placement, and no health data, BSN or address."""

from datetime import date

import pytest
from django.urls import reverse

from regie.activities.models import MapUren
from regie.core.roles import Role
from regie.people.models import HealthNote, Inburgeraar
from regie.work.models import Evaluatie, Plaatsing, Uitstroom
from tests.factories import InburgeraarFactory, TeamFactory, UserFactory
from tests.work.matrix import make_plek

pytestmark = pytest.mark.django_db


@pytest.fixture
def jobcoach(world):
    team = TeamFactory(organisation=world.uitvoerder, name="Werkgeversdienstverlening")
    return UserFactory(
        username="jc",
        first_name="Mark",
        last_name="Ter Haar",
        organisation=world.uitvoerder,
        team=team,
        roles=[Role.JOBCOACH],
    )


def test_from_map_to_a_werkervaringsplek_to_a_job(world, client_for, jobcoach, travel):
    travel("2026-11-20 10:00")
    person = world.person
    person.bsn = "111222333"
    person.street = "Misterweg"
    person.save()
    HealthNote.objects.create(inburgeraar=person, text="Slaapproblemen", author="km")
    plek = make_plek(world.municipality)
    km = world.users[Role.KLANTMANAGER]

    # The klantmanager registers the MAP and proposes a werkervaringsplek with the jobcoach.
    client = client_for(km)
    for _ in range(4):
        client.post(
            reverse("map_edit", args=[person.pk]),
            {
                "action": "uren",
                "uren-date": "2026-11-20",
                "uren-hours": "10",
                "uren-description": "Beroepenoriëntatie",
            },
        )
    assert MapUren.objects.filter(traject__inburgeraar=person).count() == 4
    form = client.get(reverse("plaatsing_add", args=[person.pk])).content.decode()
    assert "Mark Ter Haar" in form  # the jobcoach can be chosen as job coach
    response = client.post(
        reverse("plaatsing_add", args=[person.pk]),
        {
            "plek": plek.pk,
            "start": "2026-12-01",
            "end": "2027-05-31",
            "hours_per_week": 16,
            "days": "ma, wo",
            "job_coach": jobcoach.pk,
            "status": "voorgesteld",
        },
    )
    assert response.status_code == 302
    plaatsing = Plaatsing.objects.get(inburgeraar=person)

    # The jobcoach now sees the person, without health data, BSN or address.
    client = client_for(jobcoach)
    listing = client.get(reverse("person_list")).content.decode()
    assert reverse("person_detail", args=[person.pk]) in listing
    page = client.get(reverse("person_detail", args=[person.pk])).content.decode()
    assert "Participatie en werk" in page and "Gastvrouw restaurant" in page
    assert "Slaapproblemen" not in page
    assert "111222333" not in page and "Misterweg" not in page

    travel("2026-12-01 09:00")
    client = client_for(jobcoach)  # sessions end after 30 idle minutes
    url = reverse("plaatsing_status", args=[person.pk, plaatsing.pk])
    response = client.post(url, {"status": "lopend", "on": "2026-12-01", "reason": ""})
    assert response.status_code == 302
    plaatsing.refresh_from_db()
    assert plaatsing.status == "lopend"

    travel("2027-02-15 09:00")
    client = client_for(jobcoach)  # sessions end after 30 idle minutes
    response = client.post(
        reverse("evaluatie_add", args=[person.pk, plaatsing.pk]),
        {
            "datum": "2027-02-15",
            "aanwezigheid": "goed",
            "voortgang": "werkfit",
            "vaardigheden": "Komt op tijd.",
        },
    )
    assert response.status_code == 302
    assert Evaluatie.objects.get(plaatsing=plaatsing).door == jobcoach

    # The employer offers a job: the placement ends early for that reason, outflow to work.
    travel("2027-03-01 09:00")
    client = client_for(jobcoach)  # sessions end after 30 idle minutes
    response = client.post(
        url,
        {
            "status": "gestopt",
            "on": "2027-03-01",
            "reden": "betaald_werk",
            "reason": "Contract bij de werkgever.",
        },
    )
    assert response.status_code == 302
    response = client.post(
        reverse("uitstroom_add", args=[person.pk]),
        {
            "soort": "betaald_werk",
            "datum": "2027-03-01",
            "uren_per_week": "24",
            "contract": "tijdelijk",
            "werkgever": plek.werkgever_id,
        },
    )
    assert response.status_code == 302
    uitstroom = Uitstroom.objects.get(inburgeraar=person)
    assert (uitstroom.soort, uitstroom.uren_per_week, uitstroom.door) == (
        "betaald_werk",
        24,
        jobcoach,
    )

    # The klantmanager sees it all on the file.
    page = client_for(km).get(reverse("person_detail", args=[person.pk])).content.decode()
    assert "Voortijdig gestopt" in page
    assert "Betaald werk" in page and "1 maart 2027" in page


def test_the_jobcoach_sees_only_the_persons_their_team_coaches(world, jobcoach):
    plek = make_plek(world.municipality, capacity=10)
    colleague = UserFactory(
        organisation=world.uitvoerder, team=jobcoach.team, roles=[Role.JOBCOACH]
    )
    other_team = UserFactory(organisation=world.uitvoerder, roles=[Role.JOBCOACH])
    mine, colleagues, others, none = (
        InburgeraarFactory(municipality=world.municipality) for _ in range(4)
    )
    for person, coach in ((mine, jobcoach), (colleagues, colleague), (others, other_team)):
        Plaatsing.objects.create(
            inburgeraar=person, plek=plek, start=date(2026, 9, 1), hours_per_week=8, job_coach=coach
        )
    Plaatsing.objects.create(
        inburgeraar=world.stranger,
        plek=plek,
        start=date(2026, 9, 1),
        hours_per_week=8,
        job_coach=jobcoach,
    )  # another municipality than the organisation serves: never
    visible = set(Inburgeraar.objects.for_user(jobcoach).values_list("pk", flat=True))
    assert visible == {mine.pk, colleagues.pk}
    assert set(Inburgeraar.objects.for_user(other_team).values_list("pk", flat=True)) == {others.pk}
    assert not HealthNote.objects.for_user(jobcoach).exists()


def test_the_jobcoach_gets_the_werkvoorraad_signals_of_their_placements(
    world, client_for, jobcoach, travel
):
    travel("2026-11-20 10:00")
    plek = make_plek(world.municipality)
    Plaatsing.objects.create(
        inburgeraar=world.person,
        plek=plek,
        start=date(2026, 6, 1),
        end=date(2026, 12, 4),
        hours_per_week=16,
        status="lopend",
        job_coach=jobcoach,
    )
    page = client_for(jobcoach).get(reverse("home")).content.decode()
    assert "Plaatsingen die binnen 4 weken eindigen" in page
    assert "Plaatsing bij Zorgcentrum De Hofstede eindigt" in page
    assert "Evaluatie van de plaatsing bij Zorgcentrum De Hofstede" in page
    # The signal about persons without participation is about a klantmanager's caseload.
    assert "Inburgeraars zonder participatie" not in page


def test_the_jobcoachs_pages_keep_their_queries_as_the_caseload_grows(
    world, client_for, jobcoach, travel
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    travel("2026-11-20 10:00")
    plek = make_plek(world.municipality, capacity=50)

    def coached(start=date(2026, 6, 1)):
        person = InburgeraarFactory(municipality=world.municipality)
        placement = Plaatsing.objects.create(
            inburgeraar=person,
            plek=plek,
            start=start,
            end=date(2026, 12, 10),
            hours_per_week=16,
            status="lopend",
            job_coach=jobcoach,
        )
        return person, placement

    person, placement = coached()
    Evaluatie.objects.create(
        plaatsing=placement, datum=date(2026, 7, 1), aanwezigheid="goed", voortgang="gelijk"
    )
    # Already one of each: the reads of each list are logged in one insert, however long.
    Uitstroom.objects.create(inburgeraar=person, soort="verhuizing", datum=date(2026, 10, 1))
    client = client_for(jobcoach)
    urls = [
        reverse("home"),
        reverse("person_list"),
        reverse("person_detail", args=[person.pk]),
        reverse("plaatsing_status", args=[person.pk, placement.pk]),
    ]

    def queries(url):
        """The page's queries, without the session's own (its expiry is written now and
        then, whatever the caseload)."""
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, url
        return [q["sql"] for q in captured.captured_queries if "django_session" not in q["sql"]]

    counts = {url: len(queries(url)) for url in urls}
    for _index in range(8):
        coached()
        Evaluatie.objects.create(
            plaatsing=placement, datum=date(2026, 8, 1), aanwezigheid="goed", voortgang="vooruit"
        )
        Uitstroom.objects.create(inburgeraar=person, soort="verhuizing", datum=date(2026, 11, 1))
        Plaatsing.objects.create(
            inburgeraar=person,
            plek=plek,
            start=date(2027, 1, 4),
            hours_per_week=8,
            job_coach=jobcoach,
        )
    assert {url: len(queries(url)) for url in urls} == counts
    page = client.get(reverse("home")).content.decode()
    assert page.count("Plaatsing bij Zorgcentrum De Hofstede eindigt") == 9
