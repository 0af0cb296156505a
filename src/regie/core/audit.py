"""The audit log: who read or changed which person's data, when, in which role and
through which page. In the spirit of the 'Logboek dataverwerkingen' standard.

The request's actor is kept in a context variable (set by AuditContextMiddleware, or by
``actor(...)`` in commands), so models can record changes without views passing users
around. Reads are logged explicitly by the access helpers when a person's file is opened.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass

from django.db import connection, models
from django.utils import timezone

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
) -> AuditEvent:
    who = who or current_actor()
    return AuditEvent.objects.create(
        user_id_copy=who.user_id,
        username=who.username,
        roles=who.roles,
        organisation=who.organisation,
        inburgeraar_id=inburgeraar_id,
        action=action,
        object_type=object_type or (obj._meta.model_name if obj is not None else ""),
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        description=description[:300],
        route=who.route[:200],
        avg_relevant=avg_relevant,
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
        [obj.audit_person_id(), obj._meta.model_name, str(obj.pk)]
        for obj in dict.fromkeys(objects)
    ]
    if not rows:
        return
    who = current_actor()
    table = connection.ops.quote_name(AuditEvent._meta.db_table)
    columns = (
        "at, user_id_copy, username, roles, organisation, action, description, route, "
        "avg_relevant, inburgeraar_id, object_type, object_id"
    )
    if connection.vendor == "postgresql":
        unpack = (
            "(value->>0)::bigint, value->>1, value->>2 FROM jsonb_array_elements(%s::jsonb)"
        )
    else:
        unpack = (
            "json_extract(value, '$[0]'), json_extract(value, '$[1]'), "
            "json_extract(value, '$[2]') FROM json_each(%s)"
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
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({columns}) "  # noqa: S608 - names from the model, values bound
            f"SELECT %s, %s, %s, %s, %s, %s, %s, %s, %s, {unpack}",
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
