"""Issue 18 deliverable 8: DUO's answer to a melding file marks the meldingen confirmed
(gemeld -> bevestigd). All or nothing, with a report per row; a repeated import changes
nothing."""

import csv
import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from regie.core.roles import Role
from regie.exchange import exports
from regie.exchange.models import DuoMelding, DuoMeldingStatus, ImportRun
from tests.factories import InburgeraarFactory

pytestmark = pytest.mark.django_db


def _export(world, km, travel):
    travel("2026-12-10")
    from regie.activities.models import MapTraject

    persons = [InburgeraarFactory(municipality=world.municipality, klantmanager=km) for _ in "ab"]
    for person in persons:
        MapTraject.objects.create(inburgeraar=person, eindgesprek_on=dt.date(2026, 12, 1))
    export, _count = exports.export_duo_meldingen(world.municipality, "csv")
    rows = list(csv.DictReader(io.StringIO(export.content.decode("utf-8-sig")), delimiter=";"))
    return persons, [r for r in rows if r["bsn"] in {p.bsn for p in persons}]


def _file(rows, name="terugmelding.csv"):
    out = io.StringIO()
    columns = ["kenmerk", "soort", "bsn", "datum", "sleutel", "resultaat"]
    writer = csv.DictWriter(out, columns, delimiter=";", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return SimpleUploadedFile(name, out.getvalue().encode(), content_type="text/csv")


def _melding(person):
    return DuoMelding.objects.get(inburgeraar=person, soort="map_afgerond")


def test_a_duo_answer_confirms_the_meldingen_all_or_nothing(world, client_for, travel):
    km = world.users[Role.KLANTMANAGER]
    persons, rows = _export(world, km, travel)
    assert len(rows) == 2
    assert {_melding(p).status for p in persons} == {DuoMeldingStatus.GEMELD}
    client = client_for(km)
    url = reverse("duo_terugmelding")

    # One row refused by DUO, one with an unknown kenmerk: nothing is confirmed.
    bad = [
        {**rows[0], "resultaat": "afgewezen"},
        {**rows[1], "kenmerk": "0000-20260101000000", "resultaat": "bevestigd"},
    ]
    page = client.post(url, {"bestand": _file(bad)}).content.decode()
    assert "Er is niets verwerkt: 2 rij(en) bevatten fouten." in page
    assert "resultaat: &#x27;afgewezen&#x27;. Alleen bevestigde meldingen worden ingelezen." in page
    assert "Geen melding gevonden met dit kenmerk" in page
    assert {_melding(p).status for p in persons} == {DuoMeldingStatus.GEMELD}

    # A repeated row is an error too.
    page = client.post(
        url, {"bestand": _file([{**rows[0], "resultaat": "bevestigd"}] * 2)}
    ).content.decode()
    assert "Dubbel: dezelfde melding staat ook in rij 1." in page
    assert {_melding(p).status for p in persons} == {DuoMeldingStatus.GEMELD}

    good = [{**r, "resultaat": "bevestigd"} for r in rows]
    page = client.post(url, {"bestand": _file(good)}, follow=True).content.decode()
    assert "De terugmelding van DUO is verwerkt." in page
    assert "Alle 2 rijen zijn verwerkt." in page
    for person in persons:
        melding = _melding(person)
        assert melding.status == DuoMeldingStatus.BEVESTIGD
        assert melding.bevestigd_door == km.username
    run = ImportRun.objects.filter(kind="duo_terugmelding", ok=True).get()
    assert (run.updated, run.unchanged, run.errors) == (2, 0, 0)
    # The same file again changes nothing.
    client.post(url, {"bestand": _file(good)})
    run = ImportRun.objects.filter(kind="duo_terugmelding", ok=True).latest("id")
    assert (run.updated, run.unchanged) == (0, 2)


def test_a_file_without_the_columns_is_refused_in_dutch(world, client_for, travel):
    travel("2026-12-10")
    km = world.users[Role.KLANTMANAGER]
    upload = SimpleUploadedFile("x.csv", b"kenmerk;soort\n1;2\n", content_type="text/csv")
    page = client_for(km).post(reverse("duo_terugmelding"), {"bestand": upload}).content.decode()
    assert "resultaat" in page and "Verslag per rij" in page
