"""Every chart draws in Dutch and in English (issue 24): the forecast chart was empty for
every Dutch user, because `floatformat` wrote coordinates as "260,0", which Chromium
rejects; the process chart drew a negative width. Here each chart is opened in both
languages and must have bars of a real size, and no SVG attribute the browser could not
use — read from the drawn elements and from the browser console."""

import datetime as dt
from decimal import Decimal

import pytest

from regie.core.roles import Role
from regie.finance.models import Contract, Financiering, Scenario
from tests.browser.fixtures import ConsoleErrors, axe_violations, chart_geometry
from tests.browser.test_foundation_flow import login
from tests.factories import BredeIntakeFactory, InburgeraarFactory, PIPFactory, PIPVersieFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def figures(world):
    """A forecast with two scenarios and funding, and process figures with a data error:
    one person's PIP dagtekening lies 35 days before the intake was completed."""
    muni = world.municipality
    Financiering.objects.create(municipality=muni, jaar=2026, soort="integratie_uitkering",
                                bedrag=Decimal("104079"))
    Financiering.objects.create(municipality=muni, jaar=2026, soort="spuk", bedrag=176000)
    for route, price in (("b1", "9000"), ("onderwijs", "12000"), ("z", "7000")):
        Contract.objects.create(municipality=muni, jaar=2026, partij="Toptaal",
                                soort="leerroute", ten_laste_van="spuk", leerroute=route,
                                prijs_per_traject=Decimal(price))
    for naam, factor in (("Verwachting", 100), ("Hoge instroom", 130)):
        Scenario.objects.create(municipality=muni, naam=naam, prijsjaar=2026, eerste_jaar=2026,
                                instroom=35, instroom_factor_pct=factor)
    for days_to_pip in (30, -35):
        person = InburgeraarFactory(municipality=muni, kennisgeving_date=dt.date(2026, 3, 1))
        BredeIntakeFactory(inburgeraar=person, started_on=dt.date(2026, 3, 20),
                           completed_on=dt.date(2026, 4, 10), status="afgerond")
        PIPVersieFactory(pip=PIPFactory(inburgeraar=person), vastgesteld=True,
                         dagtekening=dt.date(2026, 4, 10) + dt.timedelta(days=days_to_pip),
                         leerroute="b1")


def _open(page, path):
    page.goto(path)
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("language", ["nl-NL", "en-GB"])
def test_every_chart_draws_in_dutch_and_english(world, figures, browser, live_server, language):
    context = browser.new_context(base_url=live_server.url, locale="nl-NL",
                                  viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.set_default_timeout(15000)
    console = ConsoleErrors(page)
    login(page, Role.REGISSEUR.value)
    if language != "nl-NL":
        # The language switch in the header, as a user changes it.
        page.get_by_role("button", name="English").click()
        page.wait_for_load_state("networkidle")
    for path, at_least in (
        ("/financien/prognose/", 1),
        ("/monitoring/", 2),
        ("/monitoring/proces/", 1),
        ("/monitoring/cohorten/", 0),
    ):
        _open(page, path)
        charts = chart_geometry(page)
        assert len(charts) >= at_least, (path, charts)
        for chart in charts:
            assert chart["bad"] == [], (path, chart["name"], chart["bad"])
            assert chart["svg"]["w"] > 0 and chart["svg"]["h"] > 0, (path, chart["name"])
            drawn = [b for b in chart["bars"] if b["w"] > 0 and b["h"] > 0]
            assert drawn, (path, chart["name"], chart["bars"])
        assert console.about_drawing() == [], path
    # The forecast: every gridline spans the plot, every bar has a height.
    _open(page, "/financien/prognose/")
    forecast = chart_geometry(page)[0]
    assert len(forecast["lines"]) == 5 and all(line["w"] > 600 for line in forecast["lines"])
    assert all(bar["h"] > 0 for bar in forecast["bars"])
    # The process chart: the backwards PIP is not drawn, and the table says why.
    _open(page, "/monitoring/proces/")
    note = "Gegevensfout" if language == "nl-NL" else "Data error"
    assert page.get_by_text(note).first.is_visible()
    assert axe_violations(page) == []
    context.close()


def test_long_unbroken_text_wraps_inside_its_card(world, page):
    """A long e-mail address on the person's file stays inside the Contact card at 390 px
    (issue 24): the card does not scroll sideways and the address is all there."""
    email = "abdulrahman.mohammedalhassanalibrahim.winterswijk@voorbeeldprovider-nederland.example"
    world.person.email = email
    world.person.save()
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, Role.KLANTMANAGER.value)
    page.goto(f"/inburgeraars/{world.person.pk}/")
    card = page.locator("section[aria-labelledby=contact]")
    card.wait_for()
    assert email in card.inner_text().replace("\n", "")
    widths = card.evaluate("c => [c.scrollWidth, c.clientWidth]")
    assert widths[0] <= widths[1], widths
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
