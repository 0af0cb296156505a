"""The pure decisions: attendance rate and signal, Z-route bars, PVT signing, MAP."""

import datetime as dt
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from regie.activities import progress
from regie.activities.progress import Dagdeel


def test_rate_rounds_to_whole_percent_and_is_none_without_registrations():
    assert progress.attendance_rate(Decimal(3), Decimal(4)) == 75
    assert progress.attendance_rate(Decimal(2), Decimal(3)) == 67
    assert progress.attendance_rate(Decimal(0), Decimal(0)) is None


def test_signal_strictly_below_threshold_and_only_after_enough_registrations():
    assert progress.attendance_signal(Decimal(79), Decimal(100), 5, 80)
    assert not progress.attendance_signal(Decimal(80), Decimal(100), 5, 80)
    assert not progress.attendance_signal(Decimal(0), Decimal(3), 2, 80)  # too few to judge
    assert progress.attendance_signal(Decimal(0), Decimal(3), 3, 80)


@given(
    present=st.integers(0, 200),
    extra=st.integers(0, 200),
    n=st.integers(0, 50),
    threshold=st.integers(1, 100),
)
def test_signal_matches_the_rate(present, extra, n, threshold):
    registered = Decimal(present + extra)
    signal = progress.attendance_signal(Decimal(present), registered, n, threshold)
    rate = progress.attendance_rate(Decimal(present), registered)
    expected = rate is not None and n >= progress.ATTENDANCE_MIN_REGISTRATIONS and rate < threshold
    assert signal == expected


def test_z_route_bars_participation_only_for_asielstatushouders():
    asiel = progress.z_route_bars(True, Decimal(120), Decimal(300))
    assert [(b.key, b.value, b.maximum) for b in asiel] == [
        ("cursusuren", 300, 800),
        ("participatie", 120, 800),
    ]
    assert asiel[1].percent == 15
    gezin = progress.z_route_bars(False, Decimal(120), Decimal(300))
    assert [b.key for b in gezin] == ["cursusuren"]


def test_bar_text_uses_dutch_decimal_comma():
    bar = progress.Bar("map", Decimal("12.5"), Decimal(40))
    assert (bar.value_text, bar.maximum_text) == ("12,5", "40")
    assert not bar.done and progress.Bar("map", Decimal(40), Decimal(40)).done


def four(attended=4, hours=3, municipality_day=4):
    return [
        Dagdeel(n, Decimal(hours), n <= attended, n == municipality_day, dt.date(2026, 1, n))
        for n in range(1, 5)
    ]


def test_pvt_signing_needs_four_half_days_the_municipality_and_twelve_hours():
    assert progress.pvt_signing_problems(four(), dt.date(2026, 2, 1)) == []
    assert "Nog niet alle 4 dagdelen" in progress.pvt_signing_problems(four(3), None)[0]
    problems = progress.pvt_signing_problems(four(hours=2), None)
    assert any("ten minste 12 uur" in p for p in problems)
    problems = progress.pvt_signing_problems(four(municipality_day=9), None)
    assert any("gemeente" in p for p in problems)
    assert progress.pvt_signing_problems(four(), dt.date(2026, 1, 2))  # before half-day 3


def test_map_eindgesprek_due_when_the_norm_is_reached_and_not_held():
    assert progress.map_eindgesprek_due(Decimal(40), Decimal(40), None)
    assert not progress.map_eindgesprek_due(Decimal(39), Decimal(40), None)
    assert not progress.map_eindgesprek_due(Decimal(50), Decimal(40), dt.date(2026, 1, 1))
