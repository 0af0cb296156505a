"""The BSN 11-proef and the status transition table."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from regie.rules.bsn import bsn_in_sequence, check_digit, is_valid_bsn, normalise_bsn
from regie.rules.lifecycle import (
    TERMINAL,
    TRANSITIONS,
    Regime,
    Status,
    allowed_transitions,
    can_transition,
)


def test_check_digit_completes_a_bsn_or_says_there_is_none():
    assert check_digit("12345678") == 2  # 123456782
    assert check_digit("11122233") == 3  # 111222333
    assert check_digit("10000006") is None  # remainder 10: no ninth digit


@given(st.integers(min_value=0, max_value=10**6), st.sampled_from([10000000, 60000000]))
def test_sequence_gives_valid_distinct_bsns(n, start):
    assert is_valid_bsn(bsn_in_sequence(n, start))
    assert bsn_in_sequence(n, start) != bsn_in_sequence(n + 1, start)


@pytest.mark.parametrize("bsn", ["111222333", "123456782", "999996356", "12345672"])
def test_valid_bsns(bsn):
    assert is_valid_bsn(bsn)


@pytest.mark.parametrize(
    "bsn",
    ["123456789", "000000000", "12345678a", "1234567", "1234567890", "", "１２３４５６７８２"],
)
def test_invalid_bsns(bsn):
    assert not is_valid_bsn(bsn)


def test_normalise_pads_and_strips():
    assert normalise_bsn("1122.23.33") == "011222333"
    assert normalise_bsn(" 123 456 782 ") == "123456782"


@given(st.lists(st.integers(0, 9), min_size=8, max_size=8))
def test_exactly_one_check_digit_completes_eight_digits(digits):
    prefix = "".join(map(str, digits))
    valid = [d for d in range(10) if is_valid_bsn(prefix + str(d))]
    assert len(valid) <= 1
    if prefix != "00000000":
        total = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True))
        assert (len(valid) == 1) is (total % 11 < 10)


@given(st.text(max_size=12))
def test_bsn_check_never_crashes(text):
    assert is_valid_bsn(text) in (True, False)


# The whole table, written out once more as the expected lifecycle of an inburgeraar.
EXPECTED = {
    ("aangemeld", "intake"),
    ("intake", "pip_vastgesteld"),
    ("pip_vastgesteld", "in_uitvoering"),
    ("in_uitvoering", "afgerond"),
}
ENDINGS = {"ontheffing", "vertrokken", "beeindigd"}


@pytest.mark.parametrize("current", list(Status))
@pytest.mark.parametrize("new", list(Status))
def test_transition_table_wi2021(current, new):
    expected = (current.value, new.value) in EXPECTED or (
        current not in TERMINAL and new.value in ENDINGS
    )
    assert can_transition(current, new, Regime.WI2021) is expected


def test_outside_the_2021_law_no_pip_is_needed():
    assert can_transition(Status.AANGEMELD, Status.IN_UITVOERING, Regime.WI2013)
    assert can_transition(Status.AANGEMELD, Status.IN_UITVOERING, Regime.OUDKOMER)
    assert not can_transition(Status.AANGEMELD, Status.IN_UITVOERING, Regime.WI2021)


def test_terminal_statuses_have_no_way_out():
    for status in TERMINAL:
        assert TRANSITIONS[status] == frozenset()
        assert allowed_transitions(status, Regime.WI2013) == frozenset()


def test_every_status_is_reachable_from_aangemeld():
    seen, todo = {Status.AANGEMELD}, [Status.AANGEMELD]
    while todo:
        for nxt in allowed_transitions(todo.pop()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    assert seen == set(Status)
