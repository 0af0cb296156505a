"""Issue 17, H1 and M1: a beheerder administers only the municipalities their own
organisation serves. The demo's shape: Winterswijk and another municipality, both served
by one shared uitvoerder; the beheerder of Gemeente Winterswijk may not create or change
an account of that uitvoerder (it would reach the other municipality's files), nor read
the other municipality's local rules, grants or audit log."""

import pytest
from django.urls import reverse

from regie.core import audit
from regie.core.models import AccountProposal, AuditAction, AuditEvent, LocalRule, User
from regie.core.roles import OrganisationType, Role
from regie.people.models import AccessGrant
from tests.factories import InburgeraarFactory, OrganisationFactory, TeamFactory, UserFactory

REFUSAL = "Gedeeld Uitvoerder werkt ook voor Elders"


@pytest.fixture
def region(world):
    """World plus a shared uitvoerder (Winterswijk and Elders), Elders' own gemeente with
    its beheerder, and a regional beheerder at the shared uitvoerder."""
    shared = OrganisationFactory(
        name="Gedeeld Uitvoerder",
        type=OrganisationType.UITVOERDER,
        serves=[world.municipality, world.other_municipality],
    )
    shared_team = TeamFactory(organisation=shared, name="Team Elders")
    elders = OrganisationFactory(
        name="Gemeente Elders", type=OrganisationType.GEMEENTE, serves=[world.other_municipality]
    )
    return {
        "shared": shared,
        "shared_team": shared_team,
        "elders": elders,
        "shared_km": UserFactory(
            username="km.gedeeld",
            organisation=shared,
            team=shared_team,
            roles=[Role.KLANTMANAGER],
        ),
        "elders_beheerder": UserFactory(
            username="beheerder.elders", organisation=elders, roles=[Role.BEHEERDER]
        ),
        "regional_beheerder": UserFactory(
            username="beheerder.regio", organisation=shared, roles=[Role.BEHEERDER]
        ),
    }


def _new_user(organisation, team=None, roles=("klantmanager",), username="nieuw"):
    return {
        "username": username,
        "first_name": "Nieuwe",
        "last_name": "Collega",
        "email": "",
        "organisation": organisation.pk,
        "team": team.pk if team else "",
        "is_active": "on",
        "roles": list(roles),
        "password": "Een-lang-wachtwoord-42",
    }


# (who, organisation the new account is in, role) -> outcome.  Written out so that a
# change to the rule shows up as a diff a reviewer reads. "proposed": the account exists,
# inactive and without roles, until a beheerder of the other municipality approves.
CREATE_MATRIX = [
    ("beheerder", "own", "klantmanager", "created"),
    ("beheerder", "own", "beheerder", "created"),
    ("beheerder", "shared", "klantmanager", "proposed"),
    ("beheerder", "shared", "beheerder", "proposed"),
    ("beheerder", "elders", "klantmanager", "refused"),
    ("elders_beheerder", "elders", "klantmanager", "created"),
    ("elders_beheerder", "shared", "klantmanager", "proposed"),
    ("elders_beheerder", "own", "klantmanager", "refused"),
    ("regional_beheerder", "shared", "klantmanager", "created"),
    ("regional_beheerder", "own", "klantmanager", "created"),
]


@pytest.mark.parametrize(("who", "where", "role", "outcome"), CREATE_MATRIX)
def test_create_user_matrix(world, region, client_for, who, where, role, outcome):
    editor = world.users[Role.BEHEERDER] if who == "beheerder" else region[who]
    organisation, team = {
        "own": (world.uitvoerder, None),
        "shared": (region["shared"], region["shared_team"]),
        "elders": (region["elders"], None),
    }[where]
    client = client_for(editor)
    response = client.post(
        reverse("user_create"), _new_user(organisation, team, [role]), follow=True
    )
    account = User.objects.filter(username="nieuw").first()
    if outcome == "created":
        assert account.is_active
        assert account.roles == frozenset({Role(role)})
        assert not AccountProposal.objects.exists()
    elif outcome == "proposed":
        other = "Winterswijk" if who == "elders_beheerder" else "Elders"
        assert (
            f"Uw voorstel is opgeslagen. Het geldt pas als een beheerder van {other} het heeft "
            "goedgekeurd." in response.content.decode()
        )
        assert not account.is_active
        assert account.roles == frozenset()
        assert not account.has_usable_password()
        proposal = AccountProposal.objects.get(user=account)
        assert proposal.status == "voorgesteld"
        assert [m.name for m in proposal.municipalities.all()] == [other]
    else:
        assert account is None
        assert "Selecteer een geldige keuze" in response.content.decode()


def test_existing_account_of_shared_uitvoerder_changes_only_by_proposal(world, region, client_for):
    """No new role, no password reset (account takeover), no deactivation without the
    other municipality's beheerder."""
    km = region["shared_km"]
    client = client_for(world.users[Role.BEHEERDER])
    page = client.get(reverse("user_edit", args=[km.pk]))
    assert page.status_code == 200
    assert f"{REFUSAL}: uw wijziging wordt een voorstel." in page.content.decode()
    data = _new_user(region["shared"], region["shared_team"], ["klantmanager", "beheerder"])
    data["username"] = km.username
    response = client.post(reverse("user_edit", args=[km.pk]), data)
    assert response.status_code == 302
    km = User.objects.get(pk=km.pk)
    assert km.roles == frozenset({Role.KLANTMANAGER})
    assert not km.check_password("Een-lang-wachtwoord-42")
    proposal = AccountProposal.objects.get(user=km)
    assert "nieuw wachtwoord" in proposal.summary
    # A second change while one waits is refused, also when it moves the account to the
    # beheerder's own organisation (no laundering).
    data["organisation"], data["team"] = world.uitvoerder.pk, ""
    response = client.post(reverse("user_edit", args=[km.pk]), data)
    assert "Voor dit account wacht al een voorstel op goedkeuring." in response.content.decode()
    km.refresh_from_db()
    assert km.organisation_id == region["shared"].pk
    # The Elders beheerder approves: now it holds, password included.
    elders = client_for(region["elders_beheerder"])
    elders.post(
        reverse("proposal_decide", args=[proposal.pk]),
        {f"p{proposal.pk}-decision": "approve", f"p{proposal.pk}-reason": ""},
    )
    km = User.objects.get(pk=km.pk)
    assert km.roles == frozenset({Role.KLANTMANAGER, Role.BEHEERDER})
    assert km.check_password("Een-lang-wachtwoord-42")


def test_regional_beheerder_changes_shared_account(world, region, client_for):
    km = region["shared_km"]
    client = client_for(region["regional_beheerder"])
    assert REFUSAL not in client.get(reverse("user_edit", args=[km.pk])).content.decode()
    data = _new_user(region["shared"], region["shared_team"], ["klantmanager", "financieel"])
    data["username"] = km.username
    assert client.post(reverse("user_edit", args=[km.pk]), data).status_code == 302
    assert User.objects.get(pk=km.pk).roles == frozenset({Role.KLANTMANAGER, Role.FINANCIEEL})


@pytest.mark.parametrize(("where", "status"), [("own", 200), ("other", 404)])
def test_local_rules_matrix(world, region, client_for, where, status):
    muni = world.municipality if where == "own" else world.other_municipality
    client = client_for(world.users[Role.BEHEERDER])
    url = reverse("municipality_rules", args=[muni.pk])
    page = client.get(url)
    assert page.status_code == status
    own_form = client.get(reverse("municipality_rules", args=[world.municipality.pk])).context[
        "form"
    ]
    data = {n: f.initial for n, f in own_form.fields.items() if f.initial is not None}
    data["figure_onderwijsroute_max_leeftijd"] = "27"
    response = client.post(url, data)
    assert response.status_code == (302 if where == "own" else 404)
    assert LocalRule.objects.filter(municipality=muni).exists() is (where == "own")


@pytest.mark.parametrize("where", ["own", "other"])
def test_access_grant_matrix(world, region, client_for, travel, where):
    travel("2026-10-10")
    person = world.person if where == "own" else world.stranger
    client = client_for(world.users[Role.BEHEERDER])
    response = client.post(
        reverse("grant_list"),
        {
            "user": region["shared_km"].pk,
            "bsn": person.bsn,
            "reason": "bezwaar",
            "valid_until": "2026-10-31",
        },
    )
    granted = AccessGrant.objects.filter(inburgeraar=person).exists()
    assert granted is (where == "own")
    if where == "other":
        assert "Geen inburgeraar met dit BSN in uw gemeenten." in response.content.decode()


def test_grant_list_hides_the_other_municipalitys_grants(world, region, client_for, travel):
    travel("2026-10-10")
    import datetime as dt

    other_person = InburgeraarFactory(municipality=world.other_municipality, last_name="Eldersman")
    AccessGrant.objects.create(
        user=region["shared_km"],
        inburgeraar=other_person,
        reason="werk in Elders",
        valid_until=dt.date(2026, 12, 31),
    )
    AccessGrant.objects.create(
        user=region["shared_km"],
        inburgeraar=world.person,
        reason="werk in Winterswijk",
        valid_until=dt.date(2026, 12, 31),
    )
    text = client_for(world.users[Role.BEHEERDER]).get(reverse("grant_list")).content.decode()
    assert "werk in Winterswijk" in text
    assert "Eldersman" not in text
    assert "werk in Elders" not in text


# --- M1: the audit log -------------------------------------------------------------------


def _events(world, region):
    audit.log(AuditAction.READ, inburgeraar_id=world.person.pk, description="Winterswijks dossier")
    audit.log(AuditAction.READ, inburgeraar_id=world.stranger.pk, description="Elders dossier")
    beheerder_elders = region["elders_beheerder"]
    AuditEvent.objects.create(
        user_id_copy=beheerder_elders.pk,
        username=beheerder_elders.username,
        action=AuditAction.LOGIN,
        description="aanmelding Elders",
        avg_relevant=False,
    )
    km = world.users[Role.KLANTMANAGER]
    AuditEvent.objects.create(
        user_id_copy=km.pk,
        username=km.username,
        action=AuditAction.LOGIN,
        description="aanmelding Winterswijk",
        avg_relevant=False,
    )


def test_audit_log_page_is_scoped(world, region, client_for):
    _events(world, region)
    client = client_for(world.users[Role.BEHEERDER])
    text = client.get(reverse("audit_log")).content.decode()
    assert "Winterswijks dossier" in text
    assert "aanmelding Winterswijk" in text
    assert "Elders dossier" not in text
    assert "aanmelding Elders" not in text
    elders = client_for(region["elders_beheerder"])
    text = elders.get(reverse("audit_log")).content.decode()
    assert "Elders dossier" in text
    assert "Winterswijks dossier" not in text


def test_audit_export_of_another_municipalitys_person_is_empty(world, region, client_for):
    _events(world, region)
    client = client_for(world.users[Role.BEHEERDER])
    other = client.get(reverse("audit_export"), {"inburgeraar": world.stranger.pk})
    assert other.status_code == 200
    rows = other.content.decode("utf-8-sig").strip().splitlines()
    assert rows == [
        "tijdstip;gebruiker;rollen;organisatie;handeling;inburgeraar;soort;object;"
        "omschrijving;pagina;gebruiker-id"
    ]
    own = client.get(reverse("audit_export"), {"inburgeraar": world.person.pk})
    body = own.content.decode("utf-8-sig")
    assert "Winterswijks dossier" in body
    whole = client.get(reverse("audit_export")).content.decode("utf-8-sig")
    assert "Winterswijks dossier" in whole and "aanmelding Winterswijk" in whole
    assert "Elders dossier" not in whole and "aanmelding Elders" not in whole


def test_an_access_grant_lasts_at_most_the_local_maximum(world, client_for, travel):
    """Issue 17, M2a: no grant until 9999-12-31. The maximum is a local figure
    (toegang_max_dagen, 90 days unless the municipality sets its own)."""
    from regie.core.localrules import set_local_value

    travel("2026-10-10")
    client = client_for(world.users[Role.BEHEERDER])
    data = {
        "user": world.users[Role.REGISSEUR].pk,
        "bsn": world.person.bsn,
        "reason": "inzageverzoek",
    }
    response = client.post(reverse("grant_list"), {**data, "valid_until": "9999-12-31"})
    assert "hoogstens 90 dagen (lokaal beleid), dus uiterlijk tot en met 8 januari 2027" in (
        response.content.decode()
    )
    response = client.post(reverse("grant_list"), {**data, "valid_until": "2026-10-09"})
    assert "Deze datum ligt in het verleden." in response.content.decode()
    assert not AccessGrant.objects.exists()
    set_local_value(world.municipality, "toegang_max_dagen", 30, "beheerder")
    response = client.post(reverse("grant_list"), {**data, "valid_until": "2026-11-10"})
    assert "hoogstens 30 dagen" in response.content.decode()
    client.post(reverse("grant_list"), {**data, "valid_until": "2026-11-09"})
    assert AccessGrant.objects.get().valid_until.isoformat() == "2026-11-09"
