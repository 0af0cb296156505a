"""A bezwaar against a PIP from registration to decision, in a real browser: the
klantmanager (uitvoerder) registers it and drafts the advice, the gemeente's jurist plans
and reports the hoorzitting and decides. axe-core finds no WCAG 2.1 A/AA violation on any
page on the way; the forms are driven through their labels."""

import datetime as dt

import pytest
from django.utils import timezone

from regie.enforcement.models import Bezwaar
from tests.browser.fixtures import axe_violations
from tests.browser.test_foundation_flow import login
from tests.browser.test_pip_flow import dutch
from tests.enforcement.conftest import give_pip

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser, live_server):
    # The strict Content-Security-Policy (regie.core.security) blocks the inline script
    # that injects axe-core; the test browser bypasses CSP, the app does not change.
    context = browser.new_context(base_url=live_server.url, locale="nl-NL", bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def accessible(page, heading: str) -> None:
    page.get_by_role("heading", level=1, name=heading).first.wait_for()
    assert axe_violations(page) == [], page.url


def test_bezwaar_from_registration_to_decision(world, page):
    person = world.person
    person.status = "in_uitvoering"
    person.save()
    today = timezone.localdate()
    versie = give_pip(person, world.aanbieder, today - dt.timedelta(days=20))

    # The klantmanager registers the bezwaar from the person's file.
    login(page, "klantmanager")
    page.get_by_role("heading", name="Werkvoorraad").wait_for()
    page.goto(f"/inburgeraars/{person.pk}/")
    accessible(page, person.full_name)
    page.get_by_role("link", name="Bezwaar registreren").click()
    accessible(page, "Bezwaar registreren")
    page.get_by_label("Besluit waartegen het bezwaar is gericht").select_option(f"pip:{versie.pk}")
    page.get_by_label("Ontvangen op").fill(today.isoformat())
    page.get_by_label("Hoe ontvangen").select_option("post")
    page.get_by_label("Ter post bezorgd op (poststempel)").fill(
        (today - dt.timedelta(days=1)).isoformat()
    )
    page.get_by_label("Gronden van het bezwaar").fill("Ik kan niet zoveel lesuren volgen.")
    page.get_by_role("button", name="Opslaan").click()
    bezwaar = None
    page.get_by_text("Het bezwaar is geregistreerd. Het is tijdig.").wait_for()
    bezwaar = Bezwaar.objects.get()
    accessible(page, f"Bezwaar {bezwaar.kenmerk}")
    assert "Zo is het berekend" in page.content()

    # The uitvoerder drafts the advice for the jurist.
    page.get_by_role("link", name="Advies opstellen").click()
    accessible(page, f"Advies opstellen – {bezwaar.kenmerk}")
    page.get_by_label("Geadviseerde uitkomst").select_option("ongegrond")
    page.get_by_label("Advies aan de jurist").fill("De intensiteit is nodig; advies ongegrond.")
    page.get_by_role("button", name="Advies naar de jurist sturen").click()
    page.get_by_text("Het advies is naar de jurist van de gemeente gestuurd.").wait_for()
    page.get_by_role("button", name="Uitloggen").click()

    # The jurist finds it in the werkvoorraad, plans and reports the hearing, and decides.
    login(page, "jurist")
    page.get_by_role("heading", name="Werkvoorraad").wait_for()
    assert axe_violations(page) == []
    page.get_by_role("link", name=person.full_name).first.click()
    accessible(page, f"Bezwaar {bezwaar.kenmerk}")
    page.get_by_role("link", name="Hoorzitting plannen").click()
    accessible(page, f"Hoorzitting plannen – {bezwaar.kenmerk}")
    page.get_by_label("Datum").fill(today.isoformat())
    page.get_by_label("Tijd").fill("10:00")
    page.get_by_label("Plaats of link").fill("Gemeentehuis")
    page.get_by_role("button", name="Hoorzitting plannen").click()
    page.get_by_text("De hoorzitting is gepland.").wait_for()
    page.get_by_role("link", name="Verslag vastleggen").click()
    accessible(page, f"Verslag hoorzitting van {dutch(today)}")
    page.get_by_label("Hoe ging het").select_option("gehouden")
    page.get_by_label("Aanwezigen").fill("inburgeraar, tolk, jurist")
    page.get_by_label("Verslag").fill("De inburgeraar werkt drie dagen per week.")
    page.get_by_role("button", name="Verslag vastleggen").click()
    page.get_by_text("Het verslag van de hoorzitting is vastgelegd.").wait_for()
    page.get_by_role("link", name="Beslissen", exact=True).click()
    accessible(page, f"Beslissen op bezwaar – {bezwaar.kenmerk}")
    page.get_by_label("Uitkomst").select_option("ongegrond")
    page.get_by_label("Motivering", exact=True).fill("Met avondlessen is het te combineren.")
    page.get_by_role("button", name="Beslissen").click()
    page.get_by_text("Op het bezwaar is beslist.").wait_for()
    accessible(page, f"Bezwaar {bezwaar.kenmerk}")
    bezwaar.refresh_from_db()
    assert bezwaar.stage == "beslist" and bezwaar.uitkomst == "ongegrond"
    with page.expect_download() as download:
        page.get_by_role("link", name="Beslissing op bezwaar").click()
    assert download.value.suggested_filename.startswith("beslissing_op_bezwaar-")
