"""Collecting a fine after the boetebesluit (Awb titel 4.4): what was paid, what is open,
the aanmaning (Awb art. 4:112), the dwangbevel (art. 4:114) and the betalingsregeling
(uitstel van betaling, art. 4:94). Pure Python, no Django; every figure comes from
:mod:`regie.rules.figures`.

Terms (each "binnen N weken na de dag van ...", so it starts the day after, Awb art. 6:8
by analogy, and the Algemene termijnenwet extends a last day on a weekend or feestdag):

- betaaltermijn: six weeks after the bekendmaking of the boetebesluit (art. 4:87 lid 1,
  :func:`regie.rules.handhaving.betaaltermijn_einde`);
- aanmaning: possible from the day after the betaaltermijn's last day; it gives two weeks
  after the day it was sent (art. 4:112 lid 1);
- dwangbevel: possible from the day after the aanmaning's term ended (art. 4:114); verzet
  within six weeks after the day of betekening (art. 4:118 lid 1).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from regie.rules.deadlines import termijn_na
from regie.rules.figures import int_figure, money_figure

AANMANING_TERMIJN_WEKEN = int_figure("invordering_aanmaning_termijn_weken")  # Awb 4:112 lid 1
VERZET_DWANGBEVEL_WEKEN = int_figure("invordering_verzet_dwangbevel_weken")  # Awb 4:118 lid 1
AANMANINGSKOSTEN = money_figure("invordering_aanmaningskosten")  # lokaal beleid (Awb 4:113)
DWANGBEVEL_KOSTEN = money_figure("invordering_dwangbevel_kosten")  # lokaal beleid
BETALINGSREGELING_MAX_TERMIJNEN = int_figure("betalingsregeling_max_termijnen")  # lokaal

_ONE_DAY = timedelta(days=1)
CENT = Decimal("0.01")

__all__ = [
    "AANMANINGSKOSTEN",
    "AANMANING_TERMIJN_WEKEN",
    "BETALINGSREGELING_MAX_TERMIJNEN",
    "DWANGBEVEL_KOSTEN",
    "INNING_TRANSITIONS",
    "VERZET_DWANGBEVEL_WEKEN",
    "Betaalstand",
    "InningState",
    "Stand",
    "aanmaning_mogelijk_vanaf",
    "aanmaning_termijn_einde",
    "betaalstand",
    "dwangbevel_mogelijk_vanaf",
    "regeling_achterstand",
    "regeling_gemist",
    "termijnen",
    "verzet_termijn_einde",
]


class InningState(StrEnum):
    BETAALTERMIJN = "betaaltermijn"  # the boetebesluit is made known; the six weeks run
    AANGEMAAND = "aangemaand"  # the aanmaning was sent (Awb 4:112)
    DWANGBEVEL = "dwangbevel"  # the dwangbevel was issued (Awb 4:114)
    REGELING = "regeling"  # a betalingsregeling was granted (uitstel, Awb 4:94)
    BETAALD = "betaald"  # paid in full (or more)
    KWIJTGESCHOLDEN = "kwijtgescholden"  # the open amount was remitted by decision
    VERVALLEN = "vervallen"  # the fine was revoked: nothing to collect (paid back if paid)


_ENDINGS = frozenset({InningState.BETAALD, InningState.KWIJTGESCHOLDEN, InningState.VERVALLEN})

INNING_TRANSITIONS: dict[InningState, frozenset[InningState]] = {
    InningState.BETAALTERMIJN: frozenset({InningState.AANGEMAAND, InningState.REGELING}) | _ENDINGS,
    InningState.AANGEMAAND: frozenset({InningState.DWANGBEVEL, InningState.REGELING}) | _ENDINGS,
    InningState.DWANGBEVEL: frozenset({InningState.REGELING}) | _ENDINGS,
    # A regeling that is not kept lapses: the next step is (again) an aanmaning.
    InningState.REGELING: frozenset({InningState.AANGEMAAND}) | _ENDINGS,
    # A paid fine that is revoked later is paid back.
    InningState.BETAALD: frozenset({InningState.VERVALLEN}),
    InningState.KWIJTGESCHOLDEN: frozenset({InningState.VERVALLEN}),
    InningState.VERVALLEN: frozenset(),
}
INNING_OPEN: frozenset[InningState] = frozenset(
    {
        InningState.BETAALTERMIJN,
        InningState.AANGEMAAND,
        InningState.DWANGBEVEL,
        InningState.REGELING,
    }
)


def can_move(current: str, new: str) -> bool:
    return InningState(new) in INNING_TRANSITIONS[InningState(current)]


class Stand(StrEnum):
    OPEN = "open"  # nothing paid
    DEELS = "deels"  # partly paid
    BETAALD = "betaald"  # exactly paid
    TE_VEEL = "te_veel"  # more than due: pay back the difference


@dataclass(frozen=True)
class Betaalstand:
    verschuldigd: Decimal  # the fine plus costs, minus what was remitted
    betaald: Decimal
    open: Decimal  # never below zero
    te_veel: Decimal  # paid above what is due
    stand: Stand


def betaalstand(
    bedrag: Decimal,
    betalingen: list[Decimal],
    kosten: Decimal = Decimal(0),
    kwijtgescholden: Decimal = Decimal(0),
) -> Betaalstand:
    """What is paid and open on a fine of ``bedrag`` plus ``kosten`` minus
    ``kwijtgescholden``, given the amounts received."""
    verschuldigd = max(Decimal(0), bedrag + kosten - kwijtgescholden).quantize(CENT)
    betaald = sum(betalingen, Decimal(0)).quantize(CENT)
    open_ = max(Decimal(0), verschuldigd - betaald)
    te_veel = max(Decimal(0), betaald - verschuldigd)
    if betaald == 0 and verschuldigd > 0:
        stand = Stand.OPEN
    elif te_veel > 0:
        stand = Stand.TE_VEEL
    elif open_ > 0:
        stand = Stand.DEELS
    else:
        stand = Stand.BETAALD
    return Betaalstand(verschuldigd, betaald, open_, te_veel, stand)


def aanmaning_mogelijk_vanaf(betaaltermijn_einde: date) -> date:
    """The first day an aanmaning may be sent: the day after the betaaltermijn's last
    day ("indien niet tijdig is betaald", Awb art. 4:112 lid 1). On the last day itself the
    person may still pay in time."""
    return betaaltermijn_einde + _ONE_DAY


def aanmaning_termijn_einde(aanmaning_verzonden_op: date) -> date:
    """Last day to pay after an aanmaning: two weeks after the day it was sent (Awb art.
    4:112 lid 1), extended by the Algemene termijnenwet."""
    return termijn_na(aanmaning_verzonden_op, weeks=AANMANING_TERMIJN_WEKEN)


def dwangbevel_mogelijk_vanaf(aanmaning_verzonden_op: date) -> date:
    """The first day a dwangbevel may be issued: the day after the aanmaning's term
    (Awb art. 4:114: "indien niet binnen de in de aanmaning gestelde termijn is betaald")."""
    return aanmaning_termijn_einde(aanmaning_verzonden_op) + _ONE_DAY


def verzet_termijn_einde(betekend_op: date) -> date:
    """Last day for verzet against a dwangbevel: six weeks after the day of betekening
    (Awb art. 4:118 lid 1)."""
    return termijn_na(betekend_op, weeks=VERZET_DWANGBEVEL_WEKEN)


def maand_later(dag: date, maanden: int) -> date:
    """The same day ``maanden`` months later, or that month's last day when it is shorter
    (a termijn on the 31st falls on 28 or 29 February)."""
    jaar, maand = divmod(dag.month - 1 + maanden, 12)
    jaar += dag.year
    maand += 1
    return date(jaar, maand, min(dag.day, calendar.monthrange(jaar, maand)[1]))


def termijnen(bedrag: Decimal, aantal: int, eerste: date) -> list[tuple[date, Decimal]]:
    """A betalingsregeling: ``bedrag`` in ``aantal`` monthly termijnen from ``eerste``
    (:func:`maand_later`), equal amounts in whole cents, the last one taking the rest.
    Raises ValueError for no termijnen or a non-positive amount; the local maximum of
    termijnen is checked by the caller (it may be exceeded with a recorded reason)."""
    if aantal < 1:
        raise ValueError("at least one termijn")
    if bedrag <= 0:
        raise ValueError("nothing to pay")
    per = (bedrag / aantal).quantize(CENT, rounding="ROUND_DOWN")
    rows = [(maand_later(eerste, i), per) for i in range(aantal - 1)]
    rows.append((maand_later(eerste, aantal - 1), bedrag - per * (aantal - 1)))
    return rows


def regeling_achterstand(
    schema: list[tuple[date, Decimal]], betaald_sinds_regeling: Decimal, on: date
) -> Decimal:
    """How far behind a betalingsregeling is on ``on``: the termijnen whose day has passed
    (a termijn is due on its day; on that day it can still be paid) minus what was paid
    since the regeling started. Zero or less: kept."""
    due = sum((amount for day, amount in schema if day < on), Decimal(0))
    return max(Decimal(0), due - betaald_sinds_regeling)


def regeling_gemist(
    schema: list[tuple[date, Decimal]], betaald_sinds_regeling: Decimal, on: date
) -> date | None:
    """The day of the first termijn of a betalingsregeling that was not (fully) paid by
    ``on``: the termijnen are paid in order, so it is the first whose running total
    exceeds what was paid. A termijn is missed only after its day. None: kept."""
    total = Decimal(0)
    for day, amount in sorted(schema):
        total += amount
        if day < on and total > betaald_sinds_regeling:
            return day
    return None
