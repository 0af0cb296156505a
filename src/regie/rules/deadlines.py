"""Statutory and local deadlines: PIP, inburgeringstermijn, bezwaar and beslistermijn.

Conventions used throughout:

- A term "of N weeks after day X" starts on the day after X (Awb art. 6:8 for bezwaar; the
  same reading for "uiterlijk 10 weken na de dag waarop ...") and its last day is X + N
  weeks, the same weekday as X.
- Terms in weeks or days of at most 12 weeks / 90 days get the Algemene termijnenwet (see
  :mod:`regie.rules.calendar`): a last day on a Saturday, Sunday or algemeen erkende
  feestdag moves to the next werkdag (art. 1 lid 1), and a term of three days or more holds
  at least two werkdagen (art. 2). Terms in months of more than three months or in years do
  not (Atw art. 4 onder a): the inburgeringstermijn and the 18-month leerroute term are
  never extended.
- A term of N months or years starting on day S lasts up to and including the day before
  the N-month anniversary of S. When that anniversary does not exist (S = 29 February in a
  year without one, or S = 31st in a 30-day month) the anniversary is the first day of the
  next month, so the term is never shorter than N whole months: a termijn starting
  29 February 2024 ends on 28 February 2027.

All dates are plain ``datetime.date`` values; nothing here reads the clock.
"""

from __future__ import annotations

import calendar as _stdcal
from datetime import date, timedelta

from regie.rules.calendar import atw_verlenging, heeft_werkdagen, volgende_werkdag
from regie.rules.figures import int_figure

_ONE_DAY = timedelta(days=1)

# Figures (values and sources in regie.rules.figures).
PIP_TERMIJN_WEKEN = int_figure("pip_termijn_weken")  # Besluit inburgering 2021 art. 5.3 lid 1
PIP_TERMIJN_NA_INFORMATIE_DERDE_WEKEN = int_figure(
    "pip_termijn_na_informatie_derde_weken"
)  # Besluit inburgering 2021 art. 5.3 lid 2
PIP_TERMIJN_NA_VERHUIZING_WEKEN = int_figure(
    "pip_termijn_na_verhuizing_weken"
)  # Besluit inburgering 2021 art. 5.3 lid 3
PIP_TERMIJN_NA_HUISVESTING_WEKEN = int_figure(
    "pip_termijn_na_huisvesting_weken"
)  # lokaal beleid (seed, bijlage 1)
INBURGERINGSTERMIJN_JAREN = int_figure("inburgeringstermijn_jaren")  # Wi 2021 art. 11 lid 1
BEZWAARTERMIJN_WEKEN = int_figure("bezwaartermijn_weken")  # Awb art. 6:7
BEZWAAR_POST_ONTVANGST_DAGEN = int_figure("bezwaar_post_ontvangst_dagen")  # Awb art. 6:9 lid 2
BESLISTERMIJN_BEZWAAR_WEKEN = int_figure("beslistermijn_bezwaar_weken")  # Awb art. 7:10 lid 1
BESLISTERMIJN_BEZWAAR_ADVIESCOMMISSIE_WEKEN = int_figure(
    "beslistermijn_bezwaar_adviescommissie_weken"
)  # Awb art. 7:10 lid 1
VERDAGING_BEZWAAR_MAX_WEKEN = int_figure("verdaging_bezwaar_max_weken")  # Awb art. 7:10 lid 3
ATW_MAX_WEKEN = int_figure("atw_max_weken")  # Atw art. 4 onder a
ATW_MAX_DAGEN = int_figure("atw_max_dagen")  # Atw art. 4 onder a
ATW_MIN_TERMIJN_DAGEN = int_figure("atw_min_termijn_dagen")  # Atw art. 2
ATW_MIN_WERKDAGEN = int_figure("atw_min_werkdagen")  # Atw art. 2


# --- generic term arithmetic -------------------------------------------------------------


def add_months(d: date, months: int) -> date:
    """``d`` moved by ``months`` calendar months; a day that does not exist in the target
    month rolls forward to the first day of the next month (31 Aug + 6 months = 1 Mar)."""
    index = d.year * 12 + (d.month - 1) + months
    year, month0 = divmod(index, 12)
    month = month0 + 1
    if d.day <= _stdcal.monthrange(year, month)[1]:
        return date(year, month, d.day)
    return date(year, month, 1) + timedelta(days=_stdcal.monthrange(year, month)[1])


def period_last_day(start: date, *, months: int = 0, years: int = 0) -> date:
    """Last day of a term of ``years`` years and ``months`` months that starts on ``start``:
    the day before its anniversary (see the module docstring). Not extended by the Atw."""
    total = years * 12 + months
    if total < 1:
        raise ValueError("a term must last at least one month")
    return add_months(start, total) - _ONE_DAY


def atw_applies(*, weeks: int = 0, days: int = 0) -> bool:
    """Whether the Algemene termijnenwet applies to a term of ``weeks`` weeks plus ``days``
    days (Atw art. 4 onder a: not to more than twelve weeks or more than 90 days)."""
    if weeks:
        return weeks * 7 + days <= ATW_MAX_WEKEN * 7
    return days <= ATW_MAX_DAGEN


def termijn_einde(start: date, *, weeks: int = 0, days: int = 0, atw: bool = True) -> date:
    """Last day of a term of ``weeks`` weeks plus ``days`` days whose first day is ``start``.

    With ``atw`` (the default) and when the Atw covers the term (art. 4), the end moves to
    the next werkdag if it falls on a Saturday, Sunday or feestdag (art. 1 lid 1), and a
    term of three days or more is extended until it holds two werkdagen (art. 2).
    """
    length = weeks * 7 + days
    if weeks < 0 or days < 0 or length < 1:
        raise ValueError("a term must last at least one day")
    einde = start + timedelta(days=length - 1)
    if not atw or not atw_applies(weeks=weeks, days=days):
        return einde
    einde = atw_verlenging(einde)
    if length >= ATW_MIN_TERMIJN_DAGEN:
        while not heeft_werkdagen(start, einde, ATW_MIN_WERKDAGEN):
            einde = volgende_werkdag(einde)
    return einde


def termijn_na(dag: date, *, weeks: int = 0, days: int = 0, atw: bool = True) -> date:
    """Last day of a term "within N weeks/days after ``dag``": the term starts the day
    after ``dag`` (cf. Awb art. 6:8)."""
    return termijn_einde(dag + _ONE_DAY, weeks=weeks, days=days, atw=atw)


# --- PIP ---------------------------------------------------------------------------------


def pip_deadline(
    kennisgeving: date, brp_inschrijving: date | None = None, *, atw: bool = True
) -> date:
    """Latest date for setting the PIP (Besluit inburgering 2021 art. 5.3 lid 1).

    10 weeks after the day DUO notified the inburgeringsplicht in writing; when the person
    was not yet registered in the BRP of the municipality of housing on that day, 10 weeks
    after that registration. So: 10 weeks after the later of the two dates.
    ``brp_inschrijving=None`` means the person was already registered on the kennisgeving.

    The Besluit is an algemene maatregel van bestuur, so the Atw applies (Atw art. 5): a
    deadline on a weekend or feestdag moves to the next werkdag. Pass ``atw=False`` for the
    bare 10-week date (e.g. for statistics that count calendar weeks).
    """
    start = kennisgeving if brp_inschrijving is None else max(kennisgeving, brp_inschrijving)
    return termijn_na(start, weeks=PIP_TERMIJN_WEKEN, atw=atw)


def pip_deadline_na_informatie_derde(informatie_ontvangen: date, *, atw: bool = True) -> date:
    """Latest date for the PIP when the college awaited information from a third party
    without which the PIP could not reasonably be set: 2 weeks after receipt
    (Besluit inburgering 2021 art. 5.3 lid 2)."""
    return termijn_na(informatie_ontvangen, weeks=PIP_TERMIJN_NA_INFORMATIE_DERDE_WEKEN, atw=atw)


def pip_deadline_na_verhuizing(inschrijving_nieuwe_gemeente: date, *, atw: bool = True) -> date:
    """Latest date for the new PIP after a move: 10 weeks after registration in the new
    municipality (Besluit inburgering 2021 art. 5.3 lid 3)."""
    return termijn_na(inschrijving_nieuwe_gemeente, weeks=PIP_TERMIJN_NA_VERHUIZING_WEKEN, atw=atw)


def check_local_pip_weeks(weeks: int) -> None:
    """The local target after housing is a beleidsregel beside the statutory term: at least
    one week and never longer than the statutory ten weeks (figure policy 'naast', bound
    ``pip_termijn_weken``). ``ValueError`` otherwise."""
    if not 1 <= weeks <= PIP_TERMIJN_WEKEN:
        raise ValueError(
            f"the local PIP target is 1 to {PIP_TERMIJN_WEKEN} weeks (Besluit art. 5.3 lid 1); "
            f"got {weeks}"
        )


def pip_deadline_local(huisvesting: date, *, weeks: int = PIP_TERMIJN_NA_HUISVESTING_WEKEN) -> date:
    """The local target: PIP within ``weeks`` weeks after housing in the municipality
    (lokaal beleid, seed bijlage 1). Counted like the statutory term, with the Algemene
    termijnenwet, so a target on a weekend or feestdag moves to the next werkdag. It stands
    beside :func:`pip_deadline`, which keeps binding the college; see
    :func:`pip_target_local` for the target as shown."""
    check_local_pip_weeks(weeks)
    return termijn_na(huisvesting, weeks=weeks)


def pip_deadline_for(
    kennisgeving: date | None,
    brp_inschrijving: date | None = None,
    huisvesting: date | None = None,
    count_from_housing: bool = False,
    *,
    local_weeks: int = PIP_TERMIJN_NA_HUISVESTING_WEKEN,
) -> date | None:
    """The statutory PIP deadline (:func:`pip_deadline`), whatever the municipality's local
    target: a beleidsregel cannot replace the Besluit (Awb art. 4:81), so a person without a
    housing date (a gezinsmigrant) keeps the statutory deadline. None only without a
    kennisgeving. The housing arguments are accepted for the callers that pass the local
    configuration; the target itself is :func:`pip_target_local`."""
    if kennisgeving is None:
        return None
    return pip_deadline(kennisgeving, brp_inschrijving)


def pip_target_local(
    kennisgeving: date | None,
    brp_inschrijving: date | None,
    huisvesting: date | None,
    count_from_housing: bool,
    *,
    local_weeks: int = PIP_TERMIJN_NA_HUISVESTING_WEKEN,
) -> date | None:
    """The local target "PIP within N weeks after housing", shown beside the statutory
    deadline: None when the municipality has no such target, the person has no housing
    date, or the target is not before the statutory deadline (it is never shown past it)."""
    if not count_from_housing or huisvesting is None:
        return None
    target = pip_deadline_local(huisvesting, weeks=local_weeks)
    statutory = pip_deadline_for(kennisgeving, brp_inschrijving)
    if statutory is not None and target >= statutory:
        return None
    return target


# --- inburgeringstermijn -----------------------------------------------------------------


def inburgeringstermijn(eerste_pip_dagtekening: date) -> tuple[date, date]:
    """(first day, last day) of the inburgeringstermijn (Wet inburgering 2021 art. 11).

    The termijn starts on the day after the dagtekening of the (first) PIP (lid 2; a
    changed or newly set PIP does not move it, lid 3) and lasts three years (lid 1), so the
    last day is the day before the third anniversary of the start. A start on 29 February
    has its anniversary on 1 March, so the last day is 28 February. Terms in years are not
    extended by the Atw (art. 4 onder a), so the last day may be a weekend day.

    Example: PIP dated 2022-03-15 -> termijn 2022-03-16 up to and including 2025-03-15.
    """
    start = eerste_pip_dagtekening + _ONE_DAY
    return start, period_last_day(start, years=INBURGERINGSTERMIJN_JAREN)


def termijn_verlengd(laatste_dag: date, maanden: int) -> date:
    """New last day of the inburgeringstermijn after an extension by ``maanden`` months
    (Wi art. 12; e.g. 6 months after aanzienlijke inspanningen, Besluit art. 4.4 lid 1):
    the extension starts the day after the current last day."""
    return period_last_day(laatste_dag + _ONE_DAY, months=maanden)


# --- bezwaar and beslistermijn (Awb) -----------------------------------------------------


def bezwaartermijn_einde(bekendgemaakt_op: date) -> date:
    """Last day for lodging a bezwaar against a beschikking made known on
    ``bekendgemaakt_op``.

    Six weeks (Awb art. 6:7), starting the day after bekendmaking (art. 6:8 lid 1), so the
    bare end is the same weekday six weeks later. Then the Algemene termijnenwet: an end on
    a Saturday, Sunday or algemeen erkende feestdag moves to the next werkdag (art. 1 lid 1).
    Atw art. 2 (two werkdagen in the term) is applied too but can never bite on six weeks.
    """
    return termijn_na(bekendgemaakt_op, weeks=BEZWAARTERMIJN_WEKEN)


def bezwaar_tijdig(
    ontvangen_op: date, bezwaartermijn_laatste_dag: date, ter_post_bezorgd_op: date | None = None
) -> bool:
    """Whether a bezwaarschrift was lodged in time (Awb art. 6:9).

    In time when received on or before the last day (lid 1), or, sent by post, when posted
    on or before the last day and received no later than a week after it (lid 2).
    Verschoonbare termijnoverschrijding (art. 6:11) is a judgement and not decided here.
    """
    if ontvangen_op <= bezwaartermijn_laatste_dag:
        return True
    if ter_post_bezorgd_op is None or ter_post_bezorgd_op > bezwaartermijn_laatste_dag:
        return False
    return ontvangen_op <= bezwaartermijn_laatste_dag + timedelta(days=BEZWAAR_POST_ONTVANGST_DAGEN)


def beslistermijn_bezwaar_einde(
    bezwaartermijn_einde: date, adviescommissie: bool = False, verdaagd_weken: int = 0
) -> date:
    """Last day for the decision on a bezwaar (Awb art. 7:10).

    Six weeks, or twelve with an advisory committee (art. 7:13), counted from the day after
    the bezwaartermijn expired (lid 1); the college may postpone by at most six weeks
    (lid 3). The postponement runs from the day after the original (Atw-extended) end. Both
    terms get the Atw (each is at most twelve weeks). Further postponement under lid 4 (with
    consent, or when all interested parties agree) and suspension for repair of an omission
    (lid 2) are not modelled: raise ``ValueError`` beyond six weeks.
    """
    if not 0 <= verdaagd_weken <= VERDAGING_BEZWAAR_MAX_WEKEN:
        raise ValueError(
            f"verdaging is at most {VERDAGING_BEZWAAR_MAX_WEKEN} weeks (Awb art. 7:10 lid 3); "
            f"got {verdaagd_weken}"
        )
    weeks = (
        BESLISTERMIJN_BEZWAAR_ADVIESCOMMISSIE_WEKEN
        if adviescommissie
        else BESLISTERMIJN_BEZWAAR_WEKEN
    )
    einde = termijn_na(bezwaartermijn_einde, weeks=weeks)
    if verdaagd_weken:
        einde = termijn_na(einde, weeks=verdaagd_weken)
    return einde
