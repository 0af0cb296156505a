"""The procedure before an art. 23 fine (Awb titel 5.4, afdeling 5.4.2: art. 5:48-5:53,
and the cautie of art. 5:10a). Pure Python, no Django.

Whether it applies (Awb art. 5:53 lid 1): "Indien voor de overtreding een bestuurlijke boete
van meer dan € 340 kan worden opgelegd". Regie reads "kan worden opgelegd" as the maximum the
law allows for that kind of overtreding, not the amount this case would come to: for art. 23
that is € 800 (Besluit inburgering 2021 art. 7.1 lid 3; Wi 2021 art. 26 lid 1 onder c), so
every art. 23 fine goes through the procedure, also a first fine of € 50. The art. 22 fine
is a fixed € 250 (Besluit art. 7.1 lid 1) and stays under the threshold
(:func:`awb553_van_toepassing`). See docs/handhaving.md for the reading and its sources.

The procedure, as states of the :class:`Boeterapport` of a case (the table below):

- ``RAPPORT``: the rapport is drawn up (Awb art. 5:48 lid 2, 5:53 lid 2: dated, the facts,
  who drew it up) and sent to the person with the voornemen, its reasons (art. 5:50 lid 1)
  and the invitation for a zienswijze, written or oral, within a term the college sets
  (figure ``boete_zienswijze_termijn_weken``, lokaal beleid: the Awb sets none);
- ``ZIENSWIJZE``: the zienswijze was given; when oral, the person was told first that they
  need not answer (cautie, art. 5:10a lid 2) and had an interpreter when they do not speak
  Dutch well enough (art. 5:50 lid 2);
- ``BESLOTEN``: the boetebesluit was taken;
- ``GESTOPT``: the case was closed without a fine.

The boetebesluit is possible only after the zienswijze was given or its term has passed
(:func:`boete_na_procedure`), and is due within thirteen weeks after the dagtekening of the
rapport (art. 5:51 lid 1; :func:`beslistermijn_einde`). Exceeding that term does not by
itself make the fine unlawful (a termijn van orde); Regie shows it as overdue.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from regie.rules.deadlines import termijn_na
from regie.rules.figures import figure_value, int_figure
from regie.rules.phrases import gettext_noop

_ONE_DAY = timedelta(days=1)

AWB553_DREMPEL: Decimal = figure_value("boete_awb553_drempel")  # Awb art. 5:53 lid 1
BESLISTERMIJN_WEKEN = int_figure("boete_beslistermijn_na_rapport_weken")  # Awb art. 5:51 lid 1
ZIENSWIJZE_TERMIJN_WEKEN = int_figure("boete_zienswijze_termijn_weken")  # lokaal beleid


class ProcedureState(StrEnum):
    RAPPORT = "rapport"  # rapport drawn up, sent with the invitation for a zienswijze
    ZIENSWIJZE = "zienswijze"  # the zienswijze was given (written or oral)
    BESLOTEN = "besloten"  # the boetebesluit was taken
    GESTOPT = "gestopt"  # closed without a fine


PROCEDURE_TRANSITIONS: dict[ProcedureState, frozenset[ProcedureState]] = {
    # The fine straight from RAPPORT only once the zienswijze term has passed (checked by
    # boete_na_procedure on the day of the decision).
    ProcedureState.RAPPORT: frozenset(
        {ProcedureState.ZIENSWIJZE, ProcedureState.BESLOTEN, ProcedureState.GESTOPT}
    ),
    ProcedureState.ZIENSWIJZE: frozenset({ProcedureState.BESLOTEN, ProcedureState.GESTOPT}),
    ProcedureState.BESLOTEN: frozenset(),
    ProcedureState.GESTOPT: frozenset(),
}
PROCEDURE_OPEN: frozenset[ProcedureState] = frozenset(
    {ProcedureState.RAPPORT, ProcedureState.ZIENSWIJZE}
)


class ZienswijzeWijze(StrEnum):
    SCHRIFTELIJK = "schriftelijk"
    MONDELING = "mondeling"


def awb553_van_toepassing(maximum_boete: Decimal) -> bool:
    """Whether Awb art. 5:53 applies: a fine of more than € 340 *can* be imposed for the
    overtreding (``maximum_boete``: the statutory maximum for it)."""
    return maximum_boete > AWB553_DREMPEL


def zienswijze_termijn_minimum(dagtekening_brief: date, weken: int | None = None) -> date:
    """The earliest last day the college may set for the zienswijze: ``weken`` (default the
    local figure) after the dagtekening of the letter with the rapport. Not a statutory
    term, so the Algemene termijnenwet does not move it."""
    weken = ZIENSWIJZE_TERMIJN_WEKEN if weken is None else weken
    return termijn_na(dagtekening_brief, weeks=weken, atw=False)


def beslistermijn_einde(rapport_op: date) -> date:
    """Last day for the boetebesluit: thirteen weeks after the dagtekening of the rapport
    (Awb art. 5:51 lid 1). More than twelve weeks, so not extended by the Atw (art. 4)."""
    return termijn_na(rapport_op, weeks=BESLISTERMIJN_WEKEN, atw=False)


def zienswijze_termijn_verstreken(termijn_einde: date, on: date) -> bool:
    """On the last day of the term the person may still react; from the day after it has
    passed."""
    return on > termijn_einde


REDEN_GEEN_RAPPORT = gettext_noop(
    "Nog geen boete mogelijk: maak eerst een rapport op en vraag de inburgeraar om een "
    "zienswijze (Algemene wet bestuursrecht art. 5:48 en 5:53; een boete op grond van "
    "artikel 23 kan hoger zijn dan € 340)."
)
REDEN_ZIENSWIJZE_LOOPT = gettext_noop(
    "Nog geen boete mogelijk: de inburgeraar kan tot en met %(einde)s een zienswijze geven. "
    "Leg een zienswijze vast zodra die er is; zonder zienswijze kan een boete vanaf %(dag)s "
    "(Algemene wet bestuursrecht art. 5:53)."
)
REDEN_PROCEDURE_AFGESLOTEN = gettext_noop(
    "Geen boete mogelijk: de procedure voor deze boete is afgesloten."
)


@dataclass(frozen=True)
class ProcedureGrond:
    """Whether the procedure allows the boetebesluit on a day (like
    :class:`regie.rules.handhaving.BoeteMogelijk`): ``reden`` a Dutch msgid with
    %(dag)s and %(einde)s; ``vanaf`` the first day it will."""

    mogelijk: bool
    reden: str = ""
    vanaf: date | None = None
    einde: date | None = None


def boete_na_procedure(
    stage: ProcedureState | str | None,
    zienswijze_termijn_einde: date | None,
    on: date,
    *,
    rapport_op: date | None = None,
    zienswijze_op: date | None = None,
) -> ProcedureGrond:
    """Whether the boetebesluit may be taken on ``on`` as far as the procedure goes:
    a rapport dated on or before ``on`` exists, and the zienswijze was given (on or before
    ``on``) or its term passed (from the day after its last day)."""
    if stage is None or zienswijze_termijn_einde is None:
        return ProcedureGrond(False, REDEN_GEEN_RAPPORT)
    stage = ProcedureState(stage)
    if stage not in PROCEDURE_OPEN:
        return ProcedureGrond(False, REDEN_PROCEDURE_AFGESLOTEN)
    if rapport_op is not None and on < rapport_op:
        return ProcedureGrond(False, REDEN_GEEN_RAPPORT)
    if stage == ProcedureState.ZIENSWIJZE and (zienswijze_op is None or zienswijze_op <= on):
        return ProcedureGrond(True)
    if not zienswijze_termijn_verstreken(zienswijze_termijn_einde, on):
        return ProcedureGrond(
            False,
            REDEN_ZIENSWIJZE_LOOPT,
            zienswijze_termijn_einde + _ONE_DAY,
            zienswijze_termijn_einde,
        )
    return ProcedureGrond(True)


def zienswijze_problemen(
    wijze: ZienswijzeWijze | str,
    *,
    cautie: bool,
    nederlands_voldoende: bool,
    tolk: str,
) -> list[tuple[str, str]]:
    """What is missing for recording a zienswijze, as (field, Dutch msgid): an oral one
    needs the cautie told before the person was heard (Awb art. 5:10a lid 2) and, when the
    person does not speak Dutch well enough, an interpreter (Awb art. 5:50 lid 2)."""
    problems: list[tuple[str, str]] = []
    if ZienswijzeWijze(wijze) != ZienswijzeWijze.MONDELING:
        return problems
    if not cautie:
        problems.append(
            (
                "cautie",
                gettext_noop(
                    "Vertel de inburgeraar vóór het gesprek dat hij of zij niet hoeft te "
                    "antwoorden op vragen over de overtreding, en leg dat vast (Algemene wet "
                    "bestuursrecht art. 5:10a lid 2)."
                ),
            )
        )
    if not nederlands_voldoende and not tolk.strip():
        problems.append(
            (
                "tolk",
                gettext_noop(
                    "De inburgeraar spreekt niet goed genoeg Nederlands: de zienswijze wordt "
                    "mondeling gegeven met een tolk. Vul in welke tolk er was (Algemene wet "
                    "bestuursrecht art. 5:50 lid 2)."
                ),
            )
        )
    return problems


def can_transition(current: ProcedureState | str, new: ProcedureState | str) -> bool:
    """Whether the procedure may move from ``current`` to ``new``."""
    return ProcedureState(new) in PROCEDURE_TRANSITIONS[ProcedureState(current)]
