"""The budget reproduces the seed's 2022 financial paragraph (§7) — computing the
remainder rather than copying the seed's misprint — and the forecast compares scenarios."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from regie.core.models import Municipality, Organisation
from regie.core.roles import Role
from regie.finance import services
from regie.finance.models import Contract, Financiering, Scenario
from tests.factories import PIPFactory, PIPVersieFactory

pytestmark = pytest.mark.django_db


def _seed_2022(muni):
    Financiering.objects.create(
        municipality=muni, jaar=2022, soort="integratie_uitkering", bedrag=Decimal("104079")
    )
    Financiering.objects.create(municipality=muni, jaar=2022, soort="spuk", bedrag=176000)
    for soort, amount in (("uitvoering_structureel", "73525"), ("uitvoering_incidenteel", "5500")):
        Contract.objects.create(
            municipality=muni,
            jaar=2022,
            partij="Fijnder",
            soort=soort,
            ten_laste_van="integratie_uitkering",
            bedrag=Decimal(amount),
        )


def test_the_seed_figures_reproduce(world):
    _seed_2022(world.municipality)
    blocks = {b.soort: b for b in services.budget_for(world.municipality, 2022)}
    uitvoering = blocks["integratie_uitkering"]
    assert uitvoering.funding == Decimal("104079")
    assert uitvoering.committed == Decimal("79025.00")  # "Totaal Fijnder: €79.025,-"
    assert uitvoering.remainder == Decimal("25054.00")  # the seed prints €25.025
    assert blocks["spuk"].funding == Decimal("176000")
    assert blocks["spuk"].remainder == Decimal("176000.00")


def test_the_budget_page_shows_the_computed_remainder(world, client_for):
    _seed_2022(world.municipality)
    client = client_for(world.users[Role.REGISSEUR])
    page = client.get(reverse("budget_overview"), {"jaar": 2022}).content.decode()
    assert "€ 25.054,00" in page
    assert "25.025" not in page


def test_leerroute_contracts_commit_the_running_trajecten(world):
    aanbieder = world.aanbieder
    Contract.objects.create(
        municipality=world.municipality,
        jaar=2026,
        partij="Toptaal",
        organisatie=aanbieder,
        soort="leerroute",
        ten_laste_van="spuk",
        leerroute="b1",
        prijs_per_traject=Decimal("9600"),
    )
    # A 24-month B1 traject from 1 March 2026: 10 of its 24 months fall in 2026.
    pip = PIPFactory(inburgeraar=world.person)
    PIPVersieFactory(
        pip=pip,
        nummer=1,
        vastgesteld=True,
        dagtekening=date(2026, 3, 1),
        aanbieder=aanbieder,
        leerroute="b1",
        duur_maanden=24,
    )
    [block] = services.budget_for(world.municipality, 2026, today=date(2026, 6, 15))
    [line] = block.lines
    assert line.trajecten == 1
    assert line.committed == Decimal("4000.00")  # 9,600 × 10 / 24
    assert line.realised == Decimal("1600.00")  # March–June begun: 9,600 × 4 / 24
    assert block.remainder == Decimal("-4000.00")  # no funding entered: a shortfall


def test_the_demo_reproduces_the_seed_and_compares_scenarios(db):
    call_command("demo")
    winterswijk = Municipality.objects.get(name="Winterswijk")
    blocks = {b.soort: b for b in services.budget_for(winterswijk, 2022)}
    assert blocks["integratie_uitkering"].remainder == Decimal("25054.00")
    assert blocks["integratie_uitkering"].committed == Decimal("79025.00")
    assert blocks["spuk"].funding == Decimal("176000.00")
    trajecten = [line.trajecten for line in blocks["spuk"].lines if line.trajecten]
    assert sum(trajecten) > 0  # derived from the demo's PIPs
    forecasts = services.forecasts(winterswijk)
    assert [f.scenario.instroom_factor_pct for f in forecasts] == [100, 150]
    base, more = forecasts
    assert [r.inflow for r in base.rows] == [35] * 4
    assert [r.inflow for r in more.rows] == [53] * 4
    assert all(m.total_costs > b.total_costs for b, m in zip(base.rows, more.rows, strict=True))


def test_scenario_route_mix_must_add_up(world, client_for):
    client = client_for(world.users[Role.REGISSEUR])
    data = {
        "naam": "Fout",
        "prijsjaar": 2022,
        "eerste_jaar": 2023,
        "aantal_jaren": 4,
        "instroom": 35,
        "instroom_factor_pct": 150,
        "aandeel_onderwijs_pct": 25,
        "aandeel_b1_pct": 50,
        "aandeel_z_pct": 30,
        "volgorde": 1,
    }
    response = client.post(reverse("scenario_add"), data)
    assert "samen 100% zijn (nu 105%)" in response.content.decode()
    assert not Scenario.objects.exists()


def test_a_contract_needs_the_fields_of_its_kind(world, client_for):
    client = client_for(world.users[Role.BEHEERDER])
    data = {
        "jaar": 2022,
        "partij": "Toptaal",
        "soort": "leerroute",
        "ten_laste_van": "spuk",
        "bedrag": "",
        "leerroute": "",
        "prijs_per_traject": "",
        "gerealiseerd": "0",
    }
    content = client.post(reverse("contract_add"), data).content.decode()
    assert "Kies de leerroute" in content and "prijs per traject op" in content
    assert not Contract.objects.exists()
    data.update(leerroute="b1", prijs_per_traject="9450")
    assert client.post(reverse("contract_add"), data).status_code == 302
    assert Contract.objects.get().prijs_per_traject == Decimal("9450")
    assert not Organisation.objects.filter(name="x").exists()


def test_budget_and_forecast_exports_are_xlsx(world, client_for):
    import io

    from openpyxl import load_workbook

    _seed_2022(world.municipality)
    client = client_for(world.users[Role.FINANCIEEL])
    response = client.get(reverse("budget_xlsx"), {"jaar": 2022})
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [row for row in sheet.iter_rows(values_only=True)]
    assert any(row[1] == "Restant" and row[4] == 25054 for row in values)
    response = client.get(reverse("prognose_xlsx"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_budget_names_leerroutes_by_their_label(world, client_for):
    Contract.objects.create(
        municipality=world.municipality,
        jaar=2022,
        partij="Toptaal",
        soort="leerroute",
        ten_laste_van="spuk",
        leerroute="z",
        prijs_per_traject=Decimal("8900"),
    )
    client = client_for(world.users[Role.REGISSEUR])
    page = client.get(f"{reverse('budget_overview')}?jaar=2022").content.decode()
    assert "Leerroute (prijs per traject)</a> – Zelfredzaamheidsroute (Z-route)</th>" in page
    assert "(z)" not in page
