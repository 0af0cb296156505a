"""Employees log in through their organisation's own OpenID provider (a real
oidc-provider run by node, tests/oidc/), in Chromium: roles from the claim, a refusal
without a role, blocking when the role is gone, two-factor from the provider, and logout
at Regie and at the provider."""

import pytest

from regie.core.models import AuditAction, AuditEvent, User
from regie.core.roles import Role
from regie.identity.models import ExternalIdentity
from tests.browser.fixtures import axe_violations
from tests.identity.conftest import make_provider

pytestmark = pytest.mark.browser

NEW_EMPLOYEE = {
    "password": "idp-wachtwoord",
    "claims": {
        "email": "s.jansen@fijnder.example",
        "given_name": "Sanne",
        "family_name": "Jansen",
        "preferred_username": "s.jansen",
        "roles": ["regie-klantmanagers", "fijnder-alle-medewerkers"],
    },
}


def login_at_provider(page, login, password="idp-wachtwoord", mfa=False):  # noqa: S107
    page.get_by_role("heading", name="Test-IdP: inloggen").wait_for()
    page.get_by_label("Gebruikersnaam").fill(login)
    page.get_by_label("Wachtwoord").fill(password)
    if mfa:
        page.get_by_label("Met tweede factor").check()
    page.get_by_role("button", name="Inloggen bij de test-IdP").click()


def test_new_employee_logs_in_with_roles_from_the_provider_and_logs_out_there(
    world, page, oidc_server
):
    make_provider(oidc_server, world.uitvoerder, {"regie-klantmanagers": Role.KLANTMANAGER})
    oidc_server.set_accounts({"sanne": NEW_EMPLOYEE})
    assert not User.objects.filter(email="s.jansen@fijnder.example").exists()

    page.goto("/inloggen/")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Inloggen via Fijnder").click()
    login_at_provider(page, "sanne")

    page.get_by_role("heading", name="Werkvoorraad").wait_for()
    assert "Sanne Jansen" in page.content()
    user = User.objects.get(email="s.jansen@fijnder.example")
    assert (user.username, user.organisation, user.roles) == (
        "s.jansen",
        world.uitvoerder,
        frozenset({Role.KLANTMANAGER}),
    )
    assert not user.has_usable_password()  # no Regie password at all
    assert ExternalIdentity.objects.get(user=user).subject == "sanne"
    assert AuditEvent.objects.filter(
        action=AuditAction.CREATE, object_type="user", object_id=str(user.pk)
    ).exists()
    # The caseload is the klantmanager's own: the menu shows the klantmanager's pages.
    page.get_by_role("link", name="Inburgeraars").click()
    page.get_by_role("heading", name="Inburgeraars").wait_for()

    page.get_by_role("button", name="Uitloggen").click()
    # The provider asks to confirm the end of its session, then sends the browser back.
    page.get_by_role("button", name="Yes, sign me out").click()
    page.get_by_role("heading", name="Inloggen bij Regie").wait_for()
    assert page.url.endswith("/inloggen/")
    # The provider's session has ended too: it asks for the password again.
    page.get_by_role("link", name="Inloggen via Fijnder").click()
    page.get_by_role("heading", name="Test-IdP: inloggen").wait_for()


def test_without_a_role_the_login_is_refused_and_a_known_account_blocked(world, page, oidc_server):
    make_provider(oidc_server, world.uitvoerder, {"regie-klantmanagers": Role.KLANTMANAGER})
    stranger = {
        "password": "idp-wachtwoord",
        "claims": {"email": "p.de.vries@fijnder.example", "roles": ["fijnder-kantine"]},
    }
    oidc_server.set_accounts({"sanne": NEW_EMPLOYEE, "piet": stranger})

    page.goto("/inloggen/")
    page.get_by_role("link", name="Inloggen via Fijnder").click()
    login_at_provider(page, "piet")
    page.get_by_role("heading", name="Inloggen bij Regie").wait_for()
    page.get_by_text(
        "U heeft via Fijnder geen rol in Regie. Vraag de functioneel beheerder van uw "
        "organisatie om u een rol te geven."
    ).wait_for()
    assert not User.objects.filter(email="p.de.vries@fijnder.example").exists()
    assert AuditEvent.objects.filter(
        action=AuditAction.LOGIN_FAILED, description__contains="geen rol"
    ).exists()

    # Sanne logs in, then leaves the team: the provider no longer sends her role.
    page.context.clear_cookies()
    page.goto("/inloggen/")
    page.get_by_role("link", name="Inloggen via Fijnder").click()
    login_at_provider(page, "sanne")
    page.get_by_role("heading", name="Werkvoorraad").wait_for()
    sanne = User.objects.get(username="s.jansen")
    oidc_server.set_accounts(
        {"sanne": {**NEW_EMPLOYEE, "claims": {**NEW_EMPLOYEE["claims"], "roles": []}}}
    )
    page.context.clear_cookies()
    page.goto("/inloggen/")
    page.get_by_role("link", name="Inloggen via Fijnder").click()
    login_at_provider(page, "sanne")
    page.get_by_text("U heeft via Fijnder geen rol in Regie.", exact=False).wait_for()
    sanne.refresh_from_db()
    assert not sanne.is_active
    assert sanne.role_assignments.count() == 0
    assert AuditEvent.objects.filter(
        object_id=str(sanne.pk), description__contains="geblokkeerd"
    ).exists()


def test_beheerder_two_factor_comes_from_the_provider_or_from_regie(world, page, oidc_server):
    make_provider(oidc_server, world.gemeente, {"gw-regie-beheer": Role.BEHEERDER}, slug="gw")
    beheerder = {
        "password": "idp-wachtwoord",
        "claims": {"email": "beheer@winterswijk.example", "roles": "gw-regie-beheer"},
    }
    oidc_server.set_accounts({"beheer": beheerder})

    page.goto("/inloggen/")
    page.get_by_role("link", name="Inloggen via Gemeente Winterswijk").click()
    login_at_provider(page, "beheer", mfa=True)
    page.get_by_role("heading", name="Werkvoorraad").wait_for()
    page.goto("/beheer/inlogdiensten/")
    page.get_by_role("heading", name="Inlogdiensten").wait_for()
    assert axe_violations(page) == []

    # Without a second factor at the provider, Regie asks for its own (TOTP).
    page.context.clear_cookies()
    page.goto("/inloggen/")
    page.get_by_role("link", name="Inloggen via Gemeente Winterswijk").click()
    login_at_provider(page, "beheer", mfa=False)
    page.get_by_role("heading", name="Tweestapsverificatie instellen").wait_for()
    page.goto("/beheer/inlogdiensten/")
    page.get_by_role("heading", name="Tweestapsverificatie instellen").wait_for()
