"""Bewaartermijnen: how long each kind of record about an inburgeraar is kept after the
trigger that starts its term, and whether that term has passed. Pure, no Django.

A municipality (the verwerkingsverantwoordelijke) keeps personal data no longer than
necessary (AVG art. 5 lid 1 onder e) and destroys archive records after the term of its
selectielijst (Archiefwet 1995 art. 3 and 5; Selectielijst gemeenten en intergemeentelijke
organen). After the term Regie anonymises what aggregate figures still need (counts per
municipality, status and year) and destroys the rest.

The terms below were taken from secondary sources and are marked ``check``: a
municipality's records manager must confirm them against its own selectielijst. They are
configurable (``RETENTION_YEARS``); a ``law`` term cannot be shortened below its statutory
minimum.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Literal

Status = Literal["law", "check"]


class RecordType(StrEnum):
    """The kinds of record a retention term applies to."""

    DOSSIER = "dossier"  # the person's file: registry, intake, PIP, voortgang, referrals
    GEZONDHEID = "gezondheid"  # special-category health data (AVG art. 9)
    FINANCIEEL = "financieel"  # payments and their accounting (fiscal bewaarplicht)
    AUDITLOG = "auditlog"  # the log of reads and changes, per event
    SEPABESTAND = "sepabestand"  # a payment run's stored SEPA file, from the day it was made


class Trigger(StrEnum):
    TRAJECT_END = "traject_end"  # the day the person reached a final status
    EVENT = "event"  # the day the event happened (an audit event, a SEPA file made)


@dataclass(frozen=True, slots=True)
class RetentionTerm:
    record_type: RecordType
    years: int
    trigger: Trigger
    status: Status
    source: str
    description: str

    def __post_init__(self) -> None:
        if self.years < 0:
            raise ValueError(f"{self.record_type}: a term cannot be negative")


TERMS: dict[RecordType, RetentionTerm] = {
    term.record_type: term
    for term in (
        RetentionTerm(
            RecordType.DOSSIER,
            5,
            Trigger.TRAJECT_END,
            "check",
            "Archiefwet 1995 art. 5; Selectielijst gemeenten en intergemeentelijke organen "
            "(dienstverlening aan personen): 5 jaar na beëindiging — controleer",
            "Dossier van de inburgeraar: na afloop geanonimiseerd (tellingen blijven).",
        ),
        RetentionTerm(
            RecordType.GEZONDHEID,
            2,
            Trigger.TRAJECT_END,
            "check",
            "AVG art. 5 lid 1 onder e en art. 9 (opslagbeperking); termijn: gemeentelijk "
            "beleid — controleer",
            "Gezondheidsgegevens: na afloop vernietigd.",
        ),
        RetentionTerm(
            RecordType.FINANCIEEL,
            7,
            Trigger.TRAJECT_END,
            "law",
            "Algemene wet inzake rijksbelastingen art. 52 lid 4; BW 2:10 lid 3 (7 jaar)",
            "Betalingen en hun verantwoording: na afloop geanonimiseerd (bedragen blijven).",
        ),
        RetentionTerm(
            RecordType.AUDITLOG,
            5,
            Trigger.EVENT,
            "check",
            "BIO / NEN 7513 (logging van toegang tot gevoelige gegevens): 5 jaar — controleer",
            "Auditlog: regels ouder dan de termijn worden vernietigd.",
        ),
        RetentionTerm(
            RecordType.SEPABESTAND,
            7,
            Trigger.EVENT,
            "check",
            "Lokaal beleid; standaard de fiscale termijn van de betalingen (Algemene wet "
            "inzake rijksbelastingen art. 52 lid 4, 7 jaar). Het bestand is een afschrift "
            "van de betaalopdracht: de betaalregels, totalen, het berichtkenmerk en de "
            "hash blijven de administratie, dus een kortere termijn kan — controleer",
            "SEPA-bestand van een betaalrun (namen, IBAN's en kenmerken van veel personen): "
            "na de termijn vernietigd, de run met zijn totalen blijft.",
        ),
    )
}


def term_years(record_type: RecordType, overrides: Mapping[str, int] | None = None) -> int:
    """The term in years: the configured override, never below a statutory term."""
    term = TERMS[RecordType(record_type)]
    wanted = (overrides or {}).get(term.record_type.value)
    if wanted is None:
        return term.years
    if wanted < 0:
        raise ValueError(f"{record_type}: a term cannot be negative")
    if term.status == "law":
        return max(wanted, term.years)
    return wanted


def retention_end(start: date, years: int) -> date:
    """The first day on which the term that started on ``start`` has passed: the same
    calendar day ``years`` later (29 February → 28 February in a common year)."""
    year = start.year + years
    day = min(start.day, calendar.monthrange(year, start.month)[1])
    return date(year, start.month, day)


def is_due(start: date | None, years: int, today: date) -> bool:
    """Whether a record whose term started on ``start`` may now be anonymised or
    destroyed. A record whose term has not started (an ongoing trajectory) never is."""
    if start is None:
        return False
    return today >= retention_end(start, years)


def due_record_types(
    ended_on: date | None, today: date, overrides: Mapping[str, int] | None = None
) -> frozenset[RecordType]:
    """The record types of a person's file whose term has passed, given the day their
    trajectory ended."""
    return frozenset(
        term.record_type
        for term in TERMS.values()
        if term.trigger == Trigger.TRAJECT_END
        and is_due(ended_on, term_years(term.record_type, overrides), today)
    )


def latest_due_start(today: date, years: int) -> date:
    """The latest start day whose term has passed on ``today``: every record that started
    on or before it is due (``is_due(s, years, today)`` ⇔ ``s <= latest_due_start``)."""
    year = today.year - years
    last_day = calendar.monthrange(year, today.month)[1]
    if today.month == 2 and today.day == calendar.monthrange(today.year, 2)[1]:
        # 29 February of a leap year ends on 28 February of a common year.
        return date(year, 2, last_day)
    return date(year, today.month, min(today.day, last_day))
