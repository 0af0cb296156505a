"""Running a job (regie.jobs.services.execute) without the broker: retries after a passing
fault, the starting user's permission at run time, an unreachable broker, idempotence."""

from __future__ import annotations

import pytest
from django.db import OperationalError

from regie.core.models import AuditEvent
from regie.core.roles import Role
from regie.jobs import registry, services
from regie.jobs.models import Job
from regie.jobs.registry import JobError, JobResult
from regie.jobs.states import JobState

pytestmark = pytest.mark.django_db


@pytest.fixture
def kind(monkeypatch, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    calls = {"n": 0, "fail": []}
    monkeypatch.setattr(services, "enqueue", lambda job_id: None)

    def run(ctx):
        calls["n"] += 1
        ctx.progress(50, "half")
        if calls["fail"]:
            raise calls["fail"].pop(0)
        return JobResult(b"inhoud", "test.txt", "text/plain", f"voor {ctx.user.username}")

    spec = registry.JobKind("test_kind", "figures.view", lambda p: "Testtaak", run)
    monkeypatch.setitem(registry.KINDS, "test_kind", spec)
    return calls


def test_a_passing_fault_sends_the_job_back_to_the_queue_then_it_finishes(world, kind):
    kind["fail"] = [OperationalError("database is locked")]
    job = services.start(world.users[Role.REGISSEUR], "test_kind", {})
    with pytest.raises(services.Transient):
        services.execute(job.pk, final_attempt=False)
    job.refresh_from_db()
    assert (job.state, job.progress, job.attempts) == (JobState.QUEUED, 0, 1)
    services.execute(job.pk, final_attempt=False)
    job.refresh_from_db()
    assert (job.state, job.progress, job.attempts) == (JobState.DONE, 100, 2)
    assert job.result.read() == b"inhoud"
    assert job.summary == "voor regisseur"  # ran as the user who started it


def test_the_last_attempt_fails_with_a_dutch_message(world, kind):
    kind["fail"] = [OperationalError("database is locked")]
    job = services.start(world.users[Role.REGISSEUR], "test_kind", {})
    services.execute(job.pk, final_attempt=True)
    job.refresh_from_db()
    assert job.state == JobState.FAILED
    assert job.error.startswith("Het maken van 'Testtaak' is mislukt. Er is niets opgeslagen")
    assert not job.result


def test_a_job_error_is_shown_as_written(world, kind):
    kind["fail"] = [JobError("Deze betaalrun is al geannuleerd.")]
    job = services.start(world.users[Role.REGISSEUR], "test_kind", {})
    services.execute(job.pk)
    job.refresh_from_db()
    assert (job.state, job.error) == (JobState.FAILED, "Deze betaalrun is al geannuleerd.")


def test_a_user_who_lost_the_permission_before_it_ran_gets_nothing(world, kind):
    user = world.users[Role.REGISSEUR]
    job = services.start(user, "test_kind", {})
    user.role_assignments.all().delete()  # the beheerder took the role away
    services.execute(job.pk)
    job.refresh_from_db()
    assert job.state == JobState.FAILED
    assert "geen toegang" in job.error
    assert kind["n"] == 0


def test_running_a_job_twice_runs_it_once(world, kind):
    job = services.start(world.users[Role.REGISSEUR], "test_kind", {})
    services.execute(job.pk)
    services.execute(job.pk)  # a redelivered message
    assert kind["n"] == 1
    ends = AuditEvent.objects.filter(description__startswith="taak klaar: Testtaak")
    assert ends.count() == 1
    assert ends.get().username == "regisseur"  # audit-logged as the starting user


def test_a_role_without_the_permission_cannot_start(world, kind):
    with pytest.raises(PermissionError):
        services.start(world.users[Role.KLANTMANAGER], "test_kind", {})


def test_an_unreachable_broker_fails_the_job_at_once_in_dutch(world, monkeypatch):
    from regie.jobs import tasks

    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("redis://10.0.0.5:6379")

    monkeypatch.setattr(tasks.run_job, "apply_async", refuse)
    job = Job.objects.create(kind="x", label="Export", user=world.users[Role.REGISSEUR], key="a")
    services.enqueue(job.pk)
    job.refresh_from_db()
    assert job.state == JobState.FAILED
    assert job.error.startswith("De taak kon niet worden gestart")
    assert "10.0.0.5" not in job.error


def test_the_duo_file_and_its_marks_are_one_transaction(world, client_for, monkeypatch):
    """The meldingen are marked as reported only together with the job that holds the file:
    when storing the result fails, they stay open and nothing is offered."""
    import datetime as dt

    from django.urls import reverse

    from regie.exchange import exports
    from regie.exchange.models import DuoMelding
    from tests.jobs.inline import post_and_run

    exports.record_overschrijding(world.person, dt.date(2026, 10, 5), "Niet naar de les.")
    client = client_for(world.users[Role.KLANTMANAGER])
    data = {"gemeente": world.municipality.pk, "formaat": "csv"}

    def broken(job, result):
        raise OSError("disk full")

    monkeypatch.setattr(services, "_finish", broken)
    page = post_and_run(client, reverse("duo_export"), data).content.decode()
    assert "Mislukt." in page
    assert DuoMelding.objects.open().count() == DuoMelding.objects.count() >= 1
    monkeypatch.undo()

    monkeypatch.setattr(services, "enqueue", lambda job_id: None)
    download = post_and_run(client, reverse("duo_export"), data)
    assert download["Content-Disposition"].startswith("attachment;")
    assert world.person.bsn in download.content.decode()
    assert DuoMelding.objects.open().count() == 0
