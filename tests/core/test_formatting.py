"""One set of Dutch number formats for every page (regie.core.formatting and the
regie_format template filters)."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from regie.core import formatting as fmt
from regie.core.safe_csv import dutch_row


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("2932.20000000000"), "2.932,2"),
        (2932.2000000000003, "2.932,2"),
        (41, "41"),
        (1234567, "1.234.567"),
        (Decimal("0.05"), "0,1"),
        (Decimal("12.0"), "12"),
        (-3.25, "−3,3"),
        (None, "—"),
        ("n.v.t.", "n.v.t."),
    ],
)
def test_getal(value, expected):
    with translation.override("nl"):
        assert fmt.getal(value) == expected


def test_hours_money_and_shares():
    with translation.override("nl"):
        assert fmt.uren(Decimal("11.50")) == "11,5 uur"
        assert fmt.uren(12) == "12 uur"
        assert fmt.euro(Decimal("1912.5")) == "€ 1.912,50"
        assert fmt.euro(Decimal("-12")) == "−€ 12,00"
        assert fmt.euro(None) == "—"
        assert fmt.procent(97.66) == "97,7%"
    with translation.override("en"):
        assert fmt.getal(Decimal("2932.2")) == "2,932.2"
        assert fmt.euro(Decimal("1912.5")) == "€ 1,912.50"


def test_csv_numbers_have_a_decimal_comma_and_stay_formula_safe():
    row = dutch_row(["=SUM(A1)", 3, Decimal("2932.20000000000"), 0.1 + 0.2, "-2", None])
    assert row == ["'=SUM(A1)", 3, "2932,2", "0,3", "'-2", ""]


def test_template_filters():
    template = Template(
        "{% load regie_format %}{{ a|getal }} | {{ b|uren }} | {{ c|euro }} | {{ d|cel }}"
        " | {{ e|cel }} | {{ roles|rollen }}"
    )
    context = Context(
        {
            "a": Decimal("2932.2"),
            "b": 11.5,
            "c": 1912.5,
            "d": 12345,
            "e": "Asielmigrant",
            "roles": "klantmanager,jurist",
        }
    )
    with translation.override("nl"):
        assert template.render(context) == (
            "2.932,2 | 11,5 uur | € 1.912,50 | 12.345 | Asielmigrant | Klantmanager, Jurist"
        )
