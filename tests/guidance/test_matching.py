"""Maatje matching from the database: building the PLANNING.md §1 instance (who is in,
who is left out and why, in a constant number of queries), storing the proposal, the
confirm/reject flow, and that a proposal never breaks a hard constraint."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from regie.core.models import AuditEvent
from regie.guidance import services
from regie.guidance.models import (
    GuidanceSettings,
    Match,
    MatchingRun,
    PairStatus,
    ProposedPair,
    RunStatus,
    UnmatchedNewcomer,
)
from regie.planning.io import parse_matching
from regie.planning.matching import check_matching, solve_matching
from tests.factories import InburgeraarFactory, MatchFactory, MatchingProfileFactory
from tests.jobs.inline import post_and_run


@pytest.fixture
def newcomer(world):
    """A guided asielmigrant speaking Arabic, available on Monday evening."""
    person = world.person
    person.languages = "ar, en"
    person.save()
    MatchingProfileFactory(inburgeraar=person)
    return person


def guided(world, **kwargs):
    kwargs.setdefault("languages", "ar")
    person = InburgeraarFactory(
        municipality=world.municipality,
        begeleider=world.users["begeleider"],
        **kwargs,
    )
    MatchingProfileFactory(inburgeraar=person)
    return person


def test_instance_has_the_planning_format(world, coordinator, newcomer, make_volunteer):
    volunteer = make_volunteer(capacity=2)
    build = services.build_instance(coordinator, timezone.localdate())
    parse_matching(build.instance)  # raises on any malformed field
    (n,) = build.instance["newcomers"]
    assert n["id"] == f"n{newcomer.pk}"
    assert n["languages"] == ["ar", "en"]
    assert n["gender"] == "v" and n["wants_gender"] is None
    assert n["availability"] == ["ma-avond"]
    (v,) = build.instance["volunteers"]
    assert v["id"] == f"v{volunteer.pk}" and v["capacity"] == 2 and v["max_km"] == 10.0


def test_who_is_a_newcomer_without_maatje(world, coordinator, newcomer, make_volunteer):
    matched = guided(world)
    MatchFactory(inburgeraar=matched, volunteer=make_volunteer())
    ended = guided(world)
    MatchFactory(inburgeraar=ended, volunteer=make_volunteer(), end_date=timezone.localdate())
    declined = guided(world)
    declined.matching_profile.wants_maatje = False
    declined.matching_profile.save()
    guided(world, gezinsmigrant=True)
    guided(world, status="afgerond")
    InburgeraarFactory(municipality=world.municipality)  # no begeleider: not in guidance
    ids = {
        n["id"]
        for n in services.build_instance(coordinator, timezone.localdate()).instance["newcomers"]
    }
    assert ids == {f"n{newcomer.pk}", f"n{ended.pk}"}


def test_vog_rule_excludes_volunteers_with_a_reason(world, coordinator, newcomer, make_volunteer):
    today = timezone.localdate()
    ok = make_volunteer()
    expired = make_volunteer(vog_date=today - dt.timedelta(days=365 * 3 + 10))
    missing = make_volunteer(vog_date=None)
    inactive = make_volunteer(active=False)
    build = services.build_instance(coordinator, today)
    assert set(build.volunteers) == {f"v{ok.pk}"}
    reasons = {v.pk: reason for v, reason in build.excluded_volunteers}
    assert "ouder dan 3 jaar" in reasons[expired.pk]
    assert reasons[missing.pk] == "geen VOG-datum vastgelegd"
    assert reasons[inactive.pk] == "niet actief"
    # Lokaal beleid: with a 5-year limit the older VOG counts again.
    GuidanceSettings.objects.create(municipality=world.municipality, vog_max_age_years=5)
    build = services.build_instance(coordinator, today)
    assert f"v{expired.pk}" in build.volunteers


def test_capacity_taken_by_active_matches(world, coordinator, newcomer, make_volunteer):
    full = make_volunteer(capacity=1)
    MatchFactory(inburgeraar=guided(world), volunteer=full)
    half = make_volunteer(capacity=2)
    MatchFactory(inburgeraar=guided(world), volunteer=half)
    build = services.build_instance(coordinator, timezone.localdate())
    assert f"v{full.pk}" not in build.volunteers
    assert "capaciteit bereikt" in dict((v.pk, r) for v, r in build.excluded_volunteers)[full.pk]
    (v,) = build.instance["volunteers"]
    assert v["capacity"] == 1


def test_newcomer_without_location_is_reported(world, coordinator, make_volunteer):
    world.municipality.cbs_code = "GM9999"  # no known centre
    world.municipality.save()
    person = world.person  # no matching profile
    build = services.build_instance(coordinator, timezone.localdate())
    assert [p.pk for p, _ in build.skipped_newcomers] == [person.pk]


def test_profile_missing_uses_the_municipality_centre(world, coordinator):
    build = services.build_instance(coordinator, timezone.localdate())
    (n,) = build.instance["newcomers"]
    assert (n["lat"], n["lon"]) == services.MUNICIPALITY_CENTRES["GM0294"]
    assert n["availability"] == []


def test_other_organisations_volunteers_are_not_used(world, coordinator, newcomer, make_volunteer):
    make_volunteer(organisation=world.uitvoerder)
    make_volunteer(municipality=world.other_municipality)
    assert services.build_instance(coordinator, timezone.localdate()).volunteers == {}


def test_building_takes_constant_queries(
    world, coordinator, make_volunteer, django_assert_num_queries
):
    guided(world)
    make_volunteer()
    today = timezone.localdate()
    services.build_instance(coordinator, today)  # caches the user's roles and municipalities
    # Persons with their profiles, volunteers with their load, the VOG settings.
    with django_assert_num_queries(3) as few:
        services.build_instance(coordinator, today)
    for _ in range(8):
        MatchFactory(inburgeraar=guided(world), volunteer=make_volunteer(capacity=3))
        guided(world)
        make_volunteer()
    with django_assert_num_queries(len(few.captured_queries)):
        build = services.build_instance(coordinator, today)
    assert len(build.instance["newcomers"]) == 10


def test_run_stores_proposal_and_is_audited(world, coordinator, newcomer, make_volunteer):
    make_volunteer()
    unmatched = guided(world, languages="ti")
    run = services.run_matching(coordinator)
    assert run.matched_count == 1 and run.optimal and run.status == RunStatus.OPEN
    pair = ProposedPair.objects.get(run=run)
    assert pair.inburgeraar == newcomer and pair.status == PairStatus.OPEN
    assert any(r.startswith("taal: ar") for r in pair.reasons)
    reason = UnmatchedNewcomer.objects.get(run=run).reason
    assert UnmatchedNewcomer.objects.get(run=run).inburgeraar == unmatched
    assert "ti" in reason
    assert AuditEvent.objects.filter(object_type="matchingrun", action="create").exists()


def test_unmatched_reason_names_the_volunteer(world, coordinator, newcomer, make_volunteer):
    volunteer = make_volunteer(availability=["za-ochtend"])
    run = services.run_matching(coordinator)
    reason = UnmatchedNewcomer.objects.get(run=run).reason
    assert volunteer.full_name in reason and "beschikbaarheid" in reason


def test_a_new_run_supersedes_open_proposals(world, coordinator, newcomer, make_volunteer):
    make_volunteer()
    first = services.run_matching(coordinator)
    second = services.run_matching(coordinator)
    first.refresh_from_db()
    assert first.status == RunStatus.VERVANGEN
    assert ProposedPair.objects.get(run=first).status == PairStatus.VERVALLEN
    assert ProposedPair.objects.get(run=second).status == PairStatus.OPEN


def test_confirm_creates_match_and_closes_run(world, coordinator, newcomer, make_volunteer):
    make_volunteer()
    run = services.run_matching(coordinator)
    pair = ProposedPair.objects.get(run=run)
    match = services.confirm_pair(pair, coordinator, timezone.localdate())
    assert match.inburgeraar == newcomer and match.is_active and match.proposal == pair
    pair.refresh_from_db()
    run.refresh_from_db()
    assert pair.status == PairStatus.BEVESTIGD and pair.decided_by == coordinator.username
    assert run.status == RunStatus.AFGEHANDELD
    with pytest.raises(services.PairRefused):
        services.confirm_pair(pair, coordinator, timezone.localdate())
    assert AuditEvent.objects.filter(
        object_type="proposedpair", inburgeraar_id=newcomer.pk, description__contains="bevestigd"
    ).exists()
    # The newcomer now has a maatje: not in the next instance.
    assert services.build_instance(coordinator, timezone.localdate()).newcomers == {}


def test_confirm_refused_when_volunteer_is_full_meanwhile(
    world, coordinator, newcomer, make_volunteer
):
    volunteer = make_volunteer(capacity=1)
    run = services.run_matching(coordinator)
    MatchFactory(inburgeraar=guided(world), volunteer=volunteer)
    with pytest.raises(services.PairRefused, match="geen plek meer"):
        services.confirm_pair(ProposedPair.objects.get(run=run), coordinator, timezone.localdate())
    assert not Match.objects.filter(inburgeraar=newcomer).exists()


def test_reject_needs_a_reason(world, coordinator, newcomer, make_volunteer):
    make_volunteer()
    pair = ProposedPair.objects.get(run=services.run_matching(coordinator))
    with pytest.raises(services.PairRefused, match="reden"):
        services.reject_pair(pair, coordinator, "  ")
    services.reject_pair(pair, coordinator, "Wonen te ver uit elkaar in de praktijk.")
    pair.refresh_from_db()
    assert pair.status == PairStatus.AFGEWEZEN
    assert not Match.objects.exists()


def test_confirm_and_reject_through_the_page(
    world, coordinator, newcomer, make_volunteer, client_for
):
    make_volunteer()
    other = guided(world)
    make_volunteer()
    client = client_for(coordinator)
    job_page = post_and_run(client, reverse("matching_run")).content.decode()
    run = MatchingRun.objects.get()
    assert "Voorstel gemaakt: 2 van 2 nieuwkomers kunnen een maatje krijgen." in job_page
    assert reverse("matching_run_detail", args=[run.pk]) in job_page
    page = client.get(reverse("matching_run_detail", args=[run.pk])).content.decode()
    assert newcomer.full_name in page and "Bevestigen" in page
    first, second = ProposedPair.objects.filter(run=run).order_by("pk")
    start = timezone.localdate() - dt.timedelta(days=1)
    url = reverse("pair_decide", args=[run.pk, first.pk])
    client.post(url, {"action": "confirm", "start_date": start.isoformat()})
    assert Match.objects.get(proposal=first).start_date == start
    client.post(reverse("pair_decide", args=[run.pk, second.pk]), {"action": "reject"})
    second.refresh_from_db()
    assert second.status == PairStatus.OPEN  # no reason given: refused
    client.post(
        reverse("pair_decide", args=[run.pk, second.pk]),
        {"action": "reject", "reject_reason": "Past niet."},
    )
    second.refresh_from_db()
    assert second.status == PairStatus.AFGEWEZEN
    assert {first.inburgeraar_id, second.inburgeraar_id} == {newcomer.pk, other.pk}


def test_a_run_of_another_organisation_is_not_found(world, coordinator, client_for):
    run = MatchingRun.objects.create(organisation=world.uitvoerder)
    assert (
        client_for(coordinator).get(reverse("matching_run_detail", args=[run.pk])).status_code
        == 404
    )


def test_meetings_and_end(world, coordinator, newcomer, make_volunteer, client_for):
    match = MatchFactory(inburgeraar=newcomer, volunteer=make_volunteer())
    client = client_for(coordinator)
    url = reverse("match_detail", args=[match.pk])
    future = (timezone.localdate() + dt.timedelta(days=3)).isoformat()
    bad = client.post(url, {"form": "meeting", "meeting-date": future})
    assert "in de toekomst" in bad.content.decode()
    client.post(url, {"form": "meeting", "meeting-date": timezone.localdate().isoformat()})
    assert match.meetings.count() == 1
    client.post(
        url,
        {
            "form": "end",
            "end-end_date": timezone.localdate().isoformat(),
            "end-end_reason": "Verhuisd.",
        },
    )
    match.refresh_from_db()
    assert match.end_date == timezone.localdate() and not match.is_active


SLOT = st.sampled_from(["ma-avond", "di-middag", "za-ochtend", "wo-ochtend"])
LANG = st.sampled_from(["nl", "ar", "ti", "fa", "en"])


class ProposalNeverBreaksHardConstraints(HypothesisTestCase):
    """Random profiles stored in the database, run through the service: every proposal is
    a valid solution of the very instance that was built (the solver's own checker)."""

    @settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        newcomers=st.lists(
            st.tuples(
                st.lists(LANG, min_size=1, max_size=2),
                st.lists(SLOT, max_size=2),
                st.sampled_from(["m", "v"]),
                st.sampled_from(["", "m", "v"]),
            ),
            min_size=1,
            max_size=6,
        ),
        volunteers=st.lists(
            st.tuples(
                st.lists(LANG, min_size=1, max_size=2),
                st.lists(SLOT, min_size=1, max_size=2),
                st.integers(1, 2),
                st.floats(0.5, 8),
                st.sampled_from(["m", "v"]),
            ),
            min_size=0,
            max_size=4,
        ),
    )
    def test_proposal_is_valid(self, newcomers, volunteers):
        from tests.factories import (
            MunicipalityFactory,
            OrganisationFactory,
            UserFactory,
            VolunteerFactory,
        )

        muni = MunicipalityFactory(name="Winterswijk", cbs_code="GM0294")
        org = OrganisationFactory(type="sociaal_team", serves=[muni])
        begeleider = UserFactory(organisation=org, roles=["begeleider"])
        coordinator = UserFactory(organisation=org, roles=["coordinator"])
        for i, (langs, slots, gender, wish) in enumerate(newcomers):
            person = InburgeraarFactory(
                municipality=muni,
                begeleider=begeleider,
                languages=", ".join(langs),
                gender=gender,
            )
            MatchingProfileFactory(
                inburgeraar=person,
                availability=slots,
                wants_gender=wish,
                lat=51.97 + i * 0.01,
                lon=6.72,
            )
        for j, (langs, slots, cap, km, gender) in enumerate(volunteers):
            VolunteerFactory(
                organisation=org,
                municipality=muni,
                languages=", ".join(langs),
                availability=slots,
                capacity=cap,
                max_km=km,
                gender=gender,
                lat=51.97,
                lon=6.72 + j * 0.02,
            )
        today = timezone.localdate()
        build = services.build_instance(coordinator, today)
        output = solve_matching(build.instance)
        assert check_matching(build.instance, output) == []
        run = services.run_matching(coordinator, today)
        stored = {
            "pairs": [
                {
                    "newcomer": f"n{p.inburgeraar_id}",
                    "volunteer": f"v{p.volunteer_id}",
                    "score": p.score,
                    "reasons": p.reasons,
                }
                for p in ProposedPair.objects.filter(run=run)
            ],
            "unmatched": [
                {"newcomer": f"n{u.inburgeraar_id}", "reason": u.reason}
                for u in UnmatchedNewcomer.objects.filter(run=run)
            ],
            "objective": {"matched": run.matched_count, "score": run.total_score},
            "optimal": run.optimal,
        }
        assert check_matching(build.instance, stored) == []
        assert run.optimal
