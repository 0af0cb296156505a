"""File-based adapters: they work without any connection, reading and writing the CSV,
XLSX and JSON formats documented in docs/exchange.md."""

from __future__ import annotations

import csv
import io
import itertools
import json
import zipfile
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import IO

from regie.core.safe_csv import safe_row
from regie.exchange.adapters.base import ExportFile, FormatError, RawRow, register

# Columns of each incoming format (docs/exchange.md). Extra columns are ignored.
DUO_SIGNAAL_COLUMNS = (
    "signaal_id",
    "soort",
    "bsn",
    "voornamen",
    "achternaam",
    "geboortedatum",
    "geslacht",
    "nationaliteit",
    "doelgroep",
    "gemeentecode",
    "kennisgeving_datum",
)
DUO_SIGNAAL_REQUIRED = ("soort", "bsn", "achternaam", "geboortedatum", "gemeentecode")
LESUREN_COLUMNS = ("inburgeraar", "maand", "uren_aangeboden", "uren_aanwezig")
MELDING_COLUMNS = (
    "kenmerk",
    "soort",
    "bsn",
    "gemeentecode",
    "datum",
    "sleutel",
    "waarde",
    "toelichting",
)
# DUO's answer to a melding file: the melding's own columns and DUO's result per row.
DUO_TERUGMELDING_REQUIRED = ("kenmerk", "soort", "bsn", "datum", "sleutel", "resultaat")

MAX_ROWS = 20000
# An XLSX sheet wider than this is refused; no format here has more than a dozen columns.
MAX_COLUMNS = 200
MAX_XLSX_UNPACKED_BYTES = 200 * 1024 * 1024


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _normalise(header) -> str:
    return _text(header).lower().replace(" ", "_").replace("-", "_")


def _rows_from_table(header: list, body: Iterable[list], required: Iterable[str]) -> list[RawRow]:
    names = [_normalise(h) for h in header]
    missing = [c for c in required if c not in names]
    if missing:
        raise FormatError("Kolommen ontbreken: " + ", ".join(missing))
    rows = []
    for number, values in enumerate(body, start=1):
        if number > MAX_ROWS:
            raise FormatError(f"Het bestand heeft meer dan {MAX_ROWS} rijen.")
        cells = [_text(v) for v in values]
        if not any(cells):
            continue  # blank lines in a spreadsheet are not rows
        cells += [""] * (len(names) - len(cells))
        rows.append(RawRow(number, {n: c for n, c in zip(names, cells, strict=False) if n}))
    return rows


def read_csv(data: bytes, required: Iterable[str]) -> list[RawRow]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FormatError("Het bestand is geen UTF-8-tekst.") from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    reader = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    if not reader:
        raise FormatError("Het bestand is leeg.")
    return _rows_from_table(reader[0], reader[1:], required)


def _check_xlsx_package(data: bytes) -> None:
    """Refuse a workbook whose parts would unpack to more than MAX_XLSX_UNPACKED_BYTES (a
    zip bomb: openpyxl reads the shared strings whole, whatever the row limit)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            unpacked = sum(info.file_size for info in package.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise FormatError("Het bestand is geen leesbaar Excel-bestand (xlsx).") from None
    if unpacked > MAX_XLSX_UNPACKED_BYTES:
        raise FormatError("Het Excel-bestand is uitgepakt te groot om te lezen.")


def _without_trailing_blanks(row) -> list:
    values = list(row)
    while values and values[-1] is None:
        values.pop()
    return values


def read_xlsx(data: bytes, required: Iterable[str]) -> list[RawRow]:
    """The first sheet, streamed: reading stops at the row limit (MAX_ROWS data rows plus
    one, to know it is exceeded), each row is cut at MAX_COLUMNS, and a sheet that declares
    more rows or columns than that is refused before any row is read."""
    from openpyxl import load_workbook

    _check_xlsx_package(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on a damaged or foreign file
        raise FormatError("Het bestand is geen leesbaar Excel-bestand (xlsx).") from None
    try:
        sheet = workbook.worksheets[0]
        # The <dimension> a writer declared; absent or unreadable in some files, then the
        # limits below still hold while streaming.
        declared_rows, declared_columns = sheet.max_row, sheet.max_column
        if declared_rows is not None and declared_rows > MAX_ROWS + 1:
            raise FormatError(f"Het bestand heeft meer dan {MAX_ROWS} rijen.")
        if declared_columns is not None and declared_columns > MAX_COLUMNS:
            raise FormatError(f"Het bestand heeft meer dan {MAX_COLUMNS} kolommen.")
        width = declared_columns or MAX_COLUMNS
        rows = [
            _without_trailing_blanks(row)
            for row in itertools.islice(
                sheet.iter_rows(values_only=True, max_col=width), MAX_ROWS + 2
            )
        ]
    except FormatError:
        raise
    except Exception:  # a damaged sheet part shows up only while reading
        raise FormatError("Het bestand is geen leesbaar Excel-bestand (xlsx).") from None
    finally:
        workbook.close()
    if not rows:
        raise FormatError("Het bestand is leeg.")
    return _rows_from_table(rows[0], rows[1:], required)


def read_json(data: bytes, key: str, required: Iterable[str]) -> list[RawRow]:
    try:
        parsed = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FormatError(f"Het bestand is geen geldige JSON: {exc}") from None
    items = parsed.get(key) if isinstance(parsed, dict) else parsed
    if not isinstance(items, list):
        raise FormatError(f"Verwacht een lijst '{key}'.")
    rows = []
    for number, item in enumerate(items, start=1):
        if number > MAX_ROWS:
            raise FormatError(f"Het bestand heeft meer dan {MAX_ROWS} rijen.")
        if not isinstance(item, dict):
            raise FormatError(f"Element {number} van '{key}' is geen object.")
        rows.append(RawRow(number, {_normalise(k): _text(v) for k, v in item.items()}))
    missing = [c for c in required if rows and all(c not in r.values for r in rows)]
    if missing:
        raise FormatError("Velden ontbreken: " + ", ".join(missing))
    return rows


def read_any(source: IO[bytes], filename: str, *, json_key: str, required) -> list[RawRow]:
    data = source.read()
    name = (filename or "").lower()
    if name.endswith(".xlsx"):
        return read_xlsx(data, required)
    if name.endswith(".json"):
        return read_json(data, json_key, required)
    if name.endswith(".csv") or name.endswith(".txt") or not name:
        return read_csv(data, required)
    raise FormatError("Alleen CSV-, XLSX- en JSON-bestanden worden gelezen.")


def _json_default(value):
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(type(value))


def csv_bytes(columns: Iterable[str], records: Iterable[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    columns = list(columns)
    writer.writerow(columns)
    for record in records:
        writer.writerow(safe_row([_text(record.get(c)) for c in columns]))
    return out.getvalue().encode("utf-8")


def json_bytes(payload) -> bytes:
    return json.dumps(payload, ensure_ascii=False, indent=2, default=_json_default).encode()


@register("duo", "bestand")
class FileDuoAdapter:
    name = "bestand"

    def read_signals(self, source: IO[bytes], filename: str) -> list[RawRow]:
        return read_any(source, filename, json_key="signalen", required=DUO_SIGNAAL_REQUIRED)

    def read_terugmelding(self, source: IO[bytes], filename: str) -> list[RawRow]:
        return read_any(
            source, filename, json_key="meldingen", required=DUO_TERUGMELDING_REQUIRED
        )

    def write_meldingen(self, records: Iterable[dict], kenmerk: str, fmt: str) -> ExportFile:
        records = [{"kenmerk": kenmerk, **r} for r in records]
        if fmt == "json":
            body = json_bytes({"kenmerk": kenmerk, "meldingen": records})
            return ExportFile(f"duo-meldingen-{kenmerk}.json", body, "application/json")
        body = csv_bytes(MELDING_COLUMNS, records)
        return ExportFile(f"duo-meldingen-{kenmerk}.csv", body, "text/csv; charset=utf-8")


@register("overdracht", "bestand")
class FileOverdrachtAdapter:
    name = "bestand"

    def write_dossier(self, dossier: dict) -> ExportFile:
        body = json_bytes(dossier)
        kenmerk = dossier.get("kenmerk", "dossier")
        return ExportFile(f"overdracht-{kenmerk}.json", body, "application/json")

    def read_dossier(self, source: IO[bytes], filename: str) -> dict:
        try:
            parsed = json.loads(source.read().decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise FormatError(f"Het bestand is geen geldige JSON: {exc}") from None
        if not isinstance(parsed, dict) or parsed.get("formaat") != "regie-overdracht/1":
            raise FormatError("Dit is geen overdrachtsdossier (formaat regie-overdracht/1).")
        return parsed


@register("lesuren", "bestand")
class FileLesurenAdapter:
    name = "bestand"

    def read_lesuren(self, source: IO[bytes], filename: str) -> list[RawRow]:
        return read_any(source, filename, json_key="lesuren", required=LESUREN_COLUMNS)


CBS_COLUMNS = (
    "kenmerk",
    "gemeentecode",
    "bsn",
    "doelgroep",
    "regime",
    "status",
    "datum_kennisgeving",
    "datum_pip",
    "leerroute",
)


@register("cbs", "bestand")
class FileCbsAdapter:
    name = "bestand"

    def write_statistiek(self, records: Iterable[dict], kenmerk: str) -> ExportFile:
        records = [{"kenmerk": kenmerk, **r} for r in records]
        body = csv_bytes(CBS_COLUMNS, records)
        return ExportFile(f"cbs-statistiek-{kenmerk}.csv", body, "text/csv; charset=utf-8")
