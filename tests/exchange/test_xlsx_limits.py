"""The XLSX row limit holds while reading (issue 17, 8): a large upload is not loaded
whole before the limit is checked. The attack held a worker 17.6 s with a 3.5 MB file."""

import io
import re
import zipfile

import pytest
from openpyxl import Workbook
from openpyxl.worksheet import _read_only

from regie.exchange.adapters import file as adapter
from regie.exchange.adapters.base import FormatError

COLUMNS = ("inburgeraar", "maand", "uren_aangeboden", "uren_aanwezig")


def _workbook(rows: int, *, dimension: str | None = "keep") -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(COLUMNS)
    for n in range(rows):
        sheet.append([f"P{n}", "2026-09", 12, 10])
    out = io.BytesIO()
    book.save(out)
    if dimension == "keep":
        return out.getvalue()
    # Rewrite the sheet's <dimension>: drop it (many writers leave it out) or make it lie.
    source, target = zipfile.ZipFile(io.BytesIO(out.getvalue())), io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as package:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename.startswith("xl/worksheets/sheet"):
                text = re.sub(r"<dimension [^>]*/>", "", content.decode())
                if dimension:
                    anchor = "<sheetViews" if "<sheetViews" in text else "<sheetData"
                    tag = f'<dimension ref="{dimension}"/>'
                    text = text.replace(anchor, tag + anchor, 1)
                content = text.encode()
            package.writestr(info, content)
    return target.getvalue()


@pytest.fixture
def rows_read(monkeypatch):
    """How many rows the reader took from openpyxl."""
    counter = {"rows": 0}
    original = _read_only.ReadOnlyWorksheet._cells_by_row

    def counting(self, *args, **kwargs):
        for row in original(self, *args, **kwargs):
            counter["rows"] += 1
            yield row

    monkeypatch.setattr(_read_only.ReadOnlyWorksheet, "_cells_by_row", counting)
    return counter


def test_reading_stops_at_the_row_limit(rows_read, monkeypatch):
    monkeypatch.setattr(adapter, "MAX_ROWS", 500)
    data = _workbook(5000, dimension=None)  # no declared size: only streaming can stop it
    with pytest.raises(FormatError, match="Het bestand heeft meer dan 500 rijen."):
        adapter.read_xlsx(data, COLUMNS)
    # Header plus the limit plus one, not the 5,000 rows of the file.
    assert rows_read["rows"] == 502


def test_a_large_workbook_at_the_real_limit_stops_reading(rows_read):
    data = _workbook(adapter.MAX_ROWS + 1000, dimension=None)
    with pytest.raises(FormatError, match=f"meer dan {adapter.MAX_ROWS} rijen"):
        adapter.read_xlsx(data, COLUMNS)
    assert rows_read["rows"] == adapter.MAX_ROWS + 2


def test_a_declared_size_beyond_the_limit_is_refused_before_reading(rows_read):
    data = _workbook(3, dimension="A1:D1048576")
    with pytest.raises(FormatError, match="meer dan 20000 rijen"):
        adapter.read_xlsx(data, COLUMNS)
    assert rows_read["rows"] == 0
    wide = _workbook(3, dimension="A1:XFD4")
    with pytest.raises(FormatError, match=f"meer dan {adapter.MAX_COLUMNS} kolommen"):
        adapter.read_xlsx(wide, COLUMNS)
    assert rows_read["rows"] == 0


def test_within_the_limit_every_row_is_read(rows_read):
    rows = adapter.read_xlsx(_workbook(30, dimension=None), COLUMNS)
    assert len(rows) == 30
    assert rows[0].values == {
        "inburgeraar": "P0",
        "maand": "2026-09",
        "uren_aangeboden": "12",
        "uren_aanwezig": "10",
    }


def test_a_zip_bomb_is_refused_before_openpyxl_reads_it(monkeypatch):
    monkeypatch.setattr(adapter, "MAX_XLSX_UNPACKED_BYTES", 1000)
    with pytest.raises(FormatError, match="uitgepakt te groot"):
        adapter.read_xlsx(_workbook(200), COLUMNS)


def test_not_a_workbook_is_a_dutch_error():
    with pytest.raises(FormatError, match="geen leesbaar Excel-bestand"):
        adapter.read_xlsx(b"PK\x03\x04 not really", COLUMNS)
