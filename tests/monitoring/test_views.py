"""The pages and exports: figures only, constant queries, suppression, no names."""

import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from regie.core.models import AuditEvent
from regie.core.roles import Role
from regie.monitoring import exports
from tests.factories import (
    BredeIntakeFactory,
    ExamenresultaatFactory,
    InburgeraarFactory,
    LesurenFactory,
    PIPFactory,
    PIPVersieFactory,
)
from tests.jobs.inline import post_and_run

PAGES = ["monitoring_dashboard", "monitoring_cohorts", "monitoring_process", "monitoring_borging"]


def _names(world, data):
    return [p.last_name for p in (world.person, data.p1, data.p2, data.p3, world.stranger)]


@pytest.mark.parametrize("name", PAGES)
def test_regisseur_sees_figures_but_no_names(world, data, client_for, name):
    client = client_for(world.users[Role.REGISSEUR])
    response = client.get(reverse(name))
    assert response.status_code == 200
    content = response.content.decode()
    for last_name in _names(world, data):
        assert last_name not in content
    assert "<svg" in content or "Nog niet beschikbaar" in content


def test_dashboard_shows_unavailable_figures_and_outflow_reason(world, client_for):
    client = client_for(world.users[Role.REGISSEUR])
    content = client.get(reverse("monitoring_dashboard")).content.decode()
    assert "Nog niet beschikbaar." in content
    assert "Er is nog geen PIP vastgesteld." in content
    assert "Cijfers die nog niet beschikbaar zijn" not in content  # outflow is recorded now
    content = client.get(reverse("monitoring_cohorts")).content.decode()
    assert "Uitstroom naar betaald werk" in content
    assert "Er is nog geen PIP vastgesteld in deze selectie." in content


@pytest.mark.parametrize("role", [Role.KLANTMANAGER, Role.JURIST, Role.AANBIEDER])
def test_case_roles_have_no_dashboard(world, client_for, role):
    assert client_for(world.users[role]).get(reverse("monitoring_dashboard")).status_code == 403


def test_filter_form_errors_are_dutch_and_figures_fall_back(world, data, client_for):
    client = client_for(world.users[Role.REGISSEUR])
    response = client.get(
        reverse("monitoring_dashboard"), {"vanaf": "2026-09-01", "tot": "2026-01-01"}
    )
    assert response.status_code == 200
    assert "De einddatum ligt vóór de begindatum." in response.content.decode()


def _seed(world, n):
    for i in range(n):
        person = InburgeraarFactory(
            municipality=world.municipality, kennisgeving_date=dt.date(2026, 1 + i % 12, 1)
        )
        BredeIntakeFactory(inburgeraar=person, completed=True)
        PIPVersieFactory(pip=PIPFactory(inburgeraar=person), vastgesteld=True)
        LesurenFactory(inburgeraar=person, aanbieder=world.aanbieder)
        ExamenresultaatFactory(inburgeraar=person, aanbieder=world.aanbieder)


def _count(client, name):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse(name)).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("name", PAGES)
def test_constant_number_of_queries(world, client_for, name):
    client = client_for(world.users[Role.REGISSEUR])
    _seed(world, 3)
    few = _count(client, name)
    _seed(world, 27)
    assert _count(client, name) == few


def _csv(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def test_csv_export_suppresses_small_counts_and_is_audited(world, data, client_for):
    client = client_for(world.users[Role.REGISSEUR])
    response = post_and_run(client, reverse("monitoring_export"), {"formaat": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = _csv(response)
    assert ["2026-09", "<5", "0", "0", "<5"] in rows
    text = response.content.decode("utf-8-sig")
    for last_name in _names(world, data):
        assert last_name not in text
    assert AuditEvent.objects.filter(action="export", object_type="monitoring").exists()


def test_xlsx_export_per_overview(world, data, client_for):
    client = client_for(world.users[Role.REGISSEUR])
    response = post_and_run(
        client, reverse("monitoring_export") + "?overzicht=cohorten", {"formaat": "xlsx"}
    )
    book = load_workbook(io.BytesIO(response.content))
    sheet = book["cohort_asielmigrant"]
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert values[2][:3] == ["2025", "<5", 0]


def test_export_cells_are_safe_from_formula_injection(world, client_for):
    from regie.monitoring.services import Table

    table = Table("t", '=HYPERLINK("x")', ["@cmd"], rows=[["-1+1", 7]], count_columns=(1,))
    text = exports.tables_csv([table]).decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'@cmd" in text and "'-1+1" in text


def test_only_the_beheerder_gets_the_pseudonymised_extract(world, data, client_for):
    assert (
        client_for(world.users[Role.REGISSEUR]).post(reverse("monitoring_extract")).status_code
        == 403
    )
    client = client_for(world.users[Role.BEHEERDER])
    response = post_and_run(client, reverse("monitoring_extract"))
    assert response.status_code == 200
    rows = _csv(response)
    assert rows[0] == exports.EXTRACT_COLUMNS
    assert len(rows) == 5  # header + 4 persons of the municipality, not the stranger
    text = response.content.decode()
    for person in (world.person, data.p1, data.p2, data.p3):
        assert person.last_name not in text and person.bsn not in text
    p1 = next(r for r in rows if r[0] == exports.pseudonym("GM0294", data.p1.bsn))
    assert p1[1:] == [
        "GM0294",
        "1990",
        "v",
        "asielmigrant",
        "wi2021",
        "2026",
        "2026-09",
        "2026-10",
        "44",
        "b1",
        "1",
        "0",
        "aangemeld",
    ]


def test_menu_and_home_link(world, client_for):
    client = client_for(world.users[Role.REGISSEUR])
    content = client.get(reverse("home")).content.decode()
    assert reverse("monitoring_dashboard") in content
    assert "nog niet gebouwd" not in content
    km = client_for(world.users[Role.KLANTMANAGER]).get(reverse("home")).content.decode()
    assert reverse("monitoring_dashboard") not in km


def test_another_municipality_cannot_be_chosen(world, data, client_for):
    client = client_for(world.users[Role.BEHEERDER])
    url = f"{reverse('monitoring_extract')}?gemeente={world.other_municipality.pk}"
    response = post_and_run(client, url)
    rows = _csv(response)
    assert {r[1] for r in rows[1:]} == {"GM0294"}  # invalid choice: the served ones only
