"""The login page's buttons, local passwords switched off, logout at the provider, a
broken callback, and the beheer pages of the providers with their role mapping."""

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from regie.core.models import AuditAction, AuditEvent
from regie.core.roles import Role
from regie.identity import session as keys
from regie.identity.models import IdentityProvider
from tests.conftest import PASSWORD
from tests.factories import OrganisationFactory, UserFactory
from tests.identity.conftest import CLIENT_ID, CLIENT_SECRET
from tests.identity.matrix import make_identity_provider

pytestmark = pytest.mark.django_db


def test_login_page_offers_the_organisations_providers(client, world):
    make_identity_provider(world.uitvoerder)
    make_identity_provider(world.gemeente, slug="gw").__class__.objects.filter(slug="gw").update(
        enabled=False
    )
    page = client.get(reverse("login")).content.decode()
    assert "Inloggen via Fijnder" in page
    assert reverse("oidc_start", args=["fijnder"]) in page
    assert "Inloggen via Gemeente Winterswijk" not in page  # not in use


def test_start_sends_the_browser_to_the_provider_with_pkce_and_nonce(client, world):
    make_identity_provider(world.uitvoerder)
    response = client.get(reverse("oidc_start", args=["fijnder"]), {"next": "/inburgeraars/"})
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith("https://login.fijnder.example/authorize?")
    for part in ("code_challenge_method=S256", "nonce=", "client_id=regie", "scope=openid"):
        assert part in location
    assert client.session["oidc_login_next"] == "/inburgeraars/"
    assert client.get(reverse("oidc_start", args=["onbekend"])).status_code == 404


def test_a_callback_without_a_login_in_progress_says_so_in_dutch(client, world):
    make_identity_provider(world.uitvoerder)
    response = client.get(
        reverse("oidc_authentication_callback"), {"state": "x", "code": "y"}, follow=True
    )
    assert "Inloggen via uw organisatie is niet gelukt. Probeer het opnieuw." in (
        response.content.decode()
    )


def test_local_passwords_can_be_switched_off_per_organisation(client, world):
    provider = make_identity_provider(world.uitvoerder)
    provider.local_passwords_disabled = True
    provider.save()
    response = client.post(reverse("login"), {"username": "klantmanager", "password": PASSWORD})
    assert response.status_code == 200
    assert (
        "Medewerkers van Fijnder loggen in via hun eigen organisatie: gebruik de knop "
        "&#x27;Inloggen via …&#x27;." in response.content.decode()
    )
    # Another organisation keeps its passwords.
    response = client.post(reverse("login"), {"username": "begeleider", "password": PASSWORD})
    assert response.status_code == 302


def test_logout_ends_the_session_at_the_provider_too(client, world):
    provider = make_identity_provider(world.uitvoerder)
    provider.end_session_endpoint = "https://login.fijnder.example/logout"
    provider.save()
    client.force_login(world.users[Role.KLANTMANAGER])
    session = client.session
    session[keys.PROVIDER] = provider.pk
    session[keys.ID_TOKEN] = "het.id.token"
    session.save()
    response = client.post(reverse("logout"))
    assert response.status_code == 200
    target = response["Refresh"].removeprefix("0;url=")
    assert target.startswith("https://login.fijnder.example/logout?client_id=regie&")
    assert "id_token_hint=het.id.token" in target
    assert "post_logout_redirect_uri=http%3A%2F%2Ftestserver%2Finloggen%2F" in target
    assert "U bent uitgelogd bij Regie" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # A password login: only Regie's session ends.
    client.force_login(world.users[Role.KLANTMANAGER])
    assert client.post(reverse("logout"))["Location"] == reverse("login")


def test_provider_list_shows_mapping_in_constant_queries(
    client_for, world, django_assert_max_num_queries
):
    client = client_for(world.users[Role.BEHEERDER])
    make_identity_provider(world.uitvoerder)
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("identity_provider_list"))
    make_identity_provider(world.sociaal_team, slug="sociaal")
    make_identity_provider(world.aanbieder, slug="toptaal")
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(reverse("identity_provider_list")).content.decode()
    assert "Inloggen via Toptaal" in page
    assert "km → Klantmanager" in page


def test_beheerder_sets_up_a_provider_from_its_discovery_document(client_for, world, oidc_server):
    client = client_for(world.users[Role.BEHEERDER])
    form = {
        "organisation": world.uitvoerder.pk,
        "slug": "fijnder",
        "enabled": "on",
        "issuer": oidc_server.issuer,
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "discover": "on",
        "sign_algorithm": "RS256",
        "scopes": "openid email profile roles",
        "username_claim": "preferred_username",
        "roles_claim": "roles",
        "mapping": "regie-km = klantmanager\nregie-beheer = Functioneel beheerder\n",
        "mfa_amr_values": "mfa otp",
    }
    response = client.post(reverse("identity_provider_create"), form)
    assert response.status_code == 302, response.content.decode()[:3000]
    provider = IdentityProvider.objects.get(slug="fijnder")
    assert provider.token_endpoint == f"{oidc_server.issuer}/token"
    assert provider.end_session_endpoint == f"{oidc_server.issuer}/session/end"
    assert sorted(provider.role_mappings.values_list("claim_value", "role")) == [
        ("regie-beheer", "beheerder"),
        ("regie-km", "klantmanager"),
    ]
    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="identityprovider")
    assert "rollen: regie-beheer=beheerder; regie-km=klantmanager" in event.description
    assert CLIENT_SECRET not in event.description

    # A wrong line and an unreachable issuer: Dutch errors, nothing saved.
    form.update(
        mapping="regie-km : klantmanager",
        issuer="http://127.0.0.1:9/",
        slug="ander",
    )
    response = client.post(reverse("identity_provider_create"), form)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Regel 1 is niet te lezen" in page
    assert "De configuratie van deze issuer kon niet worden opgehaald" in page
    assert not IdentityProvider.objects.filter(slug="ander").exists()

    # Editing: the secret is kept when left empty, the change is logged.
    form.update(slug="fijnder", issuer=oidc_server.issuer, client_secret="", mapping="x = jurist")
    response = client.post(reverse("identity_provider_edit", args=[provider.pk]), form)
    assert response.status_code == 302
    provider.refresh_from_db()
    assert provider.client_secret == CLIENT_SECRET
    assert AuditEvent.objects.filter(
        action=AuditAction.UPDATE, description__contains="rollen: x=jurist"
    ).exists()


def test_an_organisation_of_two_municipalities_needs_both_beheerders(client_for, world):
    world.uitvoerder.serves.add(world.other_municipality)
    elders = OrganisationFactory(name="Gemeente Elders", serves=[world.other_municipality])
    beheerder_elders = UserFactory(
        username="beheer-elders", organisation=elders, roles=["beheerder"]
    )
    client = client_for(world.users[Role.BEHEERDER])
    form = {
        "organisation": world.uitvoerder.pk,
        "slug": "fijnder",
        "enabled": "on",
        "issuer": "https://login.fijnder.example",
        "client_id": "regie",
        "client_secret": "geheim",
        "authorization_endpoint": "https://login.fijnder.example/authorize",
        "token_endpoint": "https://login.fijnder.example/token",
        "jwks_uri": "https://login.fijnder.example/jwks",
        "sign_algorithm": "RS256",
        "scopes": "openid",
        "username_claim": "sub",
        "roles_claim": "groups",
        "mapping": "km = klantmanager",
    }
    assert client.post(reverse("identity_provider_create"), form).status_code == 302
    provider = IdentityProvider.objects.get(slug="fijnder")
    page = client.get(reverse("identity_provider_edit", args=[provider.pk])).content.decode()
    assert (
        "Fijnder werkt ook voor Elders: deze inlogdienst is pas in gebruik als een beheerder "
        "van Elders hem heeft goedgekeurd." in page
    )
    assert "Goedkeuren" not in page  # not for the beheerder who already approved
    assert (
        "wacht op goedkeuring van Elders"
        in client.get(reverse("identity_provider_list")).content.decode()
    )
    assert "Inloggen via Fijnder" not in Client().get(reverse("login")).content.decode()
    assert Client().get(reverse("oidc_start", args=["fijnder"])).status_code == 404

    other = Client()
    other.force_login(beheerder_elders)
    session = other.session
    device = TOTPDevice.objects.create(user=beheerder_elders, name="t", confirmed=True)
    session["otp_device_id"] = device.persistent_id
    session.save()
    response = other.post(reverse("identity_provider_approve", args=[provider.pk]), follow=True)
    assert "U heeft de inlogdienst Fijnder goedgekeurd." in response.content.decode()
    assert AuditEvent.objects.filter(
        action=AuditAction.GRANT, description="inlogdienst fijnder goedgekeurd voor Elders"
    ).exists()
    assert "Inloggen via Fijnder" in Client().get(reverse("login")).content.decode()

    # A new change by one beheerder needs the other's approval again.
    form.update(client_secret="", mapping="km = klantmanager\nbeheer = beheerder")
    client.post(reverse("identity_provider_edit", args=[provider.pk]), form)
    assert [m.name for m in provider.awaiting()] == ["Elders"]
    assert "Inloggen via Fijnder" not in Client().get(reverse("login")).content.decode()
