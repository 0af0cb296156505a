"""Issue 17, H1 in the browser: the Winterswijk beheerder tries to make a klantmanager at
an uitvoerder that also works for another municipality, reads why not, and the page
passes axe at desktop and phone width."""

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from regie.core.models import User
from regie.core.roles import OrganisationType, Role
from tests.browser.fixtures import axe_violations
from tests.conftest import PASSWORD
from tests.factories import OrganisationFactory, TeamFactory

pytestmark = pytest.mark.browser


def test_beheerder_reads_why_a_shared_uitvoerder_account_is_refused(world, page):
    shared = OrganisationFactory(
        name="Gedeeld Uitvoerder",
        type=OrganisationType.UITVOERDER,
        serves=[world.municipality, world.other_municipality],
    )
    TeamFactory(organisation=shared, name="Team Elders")
    device = TOTPDevice.objects.create(user=world.users[Role.BEHEERDER], name="app", confirmed=True)
    page.goto("/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("beheerder")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_label("Code uit uw authenticator-app").fill(f"{TOTP(device.bin_key).token():06d}")
    page.get_by_role("button").last.click()
    page.goto("/beheer/gebruikers/nieuw/")
    page.get_by_label("Gebruikersnaam").fill("nieuw")
    page.get_by_label("Organisatie").select_option(label="Gedeeld Uitvoerder")
    page.get_by_label("Klantmanager").check()
    page.get_by_label("Nieuw wachtwoord").fill("Een-lang-wachtwoord-42")
    page.get_by_role("button", name="Opslaan").click()
    message = (
        "Gedeeld Uitvoerder werkt ook voor Elders: een beheerder die ook voor Elders werkt "
        "moet dit account aanmaken of wijzigen."
    )
    page.get_by_text(message).wait_for()
    assert not User.objects.filter(username="nieuw").exists()
    assert axe_violations(page) == []
    page.set_viewport_size({"width": 1366, "height": 768})
    page.screenshot(path="/tmp/security-refusal-desktop.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path="/tmp/security-refusal-phone.png", full_page=True)
