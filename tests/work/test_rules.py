"""The placement transition table and the capacity rule (regie.rules.work)."""

import pytest

from regie.rules import work as rules

ALL = [rules.VOORGESTELD, rules.LOPEND, rules.AFGEROND, rules.GESTOPT]
ALLOWED = {
    (rules.VOORGESTELD, rules.LOPEND),
    (rules.VOORGESTELD, rules.GESTOPT),
    (rules.LOPEND, rules.AFGEROND),
    (rules.LOPEND, rules.GESTOPT),
}


@pytest.mark.parametrize("current", ALL)
@pytest.mark.parametrize("new", ALL)
def test_transition_table(current, new):
    assert rules.may_transition(current, new) is ((current, new) in ALLOWED)


def test_ended_placements_are_final():
    assert rules.TRANSITIONS[rules.AFGEROND] == frozenset()
    assert rules.TRANSITIONS[rules.GESTOPT] == frozenset()


def test_capacity():
    assert rules.fits_capacity(2, 1)
    assert not rules.fits_capacity(2, 2)
    assert rules.capacity_left(3, 1) == 2
    assert rules.capacity_left(1, 3) == 0
