"""An inline SVG bar chart of the forecast: per year, the projected costs of each
scenario beside the funding. Drawn on the server (no JavaScript); the page shows the same
numbers in a data table beside it, so the chart is never the only way to read them.

Geometry is plain floats; the template writes them with the ``svg`` filter
(regie.core.templatetags.regie_format), never localised: a Dutch "260,0" is not a length
the browser accepts. A negative amount (a data error the table shows) is drawn as no bar."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

# Patterns as well as colours tell the scenarios apart (WCAG 1.4.1: not colour alone).
SERIES_STYLES = (
    ("#1f5d99", ""),
    ("#b35900", "url(#regie-hatch)"),
    ("#3d7a3d", "url(#regie-dots)"),
    ("#6b3d8f", ""),
)
FUNDING_COLOUR = "#555555"


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    colour: str
    pattern: str
    label: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: list[Bar]
    year_labels: list[tuple[float, str]]
    gridlines: list[tuple[float, str]]
    legend: list[tuple[str, str, str]]  # (colour, pattern, name)
    empty: bool


def _euros(value: Decimal) -> str:
    return f"€ {value:,.0f}".replace(",", ".")


def forecast_chart(forecasts, width: int = 720, height: int = 300) -> Chart:
    usable = [f for f in forecasts if f.rows]
    years = sorted({row.year for f in usable for row in f.rows})
    if not years:
        return Chart(width, height, [], [], [], [], True)
    top = max(
        [row.total_costs for f in usable for row in f.rows]
        + [row.funding for f in usable for row in f.rows]
        + [Decimal(1)]
    )
    left, bottom, plot_top = 90.0, height - 40.0, 20.0
    plot_height = bottom - plot_top
    group_width = (width - left - 10) / len(years)
    series = len(usable) + 1  # the scenarios and the funding
    bar_width = group_width * 0.8 / series
    drawn_width = max(bar_width - 2, bar_width * 0.75)  # a gap between bars, never negative

    def scale(value: Decimal) -> float:
        return max(0.0, float(value / top) * plot_height)

    bars = []
    for year_index, year in enumerate(years):
        x0 = left + year_index * group_width + group_width * 0.1
        for index, item in enumerate(usable):
            row = next((r for r in item.rows if r.year == year), None)
            if row is None:
                continue
            colour, pattern = SERIES_STYLES[index % len(SERIES_STYLES)]
            h = scale(row.total_costs)
            bars.append(
                Bar(
                    x0 + index * bar_width,
                    bottom - h,
                    drawn_width,
                    h,
                    colour,
                    pattern,
                    f"{item.scenario.naam} {year}: {_euros(row.total_costs)}",
                )
            )
        funding = next((r.funding for f in usable for r in f.rows if r.year == year), Decimal(0))
        h = scale(funding)
        bars.append(
            Bar(
                x0 + len(usable) * bar_width,
                bottom - h,
                drawn_width,
                h,
                FUNDING_COLOUR,
                "",
                _("Financiering %(jaar)s: %(bedrag)s") % {"jaar": year, "bedrag": _euros(funding)},
            )
        )
    gridlines = [(bottom - plot_height * step / 4, _euros(top * step / 4)) for step in range(0, 5)]
    legend = [
        (
            SERIES_STYLES[i % len(SERIES_STYLES)][0],
            SERIES_STYLES[i % len(SERIES_STYLES)][1],
            f.scenario.naam,
        )
        for i, f in enumerate(usable)
    ] + [(FUNDING_COLOUR, "", _("Financiering"))]
    labels = [(left + i * group_width + group_width / 2, str(y)) for i, y in enumerate(years)]
    return Chart(width, height, bars, labels, gridlines, legend, False)
