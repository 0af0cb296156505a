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


@pytest.mark.parametrize("new", ALL)
@pytest.mark.parametrize("reden", ["", *rules.STOP_REDENEN])
@pytest.mark.parametrize("text", ["", "Toelichting"])
def test_stop_needs_a_reason_and_overig_a_text(new, reden, text):
    problem = rules.stop_problem(new, reden, text)
    if new != rules.GESTOPT:
        assert problem == ""
    elif not reden:
        assert problem == "reden"
    elif reden == rules.STOP_OVERIG and not text:
        assert problem == "toelichting"
    else:
        assert problem == ""


def test_evaluation_due_counts_from_the_last_evaluation_or_the_start():
    from datetime import date

    assert rules.evaluation_due(None, date(2026, 9, 1), 8) == date(2026, 10, 27)
    assert rules.evaluation_due(date(2026, 10, 1), date(2026, 9, 1), 8) == date(2026, 11, 26)


def test_stop_reasons_match_the_model_enum():
    from regie.work.models import StopReden

    assert set(StopReden.values) == set(rules.STOP_REDENEN)
