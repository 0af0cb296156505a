"""Writing a payment run's SEPA file as a background job (regie.jobs). ``export_run`` is
one transaction and idempotent (a run exported once gives the same file), so a retried
job never pays twice and a failure leaves the run approved and unexported."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _

from regie.core.formatting import euro
from regie.core.roles import Permission
from regie.jobs.registry import JobContext, JobError, JobResult, job_kind


def _label(params: dict) -> str:
    return _("SEPA-bestand van betaalrun %(msg_id)s") % {"msg_id": params.get("msg_id", "")}


@job_kind("betaalrun_sepa", Permission.PAYMENT_RUN, label=_label)
def betaalrun_sepa(ctx: JobContext) -> JobResult:
    from regie.finance import services
    from regie.finance.models import Betaalrun

    run = services.visible_runs(ctx.user).filter(pk=ctx.params.get("run")).first()
    if run is None:
        raise JobError(_("Deze betaalrun bestaat niet of valt buiten uw gemeenten."))
    ctx.progress(10, _("Betalingen en goedkeuring controleren"))
    try:
        run = services.export_run(run, ctx.user)
    except ValidationError as error:
        raise JobError(" ".join(error.messages)) from error
    ctx.progress(90, _("Bestand klaarzetten"))
    run = Betaalrun.objects.get(pk=run.pk)
    count, total = services.run_totals(run)
    return JobResult(
        bytes(run.sepa_xml),
        f"{run.msg_id}.xml",
        "application/xml",
        _("%(n)s betalingen, totaal %(total)s. SHA-256 %(sha)s…")
        % {"n": count, "total": euro(total), "sha": run.sepa_sha256[:16]},
        link=reverse("betaalrun_detail", kwargs={"run": run.pk}),
        link_text=_("Naar de betaalrun"),
    )
