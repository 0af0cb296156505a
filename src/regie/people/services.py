"""What other parts of Regie may do with persons: status changes through the transition
table, deadlines derived from dates (never stored), the timeline of a file."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.core import audit
from regie.core.extensions import Deadline, next_deadlines
from regie.core.memo import per_request
from regie.core.models import AuditAction, FieldChange
from regie.core.presence import only_if_present
from regie.core.roles import FieldGroup
from regie.people.models import Correctie, Inburgeraar, StatusChange, StatusChoice, Verwijzing
from regie.rules.lifecycle import (
    REASON_REQUIRED,
    Status,
    allowed_transitions,
    can_transition,
)


def status_options(person: Inburgeraar) -> list[tuple[str, str]]:
    allowed = allowed_transitions(Status(person.status), person.regime)
    return [(c.value, c.label) for c in StatusChoice if c.value in allowed]


@transaction.atomic
def change_status(person: Inburgeraar, new: str, reason: str = "") -> StatusChange:
    """Move a person to a new status, if the transition table allows it."""
    old = person.status
    if not can_transition(Status(old), Status(new), person.regime):
        raise ValidationError(
            {
                "status": _("Van '%(old)s' naar '%(new)s' is geen toegestane overgang.")
                % {"old": StatusChoice(old).label, "new": StatusChoice(new).label}
            }
        )
    if Status(new) in REASON_REQUIRED and not reason.strip():
        raise ValidationError({"reason": _("Geef een toelichting bij deze statuswijziging.")})
    person.status = new
    person.save()
    change = StatusChange.objects.create(
        inburgeraar=person,
        from_status=old,
        to_status=new,
        reason=reason.strip(),
        by=audit.current_actor().username,
    )
    audit.log(
        AuditAction.STATUS,
        obj=person,
        inburgeraar_id=person.pk,
        description=f"{old} -> {new}",
    )
    return change


def next_deadline(user, person: Inburgeraar) -> Deadline | None:
    """The earliest open deadline of one person that ``user`` may know of (see
    core.extensions)."""
    return next_deadlines(user, [person]).get(person.pk)


def history_models() -> dict[str, type]:
    """Every model that writes field history, by the object_type it records."""
    from django.apps import apps

    from regie.core.audit import TrackedModel

    return {m._meta.model_name: m for m in apps.get_models() if issubclass(m, TrackedModel)}


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime | date
    title: str
    detail: str = ""
    kind: str = "event"


def readable_value(change: FieldChange, value: str) -> str:
    """A value from the field history as a person reads it: dates in full Dutch, language
    codes by name, a choice by its label (never an internal code)."""
    from django.utils.dateparse import parse_date
    from django.utils.formats import date_format

    from regie.people import languages

    if not value:
        return "—"
    if change.object_type == "inburgeraar":
        if change.field == "languages":
            return languages.names(value)
        try:
            field = Inburgeraar._meta.get_field(change.field)
        except Exception:
            field = None
        if field is not None and field.choices:
            return str(dict(field.flatchoices).get(value, value))
    if len(value) == 10 and value[4] == "-" and value[7] == "-":
        day = parse_date(value)
        if day:
            return date_format(day, "j F Y")
    return value


def timeline(person: Inburgeraar, user) -> list[TimelineEntry]:
    """The file's history, newest first: status changes, referrals, field changes and
    the key dates. Special-category values are hidden from roles that may not see them."""
    entries: list[TimelineEntry] = []
    for change in StatusChange.objects.filter(inburgeraar=person):
        entries.append(
            TimelineEntry(
                change.at,
                _("Status: %(new)s") % {"new": StatusChoice(change.to_status).label},
                change.reason,
                "status",
            )
        )
    for ref in referrals_for(person, user):
        entries.append(
            TimelineEntry(
                ref.created_at,
                _("Verwezen naar %(org)s") % {"org": ref.aanbieder},
                ref.get_status_display(),
                "verwijzing",
            )
        )
    for correction in corrections_for(person, user):
        entries.append(
            TimelineEntry(
                correction.at,
                _("Correctie %(subject)s door %(by)s: %(fields)s")
                % {
                    "subject": correction.get_subject_display().lower(),
                    "by": correction.by,
                    "fields": correction.field_labels,
                },
                _("Reden: %(reason)s") % {"reason": correction.reason},
                "correctie",
            )
        )
    tracked = history_models()
    changes = only_if_present(
        FieldChange.objects.filter(inburgeraar_id=person.pk), person, "fieldchange"
    )
    for change in changes[:50]:
        permission = getattr(tracked.get(change.object_type), "history_permission", None)
        if permission is not None and not user.can(permission):
            continue
        if change.special_category:
            group = FieldGroup.HEALTH
        elif change.object_type == "inburgeraar":
            group = Inburgeraar.FIELD_GROUPS.get(change.field, FieldGroup.CASE)
        else:
            group = FieldGroup.CASE
        if not user.sees(group):
            continue
        entries.append(
            TimelineEntry(
                change.at,
                _("%(field)s gewijzigd") % {"field": change.field_label or change.field},
                f"{readable_value(change, change.old_value)} → "
                f"{readable_value(change, change.new_value)}",
                "wijziging",
            )
        )
    for value, title in (
        (person.kennisgeving_date, _("Kennisgeving DUO")),
        (person.brp_date, _("Ingeschreven in de BRP")),
        (person.housing_date, _("Gehuisvest in de gemeente")),
    ):
        if value:
            entries.append(TimelineEntry(value, title, "", "datum"))

    def sort_key(entry: TimelineEntry):
        at = entry.at
        if isinstance(at, datetime):
            return timezone.localtime(at).replace(tzinfo=None)
        return datetime(at.year, at.month, at.day)

    return sorted(entries, key=sort_key, reverse=True)


def field_label(name: str) -> str:
    try:
        return str(Inburgeraar._meta.get_field(name).verbose_name)
    except Exception:  # a form-only field such as the new household's name
        return str(_("huishouden"))


@per_request
def referrals_for(person: Inburgeraar, user) -> list[Verwijzing]:
    """The person's referrals that ``user`` may see (an aanbieder only its own), once per
    page: the timeline and the taal section both show them."""
    return list(
        Verwijzing.objects.for_user(user).filter(inburgeraar=person).select_related("aanbieder")
    )


@per_request
def corrections_for(person: Inburgeraar, user) -> list[Correctie]:
    """The person's corrections that ``user`` may know of: only those about parts of the
    file the user sees (a correction of the BSN is not shown to a role without BSN). Read
    once per page: the timeline and the corrections list both show them."""
    visible = []
    rows = only_if_present(Correctie.objects.filter(inburgeraar=person), person, "correctie")
    for correction in rows[:50]:
        names = [n for n in correction.fields.split(",") if n.strip()]
        names = [n.strip() for n in names]
        if correction.subject == "huishouden":
            groups = {FieldGroup.HOUSEHOLD}
        else:
            groups = {Inburgeraar.FIELD_GROUPS.get(n, FieldGroup.CASE) for n in names}
        if all(user.sees(group) for group in groups):
            correction.field_labels = ", ".join(field_label(n) for n in names)
            visible.append(correction)
    return visible


def record_correction(
    person: Inburgeraar, subject: str, fields: list[str], summary: str, reason: str, user
) -> Correctie:
    """Keep why a person's registration data or household was changed (the old and new
    values are in the field history, written by the save in the same transaction), and
    put the reason in the audit log."""
    correction = Correctie.objects.create(
        inburgeraar=person,
        subject=subject,
        fields=", ".join(fields)[:300],
        summary=summary[:2000],
        reason=reason.strip()[:1000],
        by=user.username,
    )
    audit.log(
        AuditAction.UPDATE,
        obj=correction,
        inburgeraar_id=person.pk,
        description=f"correctie {subject} ({', '.join(fields)}); reden: {reason.strip()}",
    )
    return correction
