"""The bezwaar's own terms beyond the six or twelve weeks: suspension while an omission is
repaired (Awb art. 7:10 lid 2), further postponement with consent (lid 4), and the dwangsom
when the decision comes too late (Awb art. 4:17-4:18). Pure Python, figures from
:mod:`regie.rules.figures`.

Reading of "tot de dag waarop het verzuim is hersteld" (7:10 lid 2): the suspension covers
the days from the day after the request up to, not including, the day of repair; when the
hersteltermijn passes unused, up to the day after its last day. So the term moves by
``(tot - verzocht_op) - 1`` days, and never by less than zero.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from regie.rules.calendar import atw_verlenging
from regie.rules.deadlines import beslistermijn_bezwaar_einde
from regie.rules.figures import int_figure, money_figure

DWANGSOM_DAG_1_14 = money_figure("dwangsom_dag_1_14")  # Awb art. 4:17 lid 2
DWANGSOM_DAG_15_28 = money_figure("dwangsom_dag_15_28")  # Awb art. 4:17 lid 2
DWANGSOM_DAG_OVERIG = money_figure("dwangsom_dag_overig")  # Awb art. 4:17 lid 2
DWANGSOM_MAX_DAGEN = int_figure("dwangsom_max_dagen")  # Awb art. 4:17 lid 1
DWANGSOM_WACHTTIJD_DAGEN = int_figure("dwangsom_wachttijd_dagen")  # Awb art. 4:17 lid 3
DWANGSOM_VASTSTELLING_WEKEN = int_figure("dwangsom_vaststelling_weken")  # Awb art. 4:18

_ONE_DAY = timedelta(days=1)


# --- suspension and further postponement (Awb art. 7:10 lid 2 and 4) ---------------------


def opschorting_einde(hersteld_op: date | None, hersteltermijn_einde: date) -> date:
    """The day the suspension ends: the day the omission was repaired, or the day after the
    hersteltermijn's last day when it passed unused (Awb art. 7:10 lid 2)."""
    return hersteld_op if hersteld_op is not None else hersteltermijn_einde + _ONE_DAY


def opgeschorte_dagen(verzocht_op: date, tot: date) -> int:
    """Days the beslistermijn is suspended: from the day after the request to repair up to
    (not including) ``tot`` (Awb art. 7:10 lid 2)."""
    return max(0, (tot - verzocht_op).days - 1)


def beslistermijn_met_opschorting(
    bezwaartermijn_einde: date,
    *,
    adviescommissie: bool = False,
    verdaagd_weken: int = 0,
    opgeschort: int = 0,
    uitgesteld_tot: date | None = None,
) -> date:
    """Last day for the decision on a bezwaar (Awb art. 7:10): the six or twelve weeks of
    lid 1 and the verdaging of lid 3 (``beslistermijn_bezwaar_einde``), moved by the days
    of suspension (lid 2; the end then moves to a werkdag, Atw art. 1), and at least the
    date the indiener agreed to (lid 4)."""
    einde = beslistermijn_bezwaar_einde(
        bezwaartermijn_einde, adviescommissie=adviescommissie, verdaagd_weken=verdaagd_weken
    )
    if opgeschort:
        einde = atw_verlenging(einde + timedelta(days=opgeschort))
    if uitgesteld_tot is not None and uitgesteld_tot > einde:
        einde = uitgesteld_tot
    return einde


# --- dwangsom bij niet tijdig beslissen (Awb art. 4:17) -----------------------------------


def dwangsom_per_dag(dag: int) -> Decimal:
    """The dwangsom for the ``dag``-th day of default (1-based): € 23 for days 1-14, € 35
    for days 15-28, € 45 after that, nothing after day 42 (Awb art. 4:17 lid 1-2)."""
    if dag < 1 or dag > DWANGSOM_MAX_DAGEN:
        return Decimal("0")
    if dag <= 14:
        return DWANGSOM_DAG_1_14
    if dag <= 28:
        return DWANGSOM_DAG_15_28
    return DWANGSOM_DAG_OVERIG


def dwangsom_totaal(dagen: int) -> Decimal:
    """The dwangsom owed after ``dagen`` days of default (at most 42 count)."""
    return sum((dwangsom_per_dag(d) for d in range(1, dagen + 1)), Decimal("0"))


def ingebrekestelling_te_vroeg(ontvangen_op: date, beslistermijn_einde: date) -> bool:
    """An ingebrekestelling counts only when received after the beslistermijn passed (Awb
    art. 4:17 lid 3)."""
    return ontvangen_op <= beslistermijn_einde


@dataclass(frozen=True)
class Dwangsom:
    eerste_dag: date  # the first day the dwangsom is owed for
    laatste_mogelijke_dag: date  # day 42
    dagen: int  # days owed so far (0 before the first day)
    bedrag: Decimal
    per_dag_nu: Decimal  # the rate of the last day counted (0 when none)
    gestopt_op: date | None  # the day the decision was given, if before day 42 ended
    loopt: bool  # more days can still be added
    vaststellen_uiterlijk: date | None  # Awb 4:18: two weeks after the last day owed


def dwangsom(
    ingebrekestelling_ontvangen_op: date, peildatum: date, beslissing_op: date | None = None
) -> Dwangsom:
    """The dwangsom owed on ``peildatum`` after an ingebrekestelling received on that day
    (Awb art. 4:17): the first day is the day two weeks after the day of receipt (lid 3),
    it runs for each day the decision is not given, at most 42 days (lid 1); a decision
    given on ``beslissing_op`` stops it (that day no longer counts). The vaststelling is
    due within two weeks after the last day owed (art. 4:18)."""
    eerste = ingebrekestelling_ontvangen_op + timedelta(days=DWANGSOM_WACHTTIJD_DAGEN)
    laatste_mogelijk = eerste + timedelta(days=DWANGSOM_MAX_DAGEN - 1)
    eind = min(peildatum, laatste_mogelijk)
    gestopt = None
    if beslissing_op is not None and beslissing_op <= eind:
        eind = beslissing_op - _ONE_DAY
        gestopt = beslissing_op
    dagen = max(0, (eind - eerste).days + 1)
    loopt = gestopt is None and peildatum < laatste_mogelijk
    laatste_verschuldigd = eerste + timedelta(days=dagen - 1) if dagen else None
    vaststellen = (
        laatste_verschuldigd + timedelta(weeks=DWANGSOM_VASTSTELLING_WEKEN)
        if laatste_verschuldigd is not None and not loopt
        else None
    )
    return Dwangsom(
        eerste_dag=eerste,
        laatste_mogelijke_dag=laatste_mogelijk,
        dagen=dagen,
        bedrag=dwangsom_totaal(dagen),
        per_dag_nu=dwangsom_per_dag(dagen),
        gestopt_op=gestopt,
        loopt=loopt,
        vaststellen_uiterlijk=vaststellen,
    )
