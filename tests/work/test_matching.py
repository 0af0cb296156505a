"""Matching people to places through the pages and the job (issue 20.3): who takes part,
the proposal with its Dutch reasons, confirming (a Plaatsing voorgesteld, audit-logged,
capacity checked) and declining with a reason, per role, in a constant number of queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from regie.core.audit import AuditEvent
from regie.core.roles import Role
from regie.people.models import StatusChoice
from regie.work import matching
from regie.work.models import (
    NietGeplaatst,
    Plaatsing,
    PlaatsingMatchingRun,
    PlaatsingStatus,
    PlaatsingVoorstel,
    Plek,
    PlekSoort,
    VoorstelStatus,
    Werkgever,
)
from tests.factories import (
    ActivityFactory,
    BredeIntakeFactory,
    EnrolmentFactory,
    InburgeraarFactory,
    SessionFactory,
)
from tests.jobs.inline import post_and_run

pytestmark = pytest.mark.django_db


def eligible(world, level="a2", experience="", name=None):
    person = InburgeraarFactory(
        municipality=world.municipality,
        klantmanager=world.users[Role.KLANTMANAGER],
        status=StatusChoice.PIP_VASTGESTELD,
        **({"first_name": name} if name else {}),
    )
    BredeIntakeFactory(
        inburgeraar=person, completed=True, dutch_level=level, work_experience=experience
    )
    return person


def keuken(world, capacity=1, level="A1", days="ma, wo"):
    werkgever = Werkgever.objects.create(
        municipality=world.municipality, name="Restaurant De Markt", sector="Horeca"
    )
    return Plek.objects.create(
        werkgever=werkgever,
        title="Hulp in de keuken",
        soort=PlekSoort.WERKERVARING,
        language_level=level,
        hours_per_week=16,
        days=days,
        capacity=capacity,
    )


def lessons_on(person, weekday):
    session = SessionFactory(activity=ActivityFactory(lesson=True), weekday=weekday)
    EnrolmentFactory(inburgeraar=person, session=session)


@pytest.fixture
def setting(world):
    kok = eligible(world, "a2", "Werkte als kok in Eritrea. Daarna in een bakkerij.", "Yonas")
    lessons_on(kok, 1)  # dinsdag
    beginner = eligible(world, "geen", name="Semhar")
    busy = eligible(world, "b1", name="Bezet")
    plek = keuken(world)
    Plaatsing.objects.create(
        inburgeraar=busy,
        plek=keuken(world, capacity=3),
        start=dt.date(2026, 9, 1),
        hours_per_week=8,
        status=PlaatsingStatus.LOPEND,
    )
    return kok, beginner, busy, plek


def test_the_job_makes_a_proposal_with_reasons_and_confirming_makes_a_placement(
    world, setting, client_for
):
    kok, beginner, busy, plek = setting
    km = world.users[Role.KLANTMANAGER]
    client = client_for(km)
    home = client.get(reverse("plaatsing_matching")).content.decode()
    assert "Plekken voorstellen" in home and "Voorstel maken" in home
    job_page = post_and_run(
        client, reverse("plaatsing_matching_start"), {"municipality": world.municipality.pk}
    ).content.decode()
    run = PlaatsingMatchingRun.objects.get()
    # Yonas and Semhar take part; 'Bezet' has a running placement; the stranger lives elsewhere.
    assert "Voorstel gemaakt: 1 van 2 personen kunnen een plek krijgen." in job_page
    assert reverse("plaatsing_matching_run", args=[run.pk]) in job_page
    assert (run.person_count, run.placed_count, run.optimal) == (2, 1, True)
    voorstel = PlaatsingVoorstel.objects.get(run=run)
    assert (voorstel.inburgeraar, voorstel.plek) == (kok, plek)
    assert voorstel.reasons == [
        "Taalniveau A2, plek vraagt A1",
        "0 min fietsen",
        "Past naast de lessen op di",
        "Ervaring: Werkte als kok in Eritrea",
    ]
    assert voorstel.score == pytest.approx(10 + 3 + 3 + 4)
    page = client.get(reverse("plaatsing_matching_run", args=[run.pk])).content.decode()
    assert "Plaatsingsvoorstel Winterswijk" in page
    assert "1 van 2 personen kunnen een plek krijgen" in page
    assert "Past naast de lessen op di" in page and "Ervaring: Werkte als kok in Eritrea" in page
    assert "Geen plek gevonden" in page and beginner.full_name in page
    assert NietGeplaatst.objects.get(run=run).reason == (
        "geen passende plek: taalniveau te laag bij 2 plekken"
    )
    assert "geen passende plek: taalniveau te laag bij 2 plekken" in page
    assert "hoogstens 45 minuten reizen" in page
    start = timezone.localdate() + dt.timedelta(days=7)
    response = client.post(
        reverse("plaatsing_matching_decide", args=[run.pk, voorstel.pk]),
        {"action": "confirm", "start": start.isoformat()},
        follow=True,
    )
    assert "Plaatsing voorgesteld: Yonas" in response.content.decode()
    plaatsing = Plaatsing.objects.get(inburgeraar=kok)
    assert (plaatsing.status, plaatsing.start, plaatsing.plek, plaatsing.job_coach) == (
        PlaatsingStatus.VOORGESTELD,
        start,
        plek,
        km,
    )
    assert (plaatsing.hours_per_week, plaatsing.days) == (16, "ma, wo")
    voorstel.refresh_from_db()
    assert (voorstel.status, voorstel.plaatsing, voorstel.decided_by) == (
        "bevestigd",
        plaatsing,
        km,
    )
    run.refresh_from_db()
    assert run.status == "afgehandeld"
    assert AuditEvent.objects.filter(
        inburgeraar_id=kok.pk, description__startswith="plaatsingsvoorstel bevestigd"
    ).exists()
    assert AuditEvent.objects.filter(
        inburgeraar_id=kok.pk, description="plaatsingsvoorstel ingezien"
    ).exists()
    # Deciding twice is refused.
    again = client.post(
        reverse("plaatsing_matching_decide", args=[run.pk, voorstel.pk]),
        {"action": "confirm", "start": start.isoformat()},
        follow=True,
    ).content.decode()
    assert "Over dit voorstel is al besloten." in again
    # A second run: Yonas now has a proposed placement and no longer takes part, the plek
    # is taken by it and is listed as full.
    second = matching.run_matching(km, world.municipality.pk)
    assert second.person_count == 1
    assert second.excluded_places[0]["reason"] == "vol: 1 van 1 plaatsen bezet"


def test_decline_needs_a_reason_which_is_stored_and_shown(world, setting, client_for):
    km = world.users[Role.KLANTMANAGER]
    run = matching.run_matching(km, world.municipality.pk)
    voorstel = PlaatsingVoorstel.objects.get(run=run)
    client = client_for(km)
    url = reverse("plaatsing_matching_decide", args=[run.pk, voorstel.pk])
    page = client.post(url, {"action": "decline", "reason": " "}, follow=True).content.decode()
    assert "Geef een reden op voor het afwijzen." in page
    page = client.post(
        url, {"action": "decline", "reason": "Wil eerst de rijschool afmaken."}, follow=True
    ).content.decode()
    assert "Voorstel afgewezen." in page
    assert "Afgewezen" in page and "Wil eerst de rijschool afmaken." in page
    voorstel.refresh_from_db()
    assert (voorstel.status, voorstel.reject_reason) == (
        VoorstelStatus.AFGEWEZEN,
        "Wil eerst de rijschool afmaken.",
    )
    assert not Plaatsing.objects.filter(inburgeraar=voorstel.inburgeraar).exists()
    assert AuditEvent.objects.filter(
        inburgeraar_id=voorstel.inburgeraar_id, description="plaatsingsvoorstel afgewezen"
    ).exists()


def test_confirm_is_refused_when_the_plek_filled_up_meanwhile(world, setting, client_for):
    kok, beginner, busy, plek = setting
    km = world.users[Role.KLANTMANAGER]
    run = matching.run_matching(km, world.municipality.pk)
    voorstel = PlaatsingVoorstel.objects.get(run=run)
    other = InburgeraarFactory(municipality=world.municipality)
    Plaatsing.objects.create(
        inburgeraar=other,
        plek=plek,
        start=dt.date(2026, 9, 1),
        hours_per_week=8,
        status=PlaatsingStatus.VOORGESTELD,
    )
    page = (
        client_for(km)
        .post(
            reverse("plaatsing_matching_decide", args=[run.pk, voorstel.pk]),
            {"action": "confirm", "start": timezone.localdate().isoformat()},
            follow=True,
        )
        .content.decode()
    )
    assert "Deze plek heeft geen vrije plaats meer: 1 van 1 bezet." in page
    assert not Plaatsing.objects.filter(inburgeraar=kok).exists()
    bad = (
        client_for(km)
        .post(
            reverse("plaatsing_matching_decide", args=[run.pk, voorstel.pk]),
            {"action": "confirm", "start": "morgen"},
            follow=True,
        )
        .content.decode()
    )
    assert "Vul een geldige startdatum in." in bad


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.KLANTMANAGER, 200),
        (Role.COORDINATOR, 200),
        (Role.BEGELEIDER, 403),
        (Role.AANBIEDER, 403),
        (Role.REGISSEUR, 403),
        (Role.FINANCIEEL, 403),
    ],
)
def test_who_may_use_the_matching(world, client_for, role, status):
    response = client_for(world.users[role]).get(reverse("plaatsing_matching"))
    assert response.status_code == status
    if status == 403:
        assert "klantmanager" in response.content.decode().lower()


def test_start_refuses_a_municipality_the_user_does_not_serve(world, client_for):
    client = client_for(world.users[Role.KLANTMANAGER])
    page = client.post(
        reverse("plaatsing_matching_start"),
        {"municipality": world.other_municipality.pk},
        follow=True,
    ).content.decode()
    assert "Kies een gemeente waarvoor u werkt." in page
    assert not PlaatsingMatchingRun.objects.exists()


def test_proposals_outside_the_users_scope_are_not_shown(world, setting, client_for):
    run = matching.run_matching(world.users[Role.KLANTMANAGER], world.municipality.pk)
    voorstel = PlaatsingVoorstel.objects.get(run=run)
    client = client_for(world.users[Role.COORDINATOR])
    page = client.get(reverse("plaatsing_matching_run", args=[run.pk])).content.decode()
    # The coördinator of the sociaal team does not guide Yonas: no name, no decision.
    assert voorstel.inburgeraar.full_name not in page
    response = client.post(
        reverse("plaatsing_matching_decide", args=[run.pk, voorstel.pk]),
        {"action": "decline", "reason": "x"},
    )
    assert response.status_code == 404


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_proposals_page_does_a_constant_number_of_queries(world, client_for):
    km = world.users[Role.KLANTMANAGER]
    client = client_for(km)
    for _ in range(2):
        eligible(world, "a2")
    keuken(world, capacity=10)
    small = matching.run_matching(km, world.municipality.pk)
    few = _queries(client, reverse("plaatsing_matching_run", args=[small.pk]))
    for _ in range(6):
        eligible(world, "a2")
        eligible(world, "geen")
    large = matching.run_matching(km, world.municipality.pk)
    assert PlaatsingVoorstel.objects.filter(run=large).count() == 8
    assert NietGeplaatst.objects.filter(run=large).count() == 6
    assert _queries(client, reverse("plaatsing_matching_run", args=[large.pk])) == few
