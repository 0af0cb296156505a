"""Handhaving, bezwaar and beroep: the statutory terms and conditions that regie.rules did
not have yet. Pure Python, no Django; the fine amounts themselves are in
:mod:`regie.rules.fines` and the bezwaar terms in :mod:`regie.rules.deadlines` (use those,
this module only adds what was missing).

- Art. 22 further term: the boetebeschikking sets a new term of at most two months
  (Wi 2021 art. 22 lid 2; figure ``boete_art22_nieuwe_termijn_max_maanden``).
- Art. 23 repeat: the base amount doubles for each earlier art. 23 violation established
  within the twelve months before this one, whose fine has become onherroepelijk
  (Besluit inburgering 2021 art. 7.1 lid 3): :func:`art23_herhalingen` counts them.
- Payment: a fine is paid within six weeks after it was made known (Awb art. 4:87 lid 1).
- Beroep and hoger beroep: six weeks (Awb art. 6:7), from the day after bekendmaking of the
  beslissing op bezwaar or after the uitspraak was sent (art. 6:8).
- Stukken in beroep: the college sends the documents within four weeks after the court
  sent it the beroepschrift (Awb art. 8:42 lid 1).
- Hearing: the college hears the person before deciding on a bezwaar (Awb art. 7:2) and
  may refrain only on a ground of art. 7:3 (:class:`HoorAfzienGrond`).

All these terms are statutory and at most twelve weeks, so they get the Algemene
termijnenwet (through :func:`regie.rules.deadlines.termijn_na`); the two-month maximum of
art. 22 is a bound on a term the college sets itself, not a statutory term, so it is not
extended.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from regie.rules.deadlines import (
    add_months,
    bezwaar_tijdig,
    bezwaartermijn_einde,
    period_last_day,
    termijn_na,
)
from regie.rules.figures import int_figure

_ONE_DAY = timedelta(days=1)

NADERE_TERMIJN_ART22_MAX_MAANDEN = int_figure(
    "boete_art22_nieuwe_termijn_max_maanden"
)  # Wet inburgering 2021 art. 22 lid 2
HERHALING_MAANDEN = int_figure("boete_art23_herhaling_maanden")  # Besluit art. 7.1 lid 3
BETAALTERMIJN_WEKEN = 6  # Awb art. 4:87 lid 1
BEROEPSTERMIJN_WEKEN = 6  # Awb art. 6:7 (beroep and hoger beroep)
STUKKEN_BEROEP_WEKEN = 4  # Awb art. 8:42 lid 1


__all__ = [
    "BEROEPSTERMIJN_WEKEN",
    "BETAALTERMIJN_WEKEN",
    "HERHALING_MAANDEN",
    "NADERE_TERMIJN_ART22_MAX_MAANDEN",
    "STUKKEN_BEROEP_WEKEN",
    "BezwaarUitkomst",
    "HoorAfzienGrond",
    "Tijdigheid",
    "art23_herhalingen",
    "beroepstermijn_einde",
    "betaaltermijn_einde",
    "beslistermijn_basis",
    "bezwaar_tijdigheid",
    "horen_afzien_toegestaan",
    "nadere_termijn_art22_uiterlijk",
    "stukken_beroep_einde",
]


class BezwaarUitkomst(StrEnum):
    """The outcome of a bezwaar (Awb art. 7:11; withdrawal: art. 6:21)."""

    GEGROND = "gegrond"
    ONGEGROND = "ongegrond"
    NIET_ONTVANKELIJK = "niet_ontvankelijk"
    INGETROKKEN = "ingetrokken"


class HoorAfzienGrond(StrEnum):
    """The grounds on which the college may decide without hearing (Awb art. 7:3)."""

    KENNELIJK_NIET_ONTVANKELIJK = "kennelijk_niet_ontvankelijk"  # onder a
    KENNELIJK_ONGEGROND = "kennelijk_ongegrond"  # onder b
    AFSTAND = "afstand"  # onder c: the person declared not to want a hearing
    GEEN_REACTIE = "geen_reactie"  # onder d: no reply within the term the college set
    VOLLEDIG_TEGEMOETGEKOMEN = "volledig_tegemoetgekomen"  # onder e


# A ground that depends on the outcome only holds for that outcome (art. 7:3 a, b, e).
_GROUND_REQUIRES: dict[HoorAfzienGrond, BezwaarUitkomst] = {
    HoorAfzienGrond.KENNELIJK_NIET_ONTVANKELIJK: BezwaarUitkomst.NIET_ONTVANKELIJK,
    HoorAfzienGrond.KENNELIJK_ONGEGROND: BezwaarUitkomst.ONGEGROND,
    HoorAfzienGrond.VOLLEDIG_TEGEMOETGEKOMEN: BezwaarUitkomst.GEGROND,
}


def horen_afzien_toegestaan(
    uitkomst: BezwaarUitkomst, gehoord: bool, grond: HoorAfzienGrond | None
) -> bool:
    """Whether a decision with ``uitkomst`` may be taken: the person was heard (or given the
    opportunity: a hearing they did not attend counts, Awb art. 7:2), or a ground of
    art. 7:3 applies that fits the outcome. A withdrawn bezwaar needs no decision on the
    merits and so no hearing."""
    if uitkomst == BezwaarUitkomst.INGETROKKEN or gehoord:
        return True
    if grond is None:
        return False
    required = _GROUND_REQUIRES.get(grond)
    return required is None or required == uitkomst


@dataclass(frozen=True)
class Tijdigheid:
    """The on-time check of a bezwaarschrift, step by step (Awb art. 6:7-6:9).

    ``bekendgemaakt_op`` None: the decision has not been recorded as sent or handed over,
    so the bezwaartermijn has not started and the bezwaar cannot be late (a bezwaar lodged
    before the term starts is not for that reason inadmissible, Awb art. 6:10 lid 1); the
    term dates are None then."""

    bekendgemaakt_op: date | None
    eerste_dag: date | None  # the day after bekendmaking (art. 6:8)
    zes_weken_einde: date | None  # six weeks later, before the Atw
    laatste_dag: date | None  # after the Algemene termijnenwet
    ontvangen_op: date
    ter_post_bezorgd_op: date | None
    post_uiterlijk_ontvangen: date | None  # art. 6:9 lid 2: a week after the last day
    tijdig: bool

    @property
    def bekendgemaakt(self) -> bool:
        return self.bekendgemaakt_op is not None

    @property
    def verschoven(self) -> bool:
        """Whether the Atw moved the last day (weekend or feestdag)."""
        return self.laatste_dag != self.zes_weken_einde

    @property
    def tijdig_door_post(self) -> bool:
        """In time only thanks to art. 6:9 lid 2 (posted in time, arrived within a week)."""
        return self.tijdig and self.laatste_dag is not None and self.ontvangen_op > self.laatste_dag


def bezwaar_tijdigheid(
    bekendgemaakt_op: date | None, ontvangen_op: date, ter_post_bezorgd_op: date | None = None
) -> Tijdigheid:
    """Whether a bezwaarschrift against a decision made known on ``bekendgemaakt_op`` was
    lodged in time, with the steps of the reasoning (see :class:`Tijdigheid`). The term
    counts from the bekendmaking, never from the dagtekening; without a bekendmaking the
    bezwaar is not late."""
    if bekendgemaakt_op is None:
        return Tijdigheid(
            bekendgemaakt_op=None,
            eerste_dag=None,
            zes_weken_einde=None,
            laatste_dag=None,
            ontvangen_op=ontvangen_op,
            ter_post_bezorgd_op=ter_post_bezorgd_op,
            post_uiterlijk_ontvangen=None,
            tijdig=True,
        )
    eerste = bekendgemaakt_op + _ONE_DAY
    laatste = bezwaartermijn_einde(bekendgemaakt_op)
    return Tijdigheid(
        bekendgemaakt_op=bekendgemaakt_op,
        eerste_dag=eerste,
        zes_weken_einde=bekendgemaakt_op + timedelta(weeks=6),
        laatste_dag=laatste,
        ontvangen_op=ontvangen_op,
        ter_post_bezorgd_op=ter_post_bezorgd_op,
        post_uiterlijk_ontvangen=laatste + timedelta(weeks=1),
        tijdig=bezwaar_tijdig(ontvangen_op, laatste, ter_post_bezorgd_op),
    )


def beslistermijn_basis(bekendgemaakt_op: date | None, ontvangen_op: date) -> date:
    """The day the beslistermijn counts from (Awb art. 7:10 lid 1: the end of the
    bezwaartermijn). While the decision is not recorded as sent, the end of its
    bezwaartermijn is unknown: the day of receipt is taken, so the beslistermijn shown is
    never later than the real one."""
    if bekendgemaakt_op is None:
        return ontvangen_op
    return bezwaartermijn_einde(bekendgemaakt_op)


def nadere_termijn_art22_uiterlijk(boetebesluit_bekendgemaakt_op: date) -> date:
    """The latest last day of the further term an art. 22 boetebeschikking may set: two
    months from the day after it is made known (Wi 2021 art. 22 lid 2). A bound on a term
    the college chooses, so not extended by the Atw."""
    return period_last_day(
        boetebesluit_bekendgemaakt_op + _ONE_DAY, months=NADERE_TERMIJN_ART22_MAX_MAANDEN
    )


def art23_herhalingen(vastgesteld_op: date, eerdere_onherroepelijk: Iterable[date]) -> int:
    """How many earlier art. 23 violations raise this fine (Besluit art. 7.1 lid 3): those
    established within the twelve months before ``vastgesteld_op`` (the day this violation
    was established) whose fine has become onherroepelijk. The caller passes only the
    dates of violations with an onherroepelijke fine."""
    vanaf = add_months(vastgesteld_op, -HERHALING_MAANDEN)
    return sum(1 for day in eerdere_onherroepelijk if vanaf <= day < vastgesteld_op)


def betaaltermijn_einde(bekendgemaakt_op: date) -> date:
    """Last day for paying a fine: six weeks after bekendmaking (Awb art. 4:87 lid 1)."""
    return termijn_na(bekendgemaakt_op, weeks=BETAALTERMIJN_WEKEN)


def beroepstermijn_einde(bekendgemaakt_op: date) -> date:
    """Last day for lodging beroep against a beslissing op bezwaar (or hoger beroep against
    an uitspraak) made known or sent on ``bekendgemaakt_op`` (Awb art. 6:7, 6:8)."""
    return termijn_na(bekendgemaakt_op, weeks=BEROEPSTERMIJN_WEKEN)


def stukken_beroep_einde(beroepschrift_verzonden_op: date) -> date:
    """Last day for sending the documents (and a verweerschrift) to the court: four weeks
    after it sent the beroepschrift (Awb art. 8:42 lid 1)."""
    return termijn_na(beroepschrift_verzonden_op, weeks=STUKKEN_BEROEP_WEKEN)
