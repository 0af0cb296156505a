"""Starting and running jobs. The web process only ``start``s; the worker ``execute``s."""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import time
from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import IntegrityError, InterfaceError, OperationalError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.core import audit
from regie.core.models import AuditAction
from regie.jobs import registry
from regie.jobs.models import PROBLEMS_KEPT, Job
from regie.jobs.states import ACTIVE, JobState

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 4
# A job still 'bezig' this long after it began lost its worker (killed, machine gone): a
# redelivered message may run it again.
STALE_AFTER = timedelta(hours=2)
TRANSIENT = (OperationalError, InterfaceError, ConnectionError, TimeoutError)


class Transient(Exception):
    """A passing fault: the task retries with back-off."""


def job_key(kind: str, user, params: dict) -> str:
    raw = json.dumps([kind, user.pk, params], sort_keys=True, default=str)
    return hashlib.sha256(raw.encode()).hexdigest()


def start(user, kind: str, params: dict) -> Job:
    """Queue a job for ``user`` (who must hold the kind's permission). Idempotent: while
    the same job waits or runs, starting it again gives that job."""
    spec = registry.get(kind)
    if spec is None or not user.can(spec.permission):
        raise PermissionError(kind)
    key = job_key(kind, user, params)
    existing = Job.objects.filter(key=key, state__in=ACTIVE).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            job = Job.objects.create(
                kind=kind, label=str(spec.label(params))[:200], user=user, params=params, key=key
            )
            audit.log(
                AuditAction.CREATE,
                obj=job,
                description=f"taak gestart: {job.label}",
                avg_relevant=False,
            )
    except IntegrityError:  # started twice at the same moment: the other one won
        return Job.objects.get(key=key, state__in=ACTIVE)
    transaction.on_commit(lambda: enqueue(job.pk))
    return job


def enqueue(job_id: int) -> None:
    from regie.jobs.tasks import run_job

    try:
        run_job.apply_async(
            (job_id,),
            retry=True,
            retry_policy={"max_retries": 2, "interval_start": 0.2, "interval_step": 0.5},
        )
    except Exception:  # the broker is unreachable: say so, never leave it waiting forever
        logger.exception("Job %s could not be queued", job_id)
        job = Job.objects.get(pk=job_id)
        job.move(
            JobState.FAILED,
            finished_at=timezone.now(),
            error=_(
                "De taak kon niet worden gestart: de takenverwerking is nu niet bereikbaar. "
                "Er is niets gemaakt of gewijzigd. Probeer het later opnieuw of meld het aan "
                "de functioneel beheerder."
            ),
        )


def _claim(job_id: int) -> bool:
    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, state=JobState.QUEUED).update(
        state=JobState.RUNNING, started_at=now, progress=0, step=""
    )
    if not claimed:  # redelivered after its worker died: run it again
        claimed = Job.objects.filter(
            pk=job_id, state=JobState.RUNNING, started_at__lt=now - STALE_AFTER
        ).update(started_at=now, progress=0, step="")
    return bool(claimed)


def _report(job_id: int):
    last = {"percent": -1, "step": None}

    def report(percent: int, step: str) -> None:
        if percent == last["percent"] and step == last["step"]:
            return
        last.update(percent=percent, step=step)
        Job.objects.filter(pk=job_id, state=JobState.RUNNING).update(
            progress=percent, step=step[:200]
        )

    return report


def generic_error(job: Job) -> str:
    return _(
        "Het maken van '%(label)s' is mislukt. Er is niets opgeslagen of gewijzigd. Probeer "
        "het opnieuw; gebeurt het weer, meld dan taaknummer %(pk)s aan de functioneel "
        "beheerder."
    ) % {"label": job.label, "pk": job.pk}


def execute(job_id: int, *, final_attempt: bool = True) -> None:
    """Run one job in the worker with the starting user's scope. Safe to call twice: a job
    that is not waiting (done, failed, or running elsewhere) is left alone."""
    if not _claim(job_id):
        return
    job = Job.objects.select_related("user", "user__organisation").get(pk=job_id)
    Job.objects.filter(pk=job_id).update(attempts=job.attempts + 1)
    job.attempts += 1
    spec = registry.get(job.kind)
    user = job.user
    who = audit.actor_for(user, route=f"taak:{job.kind}")
    with audit.actor(who):
        if spec is None or not user.is_active or not user.can(spec.permission):
            _fail(job, _("U heeft geen toegang (meer) tot deze taak. Er is niets gemaakt."))
            return
        context = registry.JobContext(user=user, params=job.params, report=_report(job.pk))
        try:
            with transaction.atomic() if spec.atomic else contextlib.nullcontext():
                result = spec.run(context)
                if spec.atomic:
                    _finish(job, result)
        except registry.JobError as error:
            _fail(job, str(error), error.problems)
            return
        except TRANSIENT as error:
            if spec.retry_safe and not final_attempt and job.attempts < MAX_ATTEMPTS:
                logger.warning("Job %s: passing fault, retrying", job.pk, exc_info=True)
                job.move(JobState.QUEUED, progress=0, step=_("Opnieuw in de wachtrij"))
                raise Transient(str(error)) from error
            logger.exception("Job %s failed", job.pk)
            _fail(job, generic_error(job))
            return
        except Exception:
            logger.exception("Job %s failed", job.pk)
            _fail(job, generic_error(job))
            return
        if not spec.atomic:
            _finish(job, result)


def _finish(job: Job, result: registry.JobResult) -> None:
    if result.filename:
        job.result.save(result.filename, ContentFile(result.content), save=False)
    try:
        with transaction.atomic():
            job.move(
                JobState.DONE,
                progress=100,
                finished_at=timezone.now(),
                result=job.result.name,
                result_name=result.filename[:200],
                result_type=result.content_type[:100],
                summary=result.summary[:300],
                result_url=result.link[:300],
                step="",
                result_link_text=result.link_text[:200],
            )
            audit.log(
                AuditAction.EXPORT,
                obj=job,
                description=f"taak klaar: {job.label}; {result.summary}",
                avg_relevant=False,
            )
    except Exception:
        if job.result:
            job.result.delete(save=False)  # nothing half done: no file without its record
        raise


def _kept(problems: list[str]) -> list[str]:
    if len(problems) <= PROBLEMS_KEPT:
        return [str(p)[:300] for p in problems]
    rest = len(problems) - PROBLEMS_KEPT
    return [str(p)[:300] for p in problems[:PROBLEMS_KEPT]] + [
        _("… en nog %(n)s problemen.") % {"n": rest}
    ]


FAIL_ATTEMPTS = 5  # writing the failure itself may meet a passing lock (SQLite)


def _fail(job: Job, message: str, problems: list[str] | None = None) -> None:
    """Record the failure. A job must never stay 'bezig' because this write met a passing
    fault (a locked table on SQLite, a dropped connection): it is tried again a few times
    with a short back-off before the error goes up."""
    for attempt in range(1, FAIL_ATTEMPTS + 1):
        try:
            with transaction.atomic():
                job.refresh_from_db(fields=["state"])
                job.move(
                    JobState.FAILED,
                    step="",
                    finished_at=timezone.now(),
                    error=message[:500],
                    problems=_kept(problems or []),
                )
                audit.log(
                    AuditAction.UPDATE,
                    obj=job,
                    description=f"taak mislukt: {job.label}",
                    avg_relevant=False,
                )
            return
        except OperationalError:
            if attempt == FAIL_ATTEMPTS:
                raise
            logger.warning("Job %s: recording the failure met a passing fault", job.pk)
            time.sleep(0.2 * attempt)


def visible_jobs(user):
    """The jobs a user sees: only their own."""
    return Job.objects.filter(user=user)
