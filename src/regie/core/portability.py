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
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Q, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.core.models import FieldChange, LocalRule, Municipality, Organisation, User

FORMAT = "regie-gemeente-export/1"


class PortabilityError(Exception):
    pass


# How far an export or import is: a share from 0 to 1 and the current step (Dutch), for
# the progress bar of the job that runs it (regie.core.jobs).
Progress = Callable[[float, str], None]


def _no_progress(share: float, step: str) -> None:
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


def export_municipality(municipality: Municipality, progress: Progress = _no_progress) -> dict:
    """Everything the registered apps hold for one municipality, as plain JSON data."""
    progress(0.02, _("Gegevens van de gemeente zoeken"))
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
    portables = portable_models()
    for number, portable in enumerate(portables):
        objs = [selected[portable.label][pk] for pk in sorted(selected[portable.label])]
        if not objs:
            continue
        progress(
            0.3 + 0.5 * number / len(portables),
            _("Gegevens wegschrijven: %(model)s") % {"model": portable.model._meta.verbose_name},
        )
        if portable.omit:
            omitted[portable.label] = list(portable.omit)
        if portable.model._meta.many_to_many:
            prefetch_related_objects(objs, *(f.name for f in portable.model._meta.many_to_many))
        records += [_encode(obj, portable, selected, keys, not_carried) for obj in objs]
    object_ids = {
        label.split(".")[1]: {str(pk) for pk in objs} for label, objs in selected.items() if objs
    }
    progress(0.85, _("Wijzigingshistorie wegschrijven"))
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


class ImportRejected(PortabilityError):
    """The file was not imported: ``problems`` lists every problem found (each bad record,
    in Dutch, without the values themselves, which may be personal data). Nothing was
    saved."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        shown = "; ".join(problems[:20]) + ("; …" if len(problems) > 20 else "")
        super().__init__(f"{len(problems)} probleem/problemen: {shown}")


def structure_problems(data) -> list[str]:
    """What makes a file no usable export at all (wrong format, records without model, id
    or fields, kinds of data this installation does not have): checked before anything is
    written."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return [
            _("Dit is geen gemeente-export van Regie (verwacht formaat %(format)s).")
            % {"format": FORMAT}
        ]
    problems = []
    municipality = data.get("municipality")
    if not isinstance(municipality, dict) or not municipality.get("cbs_code"):
        problems.append(_("Het bestand noemt geen gemeente (CBS-code ontbreekt)."))
    records = data.get("records")
    if not isinstance(records, list):
        return [*problems, _("Het bestand bevat geen lijst met records.")]
    if not isinstance(data.get("history", []), list):
        problems.append(_("De wijzigingshistorie in het bestand is geen lijst."))
    known = {p.label for p in portable_models()}
    unknown: dict[str, int] = {}
    for number, record in enumerate(records, 1):
        if not (
            isinstance(record, dict)
            and isinstance(record.get("model"), str)
            and isinstance(record.get("id"), int)
            and isinstance(record.get("fields"), dict)
        ):
            problems.append(
                _("Record %(n)s in het bestand is onvolledig (model, id of velden ontbreekt).")
                % {"n": number}
            )
            continue
        if record["model"] not in known:
            unknown[record["model"]] = unknown.get(record["model"], 0) + 1
    for label, count in sorted(unknown.items()):
        problems.append(
            _("Soort gegevens %(model)s bestaat niet in deze installatie (%(n)s records).")
            % {"model": label, "n": count}
        )
    return problems


def _decode(model: type[models.Model], data: dict, ids, context, report, cache, errors):
    """The field values of one record for the target, references remapped. Every problem
    of the record is added to ``errors`` (Dutch, naming fields, never their values)."""
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
                if raw in ids[target]:
                    values[model_field.attname] = ids[target][raw]
                elif raw in context["failed"].get(target, ()):
                    errors.append(
                        _("verwijst naar %(model)s %(id)s, dat niet kon worden ingelezen")
                        % {"model": target, "id": raw}
                    )
                else:
                    errors.append(
                        _("verwijst naar %(model)s %(id)s, dat niet (eerder) in het bestand staat")
                        % {"model": target, "id": raw}
                    )
            elif kind == "municipality":
                if raw == context["source"]:
                    values[model_field.attname] = context["target"].pk
                elif raw not in cache["municipality"]:
                    errors.append(
                        _("verwijst naar gemeente %(code)s, die hier niet bestaat") % {"code": raw}
                    )
                elif context["allowed"] is not None and raw not in context["allowed"]:
                    errors.append(
                        _("verwijst naar gemeente %(code)s, die u niet beheert") % {"code": raw}
                    )
                else:
                    values[model_field.attname] = cache["municipality"][raw]
            elif kind == "organisation":
                org = cache["organisation"].get(raw)
                if org is None:
                    errors.append(
                        _("verwijst naar organisatie %(name)s, die hier niet bestaat")
                        % {"name": repr(raw)}
                    )
                values[model_field.attname] = org
            else:
                user = cache["user"].get(raw)
                if user is None:
                    report.missing_users.add(raw)
                    if not model_field.null:
                        errors.append(
                            _("verwijst naar gebruiker %(name)s, die hier niet bestaat")
                            % {"name": repr(raw)}
                        )
                values[model_field.attname] = user
            continue
        try:
            if isinstance(model_field, models.BinaryField):
                value = None if raw is None else base64.b64decode(raw, validate=True)
            else:
                value = model_field.to_python(raw)
        except (ValidationError, ValueError, TypeError):
            errors.append(_("veld %(field)s: ongeldige waarde") % {"field": model_field.name})
            continue
        if problem := _value_problem(model_field, value):
            errors.append(problem)
            continue
        values[model_field.attname] = value
    return values


def _value_problem(model_field, value) -> str | None:
    """What the database would refuse (or silently keep, as SQLite keeps a text that is
    too long), said per field without the value itself."""
    name = model_field.name
    if value is None:
        if not model_field.null:
            return _("veld %(field)s is leeg, maar verplicht") % {"field": name}
        return None
    if (
        model_field.choices
        and value not in model_field.empty_values
        and value not in {key for key, _label in model_field.flatchoices}
    ):
        return _("veld %(field)s: onbekende waarde") % {"field": name}
    max_length = getattr(model_field, "max_length", None)
    if max_length and isinstance(value, str) and len(value) > max_length:
        return _("veld %(field)s: langer dan %(n)s tekens") % {"field": name, "n": max_length}
    return None


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


def import_municipality(
    data: dict,
    into: str | None = None,
    *,
    target: Municipality | None = None,
    allowed_codes: set[str] | None = None,
    progress: Progress = _no_progress,
) -> ImportReport:
    """Create the records of an export under new ids, in one transaction; shared records
    that exist on the target (by natural key) are reused.

    All or nothing: every record is tried (each in a savepoint), every problem is
    collected, and if there is any the whole import is rolled back and ``ImportRejected``
    lists them all. ``target`` imports into that existing municipality (the browser: one
    the beheerder manages); otherwise ``into`` or the file's code, created when missing
    (the command line). ``allowed_codes``: the only other municipalities records may refer
    to (the beheerder's own); None allows every municipality that exists here."""
    problems = structure_problems(data)
    if problems:
        raise ImportRejected(problems)
    progress(0.02, _("Bestand controleren"))
    report = ImportReport(not_carried=not_carried_lines(data))
    source = data["municipality"]["cbs_code"]
    code = target.cbs_code if target is not None else (into or source)
    cache = {
        "organisation": dict(Organisation.objects.values_list("name", "pk")),
        "user": dict(User.objects.values_list("username", "pk")),
    }
    by_label = {p.label: p for p in portable_models()}
    ids: dict[str, dict[int, int]] = {label: {} for label in by_label}
    failed: dict[str, set[int]] = {}
    reused: set[tuple[str, int]] = set()
    records = data["records"]
    every = max(1, len(records) // 50)
    with transaction.atomic():
        if target is None:
            target, _created = Municipality.objects.get_or_create(
                cbs_code=code, defaults={"name": data["municipality"]["name"] if not into else code}
            )
        report.municipality = target
        cache["municipality"] = dict(Municipality.objects.values_list("cbs_code", "pk"))
        context = {"source": source, "target": target, "allowed": allowed_codes, "failed": failed}
        m2m_later = []
        for number, record in enumerate(records):
            if number % every == 0:
                progress(
                    0.05 + 0.85 * number / len(records),
                    _("Records inlezen (%(n)s van %(total)s)")
                    % {"n": number, "total": len(records)},
                )
            label = record["model"]
            portable = by_label[label]
            model = portable.model
            errors: list[str] = []
            values = _decode(model, record["fields"], ids, context, report, cache, errors)
            if not errors and portable.natural_key:
                existing = _existing(portable, values)
                if existing is not None:
                    ids[label][record["id"]] = existing
                    reused.add((label, record["id"]))
                    report.reused[label] = report.reused.get(label, 0) + 1
                    continue
            if not errors:
                obj = model(**values)
                try:
                    # raw: keep created/updated times as exported and write no new history.
                    with transaction.atomic():
                        obj.save_base(raw=True, force_insert=True)
                except IntegrityError:
                    errors.append(
                        _(
                            "bestaat hier al of botst met een bestaand record (een waarde die "
                            "uniek moet zijn, zoals een BSN of een berichtkenmerk, komt al voor)"
                        )
                    )
            if errors:
                failed.setdefault(label, set()).add(record["id"])
                problems.append(f"{label} {record['id']}: " + "; ".join(errors))
                continue
            ids[label][record["id"]] = obj.pk
            report.created[label] = report.created.get(label, 0) + 1
            if model._meta.many_to_many:
                m2m_later.append((obj, record["fields"]))
        if problems:
            raise ImportRejected(problems)
        progress(0.9, _("Koppelingen en wijzigingshistorie inlezen"))
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
                    missing = [pk for pk in wanted if pk not in ids[label]]
                    if missing:
                        problems.append(
                            f"{obj._meta.label_lower} {obj.pk}: "
                            + _("koppeling %(field)s verwijst naar records buiten het bestand")
                            % {"field": m2m.name}
                        )
                        continue
                    targets = [ids[label][pk] for pk in wanted]
                getattr(obj, m2m.name).set(targets)
        if problems:
            raise ImportRejected(problems)
        labels_by_name = {label.split(".")[1]: label for label in by_label}
        person_ids = ids.get("people.inburgeraar", {})
        for change in data.get("history", []):
            try:
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
                with transaction.atomic():
                    copy.save_base(raw=True, force_insert=True)
            except (
                AttributeError,
                KeyError,
                TypeError,
                ValueError,
                ValidationError,
                IntegrityError,
            ):
                problems.append(
                    _("Wijzigingshistorie: een regel over %(what)s is onvolledig of ongeldig")
                    % {"what": str(getattr(change, "get", {}.get)("object_type", "?"))[:60]}
                )
                continue
            report.history += 1
        if problems:
            raise ImportRejected(problems)
    return report


# The platform's own data of a municipality: its values for the lokaal-beleid figures
# (regie.core.localrules). A target that has set a figure already keeps its own value.
register_portable(LocalRule, "municipality", order=5, natural_key=("municipality", "name"))
