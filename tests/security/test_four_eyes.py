"""Issue 17: four eyes on what reaches beyond one beheerder's municipalities.

The demo's shape: Winterswijk and Aalten, each with its own gemeente and beheerder, and
Fijnder, the uitvoerder that works for both. An account of Fijnder reaches both
municipalities' files, so what Winterswijk's beheerder proposes for it holds only when
Aalten's beheerder approves (and the other way round). Access grants that open health
data, a person outside the grantee's municipalities, or that a beheerder asks for
themselves wait for a second beheerder."""

import datetime as dt

import pytest
from django.urls import reverse

from regie.core.models import AccountProposal, AuditAction, AuditEvent, User
from regie.core.roles import Role
from regie.people.models import AccessGrant, Inburgeraar
from regie.rules import approval
from regie.rules.approval import Approval
from tests.factories import TeamFactory, UserFactory
from tests.security.region import can_log_in, decide, login, new_account

# --- the state machine ---------------------------------------------------------------------


def test_approval_transition_table():
    assert {
        Approval.VOORGESTELD: frozenset({Approval.GOEDGEKEURD, Approval.AFGEWEZEN}),
        Approval.GOEDGEKEURD: frozenset(),
        Approval.AFGEWEZEN: frozenset(),
    } == approval.TRANSITIONS
    assert approval.can_transition(Approval.VOORGESTELD, Approval.GOEDGEKEURD)
    assert not approval.can_transition(Approval.AFGEWEZEN, Approval.GOEDGEKEURD)
    assert not approval.can_transition(Approval.GOEDGEKEURD, Approval.AFGEWEZEN)
    assert not approval.may_decide(1, proposer_id=1, subject_id=2)
    assert not approval.may_decide(2, proposer_id=1, subject_id=2)
    assert approval.may_decide(3, proposer_id=1, subject_id=2)


@pytest.mark.parametrize(
    ("health", "in_area", "to_self", "second"),
    [
        (False, True, False, False),
        (True, True, False, True),
        (False, False, False, True),
        (False, True, True, True),
    ],
)
def test_which_grants_need_a_second_person(health, in_area, to_self, second):
    assert (
        approval.grant_needs_second_person(
            opens_health_data=health, person_in_grantee_area=in_area, to_self=to_self
        )
        is second
    )


# --- account proposals -------------------------------------------------------------------


def test_a_proposed_account_holds_only_after_the_other_municipality_approves(demo_region):
    proposer = login(demo_region["beheerder_W"])
    response = proposer.post(
        reverse("user_create"),
        new_account(demo_region["fijnder"], demo_region["team_A"], ["klantmanager"]),
        follow=True,
    )
    text = response.content.decode()
    assert (
        "Uw voorstel is opgeslagen. Het geldt pas als een beheerder van Aalten het heeft "
        "goedgekeurd." in text
    )
    account = User.objects.get(username="nieuw")
    proposal = AccountProposal.objects.get(user=account)
    # Until approved: inactive, no roles, no password, no file of Aalten.
    assert not account.is_active and account.roles == frozenset()
    assert not can_log_in("nieuw")
    # The proposer cannot approve it; the page says why.
    assert (
        "U kunt niet beslissen over een voorstel dat u zelf deed of dat over uw eigen "
        "account gaat: dat doet een andere beheerder." in text
    )
    refused = decide(proposer, proposal)
    assert "U kunt niet beslissen over een voorstel dat u zelf deed" in refused.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == "voorgesteld"
    # Aalten's beheerder sees it waiting for them, and approves.
    page = login(demo_region["beheerder_A"]).get(reverse("proposal_list")).content.decode()
    assert "Wacht op uw besluit" in page and "nieuw account nieuw" in page
    done = decide(login(demo_region["beheerder_A"]), proposal, reason="kent Aalten")
    assert "Het voorstel is goedgekeurd; de wijziging geldt nu." in done.content.decode()
    account = User.objects.get(pk=account.pk)
    assert account.is_active and account.roles == frozenset({Role.KLANTMANAGER})
    assert account.team == demo_region["team_A"]
    assert can_log_in("nieuw")
    assert Inburgeraar.objects.for_user(account).filter(pk=demo_region["person_A"].pk).exists()
    descriptions = list(
        AuditEvent.objects.filter(object_type__in=["accountproposal", "user"])
        .order_by("id")
        .values_list("username", "action", "description")
    )
    assert descriptions == [
        (
            "beheerder",
            AuditAction.CREATE,
            "voorstel nieuw account nieuw; organisatie Fijnder; rollen: Klantmanager; "
            "team Team Aalten; goedkeuring nodig van Aalten",
        ),
        (
            "beheerder2",
            AuditAction.STATUS,
            "voorstel goedgekeurd voor Aalten: nieuw account nieuw; organisatie Fijnder; "
            "rollen: Klantmanager; team Team Aalten",
        ),
        (
            "beheerder2",
            AuditAction.CREATE,
            f"rollen: klantmanager; na goedkeuring van voorstel {proposal.pk}",
        ),
    ]


def test_a_rejection_needs_a_reason_and_leaves_the_account_without_roles(demo_region):
    login(demo_region["beheerder_A"]).post(
        reverse("user_edit", args=[demo_region["km_W"].pk]),
        {
            **new_account(
                demo_region["fijnder"], demo_region["team_W"], ["klantmanager", "beheerder"]
            ),
            "username": "klantmanager",
            "password": "",
        },
    )
    proposal = AccountProposal.objects.get(user=demo_region["km_W"])
    assert [m.name for m in proposal.municipalities.all()] == ["Winterswijk"]
    winterswijk = login(demo_region["beheerder_W"])
    no_reason = decide(winterswijk, proposal, "reject")
    assert "Geef de reden waarom u het voorstel afwijst." in no_reason.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == "voorgesteld"
    decide(winterswijk, proposal, "reject", "geen beheerder bij Fijnder")
    proposal.refresh_from_db()
    assert proposal.status == "afgewezen"
    assert proposal.decision_reason == "geen beheerder bij Fijnder"
    assert User.objects.get(pk=demo_region["km_W"].pk).roles == frozenset({Role.KLANTMANAGER})
    # Decided is decided.
    again = decide(login(demo_region["beheerder_W"]), proposal)
    assert "Over dit voorstel is al beslist." in again.content.decode()
    assert AuditEvent.objects.filter(
        action=AuditAction.STATUS,
        username="beheerder",
        description__startswith="voorstel afgewezen",
    ).exists()


def test_nobody_approves_a_proposal_about_their_own_account(demo_region):
    """A beheerder of Fijnder (both municipalities) proposed by Aalten's beheerder for a
    new role: the account itself may not approve it, another Winterswijk beheerder may."""
    regional = UserFactory(
        username="beheerder.fijnder", organisation=demo_region["fijnder"], roles=[Role.BEHEERDER]
    )
    login(demo_region["beheerder_A"]).post(
        reverse("user_edit", args=[regional.pk]),
        {
            **new_account(demo_region["fijnder"], None, ["beheerder", "financieel"]),
            "username": regional.username,
            "password": "",
        },
    )
    proposal = AccountProposal.objects.get(user=regional)
    refused = decide(login(regional), proposal)
    assert "over uw eigen account gaat" in refused.content.decode()
    assert AccountProposal.objects.get(pk=proposal.pk).status == "voorgesteld"


# --- access grants -----------------------------------------------------------------------


def _grant(client, user, person, until="2026-10-31"):
    return client.post(
        reverse("grant_list"),
        {"user": user.pk, "bsn": person.bsn, "reason": "bezwaar", "valid_until": until},
        follow=True,
    )


def test_a_grant_to_health_data_waits_for_a_second_beheerder(demo_region, travel):
    """Klantmanager2 (team Aalten) may see health data: a grant on a Winterswijk person
    opens their health notes, so it needs a second Winterswijk beheerder."""
    travel("2026-10-10")
    second = UserFactory(
        username="beheerder.w2", organisation=demo_region["gem_W"], roles=[Role.BEHEERDER]
    )
    km_a, person = demo_region["km_A"], demo_region["person_W"]
    requester = login(demo_region["beheerder_W"])
    response = _grant(requester, km_a, person)
    assert (
        "De toegang is aangevraagd. Hij geldt pas als een andere beheerder hem goedkeurt."
        in response.content.decode()
    )
    grant = AccessGrant.objects.get()
    assert grant.status == "voorgesteld"
    assert not Inburgeraar.objects.for_user(km_a).filter(pk=person.pk).exists()
    # Not the requester.
    page = requester.get(reverse("grant_list")).content.decode()
    assert "Een andere beheerder keurt deze toegang goed" in page
    requester.post(reverse("grant_decide", args=[grant.pk]), {"decision": "approve", "reason": ""})
    assert AccessGrant.objects.get().status == "voorgesteld"
    # Aalten's beheerder does not serve the person's municipality: the grant is not theirs.
    response = login(demo_region["beheerder_A"]).post(
        reverse("grant_decide", args=[grant.pk]), {"decision": "approve", "reason": ""}
    )
    assert response.status_code == 404
    # A second Winterswijk beheerder approves: now it holds.
    response = login(second).post(
        reverse("grant_decide", args=[grant.pk]),
        {"decision": "approve", "reason": "bezwaar loopt"},
        follow=True,
    )
    assert "De toegang is goedgekeurd." in response.content.decode()
    grant.refresh_from_db()
    assert (grant.status, grant.decided_by) == ("goedgekeurd", "beheerder.w2")
    assert Inburgeraar.objects.for_user(km_a).filter(pk=person.pk).exists()
    assert list(
        AuditEvent.objects.filter(action=AuditAction.GRANT)
        .order_by("id")
        .values_list("username", "description")
    ) == [
        ("beheerder", "aangevraagd aan klantmanager2 tot 2026-10-31"),
        ("beheerder.w2", "goedgekeurd: toegang van klantmanager2 tot 2026-10-31"),
    ]


def test_a_grant_to_oneself_or_outside_the_grantees_area_waits(demo_region, travel):
    travel("2026-10-10")
    requester = login(demo_region["beheerder_W"])
    _grant(requester, demo_region["beheerder_W"], demo_region["person_W"])  # to oneself
    # A beheerder of Fijnder (both municipalities) grants Winterswijk's regisseur a look
    # at an Aalten person: outside the grantee's municipalities.
    regional = UserFactory(
        username="beheerder.fijnder", organisation=demo_region["fijnder"], roles=[Role.BEHEERDER]
    )
    _grant(login(regional), demo_region["regisseur_W"], demo_region["person_A"])
    assert sorted(AccessGrant.objects.values_list("user__username", "status")) == [
        ("beheerder", "voorgesteld"),
        ("regisseur", "voorgesteld"),
    ]
    assert not Inburgeraar.objects.for_user(demo_region["regisseur_W"]).exists()
    assert not Inburgeraar.objects.for_user(demo_region["beheerder_W"]).exists()
    # The grantee may not approve their own grant, even as a beheerder.
    own = AccessGrant.objects.get(user=demo_region["beheerder_W"])
    requester.post(reverse("grant_decide", args=[own.pk]), {"decision": "approve"})
    assert AccessGrant.objects.get(pk=own.pk).status == "voorgesteld"


def test_a_plain_grant_in_the_grantees_area_holds_at_once(demo_region, travel):
    travel("2026-10-10")
    response = _grant(
        login(demo_region["beheerder_W"]), demo_region["regisseur_W"], demo_region["person_W"]
    )
    assert "De toegang is verleend." in response.content.decode()
    assert AccessGrant.objects.get().status == "goedgekeurd"
    assert (
        Inburgeraar.objects.for_user(demo_region["regisseur_W"])
        .filter(pk=demo_region["person_W"].pk)
        .exists()
    )


def test_a_rejected_grant_gives_nothing(demo_region, travel):
    travel("2026-10-10")
    second = UserFactory(
        username="beheerder.w2", organisation=demo_region["gem_W"], roles=[Role.BEHEERDER]
    )
    _grant(login(demo_region["beheerder_W"]), demo_region["km_A"], demo_region["person_W"])
    grant = AccessGrant.objects.get()
    client = login(second)
    response = client.post(
        reverse("grant_decide", args=[grant.pk]), {"decision": "reject", "reason": ""}, follow=True
    )
    assert "Geef de reden waarom u het voorstel afwijst." in response.content.decode()
    client.post(reverse("grant_decide", args=[grant.pk]), {"decision": "reject", "reason": "nee"})
    assert AccessGrant.objects.get().status == "afgewezen"
    assert (
        not Inburgeraar.objects.for_user(demo_region["km_A"])
        .filter(pk=demo_region["person_W"].pk)
        .exists()
    )


def test_an_old_grant_without_status_still_counts(demo_region, travel):
    """Grants made before this change were approved when made (the migration's default)."""
    travel("2026-10-10")
    AccessGrant.objects.create(
        user=demo_region["regisseur_W"],
        inburgeraar=demo_region["person_W"],
        reason="oud",
        valid_until=dt.date(2026, 10, 31),
    )
    assert Inburgeraar.objects.for_user(demo_region["regisseur_W"]).count() == 1


# --- team municipalities -----------------------------------------------------------------


def test_a_beheerder_sets_only_their_own_municipalities_of_a_team(demo_region):
    team = demo_region["team_A"]  # Fijnder's team for Aalten
    client = login(demo_region["beheerder_W"])
    page = client.get(reverse("team_municipalities", args=[team.pk])).content.decode()
    assert "Dit team werkt ook voor Aalten. Dat wijzigt een beheerder van die gemeente." in page
    # Aalten is not a choice for Winterswijk's beheerder.
    response = client.post(
        reverse("team_municipalities", args=[team.pk]), {"municipalities": [demo_region["A"].pk]}
    )
    assert "Selecteer een geldige keuze" in response.content.decode()
    client.post(
        reverse("team_municipalities", args=[team.pk]), {"municipalities": [demo_region["W"].pk]}
    )
    assert sorted(m.name for m in team.municipalities.all()) == ["Aalten", "Winterswijk"]
    # Unticking Winterswijk leaves Aalten's part alone.
    client.post(reverse("team_municipalities", args=[team.pk]), {})
    assert [m.name for m in team.municipalities.all()] == ["Aalten"]
    assert list(
        AuditEvent.objects.filter(object_type="team").order_by("id").values_list("description")
    ) == [
        ("gemeenten van Team Aalten: Aalten -> Aalten, Winterswijk",),
        ("gemeenten van Team Aalten: Aalten, Winterswijk -> Aalten",),
    ]


def test_a_team_without_municipalities_keeps_the_other_ones(demo_region):
    """No municipalities set means all the organisation serves: choosing Winterswijk does
    not silently take Aalten's intake queue away."""
    team = TeamFactory(organisation=demo_region["fijnder"], name="Team Regio")
    client = login(demo_region["beheerder_W"])
    client.post(
        reverse("team_municipalities", args=[team.pk]), {"municipalities": [demo_region["W"].pk]}
    )
    assert sorted(m.name for m in team.municipalities.all()) == ["Aalten", "Winterswijk"]
    own_team = demo_region["backoffice_W"]
    response = client.post(reverse("team_municipalities", args=[own_team.pk]), {})
    assert "Kies ten minste één gemeente." in response.content.decode()
