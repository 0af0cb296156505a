"""Documents for the finance department: the readable list of a payment run (XLSX and
PDF), the budget of a year and the forecast scenarios (XLSX). Amounts are written as
numbers with a euro format, text cells are guarded against formula injection."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from regie.core.formatting import maand
from regie.core.pdf import html_to_pdf
from regie.core.safe_csv import safe_cell

EURO = '"€" #,##0.00;[Red]-"€" #,##0.00'


def _cell(value):
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, date | int | float) or value is None:
        return value
    return safe_cell(value)


def _sheet(workbook: Workbook, title: str, header: list[str], rows, money_columns=()):
    sheet = workbook.create_sheet(title[:31])
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_cell(v) for v in row])
    for index in money_columns:
        letter = get_column_letter(index + 1)
        for cell in sheet[letter][1:]:
            cell.number_format = EURO
    for index, column in enumerate(header, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(12, len(column) + 4)
    sheet.freeze_panes = "A2"
    return sheet


def _bytes(workbook: Workbook) -> bytes:
    if "Sheet" in workbook.sheetnames and len(workbook.sheetnames) > 1:
        del workbook["Sheet"]
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def run_xlsx(run, lines) -> bytes:
    workbook = Workbook()
    _sheet(
        workbook,
        _("Betaalrun %(maand)s") % {"maand": maand(run.periode)},
        [
            _("Inburgeraar"),
            _("Soort"),
            _("Crediteur"),
            _("IBAN"),
            _("Kenmerk"),
            _("Maand"),
            _("Bedrag"),
            _("EndToEndId"),
        ],
        (
            [
                line.inburgeraar.full_name,
                str(line.post.soort),
                line.crediteur,
                line.iban,
                line.kenmerk,
                f"{line.periode:%m-%Y}",
                line.bedrag,
                line.end_to_end_id,
            ]
            for line in lines
        ),
        money_columns=(6,),
    )
    return _bytes(workbook)


def run_pdf(run, lines, totals) -> bytes:
    with translation.override("nl"):
        html = render_to_string(
            "finance/run_pdf.html",
            {"run": run, "lines": lines, "count": totals[0], "total": totals[1]},
        )
    return html_to_pdf(html)


def budget_xlsx(municipality, year: int, blocks) -> bytes:
    workbook = Workbook()
    rows = []
    for block in blocks:
        rows.append([block.label, _("Financiering"), "", "", block.funding, "", ""])
        for line in block.lines:
            contract = line.contract
            rows.append(
                [
                    block.label,
                    contract.description,
                    contract.partij,
                    line.trajecten if line.trajecten is not None else "",
                    "",
                    line.committed,
                    line.realised,
                ]
            )
        rows.append(
            [block.label, _("Restant"), "", "", block.remainder, block.committed, block.realised]
        )
    _sheet(
        workbook,
        _("Budget %(jaar)s") % {"jaar": year},
        [
            _("Financieringsbron"),
            _("Onderdeel"),
            _("Partij"),
            _("Trajecten"),
            _("Bedrag / restant"),
            _("Verplicht"),
            _("Gerealiseerd"),
        ],
        rows,
        money_columns=(4, 5, 6),
    )
    # Borging (seed §4.3): what of each stream is allocated to which activity, and the rest.
    allocations = []
    for block in blocks:
        for allocation in block.allocations:
            allocations.append(
                [block.label, allocation.activity.name, allocation.amount, allocation.note]
            )
        allocations.append([block.label, _("Niet toegewezen"), block.unallocated, ""])
    _sheet(
        workbook,
        _("Toewijzing %(jaar)s") % {"jaar": year},
        [_("Financieringsbron"), _("Activiteit"), _("Bedrag"), _("Toelichting")],
        allocations,
        money_columns=(2,),
    )
    return _bytes(workbook)


def forecast_xlsx(forecasts) -> bytes:
    workbook = Workbook()
    rows = []
    for item in forecasts:
        for row in item.rows:
            rows.append(
                [
                    item.scenario.naam,
                    row.year,
                    row.inflow,
                    row.route_costs,
                    row.other_costs,
                    row.fixed_costs,
                    row.total_costs,
                    row.funding,
                    row.balance,
                ]
            )
    _sheet(
        workbook,
        _("Prognose"),
        [
            _("Scenario"),
            _("Jaar"),
            _("Instroom"),
            _("Leerroutes"),
            _("Overige voorzieningen"),
            _("Uitvoering (vast)"),
            _("Totale kosten"),
            _("Financiering"),
            _("Saldo"),
        ],
        rows,
        money_columns=(3, 4, 5, 6, 7, 8),
    )
    return _bytes(workbook)
