"""In the browser: the beheerder uploads a municipality file with a bad record; the worker
checks it, the job page ends in "Mislukt" with the list of every problem and nothing was
imported; then the export of their own municipality downloads. Both pages pass axe-core.
Screenshots at 1366x768 and 390 px wide when REGIE_SCREENSHOTS names a folder."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from regie.core.portability import export_municipality
from regie.core.roles import Role
from regie.people.models import Inburgeraar
from tests.browser.fixtures import axe_violations
from tests.conftest import PASSWORD
from tests.factories import MunicipalityFactory

pytestmark = pytest.mark.browser

SHOTS = os.environ.get("REGIE_SCREENSHOTS", "")


def shoot(page, name):
    if not SHOTS:
        return
    for width, height in ((1366, 768), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=str(Path(SHOTS) / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1366, "height": 768})


def login_beheerder(page, world):
    device = TOTPDevice.objects.create(user=world.users[Role.BEHEERDER], name="app", confirmed=True)
    page.goto("/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("beheerder")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_label("Code uit uw authenticator-app").fill(f"{TOTP(device.bin_key).token():06d}")
    page.get_by_role("button").last.click()
    page.get_by_role("heading", name="Werkvoorraad").wait_for()


@pytest.mark.parametrize("broker", ["filesystem"], indirect=True)
def test_a_refused_import_and_an_export_in_the_browser(world, worker, page, tmp_path):
    target = MunicipalityFactory(name="Nieuwdorp", cbs_code="GM0010")
    world.gemeente.serves.add(target)
    data = export_municipality(world.municipality)
    person = next(r for r in data["records"] if r["model"] == "people.inburgeraar")
    person["fields"]["status"] = "verzonnen"
    bad = tmp_path / "winterswijk.json"
    bad.write_text(json.dumps(data))

    login_beheerder(page, world)
    page.get_by_role("link", name="Gemeente overdragen").click()
    page.get_by_role("heading", name="Gemeente overdragen", level=1).wait_for()
    assert axe_violations(page) == []
    shoot(page, "gemeente-overdragen")

    page.get_by_label("Importeren in gemeente").select_option(label="Nieuwdorp")
    page.get_by_label("Exportbestand (JSON)").set_input_files(str(bad))
    page.get_by_label("Ik weet dat alle personen").check()
    page.get_by_role("button", name="Controleren en importeren").click()
    page.wait_for_url("**/taken/*/")
    page.get_by_text("Mislukt.", exact=True).wait_for()
    assert page.get_by_role("status").inner_text() == (
        "Mislukt: Gemeente-import in GM0010 (winterswijk.json)."
    )
    problems = page.get_by_role("list", name="Gevonden problemen")
    verwijzing = next(r for r in data["records"] if r["model"] == "people.verwijzing")
    assert problems.inner_text().splitlines() == [
        f"people.inburgeraar {person['id']}: veld status: onbekende waarde",
        # The person's referral could not be read either, and says why.
        f"people.verwijzing {verwijzing['id']}: verwijst naar people.inburgeraar "
        f"{person['id']}, dat niet kon worden ingelezen",
    ]
    assert axe_violations(page) == []
    shoot(page, "gemeente-import-afgewezen")
    assert not Inburgeraar.objects.filter(municipality=target).exists()

    page.goto("/beheer/gemeenten/overdracht/")
    page.get_by_role("button", name="Winterswijk (GM0294) exporteren").click()
    page.get_by_text("Klaar.", exact=True).wait_for()
    shoot(page, "gemeente-export-klaar")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download gemeente-export-GM0294-").click()
    saved = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert saved["municipality"]["cbs_code"] == "GM0294"
