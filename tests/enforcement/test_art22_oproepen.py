"""Issue 18 deliverable 6: the Wi 2021 art. 14 oproepen for the brede intake are the
factual basis of an art. 22 fine. The case page lists them; the boetebesluit (template
boetebesluit-2026.4) names each with its date, appointment and term. Letters made with
boetebesluit-2026.3 still render as they were."""

import datetime as dt

import pytest
from django.urls import reverse

from regie.core.roles import Role
from regie.enforcement import services
from regie.enforcement.documents import render_html
from tests.enforcement.conftest import TODAY, art23_case, warned_case
from tests.enforcement.test_handhaving import pdf_text
from tests.factories import IntakeOproepFactory

pytestmark = pytest.mark.django_db


def _oproepen(person):
    first = IntakeOproepFactory(
        inburgeraar=person,
        volgnummer=1,
        soort="oproep",
        status="niet_verschenen",
        dagtekening=dt.date(2026, 9, 1),
        afspraak_op=dt.date(2026, 9, 10),
        termijn_einde=dt.date(2026, 9, 15),
    )
    IntakeOproepFactory(
        inburgeraar=person,
        volgnummer=2,
        soort="waarschuwing",
        status="ingetrokken",
        dagtekening=dt.date(2026, 9, 16),
        afspraak_op=dt.date(2026, 9, 20),
        termijn_einde=dt.date(2026, 9, 25),
    )
    second = IntakeOproepFactory(
        inburgeraar=person,
        volgnummer=3,
        soort="waarschuwing",
        status="niet_verschenen",
        dagtekening=dt.date(2026, 9, 17),
        afspraak_op=dt.date(2026, 9, 24),
        termijn_einde=dt.date(2026, 9, 30),
    )
    return first, second


def test_an_art22_case_shows_and_cites_the_oproepen(world, km, client_for):
    person = world.person
    first, second = _oproepen(person)
    zaak = warned_case(person, km)
    assert [o.pk for o in services.wi14_oproepen(zaak)] == [first.pk, second.pk]

    page = client_for(km).get(reverse("handhaving_detail", args=[person.pk, zaak.pk]))
    html = page.content.decode()
    assert "Oproepen voor de brede intake" in html
    assert (
        "Oproep van 1 september 2026: afspraak op 10 september 2026, termijn tot en met "
        "15 september 2026 — niet verschenen" in html
    )
    assert "Waarschuwing met herhaalde oproep van 17 september 2026" in html
    assert "20 september 2026" not in html  # the withdrawn one does not count

    brief = services.impose_fine(
        zaak,
        vastgesteld_op=TODAY(),
        dagtekening=TODAY(),
        toelichting="Geen bericht.",
        nadere_termijn_einde=TODAY() + dt.timedelta(days=30),
    )
    assert brief.template_versie == "boetebesluit-2026.4"
    text = pdf_text(brief)
    assert (
        "Wij hebben u uitgenodigd voor de brede intake (Wet inburgering 2021, artikel 14 lid 1)"
        in text
    )
    assert (
        "oproep van 1 september 2026: afspraak op 10 september 2026, u moest komen uiterlijk "
        "15 september 2026. U bent niet gekomen." in text
    )
    assert "waarschuwing met een nieuwe oproep van 17 september 2026" in text
    # The older template still renders, without the list.
    zaak.refresh_from_db()
    old, _ = render_html(zaak, "boetebesluit", "boetebesluit-2026.3")
    assert "artikel 14 lid 1" not in old and "Boete" in old


def test_an_art23_case_has_no_oproepen_section(pip_person, km, client_for):
    IntakeOproepFactory(inburgeraar=pip_person)
    zaak = art23_case(pip_person, km)
    assert services.wi14_oproepen(zaak) == []
    html = (
        client_for(km)
        .get(reverse("handhaving_detail", args=[pip_person.pk, zaak.pk]))
        .content.decode()
    )
    assert "Oproepen voor de brede intake" not in html


def test_an_art22_case_without_oproepen_says_so(world, km, client_for):
    zaak = warned_case(world.person, km)
    html = (
        client_for(world.users[Role.KLANTMANAGER])
        .get(reverse("handhaving_detail", args=[world.person.pk, zaak.pk]))
        .content.decode()
    )
    assert "Er zijn geen oproepen voor de brede intake vastgelegd." in html
