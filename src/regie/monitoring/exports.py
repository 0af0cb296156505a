"""Exports of the monitoring figures (CSV and XLSX, always with small-cell suppression:
they are made to be shared outside the municipality) and the pseudonymised per-person
extract for statistical delivery.

Pseudonymised extract (``regie-statistiek-v1``), one row per person, semicolon-separated
UTF-8 CSV with a header row:

=================  ==========================================================================
pseudoniem         HMAC-SHA256 over gemeente-code and BSN with the installation's secret key,
                   first 16 hex characters: stable between deliveries, not reversible
                   without the key; no BSN, name, address or date of birth in the file
gemeente           CBS-gemeentecode (GM0000)
geboortejaar       year of birth (no day or month)
geslacht           m / v / x
doelgroep          asielmigrant / gezinsmigrant / overige
regime             wi2021 / wi2013 / oudkomer
cohort             year of the kennisgeving (start of the inburgeringsplicht)
maand_kennisgeving YYYY-MM
maand_pip          YYYY-MM of the dagtekening of the first vastgestelde PIP, or empty
dagen_tot_pip      days from kennisgeving to that dagtekening, or empty
leerroute          b1 / onderwijs / z of the latest vastgestelde PIP, or empty
pvt_ondertekend    1 / 0
map_afgerond       1 / 0
status             the person's current status
=================  ==========================================================================
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import io

from django.conf import settings
from openpyxl import Workbook
from openpyxl.styles import Font

from regie.core.safe_csv import BOM, dutch_row, safe_row
from regie.monitoring.figures import days_between
from regie.monitoring.queries import Filters, persons, with_pip

EXTRACT_FORMAT = "regie-statistiek-v1"
EXTRACT_COLUMNS = [
    "pseudoniem",
    "gemeente",
    "geboortejaar",
    "geslacht",
    "doelgroep",
    "regime",
    "cohort",
    "maand_kennisgeving",
    "maand_pip",
    "dagen_tot_pip",
    "leerroute",
    "pvt_ondertekend",
    "map_afgerond",
    "status",
]


def _cell(value):
    if isinstance(value, int | float | str) or value is None:
        return value
    return float(value) if hasattr(value, "as_tuple") else str(value)


def tables_csv(tables) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    for table in tables:
        table = table.suppressed()
        writer.writerow(dutch_row([table.title]))
        if table.unavailable:
            writer.writerow(dutch_row(["nog niet beschikbaar", table.unavailable]))
        else:
            writer.writerow(dutch_row(table.headers))
            for row in table.rows:
                writer.writerow(dutch_row([_cell(v) for v in row]))
        writer.writerow([])
    return (BOM + out.getvalue()).encode("utf-8")


def tables_xlsx(tables) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in tables:
        table = table.suppressed()
        sheet = workbook.create_sheet(table.key[:31])
        sheet.append(safe_row([table.title]))
        sheet["A1"].font = Font(bold=True)
        if table.unavailable:
            sheet.append(safe_row(["nog niet beschikbaar", table.unavailable]))
        else:
            sheet.append(safe_row(table.headers))
            for row in table.rows:
                sheet.append(safe_row([_cell(v) for v in row]))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def pseudonym(cbs_code: str, bsn: str) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"{cbs_code}:{bsn}".encode(), hashlib.sha256).hexdigest()[:16]


def _month(value) -> str:
    return value.strftime("%Y-%m") if value else ""


def extract_csv(filters: Filters, progress=None) -> tuple[bytes, int]:
    """The extract and its number of persons; ``progress(done, total)`` is told every
    500 persons (the background job's progress bar)."""
    total = persons(filters).count() if progress else 0
    rows = (
        with_pip(persons(filters))
        .values_list(
            "municipality__cbs_code",
            "bsn",
            "date_of_birth",
            "gender",
            "doelgroep",
            "regime",
            "kennisgeving_date",
            "pip_dagtekening",
            "current_leerroute",
            "pvt__signed_on",
            "map__eindgesprek_on",
            "status",
        )
        .order_by("pk")
    )
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(EXTRACT_COLUMNS)
    n = 0
    for cbs, bsn, dob, gender, doelgroep, regime, kg, pip, route, pvt, mp, status in rows.iterator(
        chunk_size=2000
    ):
        days = days_between(kg, pip)
        writer.writerow(
            safe_row(
                [
                    pseudonym(cbs, bsn),
                    cbs,
                    dob.year if dob else "",
                    gender,
                    doelgroep,
                    regime,
                    kg.year if kg else "",
                    _month(kg),
                    _month(pip),
                    "" if days is None else days,
                    route or "",
                    1 if pvt else 0,
                    1 if mp else 0,
                    status,
                ]
            )
        )
        n += 1
        if progress and n % 500 == 0:
            progress(n, total)
    return out.getvalue().encode("utf-8"), n
