"""The days that stress the calendar, for running the suite with the clock moved
(``make test-dates``): the next last working day of a year, the next 29 February and the
next day after Easter Monday, each at a time of day that tests another edge.

Printed as REGIE_TEST_NOW values (Europe/Amsterdam), one per line; with ``--by-turn``
only one of them, a different one on each following day (what ``.ci/run`` runs)."""

import sys
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from regie.rules.calendar import easter_sunday, is_werkdag  # noqa: E402


def last_working_day_of_year(year: int) -> date:
    day = date(year, 12, 31)
    while not is_werkdag(day):
        day -= timedelta(days=1)
    return day


def next_on_or_after(today: date, make) -> date:
    year = today.year
    while True:
        day = make(year)
        if day is not None and day >= today:
            return day
        year += 1


def leap_day(year: int) -> date | None:
    try:
        return date(year, 2, 29)
    except ValueError:
        return None


def stress_days(today: date) -> list[str]:
    return [
        # Late afternoon of the year's last working day: a new year of budgets, runs
        # and terms starts with the next working day.
        f"{next_on_or_after(today, last_working_day_of_year).isoformat()}T16:30",
        # Half past midnight: in Amsterdam it is 29 February, in UTC still the 28th.
        f"{next_on_or_after(today, leap_day).isoformat()}T00:30",
        # The day after Easter Monday, late in the evening (summer time: UTC+2).
        f"{next_on_or_after(today, lambda y: easter_sunday(y) + timedelta(days=2))}T23:30",
    ]


def by_turn(today: date) -> str:
    """One of the three days, a different one on each following day: what CI runs."""
    days = stress_days(today)
    return days[today.toordinal() % len(days)]


if __name__ == "__main__":
    args = [arg for arg in sys.argv[1:] if arg != "--by-turn"]
    start = date.fromisoformat(args[0]) if args else date.today()
    print(by_turn(start) if "--by-turn" in sys.argv else "\n".join(stress_days(start)))
