"""The status of an inburgeraar and the transitions allowed between statuses.

The transition table is explicit data; ``can_transition`` and ``allowed_transitions`` are
the only way code decides whether a status may change. Persons under the Wet inburgering
2013 (ondertussengroep) and voluntary oudkomers get no brede intake or PIP under the 2021
law, so for them 'aangemeld' may go straight to 'in uitvoering'.
"""

from enum import StrEnum


class Status(StrEnum):
    AANGEMELD = "aangemeld"
    INTAKE = "intake"
    PIP_VASTGESTELD = "pip_vastgesteld"
    IN_UITVOERING = "in_uitvoering"
    AFGEROND = "afgerond"
    ONTHEFFING = "ontheffing"
    VERTROKKEN = "vertrokken"
    BEEINDIGD = "beeindigd"


class Regime(StrEnum):
    WI2021 = "wi2021"  # Wet inburgering 2021: brede intake, PIP, leerroute
    WI2013 = "wi2013"  # ondertussengroep: served 'in the spirit of' the 2021 law
    OUDKOMER = "oudkomer"  # voluntary, never obliged


TERMINAL: frozenset[Status] = frozenset(
    {Status.AFGEROND, Status.ONTHEFFING, Status.VERTROKKEN, Status.BEEINDIGD}
)

# The intake queue: aanmeldingen that no klantmanager has taken yet. A klantmanager sees
# an unassigned person only while they wait here (need to know: not a person in any other
# status who happens to have no klantmanager).
INTAKE_QUEUE: frozenset[Status] = frozenset({Status.AANGEMELD})

# Ending a trajectory early is possible from every open status.
_ENDINGS = {Status.ONTHEFFING, Status.VERTROKKEN, Status.BEEINDIGD}

TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.AANGEMELD: frozenset({Status.INTAKE} | _ENDINGS),
    Status.INTAKE: frozenset({Status.PIP_VASTGESTELD} | _ENDINGS),
    Status.PIP_VASTGESTELD: frozenset({Status.IN_UITVOERING} | _ENDINGS),
    Status.IN_UITVOERING: frozenset({Status.AFGEROND} | _ENDINGS),
    Status.AFGEROND: frozenset(),
    Status.ONTHEFFING: frozenset(),
    Status.VERTROKKEN: frozenset(),
    Status.BEEINDIGD: frozenset(),
}

# Extra transitions for persons outside the 2021 regime (no PIP under that law).
TRANSITIONS_OUTSIDE_WI2021: dict[Status, frozenset[Status]] = {
    Status.AANGEMELD: frozenset({Status.IN_UITVOERING}),
}

# Statuses that must be explained when entered.
REASON_REQUIRED: frozenset[Status] = frozenset(_ENDINGS)


def allowed_transitions(current: Status, regime: Regime = Regime.WI2021) -> frozenset[Status]:
    allowed = TRANSITIONS[Status(current)]
    if Regime(regime) != Regime.WI2021:
        allowed = allowed | TRANSITIONS_OUTSIDE_WI2021.get(Status(current), frozenset())
    return allowed


def can_transition(current: Status, new: Status, regime: Regime = Regime.WI2021) -> bool:
    return Status(new) in allowed_transitions(current, regime)


def is_open(status: Status) -> bool:
    return Status(status) not in TERMINAL
