"""Participatie en werk (seed §2.4, issue 20): the states of a placement and the capacity
of a place. Pure functions; no figures of law are involved (the agreements with an
employer are recorded as facts, not computed)."""

from __future__ import annotations

from datetime import timedelta

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
# The states in which a placement can be evaluated.
EVALUABLE = frozenset({LOPEND, AFGEROND, GESTOPT})
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


# Why a placement ended early (regie.work.models.StopReden values).
STOP_BETAALD_WERK = "betaald_werk"
STOP_GEZONDHEID = "gezondheid"
STOP_VERZUIM = "verzuim"
STOP_WERKGEVER = "werkgever"
STOP_PASSEND = "past_niet"
STOP_VERHUIZING = "verhuizing"
STOP_OVERIG = "overig"
STOP_REDENEN = (
    STOP_BETAALD_WERK,
    STOP_GEZONDHEID,
    STOP_VERZUIM,
    STOP_WERKGEVER,
    STOP_PASSEND,
    STOP_VERHUIZING,
    STOP_OVERIG,
)
# Reasons that need a written explanation beside the choice.
STOP_NEEDS_TEXT = frozenset({STOP_OVERIG})


def stop_problem(new: str, reden: str, text: str) -> str:
    """What is missing to move to ``new`` with this reason; '' when nothing is. Codes:
    'reden' (no reason chosen), 'toelichting' (reason 'overig' without text)."""
    if new not in NEEDS_REASON:
        return ""
    if reden not in STOP_REDENEN:
        return "reden"
    if reden in STOP_NEEDS_TEXT and not text.strip():
        return "toelichting"
    return ""


def evaluation_due(last_evaluation, start, weeks: int):
    """The date a running placement's next evaluation is due: ``weeks`` after the last
    evaluation, or after the start when there is none."""
    return (last_evaluation or start) + timedelta(weeks=weeks)


def participation_hours(goal: int | None, running_hours: list[int]) -> tuple[int, int]:
    """The PIP's participation goal in hours a week against the running placements: (hours
    of running placements, hours still missing; 0 when the goal is met or there is none)."""
    total = sum(running_hours)
    return total, max((goal or 0) - total, 0)
