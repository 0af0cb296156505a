"""A klantmanager generates a weekly programme for a person in the browser, confirms it and
downloads the PDF and the iCalendar file; axe-core finds no WCAG 2.1 AA violation on the
way (also on the menukaart and the attendance page of the aanbieder)."""

from pathlib import Path

import pytest

from regie.activities.models import Enrolment, WeekProgramme
from tests.browser.fixtures import axe_violations
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def login(page, username):
    page.goto("/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("heading", name="Werkvoorraad").wait_for()


def test_generate_confirm_and_download_a_weekly_programme(
    world,
    pip_z,
    menukaart,
    lesson,
    page,  # noqa: F811
    tmp_path,
):
    login(page, "klantmanager")
    page.goto(f"/inburgeraars/{world.person.pk}/")
    page.get_by_role("heading", name="Activiteiten en voortgang").wait_for()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Weekprogramma maken").click()
    page.get_by_role(
        "heading", name=f"Weekprogramma maken voor {world.person.full_name}"
    ).wait_for()
    assert page.get_by_label("Gezondheid").is_checked()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Voorstel maken").click()
    page.get_by_role("heading", name=f"Weekprogramma van {world.person.full_name}").wait_for()
    table = page.get_by_role("table", name="De week")
    # A cell holds the activity and, below it, where it is.
    assert table.get_by_role("cell", name="Kletsplek 't Kreil", exact=True).is_visible()
    assert table.get_by_role("cell", name="Toptaal Z-groep", exact=False).first.is_visible()
    assert page.get_by_text("lessen: 6 uur").is_visible()
    assert axe_violations(page) == []

    page.get_by_role("button", name="Weekprogramma bevestigen").click()
    page.get_by_text("Het weekprogramma is bevestigd").wait_for()
    assert axe_violations(page) == []
    programme = WeekProgramme.objects.get()
    assert programme.status == "bevestigd"
    assert Enrolment.objects.filter(programme=programme).count() == 2

    with page.expect_download() as pdf:
        page.get_by_role("link", name="Weekrooster afdrukken (pdf, 1 pagina)").click()
    path = tmp_path / "weekprogramma.pdf"
    pdf.value.save_as(path)
    assert Path(path).read_bytes().startswith(b"%PDF")
    with page.expect_download() as ics:
        page.get_by_role("link", name="Agenda-bestand voor de telefoon (ics)").click()
    path = tmp_path / "weekprogramma.ics"
    ics.value.save_as(path)
    text = Path(path).read_text()
    assert "BEGIN:VCALENDAR" in text and "RRULE:FREQ=WEEKLY" in text


def test_menukaart_and_attendance_pages_are_accessible(world, menukaart, lesson, page):  # noqa: F811
    login(page, "aanbieder")
    page.goto("/activiteiten/")
    page.get_by_role("heading", name="Menukaart van activiteiten").wait_for()
    assert axe_violations(page) == []
    block = lesson.sessions.get(weekday=0)
    page.goto(f"/activiteiten/{lesson.pk}/sessies/{block.pk}/aanwezigheid/")
    page.get_by_role("heading", name="Aanwezigheid", exact=False).first.wait_for()
    assert axe_violations(page) == []
    page.get_by_label(f"{world.person.full_name}: Aanwezig").check()
    page.get_by_role("button", name="Aanwezigheid opslaan").click()
    page.get_by_text("Aanwezigheid opgeslagen").wait_for()
    assert axe_violations(page) == []
