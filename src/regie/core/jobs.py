"""The platform's background jobs (regie.jobs): the export and import of one municipality
(regie.core.portability) started by its functioneel beheerder in the browser, and the AVG
inzage export of one person (regie.core.inzage).

Each runs as the user who started it and checks their scope again in the worker: a
beheerder only ever exports or imports a municipality their organisation serves (and an
import may refer to no other municipality than those), and the inzage only for a person
the user may see, with the same health-data rule as the page. The result file is the
starting user's alone (regie.jobs: another user's job is 404).
"""

from __future__ import annotations

import json
from collections.abc import Callable

from django.core.files.storage import default_storage
from django.db import IntegrityError
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from regie.core import audit
from regie.core.access import served_municipality_ids
from regie.core.models import AuditAction, Municipality
from regie.core.roles import Permission
from regie.jobs.registry import JobContext, JobError, JobResult, job_kind

# Where an uploaded municipality file waits for its import job (removed when the job
# ends; `regie jobs-cleanup` removes what a killed worker left behind).
IMPORT_FOLDER = "taken/invoer/"


def missing_upload() -> str:  # noqa: N802 - a message, translated when used
    return _("Het geüploade bestand is niet gevonden. Upload het opnieuw.")


def own_municipalities(user):
    return Municipality.objects.filter(pk__in=served_municipality_ids(user)).order_by("name")


def _own_municipality(ctx: JobContext) -> Municipality:
    municipality = own_municipalities(ctx.user).filter(pk=ctx.params.get("municipality")).first()
    if municipality is None:
        raise JobError(_("Deze gemeente bestaat niet of valt buiten de gemeenten die u beheert."))
    return municipality


def _steps(ctx: JobContext, start: float, end: float) -> Callable[[float, str], None]:
    return lambda share, step: ctx.progress(start + (end - start) * share, step)


def _export_label(params: dict) -> str:
    return _("Gemeente-export %(code)s") % {"code": params.get("code", "")}


@job_kind("gemeente_export", Permission.MUNICIPALITY_TRANSFER, label=_export_label)
def gemeente_export(ctx: JobContext) -> JobResult:
    from regie.core.portability import PortabilityError, export_municipality

    municipality = _own_municipality(ctx)
    try:
        data = export_municipality(municipality, progress=_steps(ctx, 0, 90))
    except PortabilityError as error:
        raise JobError(
            _("De export kon niet worden gemaakt: %(reason)s") % {"reason": error}
        ) from error
    ctx.progress(92, _("Bestand klaarzetten"))
    content = json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
    count = len(data["records"])
    audit.log(
        AuditAction.EXPORT,
        obj=municipality,
        description=f"gemeente-export: {count} records",
    )
    not_carried = len(data["not_carried"])
    summary = _("%(n)s records van %(name)s.") % {"n": count, "name": municipality.name}
    if not_carried:
        summary += " " + _("%(n)s niet meegenomen (zie not_carried in het bestand).") % {
            "n": not_carried
        }
    day = timezone.localdate().isoformat()
    return JobResult(
        content,
        f"gemeente-export-{municipality.cbs_code}-{day}.json",
        "application/json",
        summary,
    )


def _import_label(params: dict) -> str:
    return _("Gemeente-import in %(code)s (%(file)s)") % {
        "code": params.get("code", ""),
        "file": params.get("filename", ""),
    }


def import_report(report, filename: str) -> str:
    """The import's report for the beheerder (a text file): what was created, what was
    reused, what the file could not carry, which users were missing."""
    lines = [
        _("Importverslag: %(file)s in %(name)s (%(code)s)")
        % {
            "file": filename,
            "name": report.municipality.name,
            "code": report.municipality.cbs_code,
        },
        _("Gemaakt op %(when)s") % {"when": timezone.localtime().strftime("%d-%m-%Y %H:%M")},
        "",
        _("Ingelezen (%(n)s records):") % {"n": sum(report.created.values())},
    ]
    lines += [f"  {label}: {count}" for label, count in sorted(report.created.items())]
    lines.append(_("Wijzigingshistorie: %(n)s regels") % {"n": report.history})
    if report.reused:
        lines += ["", _("Bestonden hier al (gedeelde records, hergebruikt en niet gewijzigd):")]
        lines += [f"  {label}: {count}" for label, count in sorted(report.reused.items())]
    if report.not_carried:
        lines += ["", _("Niet meegenomen (%(n)s):") % {"n": len(report.not_carried)}]
        lines += [f"  {line}" for line in report.not_carried]
    if report.missing_users:
        lines += [
            "",
            _("Onbekende gebruikers (verwijzing leeg gelaten): %(names)s")
            % {"names": ", ".join(sorted(report.missing_users))},
        ]
    return "\n".join(lines) + "\n"


@job_kind(
    "gemeente_import",
    Permission.MUNICIPALITY_TRANSFER,
    label=_import_label,
    # Not run again after a passing fault: the upload is removed when the job ends, and
    # the beheerder decides whether to try again.
    retry_safe=False,
)
def gemeente_import(ctx: JobContext) -> JobResult:
    from regie.core.portability import ImportRejected, PortabilityError, import_municipality

    name = str(ctx.params.get("file", ""))
    if not name.startswith(IMPORT_FOLDER) or ".." in name:
        raise JobError(missing_upload())
    try:
        municipality = _own_municipality(ctx)
        ctx.progress(1, _("Bestand lezen"))
        try:
            with default_storage.open(name, "rb") as handle:
                raw = handle.read()
        except FileNotFoundError as error:
            raise JobError(
                _("Het geüploade bestand is niet gevonden. Upload het opnieuw.")
            ) from error
        try:
            data = json.loads(raw.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError) as error:
            raise JobError(
                _("Het bestand is geen geldige JSON (UTF-8). Er is niets opgeslagen.")
            ) from error
        allowed = set(own_municipalities(ctx.user).values_list("cbs_code", flat=True))
        try:
            report = import_municipality(
                data, target=municipality, allowed_codes=allowed, progress=_steps(ctx, 2, 95)
            )
        except ImportRejected as error:
            raise JobError(
                _(
                    "De import is afgewezen: %(n)s probleem/problemen gevonden (hieronder). Er "
                    "is niets opgeslagen; herstel het bestand en probeer het opnieuw."
                )
                % {"n": len(error.problems)},
                error.problems,
            ) from error
        except (PortabilityError, IntegrityError) as error:
            raise JobError(
                _("De import is mislukt. Er is niets opgeslagen."), [str(error)[:300]]
            ) from error
    finally:
        default_storage.delete(name)
    total = sum(report.created.values())
    audit.log(
        AuditAction.CREATE,
        obj=municipality,
        description=f"gemeente-import: {total} records",
    )
    ctx.progress(97, _("Verslag maken"))
    filename = ctx.params.get("filename", "")
    summary = _("%(n)s records ingelezen in %(name)s.") % {"n": total, "name": municipality.name}
    if report.not_carried or report.missing_users:
        summary += " " + _("Lees het verslag: niet alles kon worden meegenomen.")
    return JobResult(
        import_report(report, filename).encode("utf-8"),
        f"importverslag-{municipality.cbs_code}.txt",
        "text/plain; charset=utf-8",
        summary,
    )


INZAGE_FORMATS = {"pdf": "PDF", "json": "JSON"}


def _inzage_label(params: dict) -> str:
    return _("Inzage AVG art. 15 (%(format)s), dossier %(pk)s") % {
        "format": INZAGE_FORMATS.get(params.get("format"), "?"),
        "pk": params.get("person", ""),
    }


@job_kind("avg_inzage", Permission.AVG_EXPORT, label=_inzage_label)
def avg_inzage(ctx: JobContext) -> JobResult:
    """Everything Regie holds about one person (regie.core.inzage), for the person who
    asked: the same scope, health-data rule and audit event as the page had."""
    from regie.core import inzage
    from regie.core.extensions import person_model

    fmt = ctx.params.get("format")
    if fmt not in INZAGE_FORMATS:
        raise JobError(_("Onbekend formaat voor de inzage."))
    person = (
        person_model()
        .objects.for_user(ctx.user)
        .select_related("municipality")
        .filter(pk=ctx.params.get("person"))
        .first()
    )
    if person is None:
        raise JobError(
            _("Deze persoon bestaat niet of u heeft geen toegang (meer) tot het dossier.")
        )
    if not ctx.user.can(Permission.HEALTH_VIEW) and inzage.holds_special_category(person):
        raise JobError(inzage.health_refusal())
    ctx.progress(5, _("Gegevens van alle onderdelen verzamelen"))
    inzage.log_inzage(person, INZAGE_FORMATS[fmt])
    with translation.override("nl"):
        data = inzage.inzage_data(person)
        if fmt == "json":
            ctx.progress(80, _("Bestand klaarzetten"))
            content = json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
            content_type = "application/json; charset=utf-8"
        else:
            ctx.progress(40, _("PDF opmaken"))
            content = inzage.render_pdf(person, data)
            content_type = "application/pdf"
    return JobResult(
        content,
        f"inzage-{person.pk}.{fmt}",
        content_type,
        _("Inzage van dossier %(pk)s (%(format)s).")
        % {"pk": person.pk, "format": INZAGE_FORMATS[fmt]},
    )
