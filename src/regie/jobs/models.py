"""A background job (who started it, with which parameters, how far it is, its result)
and the runs of scheduled jobs."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regie.jobs.states import ACTIVE, JobState, check_transition

PROBLEMS_KEPT = 500


class Job(models.Model):
    """One long action a user started. The worker runs it with the starting user's
    access scope (their roles and organisation at run time); the result file is private to
    that user. ``key`` makes starting idempotent: while a job with the same kind, user and
    parameters waits or runs, starting it again gives that job."""

    kind = models.CharField(_("soort"), max_length=60)
    label = models.CharField(_("omschrijving"), max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jobs"
    )
    params = models.JSONField(default=dict, blank=True)
    key = models.CharField(max_length=64, db_index=True)
    state = models.CharField(
        _("status"), max_length=10, choices=JobState.choices, default=JobState.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("voortgang"), default=0)
    step = models.CharField(_("stap"), max_length=200, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(_("gestart"), default=timezone.now, db_index=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(_("klaar"), null=True, blank=True)
    result = models.FileField(upload_to="taken/%Y/%m/", blank=True)
    result_name = models.CharField(max_length=200, blank=True)
    result_type = models.CharField(max_length=100, blank=True)
    # A job whose result is a page (a weekprogramma proposal) links to it instead.
    result_url = models.CharField(max_length=300, blank=True)
    result_link_text = models.CharField(max_length=200, blank=True)
    summary = models.CharField(_("resultaat"), max_length=300, blank=True)
    error = models.CharField(_("foutmelding"), max_length=500, blank=True)
    # Every problem a failed job found (an import refused because of bad rows): listed on
    # the job's page below the error. At most PROBLEMS_KEPT lines; no personal data.
    problems = models.JSONField(_("problemen"), default=list, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["key"],
                condition=Q(state__in=[s.value for s in ACTIVE]),
                name="job_one_active_per_key",
            ),
            models.CheckConstraint(condition=Q(progress__lte=100), name="job_progress_max_100"),
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.get_state_display()})"

    @property
    def active(self) -> bool:
        return self.state in ACTIVE

    @property
    def done(self) -> bool:
        return self.state == JobState.DONE

    @property
    def failed(self) -> bool:
        return self.state == JobState.FAILED

    def move(self, new: JobState, **fields) -> None:
        """Change the state through the transition table, saving only what changed."""
        check_transition(self.state, new)
        self.state = new
        for name, value in fields.items():
            setattr(self, name, value)
        self.save(update_fields=["state", *fields])


class ScheduledRun(models.Model):
    """One run of a scheduled job (retention, audit seal, ...): when, and what it did."""

    name = models.CharField(_("taak"), max_length=60, db_index=True)
    started_at = models.DateTimeField(_("gestart"), default=timezone.now)
    finished_at = models.DateTimeField(_("klaar"), null=True, blank=True)
    ok = models.BooleanField(_("gelukt"), default=False)
    summary = models.TextField(_("resultaat"), blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]
        indexes = [models.Index(fields=["name", "-started_at"])]

    def __str__(self) -> str:
        return f"{self.name} {self.started_at:%Y-%m-%d %H:%M}"


class WorkerHeartbeat(models.Model):
    """A worker's last sign of life: written every few seconds while it can reach the
    broker (``broker_ok``); readiness reads it (regie.jobs.readiness)."""

    hostname = models.CharField(max_length=200, unique=True)
    seen_at = models.DateTimeField()
    broker_ok = models.BooleanField(default=False)

    def __str__(self) -> str:
        return self.hostname
