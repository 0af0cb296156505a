"""Tests for regie.rules.calendar: Easter, feestdagen, werkdagen and the Atw extension."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from regie.rules.calendar import (
    GELIJKGESTELDE_DAGEN,
    GELIJKGESTELDE_DAGEN_JAREN,
    MIN_YEAR,
    atw_verlenging,
    easter_sunday,
    feestdagen,
    gelijkgestelde_dagen_bekend,
    is_algemeen_erkende_feestdag,
    is_weekend,
    is_werkdag,
    koningsdag,
    volgende_werkdag,
    werkdagen_tussen,
)

supported_dates = st.dates(min_value=date(MIN_YEAR, 1, 1), max_value=date(2099, 12, 31))


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2014, date(2014, 4, 20)),
        (2019, date(2019, 4, 21)),
        (2022, date(2022, 4, 17)),
        (2024, date(2024, 3, 31)),
        (2025, date(2025, 4, 20)),
        (2026, date(2026, 4, 5)),
        (2027, date(2027, 3, 28)),
        (2038, date(2038, 4, 25)),  # latest possible Easter
        (2285, date(2285, 3, 22)),  # earliest possible Easter
    ],
)
def test_easter_sunday_known_dates(year, expected):
    assert easter_sunday(year) == expected


@given(st.integers(min_value=1583, max_value=4099))
def test_easter_is_a_sunday_between_22_march_and_25_april(year):
    easter = easter_sunday(year)
    assert easter.weekday() == 6
    assert date(year, 3, 22) <= easter <= date(year, 4, 25)


def test_koningsdag_2025_moves_to_saturday_26_april():
    # 27 April 2025 is a Sunday.
    assert date(2025, 4, 27).weekday() == 6
    assert koningsdag(2025) == date(2025, 4, 26)
    assert is_algemeen_erkende_feestdag(date(2025, 4, 26))
    assert not is_algemeen_erkende_feestdag(date(2025, 4, 27))


def test_koningsdag_first_year_and_ordinary_year():
    assert koningsdag(2014) == date(2014, 4, 26)  # the first Koningsdag, 27 April a Sunday
    assert koningsdag(2026) == date(2026, 4, 27)  # a Monday


@given(st.integers(min_value=MIN_YEAR, max_value=2500))
def test_koningsdag_is_never_a_sunday(year):
    day = koningsdag(year)
    assert day.weekday() != 6
    assert day in (date(year, 4, 26), date(year, 4, 27))


def test_feestdagen_2026():
    assert set(feestdagen(2026)) == {
        date(2026, 1, 1),  # Nieuwjaarsdag
        date(2026, 1, 2),  # gelijkgesteld (KB 2026-2028)
        date(2026, 4, 3),  # Goede Vrijdag
        date(2026, 4, 6),  # Tweede Paasdag
        date(2026, 4, 27),  # Koningsdag
        date(2026, 5, 5),  # 5 mei
        date(2026, 5, 14),  # Hemelvaartsdag
        date(2026, 5, 15),  # gelijkgesteld (KB 2026-2028)
        date(2026, 5, 25),  # Tweede Pinksterdag
        date(2026, 12, 25),
        date(2026, 12, 26),
    }


def test_goede_vrijdag_2026_is_equated():
    assert is_algemeen_erkende_feestdag(date(2026, 4, 3))
    assert "Goede Vrijdag" in feestdagen(2026)[date(2026, 4, 3)]
    assert not is_werkdag(date(2026, 4, 3))


def test_vijf_mei_counts_every_year_not_only_in_lustrum_years():
    assert is_algemeen_erkende_feestdag(date(2022, 5, 5))
    assert is_algemeen_erkende_feestdag(date(2023, 5, 5))


def test_eerste_paasdag_and_pinksterdag_are_sundays_not_named_holidays():
    for day in (date(2026, 4, 5), date(2026, 5, 24)):
        assert day.weekday() == 6
        assert not is_algemeen_erkende_feestdag(day)
        assert not is_werkdag(day)


def test_ordinary_days_are_not_feestdagen():
    assert not is_algemeen_erkende_feestdag(date(2025, 12, 24))  # Kerstavond
    assert not is_algemeen_erkende_feestdag(date(2025, 12, 31))  # Oudejaarsdag
    assert not is_algemeen_erkende_feestdag(date(2025, 5, 4))  # Dodenherdenking
    assert is_werkdag(date(2025, 12, 24))


def test_gelijkgestelde_dagen_are_holidays_for_the_atw():
    assert is_algemeen_erkende_feestdag(date(2025, 5, 30))  # vrijdag na Hemelvaart 2025
    assert is_algemeen_erkende_feestdag(date(2024, 12, 27))
    assert is_algemeen_erkende_feestdag(date(2028, 4, 28))
    assert not is_werkdag(date(2026, 5, 15))


def test_gelijkgestelde_dagen_table_is_consistent():
    days = [d for d, _ in GELIJKGESTELDE_DAGEN]
    assert len(days) == len(set(days))
    for day, source in GELIJKGESTELDE_DAGEN:
        assert source.strip()
        assert "Atw art. 3 lid 3" in source
        assert not is_weekend(day)  # an equated weekend day would mean nothing
        assert day.year in GELIJKGESTELDE_DAGEN_JAREN
        assert gelijkgestelde_dagen_bekend(day)


def test_years_without_known_decree_are_flagged():
    assert not gelijkgestelde_dagen_bekend(date(2021, 6, 1))
    assert not gelijkgestelde_dagen_bekend(date(2029, 6, 1))
    assert gelijkgestelde_dagen_bekend(date(2026, 6, 1))


def test_years_before_2014_are_refused():
    with pytest.raises(ValueError):
        is_algemeen_erkende_feestdag(date(2013, 4, 30))
    with pytest.raises(ValueError):
        koningsdag(2013)


def test_volgende_werkdag_over_christmas_2025():
    # Thu 25 and Fri 26 December are Kerstdagen, then a weekend.
    assert volgende_werkdag(date(2025, 12, 24)) == date(2025, 12, 29)


def test_volgende_werkdag_over_easter_2026():
    # Goede Vrijdag 3 April, weekend, Tweede Paasdag 6 April.
    assert volgende_werkdag(date(2026, 4, 2)) == date(2026, 4, 7)


def test_atw_verlenging_keeps_a_werkdag():
    assert atw_verlenging(date(2025, 4, 16)) == date(2025, 4, 16)
    assert atw_verlenging(date(2025, 4, 12)) == date(2025, 4, 14)  # Saturday -> Monday


def test_werkdagen_tussen():
    assert werkdagen_tussen(date(2025, 12, 22), date(2025, 12, 28)) == 3  # Mon-Wed
    assert werkdagen_tussen(date(2025, 12, 28), date(2025, 12, 22)) == 0


@given(supported_dates)
def test_volgende_werkdag_is_the_first_werkdag_after(d):
    nxt = volgende_werkdag(d)
    assert nxt > d
    assert is_werkdag(nxt)
    between = d + timedelta(days=1)
    while between < nxt:
        assert not is_werkdag(between)
        between += timedelta(days=1)


@given(supported_dates)
def test_atw_verlenging_properties(d):
    end = atw_verlenging(d)
    assert is_werkdag(end)
    assert end >= d
    # Longest run of non-werkdagen 2014-2099 is five days (22-26 December 2018).
    assert (end - d).days <= 5
    assert atw_verlenging(end) == end
    assert (end == d) == is_werkdag(d)


@given(supported_dates)
def test_werkdag_is_weekday_and_not_feestdag(d):
    assert is_werkdag(d) == (d.weekday() < 5 and not is_algemeen_erkende_feestdag(d))


def test_heeft_werkdagen_agrees_with_counting():
    """The early-stopping check gives what counting all werkdagen gives (Atw art. 2)."""
    from regie.rules.calendar import heeft_werkdagen

    start = date(2025, 12, 20)
    for offset in range(0, 40):
        first = start + timedelta(days=offset)
        for length in range(0, 20):
            last = first + timedelta(days=length)
            for minimum in (1, 2, 3):
                assert heeft_werkdagen(first, last, minimum) == (
                    werkdagen_tussen(first, last) >= minimum
                ), (first, last, minimum)
