"""The days that stress the calendar, for running the suite with the clock moved
(``make test-dates``): the next last working day of a year, the next 29 February and the
next day after Easter Monday, each at a time of day that tests another edge.

Printed as REGIE_TEST_NOW values (Europe/Amsterdam), one per line."""

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


if __name__ == "__main__":
    start = date.fromisoformat(sys.argv[1]) if len(sys.argv) > 1 else date.today()
    print("\n".join(stress_days(start)))
