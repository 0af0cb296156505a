"""Participatie en werk (seed §2.4, issue 20): the states of a placement and the capacity
of a place. Pure functions; no figures of law are involved (the agreements with an
employer are recorded as facts, not computed)."""

from __future__ import annotations

# The states of a Plaatsing (regie.work.models.PlaatsingStatus values).
VOORGESTELD = "voorgesteld"
LOPEND = "lopend"
AFGEROND = "afgerond"
GESTOPT = "gestopt"  # voortijdig gestopt, with a reason

# Which state may follow which (lokaal beleid: the work process of the job coach).
TRANSITIONS: dict[str, frozenset[str]] = {
    VOORGESTELD: frozenset({LOPEND, GESTOPT}),
    LOPEND: frozenset({AFGEROND, GESTOPT}),
    AFGEROND: frozenset(),
    GESTOPT: frozenset(),
}
# The states that take a seat of the place's capacity.
OCCUPYING = frozenset({LOPEND})
# Ending early needs a reason.
NEEDS_REASON = frozenset({GESTOPT})


def may_transition(current: str, new: str) -> bool:
    return new in TRANSITIONS.get(current, frozenset())


def capacity_left(capacity: int, running: int) -> int:
    """Free seats of a place with ``capacity`` seats and ``running`` running placements."""
    return max(capacity - running, 0)


def fits_capacity(capacity: int, running: int) -> bool:
    """Whether one more running placement fits."""
    return running < capacity


# Werkvoorraad signal: a running placement ending within this many weeks (lokaal beleid).
ENDING_SOON_WEEKS = 4
