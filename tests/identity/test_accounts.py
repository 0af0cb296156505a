"""Accounts from a provider's (verified) claims: created, linked, updated, refused and
blocked, each change in the audit log."""

import pytest

from regie.core.models import AuditAction, AuditEvent, User
from regie.core.roles import Role
from regie.identity.accounts import sign_in
from regie.identity.models import ExternalIdentity
from tests.identity.matrix import make_identity_provider

pytestmark = pytest.mark.django_db


@pytest.fixture
def provider(world):
    provider = make_identity_provider(world.uitvoerder)
    provider.role_mappings.create(claim_value="fijnder-financieel", role=Role.FINANCIEEL)
    return provider


def claims(**extra):
    return {
        "sub": "abc-123",
        "email": "n.bakker@fijnder.example",
        "given_name": "Noor",
        "family_name": "Bakker",
        "preferred_username": "n.bakker",
        "roles": ["km"],
        **extra,
    }


def test_first_login_creates_the_account_in_the_providers_organisation(provider, world):
    outcome = sign_in(provider, claims())
    user = outcome.user
    assert (user.username, user.get_full_name(), user.organisation) == (
        "n.bakker",
        "Noor Bakker",
        world.uitvoerder,
    )
    assert user.roles == {Role.KLANTMANAGER}
    assert not user.has_usable_password()
    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_id=str(user.pk))
    assert "rollen klantmanager" in event.description


def test_next_login_follows_the_roles_the_provider_sends(provider):
    user = sign_in(provider, claims()).user
    again = sign_in(provider, claims(roles=["fijnder-financieel"], family_name="Bakker-Smit"))
    assert again.user.pk == user.pk
    user.refresh_from_db()
    assert user.roles == {Role.FINANCIEEL}
    assert user.last_name == "Bakker-Smit"
    assert AuditEvent.objects.filter(
        object_id=str(user.pk), description__contains="erbij: financieel; eraf: klantmanager"
    ).exists()


def test_an_existing_local_account_is_linked_by_email_not_doubled(provider, world):
    local = world.users[Role.KLANTMANAGER]
    local.email = "N.Bakker@fijnder.example"
    local.save()
    assert sign_in(provider, claims()).user.pk == local.pk
    assert ExternalIdentity.objects.get(subject="abc-123").user == local
    event = AuditEvent.objects.filter(object_id=str(local.pk)).latest("pk")
    assert (event.username, event.organisation) == ("inlogdienst fijnder", "Fijnder")


def test_an_unverified_email_address_links_no_account(provider, world):
    local = world.users[Role.KLANTMANAGER]
    local.email = "n.bakker@fijnder.example"
    local.save()
    user = sign_in(provider, claims(email_verified=False)).user
    assert user.pk != local.pk


def test_without_a_role_no_account_and_a_known_one_is_blocked_until_a_role_returns(provider):
    refused = sign_in(provider, claims(roles=["kantine"]))
    assert refused.user is None
    assert "geen rol in Regie" in refused.refusal
    assert not User.objects.filter(email="n.bakker@fijnder.example").exists()

    user = sign_in(provider, claims()).user
    assert sign_in(provider, claims(roles=[])).user is None
    user.refresh_from_db()
    assert not user.is_active
    assert sign_in(provider, claims()).user.is_active  # the role is back


def test_a_block_by_the_beheerder_stays(provider):
    user = sign_in(provider, claims()).user
    User.objects.filter(pk=user.pk).update(is_active=False)
    outcome = sign_in(provider, claims())
    assert outcome.user is None
    assert outcome.refusal == "Uw account in Regie is geblokkeerd door de beheerder."


def test_kvk_number_from_an_eherkenning_broker_must_be_the_organisations(provider):
    provider.kvk_claim = "urn:etoegang:1.9:EntityConcernedID:KvKnr"
    provider.kvk_number = "12345678"
    provider.save()
    wrong = sign_in(provider, claims(**{provider.kvk_claim: "99999999"}))
    assert wrong.refusal == "U bent niet ingelogd namens Fijnder (het KvK-nummer klopt niet)."
    assert sign_in(provider, claims(**{provider.kvk_claim: "12345678"})).user is not None


def test_the_client_secret_is_stored_encrypted(provider):
    assert provider.client_secret == "geheim-van-de-test"
    assert "geheim" not in provider.client_secret_encrypted
