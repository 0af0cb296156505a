"""The retention job: anonymise or destroy what has outlived its bewaartermijn.

Which terms apply is decided by the pure rules in ``regie.rules.retention``; what each app
does with its records is registered through ``regie.core.privacy``. This module finds the
persons whose trajectory ended long enough ago, calls every registered handler in
batches (one transaction each, so a stopped job loses nothing and can simply run again),
and then purges what the platform itself keeps about them: the field history (old and new
values) and the descriptions in the audit log. The audit events themselves (who read or
changed which record, when) stay until the audit log's own term has passed.

Aggregate figures stay intact: persons are anonymised, never deleted, and the fields the
figures count (municipality, status, doelgroep, regime, dates of the trajectory) are kept.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db.models import Max, Q
from django.utils import timezone

from regie.core import audit, seal
from regie.core.extensions import person_model
from regie.core.models import AuditAction, AuditEvent, FieldChange
from regie.core.privacy import person_data_providers, record_retentions
from regie.rules.lifecycle import TERMINAL
from regie.rules.retention import (
    TERMS,
    RecordType,
    Trigger,
    due_record_types,
    latest_due_start,
    term_years,
)

RETENTION_ACTOR = audit.Actor(None, "bewaartermijn", "", "", "regie retention")

Progress = Callable[[str, int, int], None]


@dataclass
class RetentionReport:
    today: date
    dry_run: bool
    persons_ended: int = 0
    due: dict[str, int] = field(default_factory=dict)  # persons per record type
    changed: dict[str, int] = field(default_factory=dict)  # records per provider key
    records_due: dict[str, int] = field(default_factory=dict)  # per RecordRetention key
    history_purged: int = 0
    audit_descriptions_cleared: int = 0
    audit_events_destroyed: int = 0

    def lines(self) -> list[str]:
        mode = "proefdraai, niets gewijzigd" if self.dry_run else "uitgevoerd"
        lines = [
            f"Bewaartermijnen op {self.today.isoformat()} ({mode})",
            f"  trajecten beëindigd: {self.persons_ended}",
        ]
        for record_type, count in sorted(self.due.items()):
            lines.append(f"  termijn verstreken, {record_type}: {count} personen")
        for key, count in sorted(self.records_due.items()):
            lines.append(f"  termijn verstreken, {key}: {count} records")
        for key, count in sorted(self.changed.items()):
            lines.append(f"  {key}: {count} records geanonimiseerd of vernietigd")
        lines += [
            f"  wijzigingshistorie verwijderd: {self.history_purged}",
            f"  omschrijvingen in de auditlog gewist: {self.audit_descriptions_cleared}",
            f"  auditregels ouder dan de termijn vernietigd: {self.audit_events_destroyed}",
        ]
        return lines


def overrides() -> dict[str, int]:
    return dict(getattr(settings, "REGIE_RETENTION_YEARS", {}) or {})


def ended_persons(municipality=None) -> list[tuple[int, date]]:
    """(person id, the day their trajectory ended) for every person in a final status.
    The end is the last change to a final status; without one (data from before the
    status history) the last change of the record."""
    queryset = person_model().objects.filter(status__in=[s.value for s in TERMINAL])
    if municipality is not None:
        queryset = queryset.filter(municipality=municipality)
    rows = queryset.annotate(
        ended=Max(
            "status_changes__at",
            filter=Q(status_changes__to_status__in=[s.value for s in TERMINAL]),
        )
    ).values_list("pk", "ended", "updated_at")
    return [
        (pk, timezone.localtime(ended or updated).date()) for pk, ended, updated in rows.iterator()
    ]


def due_persons(today: date, municipality=None) -> tuple[int, dict[RecordType, list[int]]]:
    ended = ended_persons(municipality)
    due: dict[RecordType, list[int]] = {record_type: [] for record_type in RecordType}
    terms = overrides()
    for pk, ended_on in ended:
        for record_type in due_record_types(ended_on, today, terms):
            due[record_type].append(pk)
    return len(ended), due


def _clear_audit_descriptions(person_ids: list[int]) -> int:
    """Audit events about these persons keep who/what/when but lose their free-text
    description. The log is append-only, so each is replaced by an identical copy (same
    id and time) without the description, inside ``purge_allowed``."""
    events = list(
        AuditEvent.objects.filter(inburgeraar_id__in=person_ids)
        .exclude(description="")
        .exclude(username=RETENTION_ACTOR.username)
    )
    if not events:
        return 0
    ids = sorted(e.pk for e in events)
    AuditEvent.objects.filter(pk__in=ids).delete()
    for event in events:
        event.description = ""
        event.save_base(raw=True, force_insert=True)
    # Sealed rows changed on purpose: restate their ranges in the hash chain (core/seal.py).
    seal.record_purge(seal.purge_plan(ids), "bewaartermijn dossier: omschrijving gewist")
    return len(events)


def _log_done(person_ids: list[int], record_type: RecordType) -> None:
    object_type = f"bewaartermijn:{record_type.value}"
    done = set(
        AuditEvent.objects.filter(
            inburgeraar_id__in=person_ids, object_type=object_type
        ).values_list("inburgeraar_id", flat=True)
    )
    AuditEvent.objects.bulk_create(
        [
            AuditEvent(
                username=RETENTION_ACTOR.username,
                route=RETENTION_ACTOR.route,
                inburgeraar_id=pk,
                action=AuditAction.DELETE,
                object_type=object_type,
                description=f"bewaartermijn {record_type.value} verstreken",
            )
            for pk in person_ids
            if pk not in done
        ]
    )


def _batches(ids: list[int], size: int):
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def run_retention(
    today: date | None = None,
    *,
    dry_run: bool = False,
    municipality=None,
    batch_size: int = 200,
    progress: Progress | None = None,
) -> RetentionReport:
    today = today or timezone.localdate()
    report = RetentionReport(today=today, dry_run=dry_run)
    report.persons_ended, due = due_persons(today, municipality)
    report.due = {
        t.value: len(ids) for t, ids in due.items() if TERMS[t].trigger == Trigger.TRAJECT_END
    }
    audit_cutoff = latest_due_start(today, term_years(RecordType.AUDITLOG, overrides()))
    old_events = AuditEvent.objects.filter(at__date__lte=audit_cutoff)
    if municipality is not None:
        # The audit log is installation-wide: only the whole-installation run destroys it.
        old_events = old_events.none()
    expired = {}
    for entry in record_retentions():
        cutoff = latest_due_start(today, term_years(entry.record_type, overrides()))
        expired[entry.key] = entry.expired(cutoff, municipality)
        report.records_due[entry.key] = expired[entry.key].count()
    if dry_run:
        report.audit_events_destroyed = old_events.count()
        return report

    providers = person_data_providers()
    for record_type in (RecordType.GEZONDHEID, RecordType.DOSSIER, RecordType.FINANCIEEL):
        ids = due[record_type]
        done = 0
        for batch in _batches(ids, batch_size):
            with audit.actor(RETENTION_ACTOR), audit.purge_allowed():
                for provider in providers:
                    if provider.record_type == record_type and provider.anonymise:
                        changed = provider.anonymise(batch)
                        report.changed[provider.key] = report.changed.get(provider.key, 0) + changed
                history = FieldChange.objects.filter(inburgeraar_id__in=batch)
                if record_type == RecordType.GEZONDHEID:
                    history = history.filter(special_category=True)
                if record_type in (RecordType.GEZONDHEID, RecordType.DOSSIER):
                    report.history_purged += history.delete()[0]
                if record_type == RecordType.DOSSIER:
                    report.audit_descriptions_cleared += _clear_audit_descriptions(batch)
                _log_done(batch, record_type)
            done += len(batch)
            if progress:
                progress(record_type.value, done, len(ids))
    for entry in record_retentions():
        # Records about many persons at once, past their own term (e.g. SEPA files).
        if report.records_due[entry.key]:
            with audit.actor(RETENTION_ACTOR), audit.purge_allowed():
                changed = entry.destroy(expired[entry.key])
            report.changed[entry.key] = report.changed.get(entry.key, 0) + changed
    with audit.purge_allowed():
        # The ids per sealed range before they go, the ranges' new HMACs after.
        plan = seal.purge_plan(old_events.order_by("id").values_list("id", flat=True).iterator())
        report.audit_events_destroyed = old_events.delete()[0]
        seal.record_purge(plan, "bewaartermijn auditlog verstreken: regels vernietigd")
    audit.log(
        AuditAction.DELETE,
        object_type="bewaartermijn",
        avg_relevant=False,
        who=RETENTION_ACTOR,
        description="; ".join(report.lines()[1:])[:300],
    )
    return report
