"""Financiële ontzorging as pure rules: its term, the months it covers, which payment
items are due in a month, the leefgeld left from the benefit, and the keys that keep a
payment run from paying the same item for the same month twice.

No Django here. Money is ``Decimal`` in euros throughout; a month ("period") is the
``date`` of its first day.

Sources: the six months are statutory (Participatiewet art. 56a; Wet inburgering 2021
art. 15 lid 3 makes the ontzorging part of the PIP). Beyond six months the college may only
go on paying from the benefit on a legal basis of its own: a besluit under Participatiewet
art. 57 (betaling in natura / budgetbeheer), or the person's consent to voluntary budget
management — ``VerlengingGrondslag``. When it does so ("until the person is self-reliant")
and the four-week afbouw signal are local policy (seed §3.5).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from regie.rules.deadlines import add_months, period_last_day
from regie.rules.figures import int_figure

# Participatiewet art. 56a lid 1: for six months from the day the right to bijstand starts,
# the college pays rent, energy, water and the health-insurance premium from the benefit.
ONTZORGING_MAANDEN = int_figure("ontzorging_maanden")
# Local policy (seed §3.5, afbouw): the klantmanager is signalled four weeks before the end,
# so the handover to self-management can be prepared. Configurable per municipality
# (regie.core.localrules.local_value); this is the default.
AFBOUW_SIGNAAL_WEKEN = int_figure("ontzorging_afbouw_signaal_weken")

CENT = Decimal("0.01")


class Frequency(StrEnum):
    """How often an item is paid; the due month is counted from the item's first month."""

    MONTHLY = "maand"
    QUARTERLY = "kwartaal"
    YEARLY = "jaar"
    ONCE = "eenmalig"


_STEP = {Frequency.MONTHLY: 1, Frequency.QUARTERLY: 3, Frequency.YEARLY: 12}


def month_start(day: date) -> date:
    return day.replace(day=1)


def month_of(day: date, offset: int = 0) -> date:
    """The first day of the month ``offset`` months from ``day``'s month. Not
    ``month_start(add_months(day, offset))``: add_months rolls a missing day forward, so
    one month before 31 December would be December again."""
    return add_months(month_start(day), offset)


def month_end(month: date) -> date:
    return add_months(month_start(month), 1) - timedelta(days=1)


def months_between(first: date, last: date) -> list[date]:
    """The months (first days) that the closed range ``first``..``last`` touches."""
    if last < first:
        return []
    months = []
    current = month_start(first)
    while current <= last:
        months.append(current)
        current = add_months(current, 1)
    return months


def ontzorging_einde(start: date, months: int = ONTZORGING_MAANDEN) -> date:
    """Last day of an ontzorging that starts on ``start`` (the day the right to bijstand
    starts): six months, so 1 March gives 31 August (Participatiewet art. 56a)."""
    return period_last_day(start, months=months)


def afbouw_signal_from(end: date, weeks: int = AFBOUW_SIGNAAL_WEKEN) -> date:
    """From this day on the klantmanager sees the afbouw signal (local policy)."""
    return end - timedelta(weeks=weeks)


def in_afbouw(end: date, today: date, weeks: int = AFBOUW_SIGNAAL_WEKEN) -> bool:
    return afbouw_signal_from(end, weeks) <= today <= end


class VerlengingGrondslag(StrEnum):
    """The legal basis for paying from the benefit beyond the six months of Pw art. 56a."""

    # Participatiewet art. 57: the college decides to pay (part of) the bijstand in kind.
    PW57 = "pw57"
    # The person agrees to voluntary budget management (vrijwillig budgetbeheer).
    TOESTEMMING = "toestemming"


def extension_problem(
    current_end: date,
    new_end: date,
    reason: str,
    *,
    grondslag: VerlengingGrondslag | str | None,
    grondslag_op: date | None,
    today: date,
) -> dict[str, str]:
    """Why an extension cannot be recorded, per form field (Dutch, for the user); empty
    when it can. Beyond the six months of Pw art. 56a the ontzorging needs a besluit under
    Pw art. 57 or the person's consent, dated (``grondslag_op``: the day of the besluit or
    of the consent), not in the future."""
    problems: dict[str, str] = {}
    if not reason.strip():
        problems["reden"] = "Geef de reden van de verlenging op."
    if new_end <= current_end:
        problems["nieuwe_einde"] = "De nieuwe einddatum moet na de huidige einddatum liggen."
    if not grondslag:
        problems["grondslag"] = (
            "Kies de grondslag: na zes maanden kan de ontzorging alleen doorgaan met een "
            "besluit op grond van artikel 57 Participatiewet of met toestemming van de "
            "inburgeraar voor vrijwillig budgetbeheer."
        )
    elif grondslag_op is None:
        problems["grondslag_op"] = (
            "Vul de datum van het besluit in."
            if grondslag == VerlengingGrondslag.PW57
            else "Vul de datum in waarop de inburgeraar toestemming gaf."
        )
    elif grondslag_op > today:
        problems["grondslag_op"] = "Deze datum ligt in de toekomst."
    return problems


def periods_overlap(a_from: date, a_until: date | None, b_from: date, b_until: date | None) -> bool:
    """Whether two validity periods (open-ended when ``until`` is None) share a day."""
    a_end = a_until or date.max
    b_end = b_until or date.max
    return a_from <= b_end and b_from <= a_end


def is_due(
    frequency: Frequency | str,
    valid_from: date,
    valid_until: date | None,
    month: date,
    *,
    ontzorging_start: date | None = None,
    ontzorging_end: date | None = None,
) -> bool:
    """Whether an item must be paid in ``month``.

    The month must touch both the item's validity and the ontzorging; recurring items fall
    due every 1, 3 or 12 months counted from the item's first month, a one-off item only
    in its first month.
    """
    month = month_start(month)
    last_day = month_end(month)
    if valid_from > last_day or (valid_until is not None and valid_until < month):
        return False
    if ontzorging_start is not None and ontzorging_start > last_day:
        return False
    if ontzorging_end is not None and ontzorging_end < month:
        return False
    first = month_start(valid_from)
    elapsed = (month.year - first.year) * 12 + month.month - first.month
    frequency = Frequency(frequency)
    if frequency == Frequency.ONCE:
        return elapsed == 0
    return elapsed % _STEP[frequency] == 0


def amount_in_force(versions: Iterable[tuple[date, Decimal]], month: date) -> Decimal | None:
    """The amount of a dated series (valid_from, amount) in force on the first of ``month``,
    or, when the series starts later in that month, its first amount. Changes are dated
    and never overwrite earlier amounts, so the history stays readable."""
    month = month_start(month)
    in_force = None
    for valid_from, amount in sorted(versions, key=lambda v: v[0]):
        if valid_from <= month or (in_force is None and valid_from <= month_end(month)):
            in_force = amount
    return in_force


def leefgeld(benefit: Decimal, paid_on_behalf: Iterable[Decimal]) -> Decimal:
    """What is left for the person to live on: the benefit less what is paid for them.
    Negative means the fixed costs exceed the benefit (a signal, not an error)."""
    return (benefit - sum(paid_on_behalf, Decimal("0"))).quantize(CENT)


@dataclass(frozen=True)
class MonthOverview:
    month: date
    benefit: Decimal | None
    paid_on_behalf: Decimal
    leefgeld: Decimal | None

    @property
    def shortfall(self) -> bool:
        return self.leefgeld is not None and self.leefgeld < 0


@dataclass(frozen=True)
class ItemTerms:
    """What the monthly overview needs of one payment item."""

    frequency: str
    valid_from: date
    valid_until: date | None
    amount: Decimal


def monthly_overview(
    months: Sequence[date],
    benefit_versions: Sequence[tuple[date, Decimal]],
    items: Sequence[ItemTerms],
    *,
    ontzorging_start: date | None = None,
    ontzorging_end: date | None = None,
) -> list[MonthOverview]:
    """Per month: the benefit, what is paid on the person's behalf and the leefgeld."""
    rows = []
    for month in months:
        benefit = amount_in_force(benefit_versions, month)
        paid = sum(
            (
                item.amount
                for item in items
                if is_due(
                    item.frequency,
                    item.valid_from,
                    item.valid_until,
                    month,
                    ontzorging_start=ontzorging_start,
                    ontzorging_end=ontzorging_end,
                )
            ),
            Decimal("0"),
        )
        rows.append(
            MonthOverview(
                month=month,
                benefit=benefit,
                paid_on_behalf=paid.quantize(CENT),
                leefgeld=leefgeld(benefit, [paid]) if benefit is not None else None,
            )
        )
    return rows


def payment_key(item_id: int, month: date) -> str:
    """The idempotency key of paying one item for one month: a run may hold it once, and
    the database refuses a second active payment line with the same item and month."""
    return f"{item_id}:{month_start(month):%Y-%m}"


def end_to_end_id(item_id: int, month: date, prefix: str = "REGIE") -> str:
    """The SEPA EndToEndId (max 35 characters) of paying an item for a month: the same
    item and month always give the same id, so a bank can spot a duplicate too."""
    value = f"{prefix}-{item_id}-{month_start(month):%Y%m}"
    if len(value) > 35:
        raise ValueError("EndToEndId longer than 35 characters")
    return value
