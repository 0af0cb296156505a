"""The states of a brede intake and of a leerbaarheidstoets, and the transitions allowed
between them, as explicit data (tests walk the tables). Pure Python: no Django."""

from enum import StrEnum


class IntakeState(StrEnum):
    CONCEPT = "concept"  # started, one or more gesprekken, not yet completed
    AFGEROND = "afgerond"  # completed and recorded in writing (Besluit art. 5.2 lid 3)


INTAKE_TRANSITIONS: dict[IntakeState, frozenset[IntakeState]] = {
    IntakeState.CONCEPT: frozenset({IntakeState.AFGEROND}),
    # Reopening corrects a completed intake; the service allows it only while no PIP has
    # been vastgesteld (the person is still in 'aangemeld' or 'intake').
    IntakeState.AFGEROND: frozenset({IntakeState.CONCEPT}),
}


def intake_can_transition(current: str, new: str) -> bool:
    return IntakeState(new) in INTAKE_TRANSITIONS[IntakeState(current)]


class ToetsState(StrEnum):
    GEPLAND = "gepland"  # invited for a date, with a certified toetsbegeleider
    AFGENOMEN = "afgenomen"  # taken: the outcome says whether B1 is reachable
    ONTHEFFING = "ontheffing"  # exempt: visual or auditory impairment (Wi art. 14 lid 6)
    NIET_VERSCHENEN = "niet_verschenen"  # no-show: needs a new invitation (handhaving)


# The states a new toets record may start in.
TOETS_INITIAL: frozenset[ToetsState] = frozenset({ToetsState.GEPLAND, ToetsState.ONTHEFFING})

TOETS_TRANSITIONS: dict[ToetsState, frozenset[ToetsState]] = {
    ToetsState.GEPLAND: frozenset(
        {ToetsState.AFGENOMEN, ToetsState.NIET_VERSCHENEN, ToetsState.ONTHEFFING}
    ),
    ToetsState.AFGENOMEN: frozenset(),
    ToetsState.ONTHEFFING: frozenset(),
    # A no-show stays recorded (it is counted); the new invitation is a new record.
    ToetsState.NIET_VERSCHENEN: frozenset(),
}

# States that count as an invitation to the toets (for handhaving, Wi art. 14 lid 1-2).
TOETS_INVITED: frozenset[ToetsState] = frozenset(
    {ToetsState.GEPLAND, ToetsState.AFGENOMEN, ToetsState.NIET_VERSCHENEN}
)


def toets_can_transition(current: str, new: str) -> bool:
    return ToetsState(new) in TOETS_TRANSITIONS[ToetsState(current)]


class OproepState(StrEnum):
    OPEN = "open"  # sent; the term runs
    VERSCHENEN = "verschenen"  # the person came within the term
    NIET_VERSCHENEN = "niet_verschenen"  # the term passed without the person (Wi art. 14)
    INGETROKKEN = "ingetrokken"  # withdrawn (e.g. sent by mistake); not counted


OPROEP_TRANSITIONS: dict[OproepState, frozenset[OproepState]] = {
    OproepState.OPEN: frozenset(
        {OproepState.VERSCHENEN, OproepState.NIET_VERSCHENEN, OproepState.INGETROKKEN}
    ),
    # Recorded facts: a correction is a new oproep, never a changed one.
    OproepState.VERSCHENEN: frozenset(),
    OproepState.NIET_VERSCHENEN: frozenset(),
    OproepState.INGETROKKEN: frozenset(),
}


def oproep_can_transition(current: str, new: str) -> bool:
    return OproepState(new) in OPROEP_TRANSITIONS[OproepState(current)]
