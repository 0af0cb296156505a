"""The municipality's inburgering budget as pure rules: the remainder of a funding stream
after its commitments, and the multi-year forecast of costs against funding for an
expected inflow, route mix and contract prices, per scenario.

No Django here; money is ``Decimal`` in euros. Regie computes every total and remainder
itself and never copies one: the seed's 2022 paragraph (§7) prints €25,025 as what is left
of the integratie-uitkering, but €104,079 − (€73,525 + €5,500) = €25,054.

Forecast model (kept simple and stated, so a reader can follow every figure):
- inflow per year = expected inflow × the scenario's factor, rounded to whole persons;
- trajecten per leerroute = inflow × the route's share (expected values, not rounded);
- route costs = trajecten × price per traject, spread evenly over the months the
  traject lasts (its leerroute's duration), each cohort starting at the start of its year;
  cohorts before the first forecast year are taken at the expected inflow (100 %), so the
  first year carries the tail of earlier trajecten too;
- other voorzieningen (PVT, MAP, tolken, begeleiding) = inflow × cost per inburgeraar;
- fixed costs (the uitvoerder's contract) do not change with the inflow;
- funding per year as given (the seed's regisseur asks whether it is enough).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0")

# Seed §4 (leerroutes): "about a quarter" of inburgeraars is expected in the onderwijsroute.
ONDERWIJSROUTE_AANDEEL_SEED = Decimal("0.25")


def money(value: Decimal | int) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def remainder(funding: Iterable[Decimal], commitments: Iterable[Decimal]) -> Decimal:
    """What is left of the funding after the commitments (negative: overspent)."""
    return money(sum(funding, ZERO) - sum(commitments, ZERO))


# Planning assumption when a municipality has no PIPs to learn from: months a traject
# lasts per leerroute (local; the PIP sets the real duration per person).
DEFAULT_ROUTE_MONTHS = {"onderwijs": 12, "b1": 24, "z": 30}


def months_elapsed(start_year: int, start_month: int, on_year: int, on_month: int) -> int:
    """Months of a traject started in ``start_month`` that have begun by ``on_month``."""
    return max(0, (on_year * 12 + on_month) - (start_year * 12 + start_month) + 1)


def traject_months_in_year(start_year: int, start_month: int, months: int, year: int) -> int:
    """How many of a traject's ``months`` months (from ``start_month`` of ``start_year``)
    fall in ``year``."""
    first = start_year * 12 + start_month - 1
    last = first + max(months, 1) - 1
    year_first, year_last = year * 12, year * 12 + 11
    return max(0, min(last, year_last) - max(first, year_first) + 1)


def traject_share_in_year(start_year: int, start_month: int, months: int, year: int) -> Decimal:
    """The part of a traject's price that falls in ``year`` (cost spread evenly)."""
    return Decimal(traject_months_in_year(start_year, start_month, months, year)) / Decimal(
        max(months, 1)
    )


def route_mix_problem(mix: Mapping[str, Decimal]) -> str | None:
    """Why a route mix is unusable (Dutch, for the user), or None."""
    if any(share < 0 for share in mix.values()):
        return "Een aandeel kan niet negatief zijn."
    if sum(mix.values(), ZERO) != Decimal(1):
        return "De aandelen van de leerroutes moeten samen 100% zijn."
    return None


@dataclass(frozen=True)
class ForecastInput:
    years: Sequence[int]
    inflow: int  # expected newcomers per year at 100 %
    inflow_factor: Decimal  # 1.5 for the seed's "+50 %" scenario
    route_mix: Mapping[str, Decimal]  # leerroute -> share, summing to 1
    price_per_traject: Mapping[str, Decimal]  # leerroute -> contract price
    cost_per_person: Decimal = ZERO  # other voorzieningen per inburgeraar
    fixed_costs: Decimal = ZERO  # per year, independent of the inflow
    funding: Mapping[int, Decimal] = field(default_factory=dict)  # year -> funding
    route_months: Mapping[str, int] = field(default_factory=dict)  # leerroute -> duration


@dataclass(frozen=True)
class ForecastYear:
    year: int
    inflow: int
    trajecten: dict[str, Decimal]
    route_costs: Decimal
    other_costs: Decimal
    fixed_costs: Decimal
    funding: Decimal

    @property
    def total_costs(self) -> Decimal:
        return money(self.route_costs + self.other_costs + self.fixed_costs)

    @property
    def balance(self) -> Decimal:
        return money(self.funding - self.total_costs)


def projected_inflow(inflow: int, factor: Decimal) -> int:
    return int((Decimal(inflow) * factor).quantize(Decimal(1), rounding=ROUND_HALF_UP))


class MissingPrices(ValueError):
    """The scenario gives a share to leerroutes without a price per traject."""

    def __init__(self, routes: list[str]):
        self.routes = sorted(routes)
        super().__init__(f"no price per traject for {', '.join(self.routes)}")


def forecast(data: ForecastInput) -> list[ForecastYear]:
    """The projected costs against funding for each year of the scenario."""
    problem = route_mix_problem(data.route_mix)
    if problem:
        raise ValueError(problem)
    missing = [
        route
        for route, share in data.route_mix.items()
        if share and route not in data.price_per_traject
    ]
    if missing:
        raise MissingPrices(missing)
    first_year = min(data.years) if data.years else 0
    longest = max([*data.route_months.values(), 12])

    def inflow_in(year: int) -> int:
        factor = data.inflow_factor if year >= first_year else Decimal(1)
        return projected_inflow(data.inflow, factor)

    rows = []
    for year in data.years:
        inflow = inflow_in(year)
        trajecten = {route: Decimal(inflow) * share for route, share in data.route_mix.items()}
        route_costs = ZERO
        for route, share in data.route_mix.items():
            price = data.price_per_traject.get(route, ZERO)
            months = data.route_months.get(route, 12)
            for cohort in range(year - (longest + 11) // 12, year + 1):
                part = traject_share_in_year(cohort, 1, months, year)
                route_costs += Decimal(inflow_in(cohort)) * share * price * part
        rows.append(
            ForecastYear(
                year=year,
                inflow=inflow,
                trajecten=trajecten,
                route_costs=money(route_costs),
                other_costs=money(inflow * data.cost_per_person),
                fixed_costs=money(data.fixed_costs),
                funding=money(data.funding.get(year, ZERO)),
            )
        )
    return rows


def totals(rows: Sequence[ForecastYear]) -> tuple[Decimal, Decimal, Decimal]:
    """(costs, funding, balance) over all years of a forecast."""
    costs = money(sum((r.total_costs for r in rows), ZERO))
    funding = money(sum((r.funding for r in rows), ZERO))
    return costs, funding, money(funding - costs)
