"""The audit log: who read or changed which person's data, when, in which role and
through which page, following the Logius standard 'Logboek dataverwerkingen': every
event carries the W3C trace context (trace id, its own span id), the processing activity of
the register (``Verwerkingsactiviteit``, AVG art. 30) and the data subject (the person, or a
keyed hash of the BSN before the person is in Regie). docs/verwerkingenlog.md.

The request's actor is kept in a context variable (set by AuditContextMiddleware, or by
``actor(...)`` in commands), so models can record changes without views passing users
around. Reads are logged explicitly by the access helpers when a person's file is opened.
"""

from __future__ import annotations

import contextlib
import hmac
import json
import re
import secrets
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass

from django.db import connection, models
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import get_language

from regie.core.models import AuditAction, AuditEvent, FieldChange


@dataclass(frozen=True)
class Actor:
    user_id: int | None
    username: str
    roles: str
    organisation: str
    route: str = ""


SYSTEM = Actor(user_id=None, username="systeem", roles="", organisation="")
_current: ContextVar[Actor] = ContextVar("regie_audit_actor", default=SYSTEM)


@dataclass(frozen=True)
class TraceContext:
    """The W3C trace context of the work in hand: the trace and the span of the request
    or command. Each audit event is a span of its own under it."""

    trace_id: str
    span_id: str

    def traceparent(self, span_id: str | None = None) -> str:
        return f"00-{self.trace_id}-{span_id or self.span_id}-01"


_TRACEPARENT = re.compile(r"^[0-9a-f]{2}-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$")
_trace: ContextVar[TraceContext | None] = ContextVar("regie_trace", default=None)
_activity: ContextVar[str] = ContextVar("regie_processing_activity", default="")


def new_span_id() -> str:
    return secrets.token_hex(8)


def new_trace() -> TraceContext:
    return TraceContext(secrets.token_hex(16), new_span_id())


def parse_traceparent(header: str | None) -> TraceContext | None:
    """The trace of an incoming ``traceparent`` header (a caller's trace continues here,
    with a new span for this request); None for a missing or malformed one."""
    match = _TRACEPARENT.match((header or "").strip().lower())
    if not match or set(match.group(1)) == {"0"} or set(match.group(2)) == {"0"}:
        return None
    return TraceContext(match.group(1), new_span_id())


@contextlib.contextmanager
def trace(value: TraceContext | None = None) -> Iterator[TraceContext]:
    value = value or new_trace()
    token = _trace.set(value)
    try:
        yield value
    finally:
        _trace.reset(token)


def current_trace() -> TraceContext:
    """The trace in hand; outside a request or command, a trace of its own."""
    return _trace.get() or new_trace()


@contextlib.contextmanager
def processing(activity: str) -> Iterator[str]:
    """Name the processing activity (a code of the register) of the events logged within."""
    token = _activity.set(activity)
    try:
        yield activity
    finally:
        _activity.reset(token)


def subject_ref(bsn: str) -> str:
    """A keyed hash of a BSN (dpl.core.data_subject_id, 'versleuteld'): it finds the
    processings about a person that happened before the person was in Regie, without
    keeping the BSN in the log."""
    from regie.core.seal import audit_key

    return hmac.new(audit_key(), b"subject:" + bsn.encode(), "sha256").hexdigest()


# The activity of an event that names none, by the kind of record it is about.
ACTIVITY_BY_OBJECT = {
    "verwijzing": "verwijzing",
    "duomelding": "melding-duo",
}
DEFAULT_ACTIVITY = "uitvoering-inburgering"


def activity_for(object_type: str, inburgeraar_id, avg_relevant: bool, subject: str) -> str:
    explicit = _activity.get()
    if explicit:
        return explicit
    if not avg_relevant or (inburgeraar_id is None and not subject):
        return ""
    return ACTIVITY_BY_OBJECT.get(object_type, DEFAULT_ACTIVITY)


def actor_for(user, route: str = "") -> Actor:
    if user is None or not user.is_authenticated:
        return Actor(None, "anoniem", "", "", route)
    return Actor(
        user_id=user.pk,
        username=user.username,
        roles=",".join(sorted(user.roles)),
        organisation=str(user.organisation) if user.organisation_id else "",
        route=route,
    )


def current_actor() -> Actor:
    return _current.get()


@contextlib.contextmanager
def actor(value: Actor) -> Iterator[Actor]:
    token = _current.set(value)
    try:
        yield value
    finally:
        _current.reset(token)


def log(
    action: AuditAction,
    *,
    obj: models.Model | None = None,
    inburgeraar_id: int | None = None,
    description: str = "",
    object_type: str = "",
    avg_relevant: bool = True,
    who: Actor | None = None,
    activity: str = "",
    span_id: str = "",
    subject: str = "",
) -> AuditEvent:
    """``activity``: a code of the register (else the one of ``processing(...)`` or the
    default for the record); ``span_id``: the span of an outgoing call this event is about
    (so the other system's log can be matched), else a new one; ``subject``: a
    ``subject_ref`` when there is no person id yet."""
    who = who or current_actor()
    object_type = object_type or (obj._meta.model_name if obj is not None else "")
    return AuditEvent.objects.create(
        user_id_copy=who.user_id,
        username=who.username,
        roles=who.roles,
        organisation=who.organisation,
        inburgeraar_id=inburgeraar_id,
        action=action,
        object_type=object_type,
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        description=description[:300],
        route=who.route[:200],
        avg_relevant=avg_relevant,
        trace_id=current_trace().trace_id,
        span_id=span_id or new_span_id(),
        activity=activity or activity_for(object_type, inburgeraar_id, avg_relevant, subject),
        subject_ref=subject,
    )


def log_each(action: AuditAction, objects, description: str) -> None:
    """One event per record a page shows (a list, search results, the werkvoorraad, an API
    page), about the person it concerns (``audit_person_id``), so each person's trail and
    AVG inzage say who saw them there.

    Always one statement, however many records: the rows travel as one JSON parameter
    and the database unpacks them (INSERT ... SELECT over json_each / jsonb_array_elements),
    where bulk_create would split a long werkvoorraad into batches on SQLite (at most 999
    parameters a statement)."""
    rows = [
        [obj.audit_person_id(), obj._meta.model_name, str(obj.pk), new_span_id()]
        for obj in dict.fromkeys(objects)
    ]
    if not rows:
        return
    who = current_actor()
    table = connection.ops.quote_name(AuditEvent._meta.db_table)
    columns = (
        "at, user_id_copy, username, roles, organisation, action, description, route, "
        "avg_relevant, trace_id, activity, subject_ref, inburgeraar_id, object_type, "
        "object_id, span_id"
    )
    if connection.vendor == "postgresql":
        unpack = (
            "(value->>0)::bigint, value->>1, value->>2, value->>3 "
            "FROM jsonb_array_elements(%s::jsonb)"
        )
    else:
        unpack = (
            "json_extract(value, '$[0]'), json_extract(value, '$[1]'), "
            "json_extract(value, '$[2]'), json_extract(value, '$[3]') FROM json_each(%s)"
        )
    fixed = [
        connection.ops.adapt_datetimefield_value(timezone.now()),
        who.user_id,
        who.username,
        who.roles,
        who.organisation,
        str(action),
        description[:300],
        who.route[:200],
        True,
        current_trace().trace_id,
        _activity.get() or DEFAULT_ACTIVITY,
        "",
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({columns}) "  # noqa: S608 - names from the model, values bound
            f"SELECT %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, {unpack}",
            [*fixed, json.dumps(rows)],
        )


def log_read(obj: models.Model, inburgeraar_id: int, description: str = "") -> AuditEvent:
    return log(AuditAction.READ, obj=obj, inburgeraar_id=inburgeraar_id, description=description)


def _display(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


# The labels of a field's choices, per field and language: Django's get_FOO_display builds
# this dict on every call, translating every label of the field, for every row of a list.
# Translations do not change while the process runs; fields with callable choices are not
# cached.
_DISPLAY_LABELS: dict = {}


def _display_labels(field) -> dict | None:
    if not isinstance(field.choices, list | tuple):
        return None
    key = (field.model, field.name, get_language())
    labels = _DISPLAY_LABELS.get(key)
    if labels is None:
        labels = {
            value: force_str(label, strings_only=True)
            for value, label in dict(make_hashable(field.flatchoices)).items()
        }
        _DISPLAY_LABELS[key] = labels
    return labels


class TrackedModel(models.Model):
    """Records every create and field change as audit event plus field history.

    Subclasses list their special-category fields in ``special_category_fields``; their
    values are kept in the history but shown only to roles that may see them.
    ``audit_person_id`` names the inburgeraar the record is about.
    """

    special_category_fields: tuple[str, ...] = ()
    # The permission needed to see this model's field history on a person's timeline
    # (None: whoever sees the case part of the file).
    history_permission = None
    history_exclude: tuple[str, ...] = ("id", "updated_at", "created_at", "search_name")

    class Meta:
        abstract = True

    def _get_FIELD_display(self, field):
        """What Django's get_FOO_display returns, with the choices' labels translated once
        per field and language (``_display_labels``) instead of on every call."""
        labels = _display_labels(field)
        if labels is None:
            return super()._get_FIELD_display(field)
        value = getattr(self, field.attname)
        return labels.get(make_hashable(value), force_str(value, strings_only=True))

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded = dict(zip(field_names, values, strict=False))
        return instance

    def audit_person_id(self) -> int | None:
        raise NotImplementedError

    def _tracked_values(self) -> dict[str, object]:
        values = {}
        for field in self._meta.concrete_fields:
            if field.attname in self.history_exclude or field.name in self.history_exclude:
                continue
            values[field.attname] = getattr(self, field.attname)
        return values

    def save(self, *args, **kwargs):
        creating = self._state.adding
        before = getattr(self, "_loaded", None)
        super().save(*args, **kwargs)
        after = self._tracked_values()
        person_id = self.audit_person_id()
        who = current_actor()
        name = self._meta.model_name
        if creating or before is None:
            log(AuditAction.CREATE, obj=self, inburgeraar_id=person_id, who=who)
        else:
            changes = []
            fields_by_attname = {f.attname: f for f in self._meta.concrete_fields}
            for attname, new in after.items():
                old = before.get(attname)
                if attname in before and old != new:
                    field = fields_by_attname[attname]
                    changes.append(
                        FieldChange(
                            object_type=name,
                            object_id=str(self.pk),
                            inburgeraar_id=person_id,
                            field=field.name,
                            field_label=str(field.verbose_name)[:100],
                            old_value=_display(old),
                            new_value=_display(new),
                            special_category=field.name in self.special_category_fields,
                            username=who.username,
                        )
                    )
            if changes:
                FieldChange.objects.bulk_create(changes)
                fields = ", ".join(c.field for c in changes)
                log(
                    AuditAction.UPDATE,
                    obj=self,
                    inburgeraar_id=person_id,
                    description=f"velden: {fields}",
                    who=who,
                )
        self._loaded = {**after}

    def delete(self, *args, **kwargs):
        person_id = self.audit_person_id()
        log(AuditAction.DELETE, obj=self, inburgeraar_id=person_id)
        return super().delete(*args, **kwargs)


@contextlib.contextmanager
def purge_allowed() -> Iterator[None]:
    """Within a transaction, allow deleting audit and history rows (PostgreSQL's trigger
    otherwise refuses it). Only for retention jobs and test resets, never for views."""
    from django.db import connection, transaction

    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL regie.audit_purge = 'on'")
        yield
