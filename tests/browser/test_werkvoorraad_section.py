"""A klantmanager with more new registrations than a werkvoorraad card shows opens the
whole section from the card's link, reads all of them there and goes back; axe-core
finds nothing on either page, at desktop and phone width."""

import datetime as dt

import pytest

from tests.browser.fixtures import axe_violations
from tests.browser.test_foundation_flow import login
from tests.factories import InburgeraarFactory

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [1366, 390])
def test_the_whole_section_is_one_click_from_the_card(world, page, width):
    page.set_viewport_size({"width": width, "height": 800})
    for i in range(12):
        InburgeraarFactory(
            municipality=world.municipality,
            klantmanager=None,
            kennisgeving_date=dt.date(2026, 9, 1) + dt.timedelta(days=i),
            last_name=f"Wachtend{i:02d}",
        )
    login(page, "klantmanager")
    page.get_by_role("heading", name="Werkvoorraad").wait_for()
    card = page.locator('section[aria-labelledby="ws-intake_queue"]')
    assert card.get_by_role("link", name="Wachtend").count() == 10
    assert axe_violations(page) == []

    card.get_by_role("link", name="alle 12 tonen").click()
    page.get_by_role("heading", name="Nieuwe aanmeldingen zonder klantmanager").wait_for()
    assert page.get_by_role("link", name="Wachtend").count() == 12
    # The stylesheet loaded: the table has the design system's look, not the browser's.
    assert page.locator("table").evaluate("t => getComputedStyle(t).borderCollapse") == (
        "collapse"
    )
    assert axe_violations(page) == []
    page.get_by_role("link", name="Terug naar de werkvoorraad").click()
    page.get_by_role("heading", name="Werkvoorraad").wait_for()
