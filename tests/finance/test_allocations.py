"""Funding allocated to activities (seed §4.3, borging): the form on the budget page,
its checks in Dutch, access and the audit trail."""

from decimal import Decimal

import pytest
from django.urls import reverse

from regie.core.models import AuditEvent
from regie.core.roles import Role
from regie.finance.models import Financiering, FundingAllocation
from tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def stream(world):
    return Financiering.objects.create(
        municipality=world.municipality, jaar=2026, soort="spuk", bedrag=Decimal("10000")
    )


@pytest.fixture
def activities(world):
    return (
        ActivityFactory(municipality=world.municipality, name="Taalcafé"),
        ActivityFactory(municipality=world.municipality, name="Samen koken"),
    )


def _post(client, stream, data, obj=None):
    if obj:
        return client.post(reverse("allocation_edit", args=[stream.pk, obj.pk]), data)
    return client.post(reverse("allocation_add", args=[stream.pk]), data)


def test_regisseur_allocates_and_the_budget_shows_the_rest(world, client_for, stream, activities):
    client = client_for(world.users[Role.REGISSEUR])
    cafe, koken = activities
    response = _post(client, stream, {"activity": cafe.pk, "amount": "6000", "note": "SPUK"})
    assert response.status_code == 302
    _post(client, stream, {"activity": koken.pk, "amount": "1500.50"})
    assert list(stream.allocations.values_list("amount", flat=True).order_by("amount")) == [
        Decimal("1500.50"),
        Decimal("6000.00"),
    ]
    page = client.get(
        reverse("budget_overview") + f"?gemeente={world.municipality.pk}&jaar=2026"
    ).content.decode()
    assert "Toegewezen aan activiteiten" in page
    assert "Taalcafé" in page and "Samen koken" in page
    assert "€ 2.499,50" in page  # 10,000 − 6,000 − 1,500.50 not allocated
    assert AuditEvent.objects.filter(
        action="create", object_type="fundingallocation", description__contains="Taalcafé"
    ).exists()


def test_change_and_delete_are_audit_logged(world, client_for, stream, activities):
    client = client_for(world.users[Role.REGISSEUR])
    allocation = FundingAllocation.objects.create(
        funding=stream, activity=activities[0], amount=Decimal("1000")
    )
    _post(client, stream, {"activity": activities[0].pk, "amount": "2500"}, allocation)
    allocation.refresh_from_db()
    assert allocation.amount == Decimal("2500")
    update = AuditEvent.objects.get(action="update", object_type="fundingallocation")
    assert "amount: 1000.00 -> 2500" in update.description
    response = _post(client, stream, {"action": "verwijderen"}, allocation)
    assert response.status_code == 302
    assert not FundingAllocation.objects.exists()
    assert AuditEvent.objects.filter(action="delete", object_type="fundingallocation").exists()


def test_more_than_the_stream_holds_is_refused_in_dutch(world, client_for, stream, activities):
    client = client_for(world.users[Role.REGISSEUR])
    FundingAllocation.objects.create(funding=stream, activity=activities[0], amount=8000)
    response = _post(client, stream, {"activity": activities[1].pk, "amount": "2000.01"})
    assert response.status_code == 200
    assert "nog niet is toegewezen (€ 2.000,00)" in response.content.decode()
    response = _post(client, stream, {"activity": activities[0].pk, "amount": "1"})
    assert "heeft al een toewijzing uit deze financieringsbron" in response.content.decode()
    response = _post(client, stream, {"activity": activities[1].pk, "amount": "-5"})
    assert "groter zijn dan nul" in response.content.decode()
    assert FundingAllocation.objects.count() == 1
    # The stream cannot be lowered below what is allocated.
    response = client.post(
        reverse("financiering_edit", args=[stream.pk]) + f"?gemeente={world.municipality.pk}",
        {"jaar": 2026, "soort": "spuk", "bedrag": "7000"},
    )
    assert response.status_code == 200
    assert "al € 8.000,00 van deze bron aan activiteiten toegewezen" in response.content.decode()


def test_only_own_streams_and_activities(world, client_for, stream):
    client = client_for(world.users[Role.REGISSEUR])
    elsewhere = Financiering.objects.create(
        municipality=world.other_municipality, jaar=2026, soort="spuk", bedrag=Decimal("500")
    )
    foreign = ActivityFactory(municipality=world.other_municipality)
    assert client.get(reverse("allocation_add", args=[elsewhere.pk])).status_code == 404
    response = _post(client, stream, {"activity": foreign.pk, "amount": "10"})
    assert response.status_code == 200 and not FundingAllocation.objects.exists()


def test_who_may_allocate(world, client_for, stream):
    url = reverse("allocation_add", args=[stream.pk])
    assert client_for(world.users[Role.REGISSEUR]).get(url).status_code == 200
    for role in (Role.FINANCIEEL, Role.KLANTMANAGER, Role.COORDINATOR):
        assert client_for(world.users[role]).get(url).status_code == 403, role


def test_budget_xlsx_lists_the_allocations_and_the_rest(world, client_for, stream, activities):
    import io

    from openpyxl import load_workbook

    cafe, koken = activities
    FundingAllocation.objects.create(funding=stream, activity=cafe, amount=Decimal("6000"))
    FundingAllocation.objects.create(
        funding=stream, activity=koken, amount=Decimal("1500.50"), note="=HYPERLINK(1)"
    )
    client = client_for(world.users[Role.FINANCIEEL])
    response = client.get(
        reverse("budget_xlsx"), {"gemeente": world.municipality.pk, "jaar": 2026}
    )
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook["Toewijzing 2026"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [row[1:3] for row in rows] == [
        ("Samen koken", 1500.5),
        ("Taalcafé", 6000),
        ("Niet toegewezen", 2499.5),
    ]
    assert rows[0][3] == "'=HYPERLINK(1)"  # a note is never a formula
