"""Bulk upload of hours (all or nothing, a report of every bad row) and the DUO import
(idempotent, corrections update, all or nothing)."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from regie.core.roles import Role
from regie.exchange.adapters.base import adapter
from regie.exchange.imports import import_duo_signals, import_lesuren
from regie.exchange.models import ImportRun, Lesuren
from regie.people.models import Inburgeraar
from tests.factories import InburgeraarFactory, LesurenFactory, valid_bsn

HEADER = "inburgeraar;maand;uren_aangeboden;uren_aanwezig\n"


def rows_of(text: str, name="uren.csv"):
    return adapter("lesuren").read_lesuren(io.BytesIO(text.encode()), name)


def test_good_upload_applies_every_row_and_reimport_changes_nothing(world):
    user = world.users[Role.AANBIEDER]
    text = HEADER + f"{world.person.pk};2025-01;40;36\n{world.person.pk};2025-02;40;40\n"
    report = import_lesuren(user, rows_of(text))
    assert report.applied and [r.action for r in report.results] == ["nieuw", "nieuw"]
    again = import_lesuren(user, rows_of(text))
    assert again.applied and [r.action for r in again.results] == ["ongewijzigd", "ongewijzigd"]
    assert Lesuren.objects.count() == 2


def test_upload_with_bad_rows_changes_nothing_and_reports_every_bad_row(world):
    user = world.users[Role.AANBIEDER]
    existing = LesurenFactory(
        inburgeraar=world.person, aanbieder=world.aanbieder, maand="2025-01-01"
    )
    text = HEADER + (
        f"{world.person.pk};2025-01;10;5\n"  # good: would correct the existing month
        f"{world.stranger.pk};2025-02;10;5\n"  # not referred
        f"{world.person.pk};2025-03;10;12\n"  # attended above offered
        f"{world.person.pk};maart;x;5\n"  # bad month and hours
        f"{world.person.pk};2099-01;10;5\n"  # future
        f"{world.person.pk};2025-01;10;5\n"  # duplicate of row 1
    )
    report = import_lesuren(user, rows_of(text))
    assert not report.applied
    assert [r.number for r in report.errors] == [2, 3, 4, 5, 6]
    assert report.results[0].action == "geldig"
    existing.refresh_from_db()
    assert existing.uren_aangeboden == 40  # untouched
    assert Lesuren.objects.count() == 1
    assert ImportRun.objects.get().ok is False


def test_xlsx_upload_through_the_portal(world, client_for):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["inburgeraar", "maand", "uren_aangeboden", "uren_aanwezig"])
    sheet.append([world.person.pk, "2025-04", 32, 30.5])
    data = io.BytesIO()
    workbook.save(data)
    client = client_for(world.users[Role.AANBIEDER])
    upload = SimpleUploadedFile("uren.xlsx", data.getvalue())
    response = client.post(reverse("portal_upload"), {"bestand": upload})
    assert response.status_code == 200
    assert Lesuren.objects.get().uren_aanwezig == 30.5


def test_unreadable_file_is_reported(world, client_for):
    client = client_for(world.users[Role.AANBIEDER])
    upload = SimpleUploadedFile("uren.csv", b"naam;iets\nx;y\n")
    response = client.post(reverse("portal_upload"), {"bestand": upload})
    assert "Kolommen ontbreken" in response.content.decode()
    assert not Lesuren.objects.exists()


# --- DUO ----------------------------------------------------------------------------------


def signal(**overrides):
    base = {
        "signaal_id": "S1",
        "soort": "nieuw",
        "bsn": valid_bsn(900),
        "voornamen": "Yonas",
        "achternaam": "Tesfay",
        "geboortedatum": "1994-02-03",
        "geslacht": "m",
        "nationaliteit": "Eritrese",
        "doelgroep": "asielmigrant",
        "gemeentecode": "GM0294",
        "kennisgeving_datum": "2026-01-10",
    }
    return {**base, **overrides}


def duo_rows(signals, fmt="json"):
    if fmt == "json":
        data = json.dumps({"signalen": signals}).encode()
        return adapter("duo").read_signals(io.BytesIO(data), "duo.json")
    columns = list(signals[0])
    text = (
        ";".join(columns) + "\n" + "".join(";".join(s[c] for c in columns) + "\n" for s in signals)
    )
    return adapter("duo").read_signals(io.BytesIO(text.encode()), "duo.csv")


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_duo_import_is_idempotent_and_corrections_update(world, fmt):
    km = world.users[Role.KLANTMANAGER]
    signals = [signal(), signal(signaal_id="S2", bsn=valid_bsn(901), achternaam="Haile")]
    report = import_duo_signals(duo_rows(signals, fmt), km)
    assert report.applied and [r.action for r in report.results] == ["nieuw", "nieuw"]
    person = Inburgeraar.objects.get(bsn=valid_bsn(900))
    assert (person.status, person.municipality, person.kennisgeving_date.isoformat()) == (
        "aangemeld",
        world.municipality,
        "2026-01-10",
    )
    again = import_duo_signals(duo_rows(signals, fmt), km)
    assert [r.action for r in again.results] == ["ongewijzigd", "ongewijzigd"]
    assert Inburgeraar.objects.filter(municipality=world.municipality).count() == 3
    corrected = import_duo_signals(
        duo_rows([signal(soort="correctie", achternaam="Tesfaye")], fmt), km
    )
    assert [r.action for r in corrected.results] == ["gewijzigd"]
    person.refresh_from_db()
    assert person.last_name == "Tesfaye"
    assert all(valid_bsn(900) not in r.key for r in corrected.results)  # no full BSN in reports


def test_duo_import_with_a_bad_row_changes_nothing(world):
    km = world.users[Role.KLANTMANAGER]
    signals = [
        signal(),
        signal(signaal_id="S2", bsn="123456789"),  # fails the 11-proef
        signal(signaal_id="S3", bsn=valid_bsn(902), gemeentecode="GM0999"),  # not served
        signal(signaal_id="S4", bsn=valid_bsn(903), soort="correctie"),  # unknown person
        signal(signaal_id="S5", bsn=valid_bsn(904), geboortedatum="2999-01-01"),
    ]
    report = import_duo_signals(duo_rows(signals), km)
    assert not report.applied
    assert [r.number for r in report.errors] == [2, 3, 4, 5]
    assert not Inburgeraar.objects.filter(bsn=valid_bsn(900)).exists()


def test_duo_import_page_and_command(world, client_for, tmp_path):
    client = client_for(world.users[Role.KLANTMANAGER])
    data = json.dumps({"signalen": [signal()]}).encode()
    response = client.post(reverse("duo_import"), {"bestand": SimpleUploadedFile("duo.json", data)})
    assert response.status_code == 200
    assert Inburgeraar.objects.filter(bsn=valid_bsn(900)).exists()
    from django.core.management import call_command

    path = tmp_path / "duo.json"
    path.write_bytes(json.dumps({"signalen": [signal(bsn=valid_bsn(905))]}).encode())
    out = io.StringIO()
    call_command("duo", "import", str(path), stdout=out)
    assert "nieuw: 1" in out.getvalue()
    assert InburgeraarFactory._meta.model.objects.filter(bsn=valid_bsn(905)).exists()
