"""The run page and the post form in Chromium, at desktop (1366 px) and phone (390 px)
width: what the financieel medewerker sees, no WCAG violations, no horizontal overflow of
the page. Set REGIE_SCREENSHOTS=<dir> to keep screenshots of each."""

import os
from datetime import date

import pytest

from regie.finance import services
from regie.finance.models import Crediteur
from tests.browser.fixtures import axe_violations
from tests.browser.test_foundation_flow import login
from tests.factories import BetaalPostFactory

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = ((1366, 768), (390, 844))


def _shoot(page, name, width):
    folder = os.environ.get("REGIE_SCREENSHOTS")
    if folder:
        page.screenshot(path=f"{folder}/{name}-{width}.png", full_page=True)


def _no_page_overflow(page):
    """Nothing sticks out to the right but wide tables, which sit in a .regie-table-scroll
    box that the shared stylesheet lets scroll on its own."""
    return _widest(page) == []


def _widest(page):
    """The elements sticking out to the right, to say what overflows."""
    return page.evaluate(
        """() => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
            .filter(e => !e.closest('.regie-table-scroll'))
            .slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' +
                             Math.round(e.getBoundingClientRect().right))"""
    )


def test_run_page_and_post_form(fin, page, travel):
    travel("2026-09-02")
    run = services.create_run(
        fin.world.municipality, date(2026, 9, 1), fin.approver, today=date(2026, 9, 2)
    ).run
    BetaalPostFactory(
        ontzorging=fin.ontzorging, iban="NL93BNGH0285052871", gecontroleerd_door=fin.approver
    )
    Crediteur.objects.create(
        municipality=fin.world.municipality,
        soort="water",
        naam="Vitens",
        iban="NL93BNGH0285052871",
    )
    login(page, fin.preparer.username)
    for width, height in WIDTHS:
        page.set_viewport_size({"width": width, "height": height})
        page.goto(f"/financien/betaalruns/{run.pk}/")
        page.get_by_role("button", name="Posten toevoegen aan deze run").wait_for()
        assert page.get_by_text("1 nieuwe post voor deze maand").is_visible()
        assert page.get_by_role("button", name="Deze 2 betalingen van € 770,50").is_visible()
        assert "2 september 2026" in page.locator("dl").inner_text()
        _shoot(page, "run", width)
        assert _no_page_overflow(page), (width, _widest(page))
        assert axe_violations(page) == []
        page.goto(f"/inburgeraars/{fin.world.person.pk}/ontzorging/posten/nieuw/")
        page.get_by_label("Crediteur uit het register").select_option(
            label="Vitens (Waterbedrijf) – NL93BNGH0285052871"
        )
        _shoot(page, "post", width)
        assert _no_page_overflow(page), (width, _widest(page))
        assert axe_violations(page) == []
    # The form asks to confirm an implausible amount and keeps what was typed.
    page.get_by_label("Bedrag", exact=True).fill("19.125,00")
    page.get_by_label("Betalingskenmerk of omschrijving").fill("Klantnummer 1")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_label("Ik heb het bedrag gecontroleerd").wait_for()
    assert page.get_by_label("Bedrag", exact=True).input_value() == "19.125,00"
    _shoot(page, "post-confirm", 390)
