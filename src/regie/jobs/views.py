"""'Mijn taken': the jobs a user started, each with its progress, result or error; and the
beheerder's overview of the scheduled jobs. A user only ever sees their own jobs (another
user's job is 404, never 403: its existence is not told)."""

from __future__ import annotations

from django.db.models import Max
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from regie.core import audit
from regie.core.access import requires
from regie.core.models import AuditAction
from regie.core.roles import Permission
from regie.jobs import schedule, services
from regie.jobs.models import Job, ScheduledRun

LIST_SIZE = 50


def _own(request, pk: int) -> Job:
    return get_object_or_404(services.visible_jobs(request.user), pk=pk)


@requires(Permission.JOBS_OWN)
def job_list(request):
    jobs = list(services.visible_jobs(request.user)[:LIST_SIZE])
    polling = any(job.active for job in jobs)
    template = "jobs/_list.html" if request.headers.get("HX-Request") else "jobs/list.html"
    return render(request, template, {"jobs": jobs, "polling": polling})


def announced(job: Job) -> str:
    """What the live region says: the state, and progress in steps of ten percent so a
    screen reader is told about every real step, not every poll."""
    if job.done:
        return _("Klaar: %(label)s. Het resultaat staat klaar.") % {"label": job.label}
    if job.failed:
        return _("Mislukt: %(label)s.") % {"label": job.label}
    if job.state == "wachtrij":
        return _("In de wachtrij.")
    return _("Voortgang %(percent)s procent.") % {"percent": job.progress // 10 * 10}


@requires(Permission.JOBS_OWN)
def job_detail(request, pk: int):
    job = _own(request, pk)
    message = announced(job)
    context = {
        "job": job,
        "announcement": message,
        # The live region is updated only when its text changes (htmx out-of-band).
        "announce": request.GET.get("gemeld") != message,
    }
    if request.headers.get("HX-Request"):
        return render(request, "jobs/_status.html", context)
    return render(request, "jobs/detail.html", context)


@requires(Permission.JOBS_OWN)
def job_download(request, pk: int):
    job = _own(request, pk)
    if not job.done or not job.result:  # also: removed after a week (jobs-cleanup)
        raise Http404
    try:
        handle = job.result.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    audit.log(
        AuditAction.DOWNLOAD,
        obj=job,
        description=f"resultaat van taak gedownload: {job.label}",
        avg_relevant=False,
    )
    return FileResponse(
        handle, as_attachment=True, filename=job.result_name, content_type=job.result_type
    )


@requires(Permission.RULES_MANAGE)
def schedule_overview(request):
    latest = dict(
        ScheduledRun.objects.values_list("name")
        .annotate(last=Max("pk"))
        .values_list("name", "last")
    )
    runs = ScheduledRun.objects.in_bulk(list(latest.values()))
    rows = [(job, runs.get(latest.get(job.name))) for job in schedule.SCHEDULE]
    return render(request, "jobs/schedule.html", {"rows": rows})


def started(request, job: Job):
    """Where a page goes after starting a job: the job's own page with its progress."""
    return redirect("job_detail", pk=job.pk)
