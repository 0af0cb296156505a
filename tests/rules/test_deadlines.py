"""Tests for regie.rules.deadlines: PIP, inburgeringstermijn, bezwaar and beslistermijn."""

from datetime import date, timedelta

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from regie.rules.calendar import is_algemeen_erkende_feestdag, is_werkdag
from regie.rules.deadlines import (
    add_months,
    atw_applies,
    beslistermijn_bezwaar_einde,
    bezwaar_tijdig,
    bezwaartermijn_einde,
    inburgeringstermijn,
    period_last_day,
    pip_deadline,
    pip_deadline_for,
    pip_deadline_local,
    pip_deadline_na_informatie_derde,
    pip_deadline_na_verhuizing,
    pip_target_local,
    termijn_einde,
    termijn_verlengd,
)

dates = st.dates(min_value=date(2014, 1, 1), max_value=date(2099, 10, 31))
any_dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2400, 12, 31))
SIX_WEEKS = timedelta(weeks=6)

# --- bezwaartermijn ----------------------------------------------------------------------


def test_bezwaartermijn_ordinary_case():
    # Made known Wed 5 March 2025: term runs from Thu 6 March up to and including Wed 16 April.
    assert bezwaartermijn_einde(date(2025, 3, 5)) == date(2025, 4, 16)


def test_bezwaartermijn_ending_on_saturday_moves_to_monday():
    assert (date(2025, 3, 1) + SIX_WEEKS).weekday() == 5  # Saturday 12 April
    assert bezwaartermijn_einde(date(2025, 3, 1)) == date(2025, 4, 14)


def test_bezwaartermijn_ending_on_tweede_kerstdag():
    # Bare end Fri 26 December 2025 (Tweede Kerstdag), then a weekend -> Mon 29 December.
    assert date(2025, 11, 14) + SIX_WEEKS == date(2025, 12, 26)
    assert bezwaartermijn_einde(date(2025, 11, 14)) == date(2025, 12, 29)


def test_bezwaartermijn_ending_on_goede_vrijdag():
    # Bare end Fri 3 April 2026 (Goede Vrijdag); weekend; Mon 6 April is Tweede Paasdag.
    assert date(2026, 2, 20) + SIX_WEEKS == date(2026, 4, 3)
    assert bezwaartermijn_einde(date(2026, 2, 20)) == date(2026, 4, 7)


def test_bezwaartermijn_ending_on_koningsdag_2025():
    # Bare end Sat 26 April 2025 = Koningsdag (27 April is a Sunday) -> Mon 28 April.
    assert bezwaartermijn_einde(date(2025, 3, 15)) == date(2025, 4, 28)


def test_bezwaartermijn_ending_on_hemelvaartsdag_and_equated_friday():
    # Thu 29 May 2025 Hemelvaartsdag, Fri 30 May equated by royal decree, weekend.
    assert bezwaartermijn_einde(date(2025, 4, 17)) == date(2025, 6, 2)


def test_bezwaartermijn_ending_on_vijf_mei():
    assert bezwaartermijn_einde(date(2025, 3, 24)) == date(2025, 5, 6)


@given(dates)
def test_bezwaartermijn_is_first_werkdag_from_six_weeks(bekendgemaakt):
    end = bezwaartermijn_einde(bekendgemaakt)
    bare = bekendgemaakt + SIX_WEEKS
    assert is_werkdag(end)
    assert not is_algemeen_erkende_feestdag(end)
    assert end.weekday() < 5
    assert end >= bare  # never shorter than 42 days
    assert (end - bare).days <= 5  # at most a few days longer
    d = bare
    while d < end:
        assert not is_werkdag(d)
        d += timedelta(days=1)


@given(dates, dates)
def test_bezwaartermijn_is_monotone(a, b):
    assume(a <= b)
    assert bezwaartermijn_einde(a) <= bezwaartermijn_einde(b)


def test_bezwaar_tijdig_awb_6_9():
    last = date(2025, 4, 16)
    assert bezwaar_tijdig(date(2025, 4, 16), last)
    assert not bezwaar_tijdig(date(2025, 4, 17), last)
    # Posted on the last day and received within a week after it.
    assert bezwaar_tijdig(date(2025, 4, 23), last, ter_post_bezorgd_op=date(2025, 4, 16))
    assert not bezwaar_tijdig(date(2025, 4, 24), last, ter_post_bezorgd_op=date(2025, 4, 16))
    assert not bezwaar_tijdig(date(2025, 4, 18), last, ter_post_bezorgd_op=date(2025, 4, 17))


# --- beslistermijn bezwaar ---------------------------------------------------------------


def test_beslistermijn_six_and_twelve_weeks():
    assert beslistermijn_bezwaar_einde(date(2025, 4, 16)) == date(2025, 5, 28)
    assert beslistermijn_bezwaar_einde(date(2025, 4, 16), adviescommissie=True) == date(2025, 7, 9)


def test_beslistermijn_with_verdaging():
    assert beslistermijn_bezwaar_einde(
        date(2025, 4, 16), adviescommissie=True, verdaagd_weken=6
    ) == date(2025, 8, 20)


def test_beslistermijn_ending_on_hemelvaartsdag():
    assert beslistermijn_bezwaar_einde(date(2025, 4, 17)) == date(2025, 6, 2)


@pytest.mark.parametrize("weeks", [-1, 7, 12])
def test_beslistermijn_verdaging_beyond_six_weeks_is_refused(weeks):
    with pytest.raises(ValueError, match="7:10"):
        beslistermijn_bezwaar_einde(date(2025, 4, 16), verdaagd_weken=weeks)


@given(dates, st.booleans(), st.integers(min_value=0, max_value=6))
def test_beslistermijn_properties(einde, commissie, verdaagd):
    result = beslistermijn_bezwaar_einde(einde, commissie, verdaagd)
    base = 12 if commissie else 6
    assert is_werkdag(result)
    assert result >= einde + timedelta(weeks=base + verdaagd)
    assert result <= einde + timedelta(weeks=base + verdaagd, days=10)
    if verdaagd:
        assert result > beslistermijn_bezwaar_einde(einde, commissie, verdaagd - 1)


# --- generic terms -----------------------------------------------------------------------


def test_termijn_einde_atw_article_2_two_werkdagen():
    # Three days from Thu 25 December 2025: 25, 26 (Kerst), 27 (Sat) -> art. 1 gives Mon 29,
    # which holds only one werkdag -> art. 2 extends to Tue 30.
    assert termijn_einde(date(2025, 12, 25), days=3) == date(2025, 12, 30)
    assert termijn_einde(date(2025, 12, 25), days=3, atw=False) == date(2025, 12, 27)


def test_termijn_einde_no_atw_beyond_twelve_weeks():
    start = date(2025, 1, 5)  # a Sunday: 13 weeks later ends on a Saturday
    assert termijn_einde(start, weeks=13) == date(2025, 4, 5)
    assert termijn_einde(start, weeks=12) == date(2025, 3, 31)  # Sat 29 March -> Mon 31


def test_atw_applies_article_4():
    assert atw_applies(weeks=12)
    assert not atw_applies(weeks=13)
    assert not atw_applies(weeks=12, days=1)
    assert atw_applies(days=90)
    assert not atw_applies(days=91)


def test_termijn_einde_rejects_empty_terms():
    with pytest.raises(ValueError):
        termijn_einde(date(2025, 1, 1))
    with pytest.raises(ValueError):
        termijn_einde(date(2025, 1, 1), weeks=-1, days=10)


# --- PIP ---------------------------------------------------------------------------------


def test_pip_deadline_ten_weeks_after_kennisgeving():
    assert pip_deadline(date(2025, 1, 6)) == date(2025, 3, 17)


def test_pip_deadline_counts_from_later_brp_inschrijving():
    assert pip_deadline(date(2025, 1, 6), date(2025, 2, 3)) == date(2025, 4, 14)
    # Already registered before the kennisgeving: the kennisgeving counts.
    assert pip_deadline(date(2025, 1, 6), date(2024, 11, 1)) == date(2025, 3, 17)


def test_pip_deadline_gets_the_atw():
    # 10 weeks after Mon 16 February 2026 is Koningsdag, Mon 27 April 2026.
    assert pip_deadline(date(2026, 2, 16), atw=False) == date(2026, 4, 27)
    assert pip_deadline(date(2026, 2, 16)) == date(2026, 4, 28)


def test_pip_deadline_information_from_third_party_and_move():
    assert pip_deadline_na_informatie_derde(date(2025, 6, 2)) == date(2025, 6, 16)
    assert pip_deadline_na_verhuizing(date(2025, 1, 6)) == date(2025, 3, 17)


def test_pip_deadline_local_counts_from_housing_with_the_atw():
    # Issue 18 (7): the local target is counted like the statutory term, Atw included.
    assert pip_deadline_local(date(2025, 1, 6)) == date(2025, 3, 17)
    # Ten weeks after 15 February 2025 is Saturday 26 April 2025, Koningsdag that year
    # (27 April is a Sunday); Sunday follows: the target moves to Monday 28 April.
    assert pip_deadline_local(date(2025, 2, 15)) == date(2025, 4, 28)
    assert pip_deadline_local(date(2025, 1, 6), weeks=8) == date(2025, 3, 3)
    # A target landing on Goede Vrijdag 2026 (3 April) moves past Easter Monday.
    assert pip_deadline_local(date(2026, 1, 23), weeks=10) == date(2026, 4, 7)


@pytest.mark.parametrize("weeks", [0, -1, 11, 52])
def test_the_local_target_is_never_longer_than_the_statutory_term(weeks):
    with pytest.raises(ValueError, match="1 to 10 weeks"):
        pip_deadline_local(date(2025, 1, 6), weeks=weeks)


def test_pip_deadline_for_is_always_the_statutory_deadline():
    # Issue 18 (7): the local target stands beside the statutory deadline, never replaces it.
    kennis, brp, housing = date(2025, 1, 6), date(2025, 2, 3), date(2025, 1, 27)
    assert pip_deadline_for(kennis, brp, housing) == date(2025, 4, 14)
    assert pip_deadline_for(kennis, brp, housing, count_from_housing=True) == date(2025, 4, 14)
    # A gezinsmigrant without a housing date keeps the statutory deadline.
    assert pip_deadline_for(kennis, brp, None, count_from_housing=True) == date(2025, 4, 14)
    assert pip_deadline_for(None, brp, housing) is None


def test_the_local_target_is_shown_beside_and_never_past_the_statutory_deadline():
    kennis, brp, housing = date(2025, 1, 6), date(2025, 2, 3), date(2025, 1, 27)
    # Housing 27 January: the target 7 April is before the statutory 14 April.
    assert pip_target_local(kennis, brp, housing, True) == date(2025, 4, 7)
    assert pip_target_local(kennis, brp, housing, True, local_weeks=6) == date(2025, 3, 10)
    # Not configured, or no housing date: no target (the statutory deadline still holds).
    assert pip_target_local(kennis, brp, housing, False) is None
    assert pip_target_local(kennis, brp, None, True) is None
    # Housed after the BRP registration: the target would fall after the statutory deadline,
    # so it is not shown at all.
    assert pip_target_local(kennis, brp, date(2025, 2, 20), True) is None
    # Equal to the statutory deadline: nothing to show beside it.
    assert pip_target_local(kennis, None, kennis, True) is None
    # Without a kennisgeving there is no statutory deadline to cap the target.
    assert pip_target_local(None, None, housing, True) == date(2025, 4, 7)


@given(dates, dates, st.booleans(), dates, dates, st.booleans())
def test_pip_deadline_is_monotone(k1, b1, use_b1, k2, b2, use_b2):
    assume(k1 <= k2)
    brp1 = b1 if use_b1 else None
    brp2 = b2 if use_b2 else None
    # Compare only where the second case is "later" in every input.
    later1 = max(k1, brp1) if brp1 else k1
    later2 = max(k2, brp2) if brp2 else k2
    assume(later1 <= later2)
    assert pip_deadline(k1, brp1) <= pip_deadline(k2, brp2)


@given(dates, dates)
def test_pip_deadline_properties(kennis, brp):
    deadline = pip_deadline(kennis, brp)
    bare = max(kennis, brp) + timedelta(weeks=10)
    assert is_werkdag(deadline)
    assert bare <= deadline <= bare + timedelta(days=5)
    assert pip_deadline(kennis, brp, atw=False) == bare
    assert pip_deadline(kennis, brp) >= pip_deadline(kennis)


# --- inburgeringstermijn -----------------------------------------------------------------


def test_inburgeringstermijn_worked_example():
    assert inburgeringstermijn(date(2022, 3, 15)) == (date(2022, 3, 16), date(2025, 3, 15))


@pytest.mark.parametrize(
    ("dagtekening", "start", "last"),
    [
        # Start on 29 February: the anniversary in 2027 is 1 March, so the last day is 28 Feb.
        (date(2024, 2, 28), date(2024, 2, 29), date(2027, 2, 28)),
        (date(2024, 2, 29), date(2024, 3, 1), date(2027, 2, 28)),
        # The termijn includes a 29 February when the third year has one.
        (date(2025, 2, 28), date(2025, 3, 1), date(2028, 2, 29)),
        (date(2023, 12, 31), date(2024, 1, 1), date(2026, 12, 31)),
    ],
)
def test_inburgeringstermijn_around_29_february(dagtekening, start, last):
    assert inburgeringstermijn(dagtekening) == (start, last)


def test_inburgeringstermijn_is_not_extended_by_the_atw():
    # PIP dated Tue 18 March 2025 -> last day Sat 18 March 2028, kept: the Atw does not
    # apply to terms expressed in years (Atw art. 4 onder a).
    start, last = inburgeringstermijn(date(2025, 3, 18))
    assert start == date(2025, 3, 19)
    assert last == date(2028, 3, 18)
    assert last.weekday() == 5


@given(any_dates)
def test_inburgeringstermijn_properties(dagtekening):
    start, last = inburgeringstermijn(dagtekening)
    assert start == dagtekening + timedelta(days=1)
    length = (last - start).days + 1
    assert length in (365 * 3, 365 * 3 + 1)  # three whole years, leap day or not
    anniversary = last + timedelta(days=1)
    if (start.month, start.day) == (2, 29) and anniversary.month == 3:
        assert anniversary == date(start.year + 3, 3, 1)
    else:
        assert (anniversary.year, anniversary.month, anniversary.day) == (
            start.year + 3,
            start.month,
            start.day,
        )


def test_termijn_verlengd_six_months():
    assert termijn_verlengd(date(2025, 3, 15), 6) == date(2025, 9, 15)
    assert termijn_verlengd(date(2025, 8, 30), 6) == date(2026, 2, 28)  # 31 Aug + 6 months


# --- month arithmetic --------------------------------------------------------------------


def test_add_months_rolls_forward_when_day_is_missing():
    assert add_months(date(2024, 8, 31), 6) == date(2025, 3, 1)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 3, 2) - timedelta(days=1)
    assert add_months(date(2024, 2, 29), 12) == date(2025, 3, 1)
    assert add_months(date(2025, 3, 15), -3) == date(2024, 12, 15)


def test_period_last_day():
    assert period_last_day(date(2022, 3, 16), months=18) == date(2023, 9, 15)
    assert period_last_day(date(2024, 8, 31), months=18) == date(2026, 2, 28)
    with pytest.raises(ValueError):
        period_last_day(date(2024, 1, 1))


@given(any_dates, st.integers(min_value=1, max_value=120))
def test_period_last_day_is_monotone_and_after_start(start, months):
    last = period_last_day(start, months=months)
    assert last >= start
    assert period_last_day(start, months=months + 1) > last
    assert period_last_day(start + timedelta(days=1), months=months) >= last
