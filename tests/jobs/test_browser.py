"""In the browser: the regisseur starts an export, the bar moves to the end while the
page polls (htmx), the live region says it is done, the file downloads; the page passes
axe-core (WCAG 2.1 A/AA) while running and when done; Mijn taken finds it again."""

from __future__ import annotations

import pytest

from tests.browser.fixtures import axe_violations
from tests.browser.test_foundation_flow import login
from tests.factories import InburgeraarFactory

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("broker", ["filesystem"], indirect=True)
def test_an_export_followed_in_the_browser(world, worker, page):
    for _ in range(6):
        InburgeraarFactory(municipality=world.municipality)
    login(page, "regisseur")
    page.get_by_role("heading", name="Werkvoorraad").wait_for()
    page.goto("/monitoring/")
    page.get_by_role("button", name="Excel (xlsx)").click()
    page.wait_for_url("**/taken/*/")
    bar = page.get_by_role("progressbar", name="Monitoring-export Dashboard (xlsx)")
    assert bar.get_attribute("aria-valuemin") == "0"
    assert axe_violations(page) == []

    page.get_by_text("Klaar.", exact=True).wait_for()  # the poll brought the end
    assert bar.get_attribute("aria-valuenow") == "100"
    assert page.get_by_role("status").inner_text() == (
        "Klaar: Monitoring-export Dashboard (xlsx). Het resultaat staat klaar."
    )
    assert axe_violations(page) == []
    with page.expect_download() as download:
        page.get_by_role("link", name="Download monitoring-dashboard-").click()
    assert download.value.suggested_filename.endswith(".xlsx")

    page.get_by_role("link", name="Mijn taken").first.click()
    page.get_by_role("heading", name="Mijn taken").wait_for()
    row = page.get_by_role("row", name="Monitoring-export Dashboard (xlsx)")
    assert "Klaar" in row.inner_text()
    assert axe_violations(page) == []
