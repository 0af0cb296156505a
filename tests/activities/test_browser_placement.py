"""Issue 20 in a real browser: a klantmanager takes a person from a placement proposal to
a running werkervaringsplek with fixed days (the weekprogramma plans around it and shows
it), evaluates it, records the job the person found (uitstroom), and the regisseur's
cohort figures count that outflow. axe-core checks every page on the way."""

import pytest
from playwright.sync_api import expect

from regie.core.roles import Role
from regie.work.models import Plaatsing, Uitstroom
from tests.browser.fixtures import axe_violations
from tests.conftest import PASSWORD
from tests.work.matrix import make_plek

pytestmark = pytest.mark.browser


def login(page, username):
    if page.get_by_role("button", name="Uitloggen").count():
        page.get_by_role("button", name="Uitloggen").click()
        page.get_by_role("heading", level=1, name="Inloggen").wait_for()
    page.goto("/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("heading", name="Werkvoorraad").wait_for()


def accessible(page, heading):
    page.get_by_role("heading", level=1, name=heading).wait_for()
    assert axe_violations(page) == [], page.url


def test_placement_to_job_weekprogramma_and_outflow_figures(
    world,
    pip_z,  # dagtekening 15 October 2026
    menukaart,
    lesson,
    page,  # noqa: F811
    travel,
):
    travel("2027-05-03")
    person = world.person
    plek = make_plek(world.municipality, capacity=2)
    login(page, "klantmanager")

    # 1. A placement proposal with fixed days and times.
    page.goto(f"/inburgeraars/{person.pk}/")
    page.get_by_role("link", name="Plaatsing toevoegen").click()
    accessible(page, "Plaatsing toevoegen")
    page.get_by_label("Plek").select_option(str(plek.pk))
    page.get_by_label("Startdatum").fill("2027-04-26")
    page.get_by_label("Einddatum").fill("2027-10-31")
    page.get_by_label("Uren per week").fill("8")
    page.get_by_label("dinsdag").check()
    page.get_by_label("donderdag").check()
    page.get_by_label("Begintijd").fill("13:00")
    page.get_by_label("Eindtijd").fill("12:00")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("De eindtijd ligt niet na de begintijd.").first.wait_for()
    page.get_by_label("Eindtijd").fill("17:00")
    page.get_by_label("Status").select_option("voorgesteld")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("Plaatsing vastgelegd.").wait_for()
    section = page.locator("section", has=page.get_by_role("heading", name="Participatie en werk"))
    expect(section).to_contain_text("voorgesteld, 26 april 2027 – 31 oktober 2027, 8 uur per week")

    # 2. The werkervaringsplek starts.
    section.get_by_role("link", name="Gastvrouw restaurant").click()
    accessible(page, "Plaatsing: Gastvrouw restaurant bij Zorgcentrum De Hofstede")
    page.get_by_label("Nieuwe status").select_option("lopend")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("Status gewijzigd in: Lopend.").wait_for()
    assert Plaatsing.objects.get().status == "lopend"

    # 3. The weekprogramma takes the placement as a fixed block.
    page.get_by_role("link", name="Weekprogramma maken").click()
    page.get_by_role("button", name="Voorstel maken").click()
    accessible(page, f"Weekprogramma van {person.full_name}")
    table = page.get_by_role("table", name="De week")
    expect(table).to_contain_text("Werkervaringsplek: Gastvrouw restaurant")
    expect(table).to_contain_text("13:00")
    expect(table).to_contain_text("Plaatsing (vast)")
    # The GGD workshop (Tuesday 13:30) falls inside the placement: not proposed.
    expect(table).not_to_contain_text("GGD-workshop")

    # 4. An evaluation, then the job: uitstroom.
    page.goto(f"/inburgeraars/{person.pk}/")
    page.locator(
        "section", has=page.get_by_role("heading", name="Participatie en werk")
    ).get_by_role("link", name="Gastvrouw restaurant").click()
    page.get_by_role("link", name="Evaluatie vastleggen").click()
    accessible(page, "Evaluatie vastleggen")
    page.get_by_label("Goed (vrijwel altijd aanwezig)").check()
    page.get_by_label("Werkfit", exact=True).check()
    page.get_by_label("Oordeel van de werkgever").fill("Wil haar graag in dienst nemen.")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("Evaluatie vastgelegd.").wait_for()
    expect(page.get_by_role("table")).to_contain_text("Wil haar graag in dienst nemen.")

    page.goto(f"/inburgeraars/{person.pk}/")
    page.get_by_role("link", name="Uitstroom vastleggen").click()
    accessible(page, "Uitstroom vastleggen")
    page.get_by_label("Soort uitstroom").select_option("betaald_werk")
    page.get_by_label("Datum").fill("2027-04-01")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("Vul het aantal uren per week in.").first.wait_for()
    page.get_by_label("Uren per week").fill("24")
    page.get_by_label("Soort contract").select_option("tijdelijk")
    page.get_by_label("Sector").fill("Zorg")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("Uitstroom vastgelegd: Betaald werk.").wait_for()
    expect(page.locator("body")).to_contain_text(
        "1 april 2027: Betaald werk (24 uur per week, tijdelijk contract, Zorg)"
    )
    assert Uitstroom.objects.get().uren_per_week == 24

    # 5. The regisseur's cohort figures count the outflow (PIP 15 October 2026 + 6 months).
    login(page, world.users[Role.REGISSEUR].username)
    page.goto("/monitoring/cohorten/")
    accessible(page, "Cohorten")
    card = page.locator(
        "section", has=page.get_by_role("heading", name="Uitstroom naar betaald werk")
    )
    row = card.get_by_role("row").filter(has=page.get_by_role("cell", name="6 maanden", exact=True))
    expect(row).to_contain_text("2026")
    expect(row.get_by_role("cell").nth(3)).to_have_text("1")
    expect(card).not_to_contain_text(person.last_name)
