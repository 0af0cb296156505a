"""Scheduled jobs, configured here (not in cron): Celery beat sends each at its time, a
worker runs it and records a ``ScheduledRun`` that the beheerder sees under Beheer →
Geplande taken. Each job is a ``regie`` command that is safe to run again (retention
works in batches, the seal continues where it stopped), so a missed or doubled run does
no harm. Times are Europe/Amsterdam (CELERY_TIMEZONE).

This module is read by settings.py: it imports no models at the top.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass

from celery.schedules import crontab
from django.utils.translation import gettext_noop

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ScheduledJob:
    name: str
    label: str  # Dutch, shown to the beheerder (translated in the page)
    when: str  # Dutch description of the schedule
    schedule: crontab
    command: str
    args: tuple[str, ...] = ()


SCHEDULE: tuple[ScheduledJob, ...] = (
    ScheduledJob(
        "bewaartermijnen",
        gettext_noop("Bewaartermijnen toepassen (anonimiseren en vernietigen)"),
        gettext_noop("elke nacht om 02:30"),
        crontab(hour=2, minute=30),
        "retention",
    ),
    ScheduledJob(
        "auditlog-verzegelen",
        gettext_noop("Auditlog verzegelen (hash-keten)"),
        gettext_noop("elke 10 minuten"),
        crontab(minute="*/10"),
        "audit-seal",
    ),
    ScheduledJob(
        "brp-controle",
        gettext_noop("BRP-controle: verhuizingen, overlijden en nieuwe adressen (docs/brp.md)"),
        gettext_noop("elke ochtend om 06:00"),
        crontab(hour=6, minute=0),
        "brp-check",
    ),
    ScheduledJob(
        "werkvoorraad-herinnering",
        gettext_noop(
            "Herinnering per e-mail: werkvoorraad-items die vandaag vervallen of te laat zijn "
            "(alleen aantallen, geen namen)"
        ),
        gettext_noop("elke werkdag om 07:00"),
        # Weekends by the schedule, feestdagen by the command (regie.rules.calendar).
        crontab(hour=7, minute=0, day_of_week="mon-fri"),
        "werkvoorraad-herinnering",
    ),
    ScheduledJob(
        "taakresultaten-opruimen",
        gettext_noop("Resultaatbestanden van taken ouder dan een week verwijderen"),
        gettext_noop("elke nacht om 03:15"),
        crontab(hour=3, minute=15),
        "jobs-cleanup",
    ),
    ScheduledJob(
        "monitoringcijfers",
        gettext_noop(
            "Monitoringcijfers bijwerken voor de landelijke en bovenregionale overzichten"
        ),
        gettext_noop("elk uur, om kwart over"),
        crontab(minute=15),
        "monitoring-facts",
    ),
)

BY_NAME = {job.name: job for job in SCHEDULE}


def beat_schedule() -> dict:
    return {
        job.name: {"task": "regie.jobs.scheduled", "schedule": job.schedule, "args": (job.name,)}
        for job in SCHEDULE
    }


def run(name: str):
    """Run one scheduled job now and record what it did (its command's output)."""
    from django.core.management import call_command
    from django.utils import timezone

    from regie.jobs.models import ScheduledRun

    job = BY_NAME[name]
    record = ScheduledRun.objects.create(name=name)
    out = io.StringIO()
    try:
        call_command(job.command, *job.args, stdout=out, stderr=io.StringIO())
    except Exception as error:
        logger.exception("Scheduled job %s failed", name)
        record.ok = False
        record.summary = (out.getvalue() + f"\nMislukt: {type(error).__name__}: {error}")[-4000:]
    else:
        record.ok = True
        record.summary = out.getvalue()[-4000:] or "Klaar."
    record.finished_at = timezone.now()
    record.save(update_fields=["ok", "summary", "finished_at"])
    return record
