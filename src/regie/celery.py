"""The Celery application of Regie (docs/architecture.md, 'Background jobs').

Settings come from Django's settings with the CELERY_ prefix (settings.py). The worker
runs ``Heartbeat``: every few seconds it checks that it reaches the broker and records
that in the database, which /gezondheid/gereed reads.
"""

from __future__ import annotations

import logging
import os

from celery import Celery, bootsteps

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regie.settings")

logger = logging.getLogger(__name__)

app = Celery("regie")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["regie.jobs"], related_name="tasks")


def record_heartbeat(worker) -> None:
    from django.db import close_old_connections
    from django.db import connection as db_connection
    from django.utils import timezone

    from regie.jobs.models import WorkerHeartbeat

    try:
        with worker.app.connection_for_read() as connection:
            connection.ensure_connection(max_retries=1, interval_start=0, timeout=3)
        broker_ok = True
    except Exception:
        logger.warning("Worker %s cannot reach the broker", worker.hostname, exc_info=True)
        broker_ok = False
    try:
        if not db_connection.in_atomic_block:  # never drop a connection mid-transaction
            close_old_connections()
        WorkerHeartbeat.objects.update_or_create(
            hostname=worker.hostname[:200],
            defaults={"seen_at": timezone.now(), "broker_ok": broker_ok},
        )
    except Exception:
        logger.warning("Worker %s cannot record its heartbeat", worker.hostname, exc_info=True)


class Heartbeat(bootsteps.StartStopStep):
    requires = {"celery.worker.components:Timer"}

    def __init__(self, worker, **kwargs):
        super().__init__(worker, **kwargs)
        self.tref = None

    def start(self, worker):
        from regie.jobs.readiness import HEARTBEAT_SECONDS

        record_heartbeat(worker)
        self.tref = worker.timer.call_repeatedly(
            HEARTBEAT_SECONDS, record_heartbeat, (worker,), priority=10
        )

    def stop(self, worker):
        if self.tref is not None:
            self.tref.cancel()
            self.tref = None


app.steps["worker"].add(Heartbeat)
