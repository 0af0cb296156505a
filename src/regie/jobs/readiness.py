"""Readiness checks of the job system, added to /gezondheid/gereed (regie.core.health):

``broker``  this process can connect to the broker (Redis, RabbitMQ or the filesystem
            queue of ``make run``);
``worker``  a worker reported within WORKER_FRESH seconds that it reaches the broker
            (regie.celery.Heartbeat writes it every HEARTBEAT_SECONDS). A worker that
            lost the broker, or no worker at all, is 'fail'.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from regie.core.health import Check

HEARTBEAT_SECONDS = 10
WORKER_FRESH = timedelta(seconds=45)


class WorkerNotReady(RuntimeError):
    pass


def broker() -> None:
    from regie.celery import app

    with app.connection_for_write() as connection:
        connection.ensure_connection(max_retries=1, interval_start=0, timeout=3)


def worker() -> None:
    from regie.jobs.models import WorkerHeartbeat

    fresh = WorkerHeartbeat.objects.filter(
        seen_at__gte=timezone.now() - WORKER_FRESH, broker_ok=True
    ).exists()
    if not fresh:
        raise WorkerNotReady("no worker reached the broker lately")


CHECKS = [Check("broker", broker), Check("worker", worker)]
