"""Bewaartermijnen: how long each kind of record about an inburgeraar is kept after the
trigger that starts its term, and whether that term has passed. Pure, no Django.

A municipality (the verwerkingsverantwoordelijke) keeps personal data no longer than
necessary (AVG art. 5 lid 1 onder e) and destroys archive records after the term of its
selectielijst (Archiefwet 1995 art. 3 and 5; Selectielijst gemeenten en intergemeentelijke
organen). After the term Regie anonymises what aggregate figures still need (counts per
municipality, status and year) and destroys the rest.

Terms taken from secondary sources are marked ``check``: a municipality's records manager
must confirm them against its own selectielijst. They are configurable
(``RETENTION_YEARS``) within what the law allows: a statutory minimum (``limit="minimum"``,
the fiscal seven years) cannot be shortened, and a statutory maximum (``limit="maximum"``:
the inburgering file, Besluit inburgering 2021 art. 9.9, at most five years after the
inburgeringsplicht ends) cannot be lengthened — ``validate_overrides`` refuses such a
configuration when Regie starts.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Literal

Status = Literal["law", "check"]
Limit = Literal["minimum", "maximum"]


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
    # For a ``law`` term: whether the law sets the least (a configured term may be longer)
    # or the most (a configured term may be shorter) the municipality may keep the records.
    limit: Limit = "minimum"

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
            "law",
            "Besluit inburgering 2021 art. 9.9: het college bewaart de persoonsgegevens "
            "niet langer dan vijf jaar na het einde van de inburgeringsplicht (of het "
            "overlijden); Archiefwet 1995 art. 5 en de Selectielijst gemeenten voor wat "
            "daarna als archief blijft",
            "Dossier van de inburgeraar: na afloop geanonimiseerd (tellingen blijven).",
            limit="maximum",
        ),
        RetentionTerm(
            RecordType.GEZONDHEID,
            2,
            Trigger.TRAJECT_END,
            "check",
            "AVG art. 5 lid 1 onder e en art. 9 (opslagbeperking); termijn: gemeentelijk "
            "beleid, en als deel van het dossier ten hoogste de vijf jaar van Besluit "
            "inburgering 2021 art. 9.9 — controleer",
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


# Health data are part of the inburgering file: whatever the local term, they are not kept
# longer than the file itself may be (Besluit inburgering 2021 art. 9.9).
_WITHIN_THE_FILE = {RecordType.GEZONDHEID: RecordType.DOSSIER}


def statutory_maximum(record_type: RecordType) -> int | None:
    """The most years the law allows for this record type, or None when it sets none."""
    record_type = RecordType(record_type)
    term = TERMS[_WITHIN_THE_FILE.get(record_type, record_type)]
    if term.status == "law" and term.limit == "maximum":
        return term.years
    return None


def term_years(record_type: RecordType, overrides: Mapping[str, int] | None = None) -> int:
    """The term in years: the configured override, never below a statutory minimum and
    never above a statutory maximum."""
    term = TERMS[RecordType(record_type)]
    wanted = (overrides or {}).get(term.record_type.value)
    if wanted is None:
        return term.years
    if wanted < 0:
        raise ValueError(f"{record_type}: a term cannot be negative")
    if term.status == "law" and term.limit == "minimum":
        wanted = max(wanted, term.years)
    maximum = statutory_maximum(term.record_type)
    if maximum is not None:
        wanted = min(wanted, maximum)
    return wanted


def validate_overrides(overrides: Mapping[str, int]) -> list[str]:
    """What is wrong with a configured set of terms (``RETENTION_YEARS``), in words for the
    operator; empty when it is lawful. Unknown record types, negative terms, and terms the
    law does not allow (shorter than a statutory minimum, longer than a maximum)."""
    problems = []
    for key, years in overrides.items():
        try:
            term = TERMS[RecordType(key)]
        except ValueError:
            problems.append(
                f"RETENTION_YEARS: unknown record type {key!r} "
                f"(known: {', '.join(t.value for t in RecordType)})"
            )
            continue
        if years < 0:
            problems.append(f"RETENTION_YEARS: {key}={years}: a term cannot be negative")
        elif term.status == "law" and term.limit == "minimum" and years < term.years:
            problems.append(
                f"RETENTION_YEARS: {key}={years} is shorter than the statutory "
                f"{term.years} years ({term.source})"
            )
        elif (maximum := statutory_maximum(term.record_type)) is not None and years > maximum:
            problems.append(
                f"RETENTION_YEARS: {key}={years} is longer than the statutory maximum of "
                f"{maximum} years (Besluit inburgering 2021 art. 9.9)"
            )
    return problems


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
