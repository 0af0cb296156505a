"""The stages of a handhavingszaak, a bezwaar, a hoorzitting and a beroep, and the
transitions allowed between them, as explicit data (tests walk every table). Pure Python:
no Django. Conditions that need dates or amounts (a term that must have expired first, a
hearing before the decision) are checked in services.py on top of these tables.
"""

from __future__ import annotations

from enum import StrEnum


class HandhavingState(StrEnum):
    SIGNAAL = "signaal"  # a signal: no-show, PIP obligations not met, low attendance
    WAARSCHUWING = "waarschuwing"  # written warning sent with a new invitation and term
    BOETEBESLUIT = "boetebesluit"  # the fine is decided (letter made, not yet sent)
    BEKENDGEMAAKT = "bekendgemaakt"  # sent: bezwaar- and betaaltermijn run
    BETAALD = "betaald"
    KWIJTGESCHOLDEN = "kwijtgescholden"
    HERROEPEN = "herroepen"  # the fine was revoked after a gegrond bezwaar or beroep
    GESLOTEN = "gesloten"  # closed without a fine (complied, not culpable, Wi art. 27)


HANDHAVING_TRANSITIONS: dict[HandhavingState, frozenset[HandhavingState]] = {
    # Art. 22 requires the written warning first (Wi art. 14 lid 1, art. 22 lid 1); art. 23
    # does not (the service checks which route applies).
    HandhavingState.SIGNAAL: frozenset(
        {HandhavingState.WAARSCHUWING, HandhavingState.BOETEBESLUIT, HandhavingState.GESLOTEN}
    ),
    # The fine only after the new term has passed (checked in the service).
    HandhavingState.WAARSCHUWING: frozenset(
        {HandhavingState.BOETEBESLUIT, HandhavingState.GESLOTEN}
    ),
    HandhavingState.BOETEBESLUIT: frozenset(
        {HandhavingState.BEKENDGEMAAKT, HandhavingState.GESLOTEN}
    ),
    HandhavingState.BEKENDGEMAAKT: frozenset(
        {HandhavingState.BETAALD, HandhavingState.KWIJTGESCHOLDEN, HandhavingState.HERROEPEN}
    ),
    # A paid fine that is revoked later is paid back.
    HandhavingState.BETAALD: frozenset({HandhavingState.HERROEPEN}),
    HandhavingState.KWIJTGESCHOLDEN: frozenset(),
    HandhavingState.HERROEPEN: frozenset(),
    HandhavingState.GESLOTEN: frozenset(),
}

HANDHAVING_OPEN: frozenset[HandhavingState] = frozenset(
    {
        HandhavingState.SIGNAAL,
        HandhavingState.WAARSCHUWING,
        HandhavingState.BOETEBESLUIT,
        HandhavingState.BEKENDGEMAAKT,
    }
)
# Stages in which a fine exists and counts towards the cap (Besluit art. 7.1 lid 5).
HANDHAVING_FINED: frozenset[HandhavingState] = frozenset(
    {
        HandhavingState.BOETEBESLUIT,
        HandhavingState.BEKENDGEMAAKT,
        HandhavingState.BETAALD,
        HandhavingState.KWIJTGESCHOLDEN,
    }
)


class BezwaarState(StrEnum):
    ONTVANGEN = "ontvangen"  # registered by the uitvoerder; advice being prepared
    TER_BESLISSING = "ter_beslissing"  # the uitvoerder's advice is with the jurist
    BESLIST = "beslist"  # the jurist decided (gegrond, ongegrond, niet-ontvankelijk)
    INGETROKKEN = "ingetrokken"  # withdrawn by the person (Awb art. 6:21)


BEZWAAR_TRANSITIONS: dict[BezwaarState, frozenset[BezwaarState]] = {
    BezwaarState.ONTVANGEN: frozenset({BezwaarState.TER_BESLISSING, BezwaarState.INGETROKKEN}),
    # The jurist may send the advice back for more work.
    BezwaarState.TER_BESLISSING: frozenset(
        {BezwaarState.BESLIST, BezwaarState.ONTVANGEN, BezwaarState.INGETROKKEN}
    ),
    BezwaarState.BESLIST: frozenset(),
    BezwaarState.INGETROKKEN: frozenset(),
}
BEZWAAR_OPEN: frozenset[BezwaarState] = frozenset(
    {BezwaarState.ONTVANGEN, BezwaarState.TER_BESLISSING}
)


class HoorzittingState(StrEnum):
    GEPLAND = "gepland"
    GEHOUDEN = "gehouden"
    NIET_VERSCHENEN = "niet_verschenen"  # the opportunity was given (Awb art. 7:2)
    GEANNULEERD = "geannuleerd"


HOORZITTING_TRANSITIONS: dict[HoorzittingState, frozenset[HoorzittingState]] = {
    HoorzittingState.GEPLAND: frozenset(
        {HoorzittingState.GEHOUDEN, HoorzittingState.NIET_VERSCHENEN, HoorzittingState.GEANNULEERD}
    ),
    HoorzittingState.GEHOUDEN: frozenset(),
    HoorzittingState.NIET_VERSCHENEN: frozenset(),
    HoorzittingState.GEANNULEERD: frozenset(),
}
# A hearing in one of these states satisfies Awb art. 7:2.
HOORZITTING_GEHOORD: frozenset[HoorzittingState] = frozenset(
    {HoorzittingState.GEHOUDEN, HoorzittingState.NIET_VERSCHENEN}
)


class BeroepState(StrEnum):
    INGESTELD = "ingesteld"  # lodged; the college sends the documents (Awb art. 8:42)
    ZITTING_GEPLAND = "zitting_gepland"
    UITSPRAAK = "uitspraak"
    INGETROKKEN = "ingetrokken"


BEROEP_TRANSITIONS: dict[BeroepState, frozenset[BeroepState]] = {
    # The court may decide without a hearing (Awb art. 8:54, 8:57).
    BeroepState.INGESTELD: frozenset(
        {BeroepState.ZITTING_GEPLAND, BeroepState.UITSPRAAK, BeroepState.INGETROKKEN}
    ),
    BeroepState.ZITTING_GEPLAND: frozenset({BeroepState.UITSPRAAK, BeroepState.INGETROKKEN}),
    BeroepState.UITSPRAAK: frozenset(),
    BeroepState.INGETROKKEN: frozenset(),
}
BEROEP_OPEN: frozenset[BeroepState] = frozenset(
    {BeroepState.INGESTELD, BeroepState.ZITTING_GEPLAND}
)


def can_transition(table: dict, current: str, new: str) -> bool:
    """Whether ``table`` allows moving from ``current`` to ``new`` (values or members)."""
    kind = type(next(iter(table)))
    return kind(new) in table[kind(current)]
