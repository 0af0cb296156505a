"""The pure rules of ontzorging and budget: term, due months, leefgeld, keys, remainder
and forecast. No database."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from regie.rules import budget, ontzorging
from regie.rules.ontzorging import Frequency, ItemTerms


def test_six_months_from_the_start_of_bijstand():
    assert ontzorging.ONTZORGING_MAANDEN == 6  # Participatiewet art. 56a
    assert ontzorging.ontzorging_einde(date(2026, 3, 1)) == date(2026, 8, 31)
    assert ontzorging.ontzorging_einde(date(2026, 9, 15)) == date(2027, 3, 14)


def test_afbouw_signal_four_weeks_before_the_end():
    end = date(2026, 8, 31)
    assert ontzorging.afbouw_signal_from(end) == date(2026, 8, 3)
    assert not ontzorging.in_afbouw(end, date(2026, 8, 2))
    assert ontzorging.in_afbouw(end, date(2026, 8, 3))
    assert ontzorging.in_afbouw(end, end)
    assert not ontzorging.in_afbouw(end, end + timedelta(days=1))


def test_extension_needs_a_reason_a_later_end_and_a_legal_basis():
    end, today = date(2026, 8, 31), date(2026, 8, 20)

    def problems(new_end, reason, grondslag="toestemming", op=date(2026, 8, 14)):
        return ontzorging.extension_problem(
            end, new_end, reason, grondslag=grondslag, grondslag_op=op, today=today
        )

    assert set(problems(date(2026, 11, 30), "  ")) == {"reden"}
    assert set(problems(end, "nog niet zelfredzaam")) == {"nieuwe_einde"}
    assert problems(date(2026, 11, 30), "nog niet zelfredzaam") == {}
    # Beyond the six months of Pw art. 56a only on a Pw art. 57 besluit or with consent.
    no_basis = problems(date(2026, 11, 30), "nog niet zelfredzaam", grondslag="")
    assert "artikel 57 Participatiewet" in no_basis["grondslag"]
    undated = problems(date(2026, 11, 30), "x", grondslag="pw57", op=None)
    assert undated == {"grondslag_op": "Vul de datum van het besluit in."}
    assert "toestemming" in problems(date(2026, 11, 30), "x", op=None)["grondslag_op"]
    # The consent or besluit is a fact already there: today is fine, tomorrow is not.
    assert problems(date(2026, 11, 30), "x", op=today) == {}
    assert problems(date(2026, 11, 30), "x", op=date(2026, 8, 21)) == {
        "grondslag_op": "Deze datum ligt in de toekomst."
    }


def test_due_months_by_frequency():
    start = date(2026, 9, 15)
    months = [date(2026, m, 1) for m in range(9, 13)] + [date(2027, m, 1) for m in range(1, 4)]
    due = {
        freq: [m for m in months if ontzorging.is_due(freq, start, None, m)] for freq in Frequency
    }
    assert due[Frequency.MONTHLY] == months
    assert due[Frequency.QUARTERLY] == [date(2026, 9, 1), date(2026, 12, 1), date(2027, 3, 1)]
    assert due[Frequency.YEARLY] == [date(2026, 9, 1)]
    assert due[Frequency.ONCE] == [date(2026, 9, 1)]


def test_not_due_outside_the_item_or_the_ontzorging():
    start, end = date(2026, 9, 1), date(2027, 2, 28)
    kwargs = {"ontzorging_start": start, "ontzorging_end": end}
    assert not ontzorging.is_due("maand", start, None, date(2026, 8, 1), **kwargs)
    assert not ontzorging.is_due("maand", start, None, date(2027, 3, 1), **kwargs)
    assert not ontzorging.is_due("maand", start, date(2026, 10, 31), date(2026, 11, 1), **kwargs)
    assert ontzorging.is_due("maand", start, date(2026, 10, 31), date(2026, 10, 1), **kwargs)


@given(
    st.dates(min_value=date(2022, 1, 1), max_value=date(2030, 12, 31)),
    st.integers(min_value=0, max_value=40),
    st.integers(min_value=0, max_value=40),
)
def test_a_monthly_item_is_due_in_exactly_the_months_it_touches(start, length, probe):
    until = start + timedelta(days=length * 15)
    months = ontzorging.months_between(start, until)
    month = ontzorging.month_start(start + timedelta(days=(probe - 5) * 20))
    assert ontzorging.is_due("maand", start, until, month) == (month in months)


@given(
    st.dates(min_value=date(2022, 1, 1), max_value=date(2030, 1, 1)),
    st.one_of(st.none(), st.integers(min_value=0, max_value=400)),
    st.dates(min_value=date(2022, 1, 1), max_value=date(2030, 1, 1)),
    st.one_of(st.none(), st.integers(min_value=0, max_value=400)),
)
def test_overlap_is_symmetric_and_matches_shared_days(a_from, a_len, b_from, b_len):
    a_until = None if a_len is None else a_from + timedelta(days=a_len)
    b_until = None if b_len is None else b_from + timedelta(days=b_len)
    forward = ontzorging.periods_overlap(a_from, a_until, b_from, b_until)
    assert forward == ontzorging.periods_overlap(b_from, b_until, a_from, a_until)
    later = max(a_from, b_from)
    a_end, b_end = a_until or date.max, b_until or date.max
    assert forward == (later <= a_end and later <= b_end)


def test_leefgeld_per_month_with_a_dated_benefit_change():
    items = [
        ItemTerms("maand", date(2026, 9, 1), None, Decimal("650.00")),
        ItemTerms("maand", date(2026, 9, 1), date(2026, 10, 31), Decimal("120.50")),
        ItemTerms("kwartaal", date(2026, 9, 1), None, Decimal("30.00")),
    ]
    benefits = [(date(2026, 9, 1), Decimal("1300.00")), (date(2026, 11, 1), Decimal("1350.00"))]
    rows = ontzorging.monthly_overview(
        ontzorging.months_between(date(2026, 9, 1), date(2026, 12, 31)), benefits, items
    )
    assert [(r.benefit, r.paid_on_behalf, r.leefgeld) for r in rows] == [
        (Decimal("1300.00"), Decimal("800.50"), Decimal("499.50")),
        (Decimal("1300.00"), Decimal("770.50"), Decimal("529.50")),
        (Decimal("1350.00"), Decimal("650.00"), Decimal("700.00")),
        (Decimal("1350.00"), Decimal("680.00"), Decimal("670.00")),
    ]


def test_a_shortfall_is_shown_not_hidden():
    assert ontzorging.leefgeld(Decimal("700"), [Decimal("650"), Decimal("120.50")]) == Decimal(
        "-70.50"
    )


def test_payment_keys_are_stable_per_item_and_month():
    assert ontzorging.payment_key(7, date(2026, 9, 14)) == "7:2026-09"
    assert ontzorging.end_to_end_id(7, date(2026, 9, 14)) == "REGIE-7-202609"
    assert ontzorging.end_to_end_id(7, date(2026, 9, 1)) != ontzorging.end_to_end_id(
        7, date(2026, 10, 1)
    )
    with pytest.raises(ValueError):
        ontzorging.end_to_end_id(7, date(2026, 9, 1), prefix="X" * 40)


def test_the_seed_remainder_is_computed_not_copied():
    # Seed §7 prints €25,025; 104,079 − (73,525 + 5,500) is 25,054.
    left = budget.remainder([Decimal("104079")], [Decimal("73525"), Decimal("5500")])
    assert left == Decimal("25054.00")
    assert left != Decimal("25025")


def test_traject_cost_is_spread_over_its_months():
    # A 24-month traject from March 2022: 10 months in 2022, 12 in 2023, 2 in 2024.
    parts = [budget.traject_months_in_year(2022, 3, 24, y) for y in (2021, 2022, 2023, 2024)]
    assert parts == [0, 10, 12, 2]
    shares = [budget.traject_share_in_year(2022, 3, 24, y) for y in range(2022, 2025)]
    assert sum(shares) == 1


def _scenario(factor: str) -> budget.ForecastInput:
    return budget.ForecastInput(
        years=[2023, 2024, 2025],
        inflow=35,
        inflow_factor=Decimal(factor),
        route_mix={"onderwijs": Decimal("0.25"), "b1": Decimal("0.5"), "z": Decimal("0.25")},
        price_per_traject={
            "onderwijs": Decimal("15000"),
            "b1": Decimal("9000"),
            "z": Decimal("8000"),
        },
        cost_per_person=Decimal("500"),
        fixed_costs=Decimal("73525"),
        funding={2023: Decimal("280079"), 2024: Decimal("280079"), 2025: Decimal("280079")},
        route_months={"onderwijs": 12, "b1": 12, "z": 12},
    )


def test_forecast_of_the_expected_inflow():
    rows = budget.forecast(_scenario("1"))
    first = rows[0]
    assert first.inflow == 35
    assert first.trajecten["onderwijs"] == Decimal("8.75")  # a quarter (seed)
    # 35 × (0.25 × 15,000 + 0.5 × 9,000 + 0.25 × 8,000) = 35 × 10,250
    assert first.route_costs == Decimal("358750.00")
    assert first.other_costs == Decimal("17500.00")
    assert first.total_costs == Decimal("449775.00")
    assert first.balance == Decimal("-169696.00")


def test_fifty_percent_more_inflow_costs_more_but_not_the_fixed_part():
    base, more = budget.forecast(_scenario("1")), budget.forecast(_scenario("1.5"))
    assert [r.inflow for r in more] == [53, 53, 53]  # 52.5 rounded half up
    assert more[0].fixed_costs == base[0].fixed_costs
    assert more[0].route_costs > base[0].route_costs
    costs, funding, balance = budget.totals(more)
    assert funding == Decimal("840237.00")
    assert balance == funding - costs


def test_longer_trajecten_carry_earlier_cohorts_into_the_first_year():
    data = _scenario("1.5")
    data = budget.ForecastInput(
        **{**data.__dict__, "route_months": {"onderwijs": 12, "b1": 24, "z": 24}}
    )
    rows = budget.forecast(data)
    # 2023: half of the 2022 cohort (at 100 %) and half of the 2023 cohort (at 150 %).
    b1_2023 = (Decimal(35) / 2 + Decimal(53) / 2) * Decimal("0.5") * 9000
    z_2023 = (Decimal(35) / 2 + Decimal(53) / 2) * Decimal("0.25") * 8000
    onderwijs_2023 = Decimal(53) * Decimal("0.25") * 15000
    assert rows[0].route_costs == budget.money(b1_2023 + z_2023 + onderwijs_2023)
    assert rows[1].route_costs > rows[0].route_costs


def test_a_route_mix_must_add_up_to_everyone():
    data = _scenario("1")
    bad = budget.ForecastInput(**{**data.__dict__, "route_mix": {"b1": Decimal("0.9")}})
    with pytest.raises(ValueError, match="100%"):
        budget.forecast(bad)


@pytest.mark.parametrize(
    ("day", "offset", "month"),
    [
        (date(2027, 12, 31), -1, date(2027, 11, 1)),  # not 1 December (31 Nov rolls over)
        (date(2027, 3, 30), -1, date(2027, 2, 1)),  # not 1 March (30 Feb rolls over)
        (date(2027, 12, 31), 2, date(2028, 2, 1)),
        (date(2028, 2, 29), 0, date(2028, 2, 1)),
        (date(2028, 1, 15), -13, date(2026, 12, 1)),
    ],
)
def test_month_of_counts_whole_months_from_the_first(day, offset, month):
    assert ontzorging.month_of(day, offset) == month
    assert ontzorging.month_end(ontzorging.month_of(date(2027, 12, 31), 2)) == date(2028, 2, 29)
