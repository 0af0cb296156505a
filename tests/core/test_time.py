"""How time enters Regie (docs/time.md): one clock, read through django.utils.timezone,
and a test clock that can be moved for one test or for the whole suite."""

import re
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from django.utils import timezone

from scripts.test_days import by_turn, stress_days
from tests.clock import parse_moment

SRC = Path(__file__).resolve().parents[2] / "src" / "regie"

# Reading the clock any other way than through django.utils.timezone gives the UTC date
# between midnight and 01:00/02:00 Amsterdam time, and cannot be moved by the tests.
FORBIDDEN = re.compile(
    r"\bdate\.today\(\)|\bdatetime\.(?:now|today|utcnow)\(\)|timezone\.now\(\)\.date\(\)"
)


def test_regie_reads_the_clock_only_through_django_timezone():
    offenders = [
        f"{path.relative_to(SRC)}:{number}: {line.strip()}"
        for path in SRC.rglob("*.py")
        if "migrations" not in path.parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if FORBIDDEN.search(line)
    ]
    assert offenders == []


def test_a_day_alone_means_ten_oclock_in_amsterdam():
    moment = parse_moment("2028-02-29")
    assert moment == datetime(2028, 2, 29, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
    assert parse_moment("2028-02-29T00:30").utcoffset() == timedelta(hours=1)
    assert parse_moment("2027-03-30T23:30").utcoffset() == timedelta(hours=2)  # summer time


def test_travel_sets_today_in_amsterdam_not_in_utc(travel):
    travel("2028-02-29T00:30")
    # 23:30 UTC on the 28th: the Dutch date is already the 29th.
    assert timezone.now().astimezone(ZoneInfo("UTC")).date() == date(2028, 2, 28)
    assert timezone.localdate() == date(2028, 2, 29)


def test_travel_ticks_on_and_can_move_twice(travel):
    travel("2027-12-31T16:30")
    first = timezone.now()
    assert timezone.localdate() == date(2027, 12, 31)
    time.sleep(0.01)
    assert timezone.now() > first  # the clock runs on from the moment set
    travel("2030-01-01")  # a second move inside the same test
    assert timezone.localdate() == date(2030, 1, 1)


def test_stress_days_are_the_next_ones_after_today():
    assert stress_days(date(2026, 12, 6)) == [
        "2026-12-31T16:30",  # a Thursday
        "2028-02-29T00:30",
        "2027-03-30T23:30",  # Easter Monday 2027 is 29 March
    ]
    # 31 December 2028 is a Sunday: the last working day is Friday the 29th.
    assert stress_days(date(2028, 3, 1))[0] == "2028-12-29T16:30"
    assert stress_days(date(2028, 3, 1))[1] == "2032-02-29T00:30"


def test_ci_takes_the_three_days_by_turn():
    days = [by_turn(date(2026, 12, 6) + timedelta(days=n)) for n in range(3)]
    assert sorted(days) == sorted(stress_days(date(2026, 12, 6)))
    assert by_turn(date(2026, 12, 9)) == by_turn(date(2026, 12, 6))
