"""In the browser: the klantmanager starts the matching from the register, the job's bar
runs to the end in a real worker, the proposal shows its reasons, and confirming makes a
placement with status voorgesteld. axe-core (WCAG 2.1 A/AA) on the proposal page; shots
at 1366 and 390 px wide for a person to look at (REGIE_SHOTS=folder)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from regie.work.models import Plaatsing, PlaatsingStatus
from tests.browser.fixtures import axe_violations
from tests.browser.test_foundation_flow import login
from tests.jobs.conftest import broker, worker  # noqa: F401 - fixtures
from tests.work.test_matching import setting  # noqa: F401 - fixture

pytestmark = pytest.mark.browser


def shot(page, name):
    folder = os.environ.get("REGIE_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{folder}/{name}.png", full_page=True)


@pytest.mark.parametrize("broker", ["filesystem"], indirect=True)
def test_start_proposals_confirm(world, setting, worker, page):  # noqa: F811
    kok, beginner, busy, plek = setting
    page.set_viewport_size({"width": 1366, "height": 768})
    login(page, "klantmanager")
    page.get_by_role("heading", name="Werkvoorraad").wait_for()
    page.goto("/werk/werkgevers/")
    page.get_by_role("link", name="Plekken voorstellen").click()
    page.get_by_role("heading", name="Plekken voorstellen").wait_for()
    assert page.get_by_label("Gemeente").input_value() == str(world.municipality.pk)
    page.get_by_role("button", name="Voorstel maken").click()
    page.wait_for_url("**/taken/*/")
    page.get_by_text("Klaar.", exact=True).wait_for(timeout=60000)
    assert "Voorstel gemaakt: 1 van 2 personen kunnen een plek krijgen." in page.content()
    page.get_by_role("link", name="Bekijk het voorstel").click()
    page.get_by_role("heading", name="Plaatsingsvoorstel Winterswijk").wait_for()
    card = page.get_by_role("article", name=f"{kok.full_name} → Hulp in de keuken")
    text = card.inner_text()
    for reason in (
        "Taalniveau A2, plek vraagt A1",
        "0 min fietsen",
        "Past naast de lessen op di",
        "Ervaring: Werkte als kok in Eritrea",
    ):
        assert reason in text
    assert "geen passende plek: taalniveau te laag bij 2 plekken" in page.content()
    assert axe_violations(page) == []
    shot(page, "matching-1366")
    page.set_viewport_size({"width": 390, "height": 844})
    shot(page, "matching-390")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390 + 1
    page.set_viewport_size({"width": 1366, "height": 768})
    page.get_by_role("button", name=f"Bevestigen {kok.full_name}").click()
    page.get_by_text(f"Plaatsing voorgesteld: {kok.full_name} op Hulp in de keuken").wait_for()
    plaatsing = Plaatsing.objects.get(inburgeraar=kok)
    assert (plaatsing.status, plaatsing.plek) == (PlaatsingStatus.VOORGESTELD, plek)
    assert "Bevestigd" in card.inner_text()
