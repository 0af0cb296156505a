"""Export and import of one municipality's registry data, for when the uitvoerder changes
(the file moves to another Regie installation), for a gemeentelijke herindeling, or to
move a municipality between installations. ``regie municipality export GM0294 out.json``
and ``regie municipality import out.json [--into GM0295]``.

The platform does not know the apps' models: each app registers the models that hold a
municipality's data, in dependency order, from its ``<app>/privacy.py``::

    register_portable(Betaling, "inburgeraar__municipality", order=60)

Records are written with their own ids; on import every record gets a new id and
references are remapped. References outside the data are written by natural key and
looked up on import: municipalities by CBS code, organisations by name, users by user
name (a user missing on the target leaves the reference empty and is reported; a missing
organisation stops the import). The field history of the records travels with them; the
audit log does not: it records what happened on the old installation and stays there
(docs/security.md). The import is one transaction: all or nothing.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from regie.core.models import FieldChange, Municipality, Organisation, User

FORMAT = "regie-gemeente-export/1"


class PortabilityError(Exception):
    pass


@dataclass(frozen=True)
class Portable:
    model: type[models.Model]
    municipality_path: str
    order: int


_portable: dict[str, Portable] = {}


def register_portable(model: type[models.Model], municipality_path: str, order: int = 50):
    _portable[model._meta.label_lower] = Portable(model, municipality_path, order)
    return model


def portable_models() -> list[Portable]:
    return sorted(_portable.values(), key=lambda p: (p.order, p.model._meta.label_lower))


def _reference_kind(model_field) -> str:
    target = model_field.related_model
    label = target._meta.label_lower
    if target is Municipality:
        return "municipality"
    if label == settings.AUTH_USER_MODEL.lower():
        return "user"
    if target is Organisation:
        return "organisation"
    if label in _portable:
        return "record"
    raise PortabilityError(
        f"{model_field.model._meta.label}.{model_field.name} refers to {target._meta.label}, "
        "which is not portable: register it with register_portable()"
    )


def _encode(obj: models.Model) -> dict:
    fields: dict[str, object] = {}
    for model_field in obj._meta.concrete_fields:
        if model_field.primary_key:
            continue
        value = getattr(obj, model_field.attname)
        if model_field.is_relation:
            if value is None:
                fields[model_field.name] = None
                continue
            kind = _reference_kind(model_field)
            if kind == "record":
                fields[model_field.name] = value
            else:
                related = getattr(obj, model_field.name)
                fields[model_field.name] = {
                    "municipality": lambda r: r.cbs_code,
                    "user": lambda r: r.get_username(),
                    "organisation": lambda r: r.name,
                }[kind](related)
        elif isinstance(model_field, models.BinaryField):
            fields[model_field.name] = base64.b64encode(bytes(value or b"")).decode()
        elif value is None or isinstance(value, bool | int | float | str):
            fields[model_field.name] = value
        else:
            fields[model_field.name] = model_field.value_to_string(obj)
    for m2m in obj._meta.many_to_many:
        kind = _reference_kind(m2m)
        related = getattr(obj, m2m.name).all()
        if kind == "user":
            fields[m2m.name] = sorted(r.get_username() for r in related)
        elif kind == "record":
            fields[m2m.name] = sorted(r.pk for r in related)
    return {"model": obj._meta.label_lower, "id": obj.pk, "fields": fields}


def export_municipality(municipality: Municipality) -> dict:
    """Everything the registered apps hold for one municipality, as plain JSON data."""
    records = []
    person_ids: set[int] = set()
    object_ids: dict[str, set[str]] = {}
    for portable in portable_models():
        queryset = portable.model._default_manager.filter(
            **{portable.municipality_path: municipality}
        ).order_by("pk")
        if portable.model._meta.many_to_many:
            queryset = queryset.prefetch_related(
                *(f.name for f in portable.model._meta.many_to_many)
            )
        for obj in queryset.iterator(chunk_size=500):
            records.append(_encode(obj))
            object_ids.setdefault(portable.model._meta.model_name, set()).add(str(obj.pk))
            if portable.model._meta.model_name == "inburgeraar":
                person_ids.add(obj.pk)
    history = [
        {
            "at": change.at.isoformat(),
            "object_type": change.object_type,
            "object_id": change.object_id,
            "inburgeraar_id": change.inburgeraar_id,
            "field": change.field,
            "field_label": change.field_label,
            "old_value": change.old_value,
            "new_value": change.new_value,
            "special_category": change.special_category,
            "username": change.username,
        }
        for change in FieldChange.objects.filter(inburgeraar_id__in=person_ids).order_by("pk")
        if change.object_id in object_ids.get(change.object_type, ())
    ]
    return {
        "format": FORMAT,
        "exported_at": timezone.now().isoformat(timespec="seconds"),
        "municipality": {"cbs_code": municipality.cbs_code, "name": municipality.name},
        "records": records,
        "history": history,
    }


@dataclass
class ImportReport:
    municipality: Municipality | None = None
    created: dict[str, int] = field(default_factory=dict)
    history: int = 0
    missing_users: set[str] = field(default_factory=set)


def _decode(model: type[models.Model], data: dict, ids, municipality, report, cache):
    values = {}
    for model_field in model._meta.concrete_fields:
        if model_field.primary_key or model_field.name not in data:
            continue
        raw = data[model_field.name]
        if model_field.is_relation:
            if raw is None:
                values[model_field.attname] = None
                continue
            kind = _reference_kind(model_field)
            if kind == "record":
                target = model_field.related_model._meta.label_lower
                try:
                    values[model_field.attname] = ids[target][raw]
                except KeyError as error:
                    raise PortabilityError(f"{target} {raw} is referred to but missing") from error
            elif kind == "municipality":
                values[model_field.attname] = municipality.pk
            elif kind == "organisation":
                org = cache["organisation"].get(raw)
                if org is None:
                    raise PortabilityError(f"organisation {raw!r} does not exist here")
                values[model_field.attname] = org
            else:
                user = cache["user"].get(raw)
                if user is None:
                    report.missing_users.add(raw)
                    if not model_field.null:
                        raise PortabilityError(f"user {raw!r} does not exist here")
                values[model_field.attname] = user
        elif isinstance(model_field, models.BinaryField):
            values[model_field.attname] = base64.b64decode(raw)
        else:
            values[model_field.attname] = model_field.to_python(raw)
    return values


def import_municipality(data: dict, into: str | None = None) -> ImportReport:
    """Create the records of an export under new ids, in one transaction."""
    if data.get("format") != FORMAT:
        raise PortabilityError(f"not a Regie municipality export ({FORMAT})")
    report = ImportReport()
    code = into or data["municipality"]["cbs_code"]
    cache = {
        "organisation": dict(Organisation.objects.values_list("name", "pk")),
        "user": dict(User.objects.values_list("username", "pk")),
    }
    by_label = {p.model._meta.label_lower: p.model for p in portable_models()}
    unknown = {r["model"] for r in data["records"]} - set(by_label)
    if unknown:
        raise PortabilityError(f"this installation has no models {sorted(unknown)}")
    ids: dict[str, dict[int, int]] = {label: {} for label in by_label}
    with transaction.atomic():
        municipality, _ = Municipality.objects.get_or_create(
            cbs_code=code, defaults={"name": data["municipality"]["name"] if not into else code}
        )
        report.municipality = municipality
        m2m_later = []
        for record in data["records"]:
            model = by_label[record["model"]]
            values = _decode(model, record["fields"], ids, municipality, report, cache)
            obj = model(**values)
            # raw: keep created/updated times as exported and write no new history.
            obj.save_base(raw=True, force_insert=True)
            ids[record["model"]][record["id"]] = obj.pk
            report.created[record["model"]] = report.created.get(record["model"], 0) + 1
            if model._meta.many_to_many:
                m2m_later.append((obj, record["fields"]))
        for obj, fields in m2m_later:
            for m2m in obj._meta.many_to_many:
                wanted = fields.get(m2m.name, [])
                if _reference_kind(m2m) == "user":
                    report.missing_users |= {u for u in wanted if u not in cache["user"]}
                    targets = [cache["user"][u] for u in wanted if u in cache["user"]]
                else:
                    label = m2m.related_model._meta.label_lower
                    targets = [ids[label][pk] for pk in wanted]
                getattr(obj, m2m.name).set(targets)
        labels_by_name = {label.split(".")[1]: label for label in by_label}
        person_ids = ids.get("people.inburgeraar", {})
        for change in data.get("history", []):
            label = labels_by_name.get(change["object_type"])
            new_object = ids.get(label, {}).get(int(change["object_id"])) if label else None
            if new_object is None:
                continue
            copy = FieldChange(
                **{
                    **change,
                    "at": models.DateTimeField().to_python(change["at"]),
                    "object_id": str(new_object),
                    "inburgeraar_id": person_ids.get(change["inburgeraar_id"]),
                }
            )
            copy.save_base(raw=True, force_insert=True)
            report.history += 1
    return report
