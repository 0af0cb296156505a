"""Tests for regie.rules.fines: art. 22 and art. 23 boetes and the cap of art. 7.1 lid 5."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from regie.rules.fines import (
    Verwijtbaarheid,
    boete_art22,
    boete_art23,
    boete_art23_basisbedrag,
    boete_binnen_maximum,
    boetes_cap,
    boetes_cap_remaining,
)

V = Verwijtbaarheid
money = st.decimals(min_value=0, max_value=5000, places=2, allow_nan=False, allow_infinity=False)


def test_boete_art22_is_250():
    assert boete_art22() == Decimal("250")


@pytest.mark.parametrize(
    ("prior", "verwijtbaarheid", "expected"),
    [
        (0, V.OPZET, "50.00"),
        (0, V.GROVE_SCHULD, "37.50"),
        (0, V.OVERIG, "25.00"),
        (0, V.VERMINDERD, "12.50"),
        (1, V.OPZET, "100.00"),
        (2, V.GROVE_SCHULD, "150.00"),
        (3, V.OPZET, "400.00"),
        (4, V.OPZET, "800.00"),
        (5, V.OPZET, "800.00"),  # capped at EUR 800
        (4, V.VERMINDERD, "200.00"),
        (6, V.OVERIG, "400.00"),
    ],
)
def test_boete_art23_worked_examples(prior, verwijtbaarheid, expected):
    assert boete_art23(prior, verwijtbaarheid) == Decimal(expected)


def test_boete_art23_percentages():
    assert [v.percentage for v in V] == [100, 75, 50, 25]
    assert V.GROVE_SCHULD.label == "grove schuld"


def test_boete_art23_negative_count_is_refused():
    with pytest.raises(ValueError):
        boete_art23(-1, V.OPZET)


def test_boete_art23_many_repeats_is_fast_and_capped():
    assert boete_art23(10**6, V.OPZET) == Decimal("800.00")


@given(st.integers(min_value=0, max_value=50), st.sampled_from(list(V)))
def test_boete_art23_properties(prior, verwijtbaarheid):
    amount = boete_art23(prior, verwijtbaarheid)
    assert Decimal("12.50") <= amount <= Decimal("800")
    assert amount == amount.quantize(Decimal("0.01"))
    assert boete_art23(prior + 1, verwijtbaarheid) >= amount
    assert boete_art23_basisbedrag(prior) == min(Decimal(50) * 2**prior, Decimal(800))
    # Higher culpability never gives a lower fine.
    assert boete_art23(prior, V.OPZET) >= boete_art23(prior, verwijtbaarheid)
    assert boete_art23(prior, V.VERMINDERD) <= amount


def test_cap_during_termijn_and_new_terms():
    assert boetes_cap() == Decimal("2400")
    assert [boetes_cap(m) for m in (6, 12, 18, 24)] == [
        Decimal("400"),
        Decimal("800"),
        Decimal("1200"),
        Decimal("1600"),
    ]
    with pytest.raises(ValueError):
        boetes_cap(9)


def test_cap_remaining():
    assert boetes_cap_remaining(Decimal("0")) == Decimal("2400")
    assert boetes_cap_remaining(Decimal("2150")) == Decimal("250")
    assert boetes_cap_remaining(Decimal("2500")) == Decimal("0")
    assert boetes_cap_remaining(Decimal("100"), nieuwe_termijn_maanden=6) == Decimal("300")
    with pytest.raises(ValueError):
        boetes_cap_remaining(Decimal("-1"))


def test_boete_binnen_maximum():
    assert boete_binnen_maximum(Decimal("250"), Decimal("2300")) == Decimal("100")
    assert boete_binnen_maximum(Decimal("250"), Decimal("0")) == Decimal("250")
    assert boete_binnen_maximum(Decimal("800"), Decimal("2400")) == Decimal("0")


@given(
    st.lists(
        st.tuples(st.integers(min_value=0, max_value=6), st.sampled_from(list(V))), max_size=40
    ),
    st.sampled_from([None, 6, 12, 18, 24]),
)
def test_sequence_of_fines_never_exceeds_cap(fines, new_term):
    total = Decimal(0)
    for prior, verwijtbaarheid in fines:
        total += boete_binnen_maximum(boete_art23(prior, verwijtbaarheid), total, new_term)
    assert total <= boetes_cap(new_term)


@given(money, money)
def test_cap_remaining_properties(total, amount):
    remaining = boetes_cap_remaining(total)
    assert Decimal(0) <= remaining <= Decimal(2400)
    assert remaining == max(Decimal(0), Decimal(2400) - total)
    imposed = boete_binnen_maximum(amount, total)
    assert Decimal(0) <= imposed <= amount
    assert total + imposed <= max(total, Decimal(2400))
