"""The referral flow in the UI, the aanbieder portal forms, the klantmanager's signals,
DUO meldingen, the overdracht after a move, and the demo."""

import datetime as dt
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from freezegun import freeze_time

from regie.core.extensions import werkvoorraad
from regie.core.localrules import set_local_value
from regie.core.roles import Role
from regie.exchange import exports
from regie.exchange.models import (
    Afschaalverzoek,
    Afwezigheid,
    DuoMelding,
    Examenresultaat,
    Lesuren,
    Overdracht,
)
from regie.people.models import Inburgeraar, Verwijzing
from tests.factories import (
    AfschaalverzoekFactory,
    ExamenresultaatFactory,
    InburgeraarFactory,
    LesurenFactory,
    PIPFactory,
    PIPVersieFactory,
)


@pytest.fixture
def km(world):
    return world.users[Role.KLANTMANAGER]


@pytest.fixture
def aanbieder(world):
    return world.users[Role.AANBIEDER]


@freeze_time("2026-11-20")
def test_refer_accept_and_report_in_the_ui(world, km, aanbieder, client_for):
    person = InburgeraarFactory(
        municipality=world.municipality, klantmanager=km, status="pip_vastgesteld"
    )
    PIPVersieFactory(
        pip=PIPFactory(inburgeraar=person), nummer=1, vastgesteld=True, aanbieder=world.aanbieder
    )
    client = client_for(km)
    page = client.get(reverse("verwijzing_create", args=[person.pk]))
    assert "PIP versie 1" in page.content.decode()
    response = client.post(
        reverse("verwijzing_create", args=[person.pk]),
        {"aanbieder": world.aanbieder.pk, "toelichting": "Maandag"},
    )
    assert response.status_code == 302
    verwijzing = Verwijzing.objects.get(inburgeraar=person)
    assert (verwijzing.status, verwijzing.leerroute) == ("aangevraagd", "b1")

    portal = client_for(aanbieder)
    home = portal.get(reverse("portal_home")).content.decode()
    assert person.last_name in home
    assert person.bsn not in home
    bad = portal.post(reverse("portal_verwijzing", args=[verwijzing.pk]), {"accepteren": "1"})
    assert bad.status_code == 200 and "Startdatum" in bad.content.decode()
    portal.post(
        reverse("portal_verwijzing", args=[verwijzing.pk]),
        {"accepteren": "1", "start_date": "2026-11-02"},
    )
    verwijzing.refresh_from_db()
    assert verwijzing.status == "geaccepteerd"

    url = reverse("portal_deelnemer", args=[person.pk])
    page = portal.get(url).content.decode()
    assert person.bsn not in page
    portal.post(
        url,
        {
            "formulier": "lesuren",
            "lesuren-maand": "2026-10",
            "lesuren-uren_aangeboden": "40",
            "lesuren-uren_aanwezig": "20",
        },
    )
    portal.post(
        url,
        {
            "formulier": "afwezigheid",
            "afwezigheid-datum": "2026-10-05",
            "afwezigheid-uren": "3",
            "afwezigheid-reden": "ziek",
        },
    )
    portal.post(
        url,
        {
            "formulier": "examen",
            "examen-datum": "2026-11-10",
            "examen-onderdeel": "knm",
            "examen-niveau": "",
            "examen-uitslag": "behaald",
        },
    )
    bad = portal.post(
        url,
        {
            "formulier": "examen",
            "examen-datum": "2026-11-10",
            "examen-onderdeel": "lezen",
            "examen-niveau": "",
            "examen-uitslag": "behaald",
        },
    )
    assert "Kies B1 of A2" in bad.content.decode()
    refused = portal.post(
        url,
        {
            "formulier": "afschalen",
            "afschalen-onderdeel": "lezen",
            "afschalen-motivering": "Doet zijn best",
        },
    )
    assert "600" in refused.content.decode()
    assert Lesuren.objects.get().uren_aanwezig == 20
    assert Afwezigheid.objects.count() == 1
    assert Examenresultaat.objects.count() == 1
    assert not Afschaalverzoek.objects.exists()

    # The klantmanager gets the signals: attendance 50 % < 80 % and a new exam result.
    sections = {s.key: s for s in werkvoorraad(km, dt.date(2026, 11, 20))}
    assert [i.person for i in sections["aanwezigheid"].items] == [person]
    assert "50%" in sections["aanwezigheid"].items[0].what
    assert [i.person for i in sections["examens"].items] == [person]
    # A municipality with a lower threshold gets no attendance signal.
    set_local_value(world.municipality, "aanwezigheid_signaal_procent", 40, "test")
    world.municipality._local_rules = None
    km_fresh = type(km).objects.get(pk=km.pk)
    sections = {s.key: s for s in werkvoorraad(km_fresh, dt.date(2026, 11, 20))}
    assert sections["aanwezigheid"].items == []

    # End of the traject.
    portal.post(
        url,
        {
            "formulier": "beeindigen",
            "beeindigen-end_date": "2026-11-19",
            "beeindigen-einde_reden": "afgerond",
        },
    )
    verwijzing.refresh_from_db()
    assert (verwijzing.status, verwijzing.end_date) == ("beeindigd", dt.date(2026, 11, 19))


def test_reject_needs_a_reason(world, km, aanbieder, client_for):
    verwijzing = Verwijzing.objects.get(inburgeraar=world.person)
    verwijzing.status = "aangevraagd"
    verwijzing.save()
    portal = client_for(aanbieder)
    response = portal.post(reverse("portal_verwijzing", args=[verwijzing.pk]), {"afwijzen": "1"})
    assert response.status_code == 200
    verwijzing.refresh_from_db()
    assert verwijzing.status == "aangevraagd"
    portal.post(
        reverse("portal_verwijzing", args=[verwijzing.pk]),
        {"afwijzen": "1", "afwijzingsreden": "Groep vol"},
    )
    verwijzing.refresh_from_db()
    assert verwijzing.status == "afgewezen"
    # Rejected: the aanbieder no longer sees the person.
    assert portal.get(reverse("portal_deelnemer", args=[world.person.pk])).status_code == 404
    sections = {s.key: s for s in werkvoorraad(km, dt.date.today())}
    assert any("afgewezen" in i.what for i in sections["afschalen"].items)


def test_klantmanager_decides_an_afschaalverzoek(world, km, client_for):
    verzoek = AfschaalverzoekFactory(inburgeraar=world.person, aanbieder=world.aanbieder)
    client = client_for(km)
    page = client.get(reverse("person_taal", args=[world.person.pk]))
    assert "Afschaalverzoeken" in page.content.decode()
    client.post(
        reverse("afschaal_besluit", args=[world.person.pk, verzoek.pk]), {"besluit": "afwijzen"}
    )
    verzoek.refresh_from_db()
    assert verzoek.status == "ingediend"  # a refusal needs reasons
    client.post(
        reverse("afschaal_besluit", args=[world.person.pk, verzoek.pk]), {"besluit": "toekennen"}
    )
    verzoek.refresh_from_db()
    assert (verzoek.status, verzoek.besloten_door) == ("toegekend", km)


def test_werkvoorraad_queries_do_not_grow_with_the_caseload(
    world, km, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add(n):
        for _ in range(n):
            person = InburgeraarFactory(municipality=world.municipality, klantmanager=km)
            Verwijzing.objects.create(
                inburgeraar=person, aanbieder=world.aanbieder, status="geaccepteerd"
            )
            LesurenFactory(
                inburgeraar=person,
                aanbieder=world.aanbieder,
                maand=dt.date.today().replace(day=1),
                uren_aanwezig=10,
            )
            ExamenresultaatFactory(inburgeraar=person, aanbieder=world.aanbieder)

    from regie.exchange.workitems import klantmanager_taal_work

    add(2)
    fresh = lambda: type(km).objects.get(pk=km.pk)  # noqa: E731
    with CaptureQueriesContext(connection) as few:
        first = klantmanager_taal_work(fresh(), dt.date.today())
    add(15)
    with CaptureQueriesContext(connection) as many:
        second = klantmanager_taal_work(fresh(), dt.date.today())
    assert len(second[0].items) == len(first[0].items) + 15
    assert len(many) == len(few)


def test_duo_meldingen_are_exported_once(world, km):
    exports.record_overschrijding(
        world.person, dt.date(2026, 1, 5), "Niet naar de lessen zonder reden."
    )
    export, count = exports.export_duo_meldingen(world.municipality, "csv")
    text = export.content.decode()
    assert count == 1 and "verwijtbare_overschrijding" in text and world.person.bsn in text
    again, count = exports.export_duo_meldingen(world.municipality, "json")
    assert count == 0 and json.loads(again.content)["meldingen"] == []
    assert DuoMelding.objects.get().geexporteerd_op is not None


def test_cbs_export_has_a_row_per_person(world):
    export = exports.export_cbs(world.municipality)
    lines = export.content.decode().strip().splitlines()
    assert lines[0].startswith("kenmerk;gemeentecode;bsn")
    assert len(lines) == 1 + Inburgeraar.objects.filter(municipality=world.municipality).count()


def test_overdracht_export_and_import(world, km, client_for):
    PIPVersieFactory(
        pip=PIPFactory(inburgeraar=world.person),
        nummer=1,
        vastgesteld=True,
        aanbieder=world.aanbieder,
    )
    LesurenFactory(inburgeraar=world.person, aanbieder=world.aanbieder)
    response = client_for(km).post(
        reverse("overdracht_export", args=[world.person.pk]), {"vertrokken": ""}
    )
    dossier = json.loads(response.content)
    assert dossier["pip"]["leerroute"] == "b1"
    assert "health" not in response.content.decode().lower()
    # The new municipality (served by the same uitvoerder here) imports it.
    world.uitvoerder.serves.add(world.other_municipality)
    upload = SimpleUploadedFile("dossier.json", response.content)
    client = client_for(km)
    inschrijving = dt.date.today() - dt.timedelta(days=9)
    missing = client.post(
        reverse("overdracht_import"), {"gemeente": world.other_municipality.pk, "bestand": upload}
    )
    # Without the registration date nothing is imported (the field shows its error).
    assert "utrecht-form-field--invalid" in missing.content.decode()
    assert not Inburgeraar.objects.filter(
        municipality=world.other_municipality, bsn=world.person.bsn
    ).exists()
    upload.seek(0)
    page = client.post(
        reverse("overdracht_import"),
        {
            "gemeente": world.other_municipality.pk,
            "bestand": upload,
            "inschrijving_op": inschrijving.isoformat(),
        },
    )
    assert page.status_code == 200
    moved = Inburgeraar.objects.get(municipality=world.other_municipality, bsn=world.person.bsn)
    assert moved.status == "aangemeld"
    # The registration date entered, never the day of the import (issue 18).
    assert moved.brp_date == inschrijving
    assert Overdracht.objects.get(inburgeraar=moved).leerroute == "b1"
    again = exports.import_dossier(dossier, world.other_municipality)
    assert [r.action for r in again.results] == ["ongewijzigd"], again.results
    assert Inburgeraar.objects.filter(bsn=world.person.bsn).count() == 2


def test_demo_has_hours_results_afschalen_and_a_pending_referral(db):
    from regie.demo.data import DemoBuilder

    builder = DemoBuilder(today=dt.date(2026, 11, 20))
    builder.build()
    assert Lesuren.objects.exists()
    assert Examenresultaat.objects.exists()
    assert Afschaalverzoek.objects.count() == 1
    assert Verwijzing.objects.filter(status="aangevraagd", aanbieder__name="Toptaal").count() == 1
    km = builder.users["klantmanager"]
    sections = {s.key: s for s in werkvoorraad(km, builder.today)}
    assert sections["aanwezigheid"].items
