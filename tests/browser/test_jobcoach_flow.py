"""Issue 20 in the browser: the jobcoach opens the person they coach from the caseload,
starts the proposed werkervaringsplek and records the job; the aanbieder opens the counts
of work and outflow of its participants. axe-core reports no WCAG 2.1 AA violation;
screenshots at 1366x768 and 390 px wide go to /tmp for review."""

from datetime import date

import pytest

from regie.core.roles import Role
from regie.people.models import VerwijzingStatus
from regie.work.models import Plaatsing, Uitstroom
from tests.browser.fixtures import axe_violations
from tests.browser.test_foundation_flow import login
from tests.factories import InburgeraarFactory, VerwijzingFactory
from tests.monitoring.conftest import pip
from tests.work.matrix import make_plek

pytestmark = pytest.mark.browser


def shots(page, name):
    for width, height in ((1366, 768), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=f"/tmp/workscale-{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1366, "height": 768})


def test_jobcoach_starts_the_placement_and_records_the_job(world, page, travel):
    travel("2026-11-20 10:00")
    jobcoach = world.users[Role.JOBCOACH]
    plek = make_plek(world.municipality)
    plaatsing = Plaatsing.objects.create(
        inburgeraar=world.person,
        plek=plek,
        start=date(2026, 11, 20),
        end=date(2027, 5, 31),
        hours_per_week=16,
        job_coach=jobcoach,
    )
    login(page, "jobcoach")
    page.goto("/inburgeraars/")
    page.locator(f'a[href="/inburgeraars/{world.person.pk}/"]').first.click()
    page.get_by_role("heading", name="Participatie en werk").wait_for()
    assert axe_violations(page) == []
    shots(page, "person-file-jobcoach")
    page.get_by_role("link", name="Gastvrouw restaurant").click()
    page.get_by_label("Nieuwe status").select_option("lopend")
    page.get_by_label("Datum").fill("2026-11-20")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("Status gewijzigd in: Lopend.").wait_for()
    plaatsing.refresh_from_db()
    assert plaatsing.status == "lopend"
    page.get_by_role("link", name="Uitstroom vastleggen").click()
    page.get_by_label("Soort uitstroom").select_option("betaald_werk")
    page.get_by_label("Datum").fill("2026-11-20")
    page.get_by_label("Uren per week").fill("24")
    page.get_by_label("Soort contract").select_option("tijdelijk")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("Uitstroom vastgelegd: Betaald werk.").wait_for()
    assert Uitstroom.objects.get(inburgeraar=world.person).door == jobcoach


def test_aanbieder_opens_work_and_outflow_of_its_participants(world, page):
    pip(world.person, date(2025, 1, 10), "b1")
    world.person.verwijzingen.update(status=VerwijzingStatus.GEACCEPTEERD, leerroute="b1")
    plek = make_plek(world.municipality, capacity=10)
    for index in range(6):
        person = InburgeraarFactory(municipality=world.municipality)
        VerwijzingFactory(inburgeraar=person, aanbieder=world.aanbieder, leerroute="b1")
        Plaatsing.objects.create(
            inburgeraar=person,
            plek=plek,
            start=date(2026, 1, 5),
            hours_per_week=16,
            status="lopend" if index < 5 else "voorgesteld",
        )
    login(page, world.users[Role.AANBIEDER].username)
    page.goto("/aanbieder/")
    page.get_by_role("link", name="Werk en uitstroom van uw deelnemers (aantallen)").click()
    page.get_by_role("heading", name="Werk en uitstroom van uw deelnemers").wait_for()
    row = page.get_by_role("row", name="B1-route")
    assert row.get_by_role("cell").first.inner_text() == "7"
    assert "<5" in row.inner_text()
    assert axe_violations(page) == []
    shots(page, "aanbieder-werk")
