"""Matching people to places as a background job (regie.jobs): the solver over one
municipality's eligible persons and free plekken runs in the worker with the job coach's
scope, and stores the proposal in one transaction; the job's page links to it."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from regie.core.roles import Permission
from regie.jobs.registry import JobContext, JobError, JobResult, job_kind


@job_kind("plaatsing_matching", Permission.WORK_MANAGE, label=lambda p: _("Voorstel voor plekken"))
def plaatsing_matching(ctx: JobContext) -> JobResult:
    from regie.core.access import served_municipality_ids
    from regie.work import matching

    municipality_id = ctx.params.get("municipality")
    if municipality_id not in set(served_municipality_ids(ctx.user)):
        raise JobError(_("U werkt niet voor deze gemeente."))
    with ctx.ticking(5, 95, 10, _("Personen en plekken zo goed mogelijk koppelen")):
        run = matching.run_matching(ctx.user, municipality_id)
    return JobResult(
        summary=_("Voorstel gemaakt: %(m)s van %(n)s personen kunnen een plek krijgen.")
        % {"m": run.placed_count, "n": run.person_count},
        link=reverse("plaatsing_matching_run", kwargs={"run_pk": run.pk}),
        link_text=_("Bekijk het voorstel"),
    )
