"""Pure rules of maatschappelijke begeleiding (no Django): the VOG rule for volunteers,
maatje coverage and time to match, and the small text helpers that turn form input into
the values of the matching instance (PLANNING.md §1).

The VOG validity is lokaal beleid: the law asks a certificate of conduct of volunteers
working with vulnerable people, but how old it may be is the municipality's (or the
volunteer organisation's) choice; the default of 3 years is common practice, not law.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

DAYS = ("ma", "di", "wo", "do", "vr", "za", "zo")
DAYPARTS = ("ochtend", "middag", "avond")
DAY_LABELS = {
    "ma": "maandag",
    "di": "dinsdag",
    "wo": "woensdag",
    "do": "donderdag",
    "vr": "vrijdag",
    "za": "zaterdag",
    "zo": "zondag",
}
# Every availability slot of the matching instance, "<dag>-<dagdeel>", in week order.
SLOTS = tuple(f"{day}-{part}" for day in DAYS for part in DAYPARTS)

# Default maximum age of a VOG in years (lokaal beleid, configurable per municipality).
DEFAULT_VOG_MAX_AGE_YEARS = 3


def split_codes(text: str | None) -> list[str]:
    """'ar, EN;nl' -> ['ar', 'en', 'nl']: lower-case, trimmed, without duplicates."""
    if not text:
        return []
    parts = text.replace(";", ",").split(",")
    return list(dict.fromkeys(p.strip().lower() for p in parts if p.strip()))


def clean_slots(slots: Iterable[str]) -> list[str]:
    """Known slots only, in week order."""
    wanted = set(slots)
    return [slot for slot in SLOTS if slot in wanted]


def slot_label(slot: str) -> str:
    day, _, part = slot.partition("-")
    return f"{DAY_LABELS.get(day, day)} {part}"


def years_before(day: date, years: int) -> date:
    """The same calendar day ``years`` earlier (29 February falls back to the 28th)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def vog_problem(vog_date: date | None, today: date, max_age_years: int) -> str | None:
    """Why a volunteer may not (yet) be matched on ``today`` because of the VOG, or None.

    A VOG dated exactly ``max_age_years`` ago is still valid that day."""
    if vog_date is None:
        return "geen VOG-datum vastgelegd"
    if vog_date > today:
        return "de VOG-datum ligt in de toekomst"
    if vog_date < years_before(today, max_age_years):
        return f"VOG van {vog_date:%d-%m-%Y} is ouder dan {max_age_years} jaar (lokaal beleid)"
    return None


@dataclass(frozen=True)
class Coverage:
    """Share of newcomers in guidance who have an active maatje (seed §3.8: all of them)."""

    newcomers: int
    with_maatje: int

    @property
    def without_maatje(self) -> int:
        return self.newcomers - self.with_maatje

    @property
    def share(self) -> float | None:
        return None if self.newcomers == 0 else self.with_maatje / self.newcomers

    @property
    def percentage(self) -> int | None:
        share = self.share
        return None if share is None else round(share * 100)

    @property
    def goal_reached(self) -> bool:
        return self.newcomers > 0 and self.with_maatje == self.newcomers


def maatje_coverage(newcomer_ids: Iterable[int], matched_ids: Iterable[int]) -> Coverage:
    """Coverage of ``newcomer_ids`` by the persons with an active match; matches of
    persons outside the population (e.g. no longer in guidance) do not count."""
    population = set(newcomer_ids)
    return Coverage(len(population), len(population & set(matched_ids)))


@dataclass(frozen=True)
class TimeToMatch:
    """Days from the start of guidance (housing in the municipality) to the first maatje."""

    count: int
    median_days: float | None
    mean_days: float | None
    max_days: int | None
    within_90_days: int


def time_to_match(periods: Iterable[tuple[date | None, date]]) -> TimeToMatch:
    """``periods`` holds (start of guidance, start of first match) per matched newcomer;
    a missing start is skipped, and a match before the start counts as 0 days."""
    days = sorted(max(0, (matched - start).days) for start, matched in periods if start)
    if not days:
        return TimeToMatch(0, None, None, None, 0)
    return TimeToMatch(
        count=len(days),
        median_days=float(statistics.median(days)),
        mean_days=round(statistics.fmean(days), 1),
        max_days=days[-1],
        within_90_days=sum(1 for d in days if d <= 90),
    )
