"""The design really reaches the browser: every stylesheet, script and font of a page
answers 2xx/3xx, the page looks as regie.css says (header colour, font), and htmx runs
the live search of the caseload without a full page load. An unstyled page — the
stylesheets answering 404, as on every page before STATICFILES_DIRS — fails here."""

import pytest

from regie.core.roles import Role
from tests.browser.fixtures import axe_violations
from tests.browser.test_foundation_flow import login
from tests.factories import InburgeraarFactory

pytestmark = pytest.mark.browser

ASSETS = {"stylesheet", "script", "font"}
PRIMARY = "rgb(21, 66, 115)"  # --regie-primary, the header's background


class Assets:
    """What a page requested of its stylesheets, scripts and fonts, and what went wrong."""

    def __init__(self, page):
        self.problems: list[str] = []
        self.loaded: list[str] = []
        page.on("response", self.on_response)
        page.on("requestfailed", self.on_failed)

    def on_response(self, response):
        if response.request.resource_type in ASSETS:
            self.loaded.append(response.url)
            if response.status >= 400:
                self.problems.append(f"{response.status} {response.url}")

    def on_failed(self, request):
        if request.resource_type in ASSETS:
            self.problems.append(f"failed {request.url} ({request.failure})")


def assert_designed(page, assets):
    page.wait_for_load_state("networkidle")
    assert assets.problems == [], assets.problems
    names = " ".join(assets.loaded)
    for asset in ("utrecht-components", "regie.css", "htmx", "regie.js"):
        assert asset in names, f"{asset} not requested on {page.url}"
    style = page.evaluate(
        """() => ({
            header: getComputedStyle(document.querySelector('.regie-header')).backgroundColor,
            font: getComputedStyle(document.body).fontFamily,
            skiplink: getComputedStyle(document.querySelector('.regie-skiplink')).position,
            htmx: typeof window.htmx,
        })"""
    )
    assert style["header"] == PRIMARY, style
    assert "Segoe UI" in style["font"], style  # the Utrecht document font, set by regie.css
    assert style["skiplink"] == "absolute", style  # hidden until focused
    assert style["htmx"] == "object", style


def test_every_page_has_its_styles_scripts_and_fonts(world, page):
    assets = Assets(page)
    page.goto("/inloggen/")
    assert_designed(page, assets)

    login(page, "klantmanager")
    page.get_by_role("heading", name="Werkvoorraad").wait_for()
    assert_designed(page, assets)
    for path, heading in (
        ("/inburgeraars/", "Inburgeraars"),
        (f"/inburgeraars/{world.person.pk}/", world.person.full_name),
    ):
        page.goto(path)
        page.get_by_role("heading", name=heading, exact=True).wait_for()
        assert_designed(page, assets)


def test_menu_fits_one_line_at_1366_and_tables_stay_inside_at_390(world, page):
    login(page, Role.REGISSEUR.value)
    page.set_viewport_size({"width": 1366, "height": 768})
    page.get_by_role("heading", name="Werkvoorraad").wait_for()
    heights = page.evaluate(
        """() => [...document.querySelectorAll('.regie-nav li')]
            .map(li => Math.round(li.getBoundingClientRect().top))"""
    )
    assert len(heights) >= 8 and len(set(heights)) == 1, heights  # one row of menu items

    # A long unbroken e-mail address wraps inside its card instead of widening the page.
    long_email = "heel.lang.adres.zonder.spaties.of.streepjes@gemeente-winterswijk.invalid"
    world.person.email = long_email
    world.person.save()
    page.context.clear_cookies()
    login(page, "klantmanager")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/inburgeraars/{world.person.pk}/")
    page.get_by_role("heading", name=world.person.full_name).wait_for()
    assert page.get_by_text(long_email, exact=True).is_visible()
    # Nothing makes the page itself scroll sideways: wide tables scroll inside their box.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    card_right = page.evaluate(
        """(email) => [...document.querySelectorAll('.regie-card')]
            .find(c => c.textContent.includes(email)).getBoundingClientRect().right""",
        long_email,
    )
    assert card_right <= 390
    assert axe_violations(page) == []


def test_live_search_updates_results_without_a_page_load(world, page):
    other = InburgeraarFactory(
        municipality=world.municipality,
        klantmanager=world.users[Role.KLANTMANAGER],
        last_name="Zwartewaal",
        first_name="Yonas",
    )
    login(page, "klantmanager")
    page.get_by_role("heading", name="Werkvoorraad").wait_for()
    page.goto("/inburgeraars/")
    results = page.locator("#resultaten")
    results.get_by_text("2 inburgeraars gevonden").wait_for()
    page.evaluate("window.regieSamePage = true")

    page.get_by_label("Zoek op naam of BSN").press_sequentially("Zwarte", delay=30)
    results.get_by_text("1 inburgeraar gevonden").wait_for()
    assert results.get_by_role("link", name="Zwartewaal, Yonas").is_visible()
    assert not results.get_by_role("link", name=world.person.full_name).count()
    # htmx swapped the results in: the page (and its JavaScript state) is still the same.
    assert page.evaluate("window.regieSamePage") is True
    assert "q=Zwarte" in page.url  # and the address follows the search (hx-push-url)
    assert other.pk
