"""Export and import of one municipality's registry data, for when the uitvoerder changes
(the file moves to another Regie installation), for a gemeentelijke herindeling, or to
move a municipality between installations. ``regie municipality export GM0294 out.json``
and ``regie municipality import out.json [--into GM0295]``.

The platform does not know the apps' models: each app registers the models that hold a
municipality's data, in dependency order, from its ``<app>/privacy.py``::

    register_portable(Betaling, "inburgeraar__municipality", order=60)

Records are written with their own ids; on import every record gets a new id and
references are remapped. References outside the data are written by natural key and
looked up on import: municipalities by CBS code (the exported municipality becomes the
target one; another municipality must exist on the target), organisations by name, users
by user name (a user missing on the target leaves the reference empty and is reported; a
missing organisation or municipality stops the import).

Shared records. Some records belong to an organisation that may serve several
municipalities (a partner in the register, a matching run) or to no municipality at all
(a national kind of fixed cost). They are registered with a ``natural_key``::

    register_portable(Partner, None, order=43, natural_key=("organisation",))
    register_portable(PartnerContact, None, order=44, natural_key=("partner", "name"),
                      follows="partner")

A shared record is exported once when an exported record refers to it (only those the
municipality's records use), plus the records selected by its ``municipality_path`` if it
has one; ``follows`` names the reference to a shared parent whose children travel with it.
On import a shared record is matched by its natural key and reused as it is on the target
(not changed, reported as reused); it is created only when the target has none. Fields in
``omit`` (e.g. data about other municipalities' persons in an organisation's record) are
not exported; the export says so.

Nothing is left out silently. A record whose required reference points to a record
outside the export (e.g. a payment line of a person of this municipality in another
municipality's run) is not carried; an optional reference of that kind is left empty.
Both are listed in the export under ``not_carried``, printed by the export and by the
import. The field history of the records travels with them; the audit log does not: it
records what happened on the old installation and stays there (docs/security.md). The
import is one transaction: all or nothing.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q, prefetch_related_objects
from django.utils import timezone

from regie.core.models import FieldChange, LocalRule, Municipality, Organisation, User

FORMAT = "regie-gemeente-export/1"


class PortabilityError(Exception):
    pass


@dataclass(frozen=True)
class Portable:
    model: type[models.Model]
    municipality_path: str | None
    order: int
    natural_key: tuple[str, ...] = ()
    follows: str | None = None
    omit: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return self.model._meta.label_lower


_portable: dict[str, Portable] = {}


def register_portable(
    model: type[models.Model],
    municipality_path: str | None,
    order: int = 50,
    *,
    natural_key: tuple[str, ...] = (),
    follows: str | None = None,
    omit: tuple[str, ...] = (),
):
    """Register a model for the municipality export. ``municipality_path`` selects the
    municipality's records (None: only as a shared record); ``natural_key`` makes the
    records shared (exported when referred to, matched on import); ``follows`` exports
    them with their shared parent; ``omit`` lists fields that are never exported."""
    if municipality_path is None and not natural_key:
        raise ValueError(
            f"{model._meta.label}: a record without a municipality needs a natural key"
        )
    if follows and not natural_key:
        raise ValueError(f"{model._meta.label}: 'follows' is for shared records (natural key)")
    _portable[model._meta.label_lower] = Portable(
        model, municipality_path, order, tuple(natural_key), follows, tuple(omit)
    )
    return model


def portable_models() -> list[Portable]:
    return sorted(_portable.values(), key=lambda p: (p.order, p.label))


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


def _record_fields(model):
    """The concrete references of a model to other portable records."""
    return [
        f
        for f in model._meta.concrete_fields
        if f.is_relation and f.related_model._meta.label_lower in _portable
    ]


def _encode(obj: models.Model, portable: Portable, selected, keys, not_carried) -> dict:
    fields: dict[str, object] = {}
    for model_field in obj._meta.concrete_fields:
        if model_field.primary_key or model_field.name in portable.omit:
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
                fields[model_field.name] = keys[kind][value]
        elif isinstance(model_field, models.BinaryField):
            fields[model_field.name] = (
                None if value is None else base64.b64encode(bytes(value)).decode()
            )
        elif value is None or isinstance(value, bool | int | float | str):
            fields[model_field.name] = value
        else:
            fields[model_field.name] = model_field.value_to_string(obj)
    for m2m in obj._meta.many_to_many:
        if m2m.name in portable.omit:
            continue
        kind = _reference_kind(m2m)
        related = getattr(obj, m2m.name).all()
        if kind == "user":
            fields[m2m.name] = sorted(r.get_username() for r in related)
        elif kind == "record":
            inside = selected[m2m.related_model._meta.label_lower]
            fields[m2m.name] = sorted(r.pk for r in related if r.pk in inside)
            for r in related:
                if r.pk not in inside:
                    not_carried.append(
                        _note(
                            portable.label,
                            obj.pk,
                            f"koppeling {m2m.name} met "
                            f"{m2m.related_model._meta.label_lower} {r.pk} buiten de export "
                            "niet meegenomen",
                        )
                    )
    return {"model": portable.label, "id": obj.pk, "fields": fields}


def _note(label: str, pk, reason: str) -> dict:
    return {"model": label, "id": pk, "reason": reason}


def _select(municipality: Municipality) -> dict[str, dict[int, models.Model]]:
    """The municipality's records per model, plus the shared records they use."""
    portables = portable_models()
    selected: dict[str, dict[int, models.Model]] = {p.label: {} for p in portables}
    for portable in portables:
        if portable.municipality_path is None:
            continue
        queryset = portable.model._default_manager.filter(
            **{portable.municipality_path: municipality}
        ).order_by("pk")
        for obj in queryset.iterator(chunk_size=500):
            selected[portable.label][obj.pk] = obj
    shared = [p for p in portables if p.natural_key]
    grew = True
    while grew:
        grew = False
        for portable in shared:
            have = selected[portable.label]
            wanted: set = set()
            for other in portables:
                for ref in _record_fields(other.model):
                    if ref.related_model is portable.model:
                        wanted |= {getattr(o, ref.attname) for o in selected[other.label].values()}
            wanted = {pk for pk in wanted if pk is not None and pk not in have}
            found = list(portable.model._default_manager.filter(pk__in=wanted)) if wanted else []
            if portable.follows:
                parent = portable.model._meta.get_field(portable.follows).related_model
                parent_ids = list(selected[parent._meta.label_lower])
                if parent_ids:
                    found += portable.model._default_manager.filter(
                        **{f"{portable.follows}__in": parent_ids}
                    ).exclude(pk__in=list(have) + [o.pk for o in found])
            for obj in found:
                have[obj.pk] = obj
                grew = True
    return selected


def _drop_dangling(selected, not_carried: list[dict]) -> None:
    """Leave out records whose required reference points outside the export (and what
    refers to them); empty optional references of that kind. Both are reported."""
    changed = True
    while changed:
        changed = False
        for portable in portable_models():
            refs = _record_fields(portable.model)
            if not refs:
                continue
            objs = selected[portable.label]
            for pk in sorted(objs):
                obj = objs[pk]
                for ref in refs:
                    value = getattr(obj, ref.attname)
                    target = ref.related_model._meta.label_lower
                    if value is None or value in selected[target]:
                        continue
                    if ref.null:
                        setattr(obj, ref.attname, None)
                        not_carried.append(
                            _note(
                                portable.label,
                                pk,
                                f"verwijzing {ref.name} naar {target} "
                                f"{value} (buiten deze gemeente) leeg gelaten",
                            )
                        )
                        continue
                    del objs[pk]
                    not_carried.append(
                        _note(
                            portable.label,
                            pk,
                            f"niet meegenomen: verwijst naar {target} "
                            f"{value}, dat niet bij deze gemeente hoort",
                        )
                    )
                    changed = True
                    break


def export_municipality(municipality: Municipality) -> dict:
    """Everything the registered apps hold for one municipality, as plain JSON data."""
    selected = _select(municipality)
    not_carried: list[dict] = []
    _drop_dangling(selected, not_carried)
    records = []
    omitted: dict[str, list[str]] = {}
    # Natural keys of the references outside the data, in three queries (not one per record).
    keys = {
        "municipality": dict(Municipality.objects.values_list("pk", "cbs_code")),
        "user": dict(User.objects.values_list("pk", User.USERNAME_FIELD)),
        "organisation": dict(Organisation.objects.values_list("pk", "name")),
    }
    for portable in portable_models():
        objs = [selected[portable.label][pk] for pk in sorted(selected[portable.label])]
        if not objs:
            continue
        if portable.omit:
            omitted[portable.label] = list(portable.omit)
        if portable.model._meta.many_to_many:
            prefetch_related_objects(objs, *(f.name for f in portable.model._meta.many_to_many))
        records += [_encode(obj, portable, selected, keys, not_carried) for obj in objs]
    object_ids = {
        label.split(".")[1]: {str(pk) for pk in objs} for label, objs in selected.items() if objs
    }
    person_ids = list(selected.get("people.inburgeraar", {}))
    changes = FieldChange.objects.filter(
        Q(inburgeraar_id__in=person_ids)
        # Records that are about no inburgeraar (a volunteer) keep their history too.
        | Q(inburgeraar_id__isnull=True, object_type__in=list(object_ids))
    ).order_by("pk")
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
        for change in changes.iterator(chunk_size=2000)
        if change.object_id in object_ids.get(change.object_type, ())
    ]
    return {
        "format": FORMAT,
        "exported_at": timezone.now().isoformat(timespec="seconds"),
        "municipality": {"cbs_code": municipality.cbs_code, "name": municipality.name},
        "records": records,
        "history": history,
        "not_carried": not_carried,
        "omitted_fields": omitted,
    }


def not_carried_lines(data: dict) -> list[str]:
    """What an export leaves out, as Dutch lines for the operator."""
    lines = [f"{n['model']} {n['id']}: {n['reason']}" for n in data.get("not_carried", [])]
    lines += [
        f"{label}: velden {', '.join(names)} niet meegenomen (gegevens van buiten deze gemeente)"
        for label, names in sorted(data.get("omitted_fields", {}).items())
    ]
    return lines


@dataclass
class ImportReport:
    municipality: Municipality | None = None
    created: dict[str, int] = field(default_factory=dict)
    reused: dict[str, int] = field(default_factory=dict)  # shared records found on the target
    history: int = 0
    missing_users: set[str] = field(default_factory=set)
    not_carried: list[str] = field(default_factory=list)


def _decode(model: type[models.Model], data: dict, ids, context, report, cache):
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
                if raw == context["source"]:
                    values[model_field.attname] = context["target"].pk
                elif raw in cache["municipality"]:
                    values[model_field.attname] = cache["municipality"][raw]
                else:
                    raise PortabilityError(f"municipality {raw!r} does not exist here")
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
            values[model_field.attname] = None if raw is None else base64.b64decode(raw)
        else:
            values[model_field.attname] = model_field.to_python(raw)
    return values


def _existing(portable: Portable, values: dict):
    """The pk of the target's record with the same natural key, if any."""
    lookup = {}
    for name in portable.natural_key:
        attname = portable.model._meta.get_field(name).attname
        lookup[attname] = values.get(attname)
    return (
        portable.model._default_manager.filter(**lookup)
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )


def import_municipality(data: dict, into: str | None = None) -> ImportReport:
    """Create the records of an export under new ids, in one transaction; shared records
    that exist on the target (by natural key) are reused."""
    if data.get("format") != FORMAT:
        raise PortabilityError(f"not a Regie municipality export ({FORMAT})")
    report = ImportReport(not_carried=not_carried_lines(data))
    code = into or data["municipality"]["cbs_code"]
    cache = {
        "organisation": dict(Organisation.objects.values_list("name", "pk")),
        "user": dict(User.objects.values_list("username", "pk")),
    }
    by_label = {p.label: p for p in portable_models()}
    unknown = {r["model"] for r in data["records"]} - set(by_label)
    if unknown:
        raise PortabilityError(f"this installation has no models {sorted(unknown)}")
    ids: dict[str, dict[int, int]] = {label: {} for label in by_label}
    reused: set[tuple[str, int]] = set()
    with transaction.atomic():
        municipality, _ = Municipality.objects.get_or_create(
            cbs_code=code, defaults={"name": data["municipality"]["name"] if not into else code}
        )
        report.municipality = municipality
        cache["municipality"] = dict(Municipality.objects.values_list("cbs_code", "pk"))
        context = {"source": data["municipality"]["cbs_code"], "target": municipality}
        m2m_later = []
        for record in data["records"]:
            label = record["model"]
            portable = by_label[label]
            model = portable.model
            values = _decode(model, record["fields"], ids, context, report, cache)
            if portable.natural_key:
                existing = _existing(portable, values)
                if existing is not None:
                    ids[label][record["id"]] = existing
                    reused.add((label, record["id"]))
                    report.reused[label] = report.reused.get(label, 0) + 1
                    continue
            obj = model(**values)
            # raw: keep created/updated times as exported and write no new history.
            obj.save_base(raw=True, force_insert=True)
            ids[label][record["id"]] = obj.pk
            report.created[label] = report.created.get(label, 0) + 1
            if model._meta.many_to_many:
                m2m_later.append((obj, record["fields"]))
        for obj, fields in m2m_later:
            for m2m in obj._meta.many_to_many:
                if m2m.name not in fields:
                    continue
                wanted = fields[m2m.name]
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
            old_id = int(change["object_id"])
            new_object = ids.get(label, {}).get(old_id) if label else None
            if new_object is None or (label, old_id) in reused:
                continue  # a reused record keeps the target's own history
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


# The platform's own data of a municipality: its values for the lokaal-beleid figures
# (regie.core.localrules). A target that has set a figure already keeps its own value.
register_portable(LocalRule, "municipality", order=5, natural_key=("municipality", "name"))
