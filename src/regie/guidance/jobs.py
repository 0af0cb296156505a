"""Maatje matching as a background job (regie.jobs): the solver over a city's newcomers
and volunteers runs in the worker with the coördinator's scope (``run_matching(user)``),
and stores the proposal in one transaction; the job's page links to it."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from regie.core.roles import Permission
from regie.jobs.registry import JobContext, JobResult, job_kind


@job_kind("maatje_matching", Permission.MATCHING_RUN, label=lambda p: _("Voorstel voor maatjes"))
def maatje_matching(ctx: JobContext) -> JobResult:
    from regie.guidance import services

    with ctx.ticking(5, 95, 30, _("Nieuwkomers en vrijwilligers zo goed mogelijk koppelen")):
        run = services.run_matching(ctx.user)
    return JobResult(
        summary=_("Voorstel gemaakt: %(m)s van %(n)s nieuwkomers kunnen een maatje krijgen.")
        % {"m": run.matched_count, "n": run.newcomer_count},
        link=reverse("matching_run_detail", kwargs={"run_pk": run.pk}),
        link_text=_("Bekijk het voorstel"),
    )
