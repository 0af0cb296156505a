"""Issue 17, H1 in the browser: the Winterswijk beheerder makes a klantmanager at an
uitvoerder that also works for another municipality, reads that it is a proposal waiting
for that municipality's beheerder, and the proposals page passes axe at desktop and phone
width."""

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from regie.core.models import User
from regie.core.roles import OrganisationType, Role
from tests.browser.fixtures import axe_violations
from tests.conftest import PASSWORD
from tests.factories import OrganisationFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.browser


def test_beheerder_reads_that_a_shared_uitvoerder_account_is_a_proposal(world, page):
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
        "Uw voorstel is opgeslagen. Het geldt pas als een beheerder van Elders het heeft "
        "goedgekeurd."
    )
    page.get_by_text(message).wait_for()
    page.get_by_text(
        "U kunt niet beslissen over een voorstel dat u zelf deed", exact=False
    ).wait_for()
    account = User.objects.get(username="nieuw")
    assert not account.is_active and account.roles == frozenset()
    assert axe_violations(page) == []
    page.set_viewport_size({"width": 1366, "height": 768})
    page.screenshot(path="/tmp/security-refusal-desktop.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path="/tmp/security-refusal-phone.png", full_page=True)
    # The beheerder of Elders approves it on the same page; the account then holds.
    elders = UserFactory(
        username="beheerder.elders",
        organisation=OrganisationFactory(
            name="Gemeente Elders",
            type=OrganisationType.GEMEENTE,
            serves=[world.other_municipality],
        ),
        roles=[Role.BEHEERDER],
    )
    elders.set_password(PASSWORD)
    elders.save()
    device = TOTPDevice.objects.create(user=elders, name="app", confirmed=True)
    page.set_viewport_size({"width": 1366, "height": 768})
    page.get_by_role("button", name="Uitloggen").click()
    page.goto("/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("beheerder.elders")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_label("Code uit uw authenticator-app").fill(f"{TOTP(device.bin_key).token():06d}")
    page.get_by_role("button").last.click()
    page.goto("/beheer/voorstellen/")
    page.get_by_text("nieuw account nieuw").wait_for()
    assert axe_violations(page) == []
    page.get_by_label("Goedkeuren").check()
    page.get_by_role("button", name="Besluit vastleggen").click()
    page.get_by_text("Het voorstel is goedgekeurd; de wijziging geldt nu.").wait_for()
    account = User.objects.get(username="nieuw")
    assert account.is_active and account.roles == frozenset({Role.KLANTMANAGER})
