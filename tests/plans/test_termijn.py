"""Issue 18, points 1 and 5: the inburgeringstermijn belongs to the person. A mover keeps
it (the new PIP prints the old end), the new municipality's PIP is due 10 weeks after the
registration entered at the import, DUO's extension moves the end everywhere, and a full
ontheffing ends what no longer applies."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from regie.core.extensions import next_deadlines, werkvoorraad
from regie.core.models import AuditEvent
from regie.core.roles import Role
from regie.enforcement.models import Handhavingszaak
from regie.exchange import exports
from regie.people.models import DuoBesluit, Inburgeraar, Termijnwijziging
from regie.people.services import change_status
from regie.people.termijn import geldende_onderdelen, termijn_of
from regie.plans import services
from tests.factories import BredeIntakeFactory, valid_bsn
from tests.plans.conftest import set_pip
from tests.plans.test_beschikking import pdf_text

D = dt.date


def _dossier():
    return {
        "formaat": "regie-overdracht/1",
        "kenmerk": "verhuis01",
        "van_gemeente": "GM0363",
        "inburgeraar": {
            "bsn": valid_bsn(77001),
            "first_name": "Amal",
            "last_name": "Verhuisd",
            "date_of_birth": "1990-05-01",
            "gender": "v",
            "doelgroep": "asielmigrant",
            "regime": "wi2021",
            "kennisgeving_date": "2024-01-10",
        },
        "status": "in_uitvoering",
        "pip": {
            "leerroute": "b1",
            "versie": 2,
            "dagtekening_eerste_pip": "2024-03-01",
            "termijn_start": "2024-03-02",
            "termijn_einde": "2027-03-01",
        },
    }


@pytest.fixture
def mover(world, km, travel):
    travel("2026-12-01")
    report = exports.import_dossier(
        _dossier(), world.municipality, "dossier.json", inschrijving_op=D(2026, 11, 20)
    )
    assert report.applied, report.results
    person = Inburgeraar.objects.get(bsn=valid_bsn(77001), municipality=world.municipality)
    person.klantmanager = km
    person.save()
    return person


def test_the_registration_date_not_the_import_day_becomes_brp_date(mover):
    assert mover.brp_date == D(2026, 11, 20)  # imported on 1 December
    wijziging = Termijnwijziging.objects.get(inburgeraar=mover)
    assert (wijziging.soort, wijziging.start, wijziging.einde) == (
        "overgenomen",
        D(2024, 3, 2),
        D(2027, 3, 1),
    )
    assert "verhuis01" in wijziging.bron


def test_the_movers_pip_is_due_10_weeks_after_registration_here(mover, km):
    # Besluit art. 5.3 lid 3: ten weeks after Friday 20 November 2026 is Friday 29 January.
    deadline = next_deadlines(km, [mover])[mover.pk]
    assert (deadline.what, deadline.due) == ("PIP vaststellen", D(2027, 1, 29))


def test_a_movers_pip_keeps_the_termijn_issue_case(mover, km, colleague, world, travel):
    change_status(mover, "intake")
    BredeIntakeFactory(inburgeraar=mover, completed=True)
    travel("2026-12-05")
    versie = set_pip(mover, km, colleague, aanbieder=world.aanbieder, on=D(2026, 12, 5))
    text = pdf_text(bytes(versie.beschikking.pdf))
    assert "begint op 2 maart 2024 en eindigt op 1 maart 2027" in text
    assert "6 december 2026" not in text.split("Hoeveel tijd")[1].split("bezwaar")[0]
    assert "U bent verhuisd" in text
    assert (versie.beschikking.termijn_start, versie.beschikking.termijn_einde) == (
        D(2024, 3, 2),
        D(2027, 3, 1),
    )
    # No second start: the record still says 'taken over'.
    assert list(
        Termijnwijziging.objects.filter(inburgeraar=mover).values_list("soort", flat=True)
    ) == ["overgenomen"]
    assert services.termijn(services.pip_of(mover)) == (D(2024, 3, 2), D(2027, 3, 1))
    # The 18-month route-change window counts from the taken-over start: long past.
    allowed, why = services.route_change_check(mover, services.pip_of(mover), "z", D(2026, 12, 7))
    assert not allowed and "1 september 2025" in why


def test_the_first_pip_records_the_start(person, km, colleague, world):
    set_pip(person, km, colleague, aanbieder=world.aanbieder, on=D(2026, 3, 16))
    row = Termijnwijziging.objects.get(inburgeraar=person)
    assert (row.soort, row.start, row.einde) == ("start", D(2026, 3, 17), D(2029, 3, 16))
    assert "PIP versie 1" in row.bron


@pytest.fixture
def running(person, km, colleague, world, travel):
    """A PIP set on 16 March 2026 (termijn up to 16 March 2029); today 1 November 2028."""
    travel("2026-03-16")
    set_pip(person, km, colleague, aanbieder=world.aanbieder, on=D(2026, 3, 16))
    travel("2028-11-01")
    return person


def _post(client, person, **fields):
    data = {
        "soort": "verlenging",
        "besluit_op": "2028-10-20",
        "ingang_op": "2029-03-17",
        "nieuwe_einddatum": "2029-09-16",
        "duo_kenmerk": "DUO-2028-123",
    }
    data.update(fields)
    return client.post(reverse("duo_besluit_add", args=[person.pk]), data, follow=True)


def test_an_extension_of_six_months_moves_the_end_the_letters_and_the_werkvoorraad(
    running, km, colleague, world, client_for
):
    sections = {s.key: s for s in werkvoorraad(km, D(2028, 11, 1))}
    item = sections["termijn_verlenging"].items[0]
    assert item.person == running and item.due == D(2029, 3, 16)
    assert "16 maart 2029" in item.what

    page = _post(client_for(km), running)
    assert "Het besluit van DUO is vastgelegd." in page.content.decode()
    termijn = termijn_of(running)
    assert (termijn.start, termijn.einde, termijn.oorspronkelijk_einde) == (
        D(2026, 3, 17),
        D(2029, 9, 16),
        D(2029, 3, 16),
    )
    text = page.content.decode()
    assert "16 september 2029" in text and "DUO-2028-123" in text and "art. 12" in text

    # The next PIP version's letter prints the new end.
    versie = set_pip(
        running, km, colleague, aanbieder=world.aanbieder, on=D(2028, 11, 1), wijzigingsreden="x"
    )
    letter = pdf_text(bytes(versie.beschikking.pdf))
    assert "eindigt op 16 september 2029" in letter
    assert "DUO heeft uw termijn verlengd" in letter
    # Requesting a further extension is not yet possible: out of the werkvoorraad.
    sections = {s.key: s for s in werkvoorraad(km, D(2028, 11, 1))}
    assert sections["termijn_verlenging"].items == []
    # The person's file shows the termijn with its history.
    detail = client_for(km).get(reverse("person_detail", args=[running.pk])).content.decode()
    assert "Inburgeringstermijn" in detail and "verlengd door DUO" in detail


def test_a_bad_extension_shows_a_dutch_error_and_stores_nothing(running, km, client_for):
    page = _post(client_for(km), running, nieuwe_einddatum="2029-01-01")
    assert page.status_code == 200
    assert "Een verlenging eindigt na het huidige einde van de termijn (16 maart 2029)." in (
        page.content.decode()
    )
    assert not DuoBesluit.objects.exists()
    assert termijn_of(running).einde == D(2029, 3, 16)


def test_partial_ontheffing_of_all_four_language_parts_is_refused(running, km, client_for):
    page = _post(
        client_for(km),
        running,
        soort="ontheffing",
        nieuwe_einddatum="",
        ingang_op="2028-10-20",
        onderdelen=["lezen", "luisteren", "schrijven", "spreken"],
    )
    assert "hoogstens drie van de vier taalonderdelen" in page.content.decode()
    assert not DuoBesluit.objects.exists()


def test_a_partial_vrijstelling_removes_the_part_from_what_the_pip_must_contain(
    running, km, client_for
):
    _post(
        client_for(km),
        running,
        soort="vrijstelling",
        nieuwe_einddatum="",
        ingang_op="2028-10-20",
        onderdelen=["map"],
    )
    parts = {p.value for p in geldende_onderdelen(running, "b1")}
    assert "map" not in parts and "pvt" in parts and "lezen" in parts
    assert Inburgeraar.objects.get(pk=running.pk).status == "pip_vastgesteld"


ADVIES_PDF = b"%PDF-1.4\n% advies van het college\n%%EOF\n"


def test_a_full_ontheffing_ends_the_obligation_and_its_work(running, km, client_for, world):
    Handhavingszaak.objects.create(
        inburgeraar=running,
        bron="aanwezigheid",
        grondslag="art23",
        signaal_op=D(2028, 10, 1),
        omschrijving="Te vaak afwezig.",
    )
    keys = {s.key: s.items for s in werkvoorraad(km, D(2028, 11, 1))}
    assert any(i.person == running for i in keys["termijn_verlenging"])
    assert any(i.person == running for items in keys.values() for i in items if "Signaal" in i.what)

    # Without the college's advice a full ontheffing is not recorded (Besluit 2.8 lid 2):
    # the advice itself, as a PDF, not only its kenmerk.
    page = _post(
        client_for(km),
        running,
        soort="ontheffing",
        nieuwe_einddatum="",
        volledig="on",
        advies_kenmerk="ZAAK-42",
    )
    assert "Voeg het advies toe als pdf." in page.content.decode()
    page = _post(
        client_for(km),
        running,
        soort="ontheffing",
        nieuwe_einddatum="",
        volledig="on",
        advies_document=SimpleUploadedFile("advies.docx", b"PK\x03\x04 niet een pdf"),
    )
    assert "Dit soort bestand wordt niet geaccepteerd. Toegestaan: PDF." in page.content.decode()
    assert not DuoBesluit.objects.filter(inburgeraar=running).exists()
    page = _post(
        client_for(km),
        running,
        soort="ontheffing",
        nieuwe_einddatum="",
        ingang_op="2028-10-20",
        volledig="on",
        advies_kenmerk="ZAAK-42",
        advies_op="2028-09-01",
        advies_document=SimpleUploadedFile(
            "Advies college ZAAK-42.pdf", ADVIES_PDF, content_type="application/pdf"
        ),
    ).content.decode()
    # Shown with the DuoBesluit; downloaded by who sees health data, audit-logged.
    assert "Advies van het college downloaden (Advies college ZAAK-42.pdf)" in page
    besluit = DuoBesluit.objects.get(inburgeraar=running)
    url = reverse("duo_besluit_advies", args=[running.pk, besluit.pk])
    response = client_for(km).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response) == ADVIES_PDF
    assert AuditEvent.objects.filter(
        description="advies college bij DUO-besluit DUO-2028-123", inburgeraar_id=running.pk
    ).exists()
    # A role without health data never gets it (the role x URL matrix walks every role).
    assert client_for(world.users[Role.JURIST]).get(url).status_code in (403, 404)
    running.refresh_from_db()
    assert running.status == "ontheffing"
    assert geldende_onderdelen(running, "b1") == frozenset()
    after = werkvoorraad(km, D(2028, 11, 1))
    assert not any(i.person == running for s in after for i in s.items)


def test_no_inburgeringsaanbod_is_to_be_reported_to_duo(person, km, colleague, world, travel):
    # world.person is an asielmigrant referred to Toptaal; here the referral is still open.
    person.verwijzingen.update(status="aangevraagd")
    travel("2026-03-16")
    set_pip(person, km, colleague, aanbieder=world.aanbieder, on=D(2026, 3, 16))
    early = {s.key: s.items for s in werkvoorraad(km, D(2026, 4, 1))}
    assert early["geen_aanbod"] == []
    later = {s.key: s.items for s in werkvoorraad(km, D(2026, 5, 20))}
    assert [(i.person, i.due) for i in later["geen_aanbod"]] == [(person, D(2026, 5, 26))]
    person.verwijzingen.update(status="geaccepteerd", start_date=D(2026, 5, 1))
    accepted = {s.key: s.items for s in werkvoorraad(km, D(2026, 5, 20))}
    assert accepted["geen_aanbod"] == []


def test_the_termijn_page_is_read_by_the_begeleider_and_audit_logged(running, world, client_for):
    from regie.core.models import AuditEvent
    from regie.core.roles import Role

    begeleider = world.users[Role.BEGELEIDER]
    page = client_for(begeleider).get(reverse("termijn_detail", args=[running.pk]))
    assert page.status_code == 200
    assert "16 maart 2029" in page.content.decode()
    assert "Besluit van DUO vastleggen" not in page.content.decode()
    assert AuditEvent.objects.filter(
        inburgeraar_id=running.pk, description__contains="inburgeringstermijn"
    ).exists()
