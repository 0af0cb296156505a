"""The klantmanager sends a waarschuwing, and for an art. 23 fine makes the rapport, records
the zienswijze (Awb 5:53) and imposes the fine, in a real browser, the forms
driven through their labels; axe-core finds no WCAG 2.1 A/AA violation on the forms; the
downloaded letters carry what the person needs to act (appointment, place, time, phone;
IBAN, betalingskenmerk, payment term) and not the internal notes."""

import datetime as dt
import io
import re

import pytest
from django.utils import timezone
from django.utils.formats import date_format
from pypdf import PdfReader

from regie.core.roles import Role
from regie.enforcement import services
from regie.enforcement.models import Handhavingszaak, Signaalbron
from regie.rules.calendar import volgende_werkdag
from tests.browser.fixtures import axe_violations
from tests.browser.test_foundation_flow import login
from tests.enforcement.conftest import give_pip, no_show_case
from tests.factories import BetaalrekeningFactory

pytestmark = pytest.mark.browser

INTERN = "INTERN: de buurman zegt dat hij in Duitsland werkt"


@pytest.fixture
def page(browser, live_server):
    # As in test_bezwaar_flow: the test browser bypasses CSP so axe-core can be injected.
    context = browser.new_context(base_url=live_server.url, locale="nl-NL", bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def pdf_text(download) -> str:
    with open(download.path(), "rb") as file:
        reader = PdfReader(io.BytesIO(file.read()))
    return " ".join(" ".join(p.extract_text().split()) for p in reader.pages)


def test_waarschuwing_and_boetebesluit_through_the_forms(world, page):
    BetaalrekeningFactory(municipality=world.municipality, naam="Gemeente Winterswijk")
    person = world.person
    person.status = "in_uitvoering"
    person.save()
    today = timezone.localdate()
    give_pip(person, world.aanbieder, today - dt.timedelta(days=40))
    km = world.users[Role.KLANTMANAGER]
    zaak = no_show_case(person, km)
    zaak.omschrijving = INTERN
    zaak.save()
    afspraak = volgende_werkdag(today + dt.timedelta(days=6))
    termijn = volgende_werkdag(afspraak + dt.timedelta(days=3))

    login(page, "klantmanager")
    page.get_by_role("heading", name="Werkvoorraad").wait_for()
    page.goto(f"/inburgeraars/{person.pk}/handhaving/{zaak.pk}/")
    page.get_by_role("link", name="Schriftelijke waarschuwing sturen").click()
    page.get_by_role("heading", level=1, name=re.compile("Schriftelijke waarschuwing")).wait_for()
    assert axe_violations(page) == []
    assert page.get_by_text("Deze tekst komt in de brief.").first.is_visible()
    page.get_by_label("Datum van de nieuwe afspraak").fill(afspraak.isoformat())
    page.get_by_label("Tijd van de nieuwe afspraak").fill("09:30")
    page.get_by_label("Plaats van de nieuwe afspraak").fill("Gemeentehuis, Stationsstraat 24")
    page.get_by_label("Nieuwe termijn tot en met").fill(termijn.isoformat())
    page.get_by_label("Telefoonnummer").fill("0543 123 456")
    page.get_by_role("button", name="Schriftelijke waarschuwing sturen").click()
    page.get_by_text("De waarschuwing is gemaakt.").wait_for()
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile(r"Schriftelijke waarschuwing .*\(pdf\)")).click()
    text = pdf_text(download.value)
    assert INTERN not in text
    assert f"{date_format(afspraak, 'l j F Y')} om 09.30 uur" in text
    assert "Gemeentehuis, Stationsstraat 24" in text and "0543 123 456" in text
    assert "Kom naar de leerbaarheidstoets." in text  # the default text for the signal

    # An art. 23 fine for low attendance: first the rapport and the zienswijze (Awb 5:53).
    boete = services.open_case(person, Signaalbron.AANWEZIGHEID, today, INTERN, km)
    page.goto(f"/inburgeraars/{person.pk}/handhaving/{boete.pk}/")
    page.get_by_text("maak eerst een rapport op").wait_for()
    assert page.get_by_role("link", name="Boete opleggen").count() == 0
    page.get_by_role("link", name="Rapport opmaken en zienswijze vragen").click()
    page.get_by_role("heading", level=1, name=re.compile("Rapport opmaken")).wait_for()
    assert axe_violations(page) == []
    page.get_by_label("Welke verplichting uit het PIP is niet nagekomen").fill(
        "Naar alle lessen van de leerroute gaan."
    )
    page.get_by_label("Wat is er gebeurd (de feiten)").fill("U was bij 4 van de 10 lessen.")
    page.get_by_role("button", name="Rapport opmaken en zienswijze vragen").click()
    page.get_by_text("Het rapport is opgemaakt.").wait_for()
    assert page.get_by_role("link", name="Boete opleggen").count() == 0
    with page.expect_download() as download:
        page.get_by_role(
            "link", name=re.compile(r"Rapport en vraag om zienswijze .*\(pdf\)")
        ).click()
    text = pdf_text(download.value)
    assert INTERN not in text
    assert "U was bij 4 van de 10 lessen." in text and "U hoeft geen antwoord te geven" in text
    page.get_by_role("link", name="Zienswijze vastleggen").click()
    page.get_by_role("heading", level=1, name=re.compile("Zienswijze vastleggen")).wait_for()
    assert axe_violations(page) == []
    page.get_by_label("Schriftelijk").check()
    page.get_by_label("Wat zei of schreef de inburgeraar").fill("Ik had nachtdiensten.")
    page.get_by_role("button", name="Zienswijze vastleggen").click()
    page.get_by_text("De zienswijze is vastgelegd.").wait_for()
    page.get_by_role("link", name="Boete opleggen").click()
    page.get_by_role("heading", level=1, name=re.compile("Boete opleggen")).wait_for()
    assert axe_violations(page) == []
    assert page.get_by_text("NL93 BNGH 0285 0528 71").is_visible()  # the intro names it
    page.get_by_role("combobox", name=re.compile("^Verwijtbaarheid")).select_option("overig")
    page.get_by_label("Toelichting voor de brief").fill("U was bij 4 van de 10 lessen.")
    page.get_by_label("Interne notitie over de verwijtbaarheid").fill(INTERN)
    page.get_by_label("Telefoonnummer").fill("0543 987 654")
    page.get_by_role("button", name="Boete opleggen").click()
    page.get_by_text("Het boetebesluit is genomen.").wait_for()
    boete = Handhavingszaak.objects.get(pk=boete.pk)
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile(r"Boetebesluit .*\(pdf\)")).click()
    text = pdf_text(download.value)
    assert INTERN not in text
    assert "U was bij 4 van de 10 lessen." in text and "€ 25,00" in text
    assert "NL93 BNGH 0285 0528 71" in text and boete.betalingskenmerk[:4] in text
    assert "betalingsregeling" in text and "0543 987 654" in text
