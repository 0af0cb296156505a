"""The Celery tasks: one runs a job, one runs a scheduled job (regie.jobs.schedule)."""

from celery import shared_task

from regie.jobs import schedule, services


@shared_task(bind=True, name="regie.jobs.run", acks_late=True, max_retries=services.MAX_ATTEMPTS)
def run_job(self, job_id: int) -> None:
    final = self.request.retries >= services.MAX_ATTEMPTS - 1
    try:
        services.execute(job_id, final_attempt=final)
    except services.Transient as error:
        # Back-off: 5, 10, 20 seconds … at most five minutes.
        raise self.retry(countdown=min(300, 5 * 2**self.request.retries), exc=error) from error


@shared_task(name="regie.jobs.scheduled", acks_late=False)
def run_scheduled(name: str) -> None:
    schedule.run(name)


@shared_task(name="regie.jobs.heartbeat")
def heartbeat() -> None:
    """A no-op to see a worker take work (tests, `regie worker --check`)."""
