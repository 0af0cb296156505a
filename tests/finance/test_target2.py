"""The TARGET2 calendar (ECB closing days) and the requested execution date of a run."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from regie.finance.services import execution_date_for
from regie.rules import target2


def test_the_closing_days_of_2027():
    assert sorted(target2.closing_days(2027)) == [
        date(2027, 1, 1),  # Friday
        date(2027, 3, 26),  # Good Friday (Easter is 28 March 2027)
        date(2027, 3, 29),  # Easter Monday
        date(2027, 5, 1),
        date(2027, 12, 25),
        date(2027, 12, 26),
    ]


def test_dutch_holidays_are_no_closing_days():
    assert target2.is_business_day(date(2027, 4, 27))  # Koningsdag
    assert target2.is_business_day(date(2027, 5, 6))  # Hemelvaartsdag
    assert target2.is_business_day(date(2027, 5, 5))  # Bevrijdingsdag


def test_january_2027_run_is_executed_on_monday_4_january():
    # 1 January 2027 is a Friday and a closing day, then a weekend.
    assert execution_date_for(date(2027, 1, 1), today=date(2026, 12, 20)) == date(2027, 1, 4)


def test_april_2026_run_skips_nothing_but_easter_monday_is_skipped_when_reached():
    # Easter 2026 is 5 April: Good Friday 3 April, Easter Monday 6 April.
    assert execution_date_for(date(2026, 4, 1), today=date(2026, 3, 20)) == date(2026, 4, 1)
    assert execution_date_for(date(2026, 4, 1), today=date(2026, 4, 3)) == date(2026, 4, 7)


def test_a_run_prepared_in_the_easter_weekend_of_2027():
    # Good Friday 26 March 2027; the April run prepared that day asks for 1 April (Thursday).
    assert execution_date_for(date(2027, 4, 1), today=date(2027, 3, 26)) == date(2027, 4, 1)
    # A catch-up run for March prepared on Good Friday waits for Tuesday 30 March.
    assert execution_date_for(date(2027, 3, 1), today=date(2027, 3, 26)) == date(2027, 3, 30)


def test_may_and_christmas():
    assert execution_date_for(date(2027, 5, 1), today=date(2027, 4, 20)) == date(2027, 5, 3)
    assert execution_date_for(date(2026, 12, 1), today=date(2026, 12, 24)) == date(2026, 12, 24)
    assert execution_date_for(date(2026, 12, 1), today=date(2026, 12, 25)) == date(2026, 12, 28)


@given(
    month=st.dates(min_value=date(2024, 1, 1), max_value=date(2040, 12, 1)),
    lag=st.integers(min_value=-40, max_value=40),
)
def test_the_execution_date_is_never_a_closing_day_nor_in_the_past(month, lag):
    today = month + timedelta(days=lag)
    day = execution_date_for(month, today)
    assert target2.is_business_day(day)
    assert day >= today
    assert day - max(month.replace(day=1), today) < timedelta(days=5)
