"""An aanbieder with more participants than fit on a page pages through them, searches by
name; axe-core reports no WCAG 2.1 AA violation on the way."""

import pytest

from regie.core.roles import Role
from regie.exchange import views
from regie.people.models import Verwijzing
from tests.browser.fixtures import axe_violations
from tests.browser.test_foundation_flow import login
from tests.factories import InburgeraarFactory

pytestmark = pytest.mark.browser


def test_aanbieder_pages_and_searches_participants(world, page, monkeypatch):
    monkeypatch.setattr(views, "PORTAL_PAGE_SIZE", 3)
    for i, name in enumerate(["Ahmadi", "Bakker", "Haile", "Noori", "Yilmaz"]):
        person = InburgeraarFactory(
            municipality=world.municipality, last_name=name, first_name=f"P{i}"
        )
        Verwijzing.objects.create(
            inburgeraar=person, aanbieder=world.aanbieder, status="geaccepteerd"
        )
    login(page, world.users[Role.AANBIEDER].username)
    page.goto("/aanbieder/")
    pager = page.get_by_role("navigation", name="Paginering deelnemers")
    assert pager.get_by_text("Pagina 1").get_attribute("aria-current") == "page"
    assert axe_violations(page) == []
    pager.get_by_role("link", name="Volgende").click()
    pager.get_by_text("Pagina 2").wait_for()
    assert page.get_by_role("link", name="P4 Yilmaz").count() == 1
    assert axe_violations(page) == []
    pager.get_by_role("link", name="Vorige").click()
    pager.get_by_text("Pagina 1").wait_for()
    page.get_by_label("Zoek op naam").fill("haile")
    page.get_by_role("button", name="Zoeken").click()
    page.get_by_role("link", name="Alle deelnemers").wait_for()
    assert page.get_by_role("link", name="P2 Haile").count() == 1
    assert axe_violations(page) == []
