"""Extension points for the AVG duties that span every app: what Regie holds about one
person (the inzage export, AVG art. 15), and how each kind of record is anonymised or
destroyed when its bewaartermijn has passed (AVG art. 5 lid 1 onder e; Archiefwet).

The platform does not know the apps' models. Each app that stores personal data
registers one ``PersonData`` per kind of record, in a small ``<app>/privacy.py`` imported
from its AppConfig.ready()::

    from regie.core.privacy import PersonData, clear_text, model_records, register_person_data
    from regie.rules.retention import RecordType

    register_person_data(
        PersonData(
            key="finance.betaling",
            label="Betalingen (financiële ontzorging)",
            collect=lambda person: model_records(Betaling.objects.filter(inburgeraar=person)),
            anonymise=lambda ids: clear_text(
                Betaling.objects.filter(inburgeraar__in=ids), ["omschrijving", "iban"]
            ),
            record_type=RecordType.FINANCIEEL,
        )
    )

``collect`` returns every record about the person as a list of dicts (use
``model_records``); it must include special-category data, because the export goes to
the data subject. ``anonymise`` receives the ids of persons whose term for
``record_type`` has passed and returns how many records it changed or destroyed; it must
be idempotent, do a constant number of queries per call, write with ``update()``/
``delete()`` (no new history), and leave the fields that aggregate figures count
(municipality, status, dates, amounts) intact. The retention job (regie.core.retention)
purges the field history and audit descriptions itself.

Records that are about many persons at once and expire by their own date (a payment
run's SEPA file) register a ``RecordRetention``: ``expired(cutoff, municipality)``
returns a queryset of the records whose term (``record_type``, with
``Trigger.EVENT``) started on or before ``cutoff``, ``destroy(queryset)`` destroys or
empties them and returns how many; the retention job calls both (``expired`` alone on a
dry run).

A test (tests/security/test_privacy_registry.py) fails when a model with personal data
(a ``TrackedModel``) belongs to no registered ``PersonData``: register yours, or list the
model in ``models`` of the entry that covers it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import models
from django.utils import timezone

from regie.rules.retention import RecordType


@dataclass(frozen=True)
class PersonData:
    key: str
    label: str  # Dutch: the section title in the inzage export
    collect: Callable[[object], list[dict]]
    anonymise: Callable[[list[int]], int] | None = None
    record_type: RecordType = RecordType.DOSSIER
    order: int = 50
    # The models this entry covers (for the completeness test and the documentation).
    models: tuple[type[models.Model], ...] = field(default_factory=tuple)


_person_data: dict[str, PersonData] = {}


def register_person_data(entry: PersonData) -> PersonData:
    _person_data[entry.key] = entry
    return entry


def person_data_providers() -> list[PersonData]:
    return sorted(_person_data.values(), key=lambda e: (e.order, e.key))


@dataclass(frozen=True)
class RecordRetention:
    key: str
    label: str  # Dutch
    record_type: RecordType
    expired: Callable[[date, object], models.QuerySet]
    destroy: Callable[[models.QuerySet], int]


_record_retentions: dict[str, RecordRetention] = {}


def register_record_retention(entry: RecordRetention) -> RecordRetention:
    _record_retentions[entry.key] = entry
    return entry


def record_retentions() -> list[RecordRetention]:
    return sorted(_record_retentions.values(), key=lambda e: e.key)


def covered_models() -> set[type[models.Model]]:
    return {model for entry in _person_data.values() for model in entry.models}


# Helpers for providers -------------------------------------------------------------


def display_value(obj: models.Model, model_field: models.Field) -> object:
    """A field's value as the data subject should read it: choice labels, names of
    related records, ISO dates; binary content is described, not copied."""
    if model_field.choices:
        value = getattr(obj, model_field.attname)
        return str(getattr(obj, f"get_{model_field.name}_display")()) if value != "" else ""
    if isinstance(model_field, models.BinaryField):
        content = getattr(obj, model_field.attname)
        return f"[document, {len(content or b'')} bytes]"
    if model_field.is_relation:
        related = getattr(obj, model_field.name)
        return "" if related is None else str(related)
    value = getattr(obj, model_field.attname)
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if value is None:
        return ""
    if isinstance(value, bool | int | float):
        return value
    return str(value)


def model_records(
    queryset: Iterable[models.Model], exclude: Iterable[str] = ("search_name",)
) -> list[dict]:
    """Every record of a queryset as ``{"soort", "id", "velden": {label: value}}``."""
    skip = set(exclude)
    records = []
    for obj in queryset:
        fields = {}
        for model_field in obj._meta.concrete_fields:
            if model_field.name in skip or model_field.primary_key:
                continue
            fields[str(model_field.verbose_name)] = display_value(obj, model_field)
        records.append({"soort": str(obj._meta.verbose_name), "id": obj.pk, "velden": fields})
    return records


def clear_text(queryset: models.QuerySet, fields: Iterable[str]) -> int:
    """Empty free-text fields of the records not yet emptied; returns how many changed."""
    fields = list(fields)
    if not fields:
        return 0
    still_filled = models.Q()
    for name in fields:
        still_filled |= ~models.Q(**{name: ""})
    return queryset.filter(still_filled).update(**dict.fromkeys(fields, ""))


def destroy(queryset: models.QuerySet) -> int:
    """Delete records and what cascades from them, without an audit copy per record
    (the retention job logs one event per person)."""
    count, _per_model = queryset.delete()
    return count
