"""Figures read like Dutch (issue 16, point 9): the dashboard showed "Lesuren aanwezig
2932,20000000000"; the CSV export wrote a decimal point that Dutch Excel misreads."""

import csv
import datetime as dt
import io
from decimal import Decimal

from django.urls import reverse
from openpyxl import load_workbook

from regie.core.roles import Role
from tests.factories import LesurenFactory
from tests.jobs.inline import post_and_run


def _hours(world):
    for month, attended in ((9, "999.9"), (10, "999.9"), (11, "932.4")):
        LesurenFactory(
            inburgeraar=world.person,
            aanbieder=world.aanbieder,
            maand=dt.date(2026, month, 1),
            uren_aangeboden=Decimal("1000"),
            uren_aanwezig=Decimal(attended),
        )


def _row(text, label):
    return next(r for r in csv.reader(io.StringIO(text), delimiter=";") if r and r[0] == label)


def test_dashboard_shows_hours_with_dutch_separators(world, client_for):
    _hours(world)
    client = client_for(world.users[Role.REGISSEUR])
    content = client.get(reverse("monitoring_dashboard")).content.decode()
    assert '<th scope="row">Lesuren aanwezig</th><td>2.932,2</td>' in content
    assert '<th scope="row">Lesuren aangeboden</th><td>3.000</td>' in content
    assert '<th scope="row">Aanwezigheid (%)</th><td>97,7</td>' in content
    assert "2932,2000" not in content and "2932.2" not in content


def test_csv_export_opens_in_dutch_excel_and_xlsx_keeps_numbers(world, client_for):
    _hours(world)
    client = client_for(world.users[Role.REGISSEUR])
    url = reverse("monitoring_export") + "?overzicht=dashboard"
    body = post_and_run(client, url, {"formaat": "csv"}).content
    assert body.startswith("\ufeff".encode())  # UTF-8 BOM: Excel reads the accents
    text = body.decode("utf-8-sig")
    assert _row(text, "Lesuren aanwezig") == ["Lesuren aanwezig", "2932,2"]
    assert _row(text, "Lesuren aangeboden") == ["Lesuren aangeboden", "3000"]
    assert _row(text, "Aanwezigheid (%)") == ["Aanwezigheid (%)", "97,7"]

    xlsx = post_and_run(client, url, {"formaat": "xlsx"}).content
    sheet = load_workbook(io.BytesIO(xlsx))["voortgang"]
    values = {row[0]: row[1] for row in sheet.iter_rows(values_only=True) if row}
    assert values["Lesuren aanwezig"] == 2932.2  # a number Excel can add up
