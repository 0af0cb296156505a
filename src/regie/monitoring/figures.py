"""Monitoring figures as pure functions over plain rows (no Django).

Each person row (see queries.person_rows) is a ``PersonRow``; the functions here turn a list
of rows into the figures of the dashboard, the CBS-style cohorts and the process view, so
they can be checked against a hand-computed data set. Suppression of small cells for
anything that leaves the municipality is also decided here.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from operator import attrgetter
from statistics import median
from typing import NamedTuple

from regie.rules.deadlines import PIP_TERMIJN_NA_HUISVESTING_WEKEN, pip_deadline_for
from regie.rules.lifecycle import Regime

# Counts under this value are hidden in anything meant for outside the municipality
# (small-cell suppression, as CBS does for its Statistiek Wet inburgering).
SUPPRESSION_THRESHOLD = 5
SUPPRESSED = "<5"


class PersonRow(NamedTuple):
    """One person's dates and facts (a named tuple: cheap to build 100,000 of)."""

    municipality_id: int
    doelgroep: str
    status: str
    kennisgeving: date | None
    intake_started: date | None = None
    intake_completed: date | None = None
    pip_dagtekening: date | None = None  # of the first vastgestelde PIP version
    leerroute: str = ""  # of the latest vastgestelde PIP version
    pvt_signed: date | None = None
    map_done: date | None = None
    wants_maatje: bool | None = None  # None: no matching profile
    has_maatje: bool = False
    in_activity: bool = False
    regime: str = Regime.WI2021
    brp_date: date | None = None
    housing_date: date | None = None
    pip_from_housing: bool = False  # the municipality counts the PIP term from housing
    pip_housing_weeks: int = PIP_TERMIJN_NA_HUISVESTING_WEKEN  # its local term (lokaal beleid)


_KENNISGEVING = attrgetter("kennisgeving")
_DOELGROEP = attrgetter("doelgroep")
_WI2021 = Regime.WI2021


def pip_deadline(row: PersonRow) -> date | None:
    """The statutory PIP deadline, the one the werkvoorraad shows as binding
    (people.workitems.pip_deadline, both through rules.pip_deadline_for): Besluit
    inburgering 2021 art. 5.3 lid 1 (10 weeks after the kennisgeving or the later BRP
    registration, Atw applied). A municipality's local target after housing stands beside
    it and never replaces it (issue 18, point 7), so it does not move this indicator. None
    outside the Wet inburgering 2021 or without a kennisgeving."""
    if row.regime != _WI2021 or row.kennisgeving is None:
        return None
    return _deadline(row.kennisgeving, row.brp_date, None, False, PIP_TERMIJN_NA_HUISVESTING_WEKEN)


@lru_cache(maxsize=100_000)
def _deadline(kennisgeving, brp_date, housing_date, from_housing, weeks) -> date | None:
    # The same few thousand dates recur over 100,000 persons; the Atw check is not cheap.
    return pip_deadline_for(
        kennisgeving, brp_date, housing_date, count_from_housing=from_housing, local_weeks=weeks
    )


def suppress(value):
    """A count as it may leave the municipality: 1–4 become '<5' (0 stays 0: it
    identifies nobody)."""
    if isinstance(value, int) and 0 < value < SUPPRESSION_THRESHOLD:
        return SUPPRESSED
    return value


def days_between(start: date | None, end: date | None) -> int | None:
    if start is None or end is None:
        return None
    return (end - start).days


@dataclass(frozen=True)
class Duration:
    n: int
    mean: float | None
    median: float | None
    # Persons whose step ends before it begins (e.g. a PIP dagtekening before the intake's
    # completion): a data error, left out of n, mean and median and named by the table.
    errors: int = 0

    @classmethod
    def of(cls, values) -> Duration:
        values = [v for v in values if v is not None]
        valid = [v for v in values if v >= 0]
        errors = len(values) - len(valid)
        if not valid:
            return cls(0, None, None, errors)
        return cls(len(valid), round(sum(valid) / len(valid), 1), float(median(valid)), errors)


def inflow_by_month(rows: list[PersonRow]) -> list[tuple[str, dict[str, int], int]]:
    """(YYYY-MM, {doelgroep: n}, total) for every month with a kennisgeving, in order."""
    # Counted per date first (in C: no Python call per row), then per month.
    by_day = Counter(zip(map(_KENNISGEVING, rows), map(_DOELGROEP, rows), strict=True))
    counts: Counter = Counter()
    for (day, doelgroep), n in by_day.items():
        if day:
            counts[(day.year, day.month, doelgroep)] += n
    months: dict[tuple[int, int], dict[str, int]] = {}
    for (year, month, doelgroep), n in sorted(counts.items()):
        months.setdefault((year, month), {})[doelgroep] = n
    return [(f"{y:04d}-{m:02d}", c, sum(c.values())) for (y, m), c in months.items()]


def count_by(rows, key) -> dict[str, int]:
    """Rows per value of key (a field name, or a function of the row)."""
    return dict(Counter(map(attrgetter(key) if isinstance(key, str) else key, rows)))


def duration(rows: list[PersonRow], start: str, end: str) -> Duration:
    """Days from the field start to the field end, over the rows that have both."""
    return Duration.of(
        [
            (b - a).days
            for a, b in zip(map(attrgetter(start), rows), map(attrgetter(end), rows), strict=True)
            if a is not None and b is not None
        ]
    )


def lead_times(rows: list[PersonRow]) -> dict[str, Duration]:
    return {
        "intake_start": duration(rows, "kennisgeving", "intake_started"),
        "intake_complete": duration(rows, "kennisgeving", "intake_completed"),
        "pip": duration(rows, "kennisgeving", "pip_dagtekening"),
    }


def pip_on_time(rows: list[PersonRow]) -> tuple[int, int]:
    """(on time, total) over persons with a vastgestelde PIP and a PIP deadline
    (seed §4.1: the share of PIPs vastgesteld within the term): on time is a first
    dagtekening on or before the deadline of :func:`pip_deadline`."""
    on_time = total = 0
    for row in rows:
        if row.pip_dagtekening is None:
            continue
        deadline = pip_deadline(row)
        if deadline is None:
            continue
        total += 1
        on_time += row.pip_dagtekening <= deadline
    return on_time, total


def overdue_pips(rows: list[PersonRow], today: date) -> int:
    """Persons past their PIP deadline (:func:`pip_deadline`) without a vastgestelde PIP."""
    count = 0
    for row in rows:
        if row.pip_dagtekening is None:
            deadline = pip_deadline(row)
            count += deadline is not None and today > deadline
    return count


def share(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def maatje_coverage(rows: list[PersonRow]) -> tuple[int, int]:
    """(with an active maatje, wanting one) among persons with a matching profile."""
    wanting = [r for r in rows if r.wants_maatje]
    return sum(1 for r in wanting if r.has_maatje), len(wanting)


@dataclass(frozen=True)
class Cohort:
    year: int
    doelgroep: str
    persons: int
    pip: int
    pip_within: int
    leerroutes: dict[str, int]
    pvt: int
    map: int
    statuses: dict[str, int]


def cohorts(rows: list[PersonRow]) -> list[Cohort]:
    """Per year in which the obligation started (the kennisgeving) and doelgroep, as CBS's
    Statistiek Wet inburgering splits asiel- and gezinsmigranten."""
    groups: dict[tuple[int, str], list[PersonRow]] = {}
    for row in rows:
        if row.kennisgeving:
            groups.setdefault((row.kennisgeving.year, row.doelgroep), []).append(row)
    result = []
    for (year, doelgroep), members in sorted(groups.items()):
        within, _with_deadline = pip_on_time(members)
        result.append(
            Cohort(
                year=year,
                doelgroep=doelgroep,
                persons=len(members),
                pip=sum(1 for r in members if r.pip_dagtekening),
                pip_within=within,
                leerroutes=count_by([r for r in members if r.leerroute], "leerroute"),
                pvt=sum(1 for r in members if r.pvt_signed),
                map=sum(1 for r in members if r.map_done),
                statuses=count_by(members, "status"),
            )
        )
    return result


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    width: int  # pixels, for the inline SVG
    y: int


def bars(items: list[tuple[str, float | int | None]], max_width: int = 300, step: int = 24):
    """Bar geometry for an SVG chart (CSP forbids inline styles; SVG attributes are fine).

    Scaled to the largest positive figure; a figure of zero, a missing one and a negative
    one (a data error the table names) get no bar, only their value — never a negative
    width, and never a bar scaled by a negative maximum."""
    top = max((v for _, v in items if v is not None and v > 0), default=0) or 1
    return [
        Bar(
            str(label),
            value or 0,
            round(max_width * value / top) if value is not None and value > 0 else 0,
            i * step,
        )
        for i, (label, value) in enumerate(items)
    ]


# Statuses in which nobody waits for a next step any more.
CLOSED_STATUSES = frozenset({"afgerond", "ontheffing", "vertrokken", "beeindigd"})


# --------------------------------------------------------------------------- uitstroom

# The moments after the first vastgestelde PIP at which outflow is measured, in months, as
# CBS (Statistiek Wet inburgering) and Divosa report participation after the PIP. A
# reporting convention, not a figure of law or local policy.
OUTFLOW_MOMENTS = (6, 12, 24, 36)


class OutflowRow(NamedTuple):
    """A person with a vastgestelde PIP and the first date of each kind of outflow."""

    cohort: int  # year of the kennisgeving
    leerroute: str
    pip: date  # dagtekening of the first vastgestelde PIP version
    firsts: dict  # {uitstroom soort (or 'soort:detail'): first date}
    persons: int = 1  # how many persons this row stands for (the facts group those alike)


class OutflowCell(NamedTuple):
    cohort: int
    leerroute: str
    months: int
    measured: int  # persons whose PIP is at least `months` old on the day of measuring
    counts: dict  # {key: persons with that outflow on or before PIP + months}


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (the last day of the month when it has fewer days)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=d)
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover


def outflow_cells(
    rows: list[OutflowRow], keys: tuple[str, ...], today: date, moments=OUTFLOW_MOMENTS
) -> list[OutflowCell]:
    """Per cohort, leerroute and moment: how many persons could be measured (their PIP is
    at least that many months old today) and how many of those had each kind of outflow
    on or before that moment. Outflow before the PIP counts too (someone who found work
    during the intake has work at 6 months). Only cohort/route pairs with a PIP appear;
    a moment nobody has reached yet shows 0 measured."""
    cells: dict[tuple, list] = {}
    # The same few thousand PIP dates recur over 100,000 persons: their moments once.
    moments_of: dict[date, list[tuple[int, date]]] = {}
    for cohort, leerroute, pip, firsts, persons in rows:
        reached = moments_of.get(pip)
        if reached is None:
            reached = moments_of[pip] = [(m, add_months(pip, m)) for m in moments]
        for months, moment in reached:
            key = (cohort, leerroute, months)
            cell = cells.get(key)
            if cell is None:
                cell = cells[key] = [0, dict.fromkeys(keys, 0)]
            if moment > today:
                continue
            cell[0] += persons
            counts = cell[1]
            for k, first in firsts.items():  # only the kinds this person has
                if first <= moment and k in counts:
                    counts[k] += persons
    return [
        OutflowCell(cohort, route, months, measured, counts)
        for (cohort, route, months), (measured, counts) in sorted(
            cells.items(), key=lambda item: (item[0][0], item[0][1], item[0][2])
        )
    ]
