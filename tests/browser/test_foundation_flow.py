"""A klantmanager logs in, searches a person, opens the file and switches to English;
axe-core reports no WCAG 2.1 AA violation on any page on the way."""

import re

import pytest

from regie.core.roles import Role
from tests.browser.fixtures import axe_violations
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def login(page, username):
    page.goto("/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def test_login_search_open_file_switch_language(world, page):
    page.goto("/inloggen/")
    assert axe_violations(page) == []
    login(page, "klantmanager")
    page.get_by_role("heading", name="Werkvoorraad").wait_for()
    assert axe_violations(page) == []

    page.get_by_role("link", name="Inburgeraars").click()
    page.get_by_role("heading", name="Inburgeraars").wait_for()
    assert axe_violations(page) == []
    page.get_by_label("Zoek op naam of BSN").fill(world.person.last_name)
    page.get_by_role("button", name="Zoeken").click()
    # The unfiltered list may already show the person: wait for the search's own page,
    # or the click can land on the old page while the search navigates away.
    page.wait_for_url(re.compile(r"[?&]q=" + re.escape(world.person.last_name)))
    link = page.get_by_role("link", name=f"{world.person.last_name}, {world.person.first_name}")
    link.click()
    page.get_by_role("heading", name=world.person.full_name).wait_for()
    assert world.person.bsn in page.content()
    assert axe_violations(page) == []

    page.get_by_role("button", name="English").click()
    page.get_by_role("heading", name="Timeline").wait_for()
    assert page.locator("html").get_attribute("lang") == "en"
    assert axe_violations(page) == []


def test_new_person_form_shows_errors_accessibly(world, page):
    login(page, "klantmanager")
    page.goto("/inburgeraars/nieuw/")
    assert axe_violations(page) == []
    page.get_by_label("Voornamen").fill("Rania")
    page.get_by_label("Achternaam").fill("Haddad")
    page.get_by_label("BSN").fill("123456789")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("Het formulier is niet opgeslagen").wait_for()
    assert page.get_by_label("BSN").get_attribute("aria-invalid") == "true"
    assert axe_violations(page) == []


@pytest.mark.parametrize("role", [Role.AANBIEDER, Role.REGISSEUR])
def test_other_roles_pages_are_accessible(world, page, role):
    login(page, role.value)
    page.get_by_role("heading", name="Werkvoorraad").wait_for()
    assert axe_violations(page) == []
