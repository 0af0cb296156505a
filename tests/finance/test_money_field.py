"""Money fields take amounts as people type them in the Netherlands, and ask for a
confirmation above the plausible bound (a local figure)."""

from decimal import Decimal

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from regie.core.localrules import set_local_value
from regie.finance.forms import MoneyField, UitkeringForm, parse_money
from regie.finance.models import Uitkering

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("1.912,50", "1912.50"),
        ("1912,50", "1912.50"),
        ("1912.50", "1912.50"),
        ("€ 1.912,50", "1912.50"),
        ("1912", "1912"),
        ("1.912", "1912"),
        ("12.345.678,9", "12345678.9"),
        ("0,5", "0.5"),
        ("650,-", "650"),
        ("12.5", "12.5"),
        ("-5", "-5"),
    ],
)
def test_dutch_amounts(text, amount):
    assert parse_money(text) == Decimal(amount)


@pytest.mark.parametrize("text", ["1,2,3", "1.91.2", "12a", "", ",", "1.9123,00", "1,", "€"])
def test_what_is_no_amount(text):
    with pytest.raises(ValueError):
        parse_money(text)


@given(st.decimals(min_value=0, max_value=10**8, places=2, allow_nan=False))
def test_every_way_of_writing_an_amount_means_the_same(amount):
    dutch = f"{amount:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
    assert parse_money(dutch) == amount
    assert parse_money(f"{amount:.2f}".replace(".", ",")) == amount
    assert parse_money(f"{amount:.2f}") == amount


def test_the_field_explains_in_dutch():
    field = MoneyField(min_value=Decimal("0.01"))
    assert field.clean("1.912,50") == Decimal("1912.50")
    with pytest.raises(Exception, match="bijvoorbeeld 1.912,50"):
        field.clean("1,2,3")
    with pytest.raises(Exception, match="hoogstens twee cijfers"):
        field.clean("12,345")


def test_a_benefit_above_the_bound_needs_a_confirmation(world):
    data = {"bedrag": "19.125", "geldig_vanaf": "2026-11-01"}
    form = UitkeringForm(data, municipality=world.municipality)
    assert not form.is_valid()
    assert "bedrag_gecontroleerd" in form.fields
    assert "€ 19.125,00 is meer dan € 5.000,00 per maand" in form.errors["bedrag"][0]
    form = UitkeringForm({**data, "bedrag_gecontroleerd": "on"}, municipality=world.municipality)
    assert form.is_valid()
    assert form.cleaned_data["bedrag"] == Decimal("19125")
    ok = UitkeringForm({**data, "bedrag": "1.912,50"}, municipality=world.municipality)
    assert ok.is_valid() and "bedrag_gecontroleerd" not in ok.fields


def test_the_bound_is_the_municipalitys_own(world):
    set_local_value(world.municipality, "uitkering_plausibel_max", Decimal("20000"), "beheer")
    form = UitkeringForm(
        {"bedrag": "19.125,00", "geldig_vanaf": "2026-11-01"}, municipality=world.municipality
    )
    assert form.is_valid()


def test_the_benefit_page_asks_to_confirm_19125(fin, client_for):
    client = client_for(fin.world.users["klantmanager"])
    url = reverse("ontzorging_uitkering", args=[fin.world.person.pk])
    page = client.post(url, {"bedrag": "19125,00", "geldig_vanaf": "2026-11-01"})
    text = page.content.decode()
    assert "€ 19.125,00 is meer dan € 5.000,00 per maand" in text
    assert "Ik heb het bedrag gecontroleerd" in text
    assert 'value="19125,00"' in text  # nothing typed is lost
    assert not Uitkering.objects.filter(geldig_vanaf="2026-11-01").exists()
    client.post(url, {"bedrag": "1.912,50", "geldig_vanaf": "2026-11-01"})
    assert Uitkering.objects.get(geldig_vanaf="2026-11-01").bedrag == Decimal("1912.50")
