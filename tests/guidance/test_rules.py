"""The pure rules: VOG validity (lokaal beleid), coverage and time to match."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from regie.guidance import rules

TODAY = dt.date(2026, 6, 15)


def test_vog_required():
    assert rules.vog_problem(None, TODAY, 3) == "geen VOG-datum vastgelegd"


def test_vog_valid_up_to_and_including_the_limit():
    assert rules.vog_problem(dt.date(2023, 6, 15), TODAY, 3) is None
    assert "ouder dan 3 jaar" in rules.vog_problem(dt.date(2023, 6, 14), TODAY, 3)
    assert "lokaal beleid" in rules.vog_problem(dt.date(2023, 6, 14), TODAY, 3)


def test_vog_limit_is_configurable():
    assert rules.vog_problem(dt.date(2022, 1, 1), TODAY, 5) is None
    assert rules.vog_problem(dt.date(2022, 1, 1), TODAY, 2) is not None


def test_vog_in_the_future_is_refused():
    assert rules.vog_problem(TODAY + dt.timedelta(days=1), TODAY, 3) is not None


def test_years_before_leap_day():
    assert rules.years_before(dt.date(2028, 2, 29), 3) == dt.date(2025, 2, 28)


def test_split_codes_normalises():
    assert rules.split_codes(" AR, en;nl, ar ,") == ["ar", "en", "nl"]
    assert rules.split_codes("") == []


def test_clean_slots_keeps_known_slots_in_week_order():
    assert rules.clean_slots(["za-ochtend", "bogus", "ma-avond"]) == ["ma-avond", "za-ochtend"]


def test_coverage_counts_only_the_population():
    coverage = rules.maatje_coverage([1, 2, 3, 4], [2, 4, 99])
    assert (coverage.newcomers, coverage.with_maatje, coverage.without_maatje) == (4, 2, 2)
    assert coverage.percentage == 50
    assert not coverage.goal_reached
    assert rules.maatje_coverage([1], [1]).goal_reached


def test_coverage_of_nobody_is_undefined():
    coverage = rules.maatje_coverage([], [1])
    assert coverage.share is None and coverage.percentage is None
    assert not coverage.goal_reached


@given(st.sets(st.integers(0, 50)), st.sets(st.integers(0, 50)))
def test_coverage_share_between_zero_and_one(population, matched):
    coverage = rules.maatje_coverage(population, matched)
    assert coverage.with_maatje <= coverage.newcomers
    if coverage.newcomers:
        assert 0 <= coverage.share <= 1
        assert coverage.goal_reached == (population <= matched)


def test_time_to_match():
    start = dt.date(2026, 1, 1)
    stats = rules.time_to_match(
        [
            (start, start + dt.timedelta(days=10)),
            (start, start + dt.timedelta(days=30)),
            (start, start + dt.timedelta(days=200)),
            (None, start),  # unknown start: skipped
            (start, start - dt.timedelta(days=5)),  # matched before housing: 0 days
        ]
    )
    assert stats.count == 4
    assert stats.median_days == 20.0
    assert stats.max_days == 200
    assert stats.within_90_days == 3
    assert rules.time_to_match([]).median_days is None
