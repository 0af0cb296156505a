"""Bestuurlijke boetes the college imposes under the Wet inburgering 2021 (art. 22, 23).

- Art. 22 (brede intake: not appearing or not cooperating within the new term after the
  written warning): EUR 250 (Besluit inburgering 2021 art. 7.1 lid 1). The fine decision
  sets a further term of at most two months (Wi art. 22 lid 2); missing it gives another
  fine (lid 3).
- Art. 23 (not cooperating with the support, or not meeting the set intensity of
  leerroute, PVT or MAP): EUR 50, raised by 100 % for each earlier art. 23 violation
  established within the twelve months before the day this one was established and whose
  fine has become onherroepelijk, up to EUR 800 (Besluit art. 7.1 lid 2-3); then 100 %,
  75 %, 50 % or 25 % of that amount by culpability (lid 4).
- All college fines together: at most EUR 2,400 during the (extended) inburgeringstermijn,
  and EUR 400 / 800 / 1,200 / 1,600 during a new term of 6 / 12 / 18 / 24 months set by DUO
  (Besluit art. 7.1 lid 5).
- No fine when the bijstand was already lowered for the same behaviour (Wi art. 27): the
  caller checks that before calling these functions.

Money is ``Decimal`` in euros, rounded to cents.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from regie.rules.figures import int_figure, money_figure

_CENT = Decimal("0.01")

BOETE_ART22 = money_figure("boete_art22")  # Besluit inburgering 2021 art. 7.1 lid 1
BOETE_ART23_BASIS = money_figure("boete_art23_basis")  # Besluit art. 7.1 lid 2
BOETE_ART23_MAX = money_figure("boete_art23_max")  # Besluit art. 7.1 lid 3; Wi art. 26 lid 1 c
BOETE_ART23_HERHALING_MAANDEN = int_figure("boete_art23_herhaling_maanden")  # art. 7.1 lid 3
BOETES_COLLEGE_MAX_TERMIJN = money_figure("boetes_college_max_termijn")  # art. 7.1 lid 5
BOETES_COLLEGE_MAX_NIEUWE_TERMIJN: dict[int, Decimal] = {  # Besluit art. 7.1 lid 5 a-d
    months: money_figure(f"boetes_college_max_nieuwe_termijn_{months}")
    for months in (6, 12, 18, 24)
}


class Verwijtbaarheid(StrEnum):
    """Degree of culpability for an art. 23 fine (Besluit inburgering 2021 art. 7.1 lid 4)."""

    OPZET = "opzet"
    GROVE_SCHULD = "grove_schuld"
    OVERIG = "overig"  # neither intent nor gross fault
    VERMINDERD = "verminderd"  # reduced culpability

    @property
    def percentage(self) -> int:
        """Percentage of the (raised) base amount: 100, 75, 50 or 25."""
        return int_figure(_PCT_FIGURE[self])

    @property
    def label(self) -> str:
        """Dutch name for the UI."""
        return _VERWIJTBAARHEID_LABELS[self]


_PCT_FIGURE = {
    Verwijtbaarheid.OPZET: "boete_art23_pct_opzet",  # art. 7.1 lid 4 onder a
    Verwijtbaarheid.GROVE_SCHULD: "boete_art23_pct_grove_schuld",  # onder b
    Verwijtbaarheid.OVERIG: "boete_art23_pct_overig",  # onder c
    Verwijtbaarheid.VERMINDERD: "boete_art23_pct_verminderd",  # onder d
}
_VERWIJTBAARHEID_LABELS = {
    Verwijtbaarheid.OPZET: "opzet",
    Verwijtbaarheid.GROVE_SCHULD: "grove schuld",
    Verwijtbaarheid.OVERIG: "geen opzet of grove schuld",
    Verwijtbaarheid.VERMINDERD: "verminderde verwijtbaarheid",
}


def boete_art22() -> Decimal:
    """The art. 22 fine (brede intake): EUR 250 (Besluit inburgering 2021 art. 7.1 lid 1)."""
    return BOETE_ART22


def boete_art23_basisbedrag(prior_fines_within_12_months: int) -> Decimal:
    """The art. 23 amount before culpability: EUR 50, doubled for each earlier onherroepelijke
    art. 23 fine for a violation established within the twelve months before this one,
    at most EUR 800 (Besluit art. 7.1 lid 2-3)."""
    if prior_fines_within_12_months < 0:
        raise ValueError("prior_fines_within_12_months must not be negative")
    amount = BOETE_ART23_BASIS
    for _ in range(prior_fines_within_12_months):
        amount *= 2
        if amount >= BOETE_ART23_MAX:
            return BOETE_ART23_MAX
    return amount


def boete_art23(prior_fines_within_12_months: int, verwijtbaarheid: Verwijtbaarheid) -> Decimal:
    """The art. 23 fine: the raised base amount times the culpability percentage
    (Besluit inburgering 2021 art. 7.1 lid 2-4). Apply :func:`boete_binnen_maximum` before
    imposing it."""
    base = boete_art23_basisbedrag(prior_fines_within_12_months)
    amount = base * verwijtbaarheid.percentage / Decimal(100)
    return amount.quantize(_CENT, rounding=ROUND_HALF_UP)


def boetes_cap(nieuwe_termijn_maanden: int | None = None) -> Decimal:
    """The cap on all art. 22 and 23 fines together: EUR 2,400 during the (extended)
    inburgeringstermijn, or the amount for a new term of 6, 12, 18 or 24 months set by DUO
    under Wi art. 24-25 (Besluit art. 7.1 lid 5)."""
    if nieuwe_termijn_maanden is None:
        return BOETES_COLLEGE_MAX_TERMIJN
    try:
        return BOETES_COLLEGE_MAX_NIEUWE_TERMIJN[nieuwe_termijn_maanden]
    except KeyError:
        raise ValueError(
            "Besluit art. 7.1 lid 5 sets caps only for new terms of 6, 12, 18 or 24 months; "
            f"got {nieuwe_termijn_maanden}"
        ) from None


def boetes_cap_remaining(
    total_so_far: Decimal, nieuwe_termijn_maanden: int | None = None
) -> Decimal:
    """How much may still be fined in the current period: the cap (see :func:`boetes_cap`)
    minus the fines already imposed in it, never below zero."""
    if total_so_far < 0:
        raise ValueError("total_so_far must not be negative")
    return max(Decimal(0), boetes_cap(nieuwe_termijn_maanden) - total_so_far)


def boete_binnen_maximum(
    amount: Decimal, total_so_far: Decimal, nieuwe_termijn_maanden: int | None = None
) -> Decimal:
    """The part of ``amount`` that may be imposed without exceeding the cap."""
    if amount < 0:
        raise ValueError("amount must not be negative")
    return min(amount, boetes_cap_remaining(total_so_far, nieuwe_termijn_maanden))
