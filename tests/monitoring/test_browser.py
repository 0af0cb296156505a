"""The regisseur opens the monitoring dashboard and the other overviews in the browser;
axe-core finds no WCAG 2.1 AA violation."""

import pytest

from tests.browser.fixtures import axe_violations
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def test_regisseur_dashboard_is_accessible(world, data, page):
    page.goto("/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("regisseur")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("link", name="Monitoring").first.click()
    page.get_by_role("heading", name="Monitoring inburgering").wait_for()
    assert page.get_by_role(
        "img", name="Staafdiagram: Inburgeraars per status (de cijfers staan in de tabel)"
    ).is_visible()
    assert axe_violations(page) == []
    page.get_by_label("Doelgroep").select_option("gezinsmigrant")
    page.get_by_role("button", name="Toon cijfers").click()
    page.get_by_role("heading", name="Monitoring inburgering").wait_for()
    assert axe_violations(page) == []
    for link, heading in (
        ("Cohorten", "Cohorten"),
        ("Proces en aanbieders", "Proces en aanbieders"),
        ("Borging", "Borging"),
    ):
        page.get_by_role("navigation", name="Monitoring").get_by_role("link", name=link).click()
        page.get_by_role("heading", name=heading, exact=True).wait_for()
        assert axe_violations(page) == [], link
