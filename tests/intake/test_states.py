"""The transition tables of the brede intake and the leerbaarheidstoets, walked in full."""

import itertools

import pytest

from regie.intake.models import IntakeStatus, ToetsStatus
from regie.intake.states import (
    INTAKE_TRANSITIONS,
    TOETS_INITIAL,
    TOETS_INVITED,
    TOETS_TRANSITIONS,
    IntakeState,
    ToetsState,
    intake_can_transition,
    toets_can_transition,
)

INTAKE_EXPECTED = {
    (IntakeState.CONCEPT, IntakeState.AFGEROND): True,
    (IntakeState.AFGEROND, IntakeState.CONCEPT): True,  # heropenen (only before the PIP)
    (IntakeState.CONCEPT, IntakeState.CONCEPT): False,
    (IntakeState.AFGEROND, IntakeState.AFGEROND): False,
}


@pytest.mark.parametrize(("current", "new"), list(itertools.product(IntakeState, repeat=2)))
def test_intake_transition_table(current, new):
    assert intake_can_transition(current, new) is INTAKE_EXPECTED[(current, new)]


TOETS_ALLOWED = {
    (ToetsState.GEPLAND, ToetsState.AFGENOMEN),
    (ToetsState.GEPLAND, ToetsState.NIET_VERSCHENEN),
    (ToetsState.GEPLAND, ToetsState.ONTHEFFING),
}


@pytest.mark.parametrize(("current", "new"), list(itertools.product(ToetsState, repeat=2)))
def test_toets_transition_table(current, new):
    assert toets_can_transition(current, new) is ((current, new) in TOETS_ALLOWED)


def test_tables_cover_every_state_and_match_the_model_choices():
    assert set(INTAKE_TRANSITIONS) == set(IntakeState)
    assert set(TOETS_TRANSITIONS) == set(ToetsState)
    assert {c.value for c in IntakeStatus} == {s.value for s in IntakeState}
    assert {c.value for c in ToetsStatus} == {s.value for s in ToetsState}


def test_a_toets_starts_planned_or_exempt_and_exemption_is_no_invitation():
    assert {ToetsState.GEPLAND, ToetsState.ONTHEFFING} == TOETS_INITIAL
    assert ToetsState.ONTHEFFING not in TOETS_INVITED
    assert ToetsState.NIET_VERSCHENEN in TOETS_INVITED
