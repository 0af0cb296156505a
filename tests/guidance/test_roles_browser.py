"""In the browser: the begeleider links a maatje by clicking, the klantmanager enrols a
person in a menukaart activity, the klantmanager corrects a date with a reason and picks
languages from the list; axe-core finds no WCAG 2.1 AA violation on these pages. With
REGIE_SCREENSHOTS=<dir> each page is saved at 1366 and 390 px wide for a look."""

import os

import pytest

from regie.guidance.models import Match
from regie.people.models import Correctie
from tests.browser.fixtures import axe_violations
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

SHOTS = os.environ.get("REGIE_SCREENSHOTS", "")


def shoot(page, name):
    if not SHOTS:
        return
    for width, height in ((1366, 768), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=f"{SHOTS}/{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1366, "height": 768})


def login(page, username):
    page.context.clear_cookies()
    page.goto("/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("heading", name="Werkvoorraad").wait_for()


def test_roles_do_their_own_work_in_the_browser(world, make_volunteer, page):  # noqa: F811
    from tests.factories import ActivityFactory, SessionFactory

    person = world.person
    person.languages = "ti, ar"
    person.save()
    make_volunteer(first_name="Hanna", last_name="Visser", languages="nl, ti")
    kletsplek = ActivityFactory(
        name="Kletsplek",
        municipality=world.municipality,
        organiser=world.sociaal_team,
        coordinator_organisation=world.sociaal_team,
    )
    SessionFactory(activity=kletsplek, weekday=1, capacity=8)

    # The begeleider: from the werkvoorraad to the maatje.
    login(page, "begeleider")
    page.goto(f"/inburgeraars/{person.pk}/begeleiding/")
    page.get_by_role("link", name="Maatje koppelen").click()
    page.get_by_role("heading", name=f"Maatje koppelen voor {person.full_name}").wait_for()
    assert page.get_by_text("Talen van de nieuwkomer: Tigrinya, Arabisch.").is_visible()
    assert axe_violations(page) == []
    shoot(page, "maatje-koppelen")
    page.get_by_label("Hanna Visser").check()
    page.get_by_role("button", name="Maatje koppelen").click()
    page.get_by_text(f"{person.full_name} is gekoppeld aan maatje Hanna Visser.").wait_for()
    assert Match.objects.filter(inburgeraar=person, volunteer__first_name="Hanna").exists()
    page.goto("/begeleiding/maatjes/")
    assert page.get_by_text("Alleen de coördinator kan vrijwilligers toevoegen").is_visible()
    assert axe_violations(page) == []
    shoot(page, "maatjes-begeleider")

    # The klantmanager: enrol with the person, then see the enrolment.
    login(page, "klantmanager")
    page.goto(f"/inburgeraars/{person.pk}/activiteiten/")
    page.get_by_role("link", name="Inschrijven voor een activiteit").click()
    assert axe_violations(page) == []
    shoot(page, "inschrijven")
    page.get_by_label("Activiteit en moment").select_option(
        label="Kletsplek, dinsdag 13:30–15:00 (0 van 8 plaatsen bezet)"
    )
    page.get_by_role("button", name="Inschrijven", exact=True).click()
    page.get_by_text(f"{person.full_name} is ingeschreven voor Kletsplek").wait_for()
    shoot(page, "activiteiten-persoon")

    # The klantmanager corrects the date of birth, with a reason, and picks a language.
    page.goto(f"/inburgeraars/{person.pk}/wijzigen/")
    page.get_by_label("Geboortedatum").fill("1990-05-18")
    page.get_by_label("Somalisch").check()
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("Geef de reden van de wijziging").first.wait_for()
    assert axe_violations(page) == []
    shoot(page, "gegevens-wijzigen")
    page.get_by_label("Reden van de wijziging").fill("Verkeerd overgenomen uit de kennisgeving")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("De wijziging is opgeslagen, met de reden in de geschiedenis.").wait_for()
    assert page.get_by_text("Arabisch, Tigrinya, Somalisch", exact=True).is_visible()
    assert page.get_by_role("cell", name="Verkeerd overgenomen uit de kennisgeving").is_visible()
    assert Correctie.objects.filter(inburgeraar=person).count() == 1
    assert axe_violations(page) == []
    shoot(page, "dossier-correctie")
