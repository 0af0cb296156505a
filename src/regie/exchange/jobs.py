"""The DUO meldingen and the CBS delivery as background jobs (regie.jobs). Both carry
BSNs: only a user whose role sees them may make them (``bsn_file_refusal``, checked
when the job starts and again when it runs), and only for a municipality their
organisation serves. The DUO file marks its meldingen as reported: that happens in the
same transaction as the job's result, so a failure leaves them open."""

from __future__ import annotations

from django.utils.translation import gettext as _

from regie.core.models import Municipality
from regie.core.roles import Permission
from regie.jobs.registry import JobContext, JobError, JobResult, job_kind


def _municipality(ctx: JobContext) -> Municipality:
    from regie.core.access import served_municipality_ids
    from regie.exchange.views import bsn_file_refusal

    if refusal := bsn_file_refusal(ctx.user):
        raise JobError(refusal)
    found = Municipality.objects.filter(
        pk=ctx.params.get("gemeente"), pk__in=served_municipality_ids(ctx.user)
    ).first()
    if found is None:
        raise JobError(_("Deze gemeente hoort niet bij de gemeenten waarvoor u werkt."))
    return found


def _name(params: dict) -> str:
    found = Municipality.objects.filter(pk=params.get("gemeente")).first()
    return found.name if found else ""


@job_kind(
    "duo_meldingen",
    Permission.EXCHANGE_RUN,
    label=lambda p: (
        _("Meldingen aan DUO, %(gemeente)s (%(fmt)s)")
        % {"gemeente": _name(p), "fmt": p.get("formaat", "csv")}
    ),
    atomic=True,
)
def duo_meldingen(ctx: JobContext) -> JobResult:
    from regie.exchange import exports

    municipality = _municipality(ctx)
    ctx.progress(10, _("Feiten verzamelen"))
    fmt = "json" if ctx.params.get("formaat") == "json" else "csv"
    export, count = exports.export_duo_meldingen(municipality, fmt)
    if count == 0:
        return JobResult(summary=_("Er zijn geen nieuwe meldingen voor DUO; er is geen bestand."))
    return JobResult(
        export.content,
        export.filename,
        export.content_type,
        _("%(n)s meldingen, nu gemarkeerd als gemeld.") % {"n": count},
    )


@job_kind(
    "cbs_levering",
    Permission.EXCHANGE_RUN,
    label=lambda p: _("Levering aan CBS, %(gemeente)s") % {"gemeente": _name(p)},
)
def cbs_levering(ctx: JobContext) -> JobResult:
    from regie.exchange import exports

    municipality = _municipality(ctx)
    ctx.progress(10, _("Personen en PIP's verzamelen"))
    export = exports.export_cbs(municipality)
    return JobResult(
        export.content,
        export.filename,
        export.content_type,
        _("Statistiek Wet inburgering voor %(gemeente)s.") % {"gemeente": municipality.name},
    )
