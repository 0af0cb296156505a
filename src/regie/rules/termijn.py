"""The inburgeringstermijn of a person and what DUO decides about it, as pure functions.

The termijn belongs to the person, not to a municipality's PIP (Wet inburgering 2021):

- it starts on the day after the dagtekening of the first PIP and lasts three years
  (art. 11 lid 1; :func:`regie.rules.deadlines.inburgeringstermijn`);
- a changed or newly set PIP does not move it, and a move to another municipality does
  not restart it (art. 11 lid 3 onder b): the new municipality sets the PIP again
  (art. 15 lid 4) within 10 weeks after registration there (Besluit art. 5.3 lid 3) and
  takes the termijn over;
- DUO extends it (art. 12; Besluit art. 4.2-4.5), or sets a new term after a fine
  (art. 24-26): each change gives a new last day;
- DUO's ontheffing (art. 5; Besluit art. 2.7-2.8) and vrijstelling (art. 4, art. 7 lid 3)
  end the obligation, or, when partial, take parts out of what the person must still do.

:func:`fold` applies the changes in order; :func:`geldende_onderdelen` says which parts of
the obligation still apply, for the PIP and its vaststelling. Nothing here reads the clock.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from regie.rules.deadlines import add_months, inburgeringstermijn
from regie.rules.figures import int_figure
from regie.rules.leerroute import Leerroute

VERLENGING_AANVRAAG_VANAF_MAANDEN = int_figure(
    "verlenging_aanvraag_vanaf_maanden_voor_einde"
)  # Besluit inburgering 2021 art. 4.5 lid 1
VERLENGING_AANZIENLIJKE_INSPANNINGEN_MAANDEN = int_figure(
    "verlenging_aanzienlijke_inspanningen_maanden"
)  # Wi 2021 art. 12 lid 1 onder b; Besluit art. 4.4 lid 1
MELDING_GEEN_AANBOD_WEKEN = int_figure(
    "melding_geen_aanbod_weken"
)  # check: Besluit art. 9.3 lid 2 onder b names the report, not a term


class Wijzigingsoort(StrEnum):
    """What changed the termijn, with the article behind it (:data:`ARTIKEL`)."""

    START = "start"  # first PIP
    OVERGENOMEN = "overgenomen"  # move to another municipality
    VERLENGD = "verlengd"  # DUO extension
    NIEUWE_TERMIJN = "nieuwe_termijn"  # DUO new term after a fine


ARTIKEL: dict[Wijzigingsoort, str] = {
    Wijzigingsoort.START: "Wet inburgering 2021 art. 11 lid 1",
    Wijzigingsoort.OVERGENOMEN: "Wet inburgering 2021 art. 11 lid 3 onder b",
    Wijzigingsoort.VERLENGD: "Wet inburgering 2021 art. 12; Besluit inburgering 2021 art. 4.2-4.5",
    Wijzigingsoort.NIEUWE_TERMIJN: "Wet inburgering 2021 art. 24-26",
}


class DuoBesluitSoort(StrEnum):
    ONTHEFFING = "ontheffing"  # Wi art. 5; Besluit art. 2.7-2.8
    VRIJSTELLING = "vrijstelling"  # Wi art. 4, art. 7 lid 3; Besluit art. 3.12
    VERLENGING = "verlenging"  # Wi art. 12; Besluit art. 4.2-4.5
    NIEUWE_TERMIJN = "nieuwe_termijn"  # Wi art. 24-26 (after a DUO fine)


DUO_ARTIKEL: dict[DuoBesluitSoort, str] = {
    DuoBesluitSoort.ONTHEFFING: (
        "Wet inburgering 2021 art. 5; Besluit inburgering 2021 art. 2.7-2.8"
    ),
    DuoBesluitSoort.VRIJSTELLING: "Wet inburgering 2021 art. 4 en art. 7 lid 3",
    DuoBesluitSoort.VERLENGING: ARTIKEL[Wijzigingsoort.VERLENGD],
    DuoBesluitSoort.NIEUWE_TERMIJN: ARTIKEL[Wijzigingsoort.NIEUWE_TERMIJN],
}


class Onderdeel(StrEnum):
    """The parts of the obligation a partial ontheffing or vrijstelling can concern."""

    LEZEN = "lezen"  # Besluit art. 3.3 onder a
    LUISTEREN = "luisteren"
    SCHRIJVEN = "schrijven"
    SPREKEN = "spreken"
    KNM = "knm"  # kennis van de Nederlandse maatschappij, Besluit art. 3.4
    PVT = "pvt"  # participatieverklaringstraject, Wi art. 6 lid 1; Besluit art. 3.1
    MAP = "map"  # module Arbeidsmarkt en Participatie, Besluit art. 3.2
    Z_PARTICIPATIE = "z_participatie"  # participatiegedeelte Z-route, Besluit art. 3.14 lid 2 b


TAAL = frozenset({Onderdeel.LEZEN, Onderdeel.LUISTEREN, Onderdeel.SCHRIJVEN, Onderdeel.SPREKEN})


def onderdelen_van_route(
    route: Leerroute | str | None, *, asiel: bool = True
) -> frozenset[Onderdeel]:
    """The parts the obligation has in a leerroute: the four language skills and KNM
    (B1: Wi art. 7; onderwijsroute: art. 8 lid 4), the PVT (art. 6), the MAP (not in the
    onderwijsroute, art. 8 lid 3) and, in the Z-route for asielstatushouders, the
    participation part (Besluit art. 3.14 lid 2-3). Without a route: all of them."""
    if not route:
        return frozenset(Onderdeel)
    route = Leerroute(route)
    parts = set(TAAL) | {Onderdeel.KNM, Onderdeel.PVT}
    if route != Leerroute.ONDERWIJS:
        parts.add(Onderdeel.MAP)
    if route == Leerroute.Z and asiel:
        parts.add(Onderdeel.Z_PARTICIPATIE)
    return frozenset(parts)


@dataclass(frozen=True)
class OnderdelenBesluit:
    """A DUO decision as far as it concerns the parts: an ontheffing or vrijstelling,
    full or for the given parts, in force from ``ingang``."""

    soort: DuoBesluitSoort | str
    volledig: bool
    onderdelen: frozenset[str] = frozenset()
    ingang: date | None = None


def _in_force(besluit: OnderdelenBesluit, on: date | None) -> bool:
    return on is None or besluit.ingang is None or besluit.ingang <= on


def plicht_beeindigd(besluiten: Iterable[OnderdelenBesluit], on: date | None = None) -> bool:
    """Whether a full ontheffing or full vrijstelling ends the obligation (on ``on``)."""
    return any(
        b.volledig
        and DuoBesluitSoort(b.soort) in (DuoBesluitSoort.ONTHEFFING, DuoBesluitSoort.VRIJSTELLING)
        and _in_force(b, on)
        for b in besluiten
    )


def geldende_onderdelen(
    route: Leerroute | str | None,
    besluiten: Iterable[OnderdelenBesluit] = (),
    *,
    asiel: bool = True,
    on: date | None = None,
) -> frozenset[Onderdeel]:
    """The parts of the obligation that still apply to a person in ``route`` given DUO's
    ontheffingen and vrijstellingen: a full one leaves nothing, a partial one removes its
    parts. The PIP needs to contain (and its vaststelling to require) only these; a fine
    for a part that no longer applies is out of the question."""
    besluiten = [b for b in besluiten if _in_force(b, on)]
    if plicht_beeindigd(besluiten):
        return frozenset()
    parts = set(onderdelen_van_route(route, asiel=asiel))
    for b in besluiten:
        if DuoBesluitSoort(b.soort) in (DuoBesluitSoort.ONTHEFFING, DuoBesluitSoort.VRIJSTELLING):
            parts -= {Onderdeel(p) for p in b.onderdelen}
    return frozenset(parts)


def gedeeltelijke_ontheffing_fout(onderdelen: Iterable[str]) -> str:
    """Why a partial ontheffing with these parts is not possible, as a code ('' when it
    is): Besluit art. 2.7 lid 3 allows at most three of the four language exam parts, or
    KNM, or the participation part of the Z-route - never the PVT or the MAP.

    Codes: ``leeg`` (no parts), ``taal_alle_vier`` (all four language parts),
    ``pvt_map`` (PVT or MAP)."""
    parts = {Onderdeel(p) for p in onderdelen}
    if not parts:
        return "leeg"
    if parts >= TAAL:
        return "taal_alle_vier"
    if parts & {Onderdeel.PVT, Onderdeel.MAP}:
        return "pvt_map"
    return ""


# --- the termijn and its changes ---------------------------------------------------------


@dataclass(frozen=True)
class Wijziging:
    """One change of the termijn: from ``ingang`` the termijn runs from ``start`` up to and
    including ``einde``. ``bron`` says where it comes from (PIP, overdracht, DUO kenmerk)."""

    soort: Wijzigingsoort | str
    ingang: date
    einde: date
    start: date | None = None
    bron: str = ""

    @property
    def artikel(self) -> str:
        return ARTIKEL[Wijzigingsoort(self.soort)]


@dataclass(frozen=True)
class Termijn:
    start: date
    einde: date
    oorspronkelijk_einde: date
    wijzigingen: tuple[Wijziging, ...]

    @property
    def verlengd(self) -> bool:
        return self.einde != self.oorspronkelijk_einde


def start_wijziging(eerste_pip_dagtekening: date, bron: str = "") -> Wijziging:
    start, einde = inburgeringstermijn(eerste_pip_dagtekening)
    return Wijziging(Wijzigingsoort.START, start, einde, start, bron)


def fold(wijzigingen: Iterable[Wijziging]) -> Termijn | None:
    """The termijn after its changes, applied in order of ``ingang`` (a start or a
    takeover sets start and end; an extension or new term sets the end). None while no
    start or takeover is known."""
    ordered = sorted(
        wijzigingen,
        key=lambda w: (
            w.ingang,
            Wijzigingsoort(w.soort) not in (Wijzigingsoort.START, Wijzigingsoort.OVERGENOMEN),
        ),
    )
    start = einde = oorspronkelijk = None
    applied: list[Wijziging] = []
    for w in ordered:
        soort = Wijzigingsoort(w.soort)
        if soort in (Wijzigingsoort.START, Wijzigingsoort.OVERGENOMEN):
            if start is not None and soort == Wijzigingsoort.START:
                continue  # the termijn does not restart (Wi art. 11 lid 3)
            start, einde = w.start or w.ingang, w.einde
            oorspronkelijk = oorspronkelijk or w.einde
        elif start is None:
            continue
        else:
            einde = w.einde
        applied.append(w)
    if start is None:
        return None
    return Termijn(start, einde, oorspronkelijk, tuple(applied))


def verlenging_aanvraag_vanaf(einde: date) -> date:
    """The first day the person may ask DUO to extend a termijn ending on ``einde``: not
    earlier than six months before it expires (Besluit inburgering 2021 art. 4.5 lid 1).
    The termijn expires at the end of ``einde``; six months before that is the same day of
    the month as the day after ``einde``."""
    return add_months(einde + timedelta(days=1), -VERLENGING_AANVRAAG_VANAF_MAANDEN)


def melding_geen_aanbod_op(termijn_start: date, *, weken: int = MELDING_GEEN_AANBOD_WEKEN) -> date:
    """When the college should tell DUO that no inburgeringsaanbod (Wi art. 16 lid 1) was
    made (Besluit art. 9.3 lid 2 onder b, for the extension of Besluit art. 4.3). The
    Besluit names the report but no term: ``weken`` after the start of the termijn is a
    configurable figure with status 'check'."""
    return termijn_start + timedelta(weeks=weken)
