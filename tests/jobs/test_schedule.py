"""Scheduled jobs: configured in Regie (Celery beat), each run recorded, shown to the
beheerder with when it last ran and what it did."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from regie.core.roles import Role
from regie.jobs import schedule
from regie.jobs.models import ScheduledRun

pytestmark = pytest.mark.django_db


def test_beat_sends_retention_nightly_and_the_seal_every_ten_minutes():
    beat = settings.CELERY_BEAT_SCHEDULE
    assert beat["bewaartermijnen"]["task"] == "regie.jobs.scheduled"
    assert beat["bewaartermijnen"]["args"] == ("bewaartermijnen",)
    nightly = beat["bewaartermijnen"]["schedule"]
    assert (nightly.hour, nightly.minute) == ({2}, {30})
    assert beat["auditlog-verzegelen"]["schedule"].minute == set(range(0, 60, 10))
    assert settings.CELERY_TIMEZONE == "Europe/Amsterdam"


def test_a_run_records_what_its_command_said(world):
    record = schedule.run("auditlog-verzegelen")
    assert record.ok is True
    assert record.finished_at is not None
    assert "verzegeld" in record.summary or "Niets te verzegelen" in record.summary


def test_a_failing_run_is_recorded_as_failed(world, monkeypatch):
    from django.core import management

    def broken(*args, **kwargs):
        raise RuntimeError("kapot")

    monkeypatch.setattr(management, "call_command", broken)
    record = schedule.run("bewaartermijnen")
    assert record.ok is False
    assert "Mislukt: RuntimeError: kapot" in record.summary


def test_the_beheerder_sees_when_each_ran_and_what_it_did(world, client_for):
    schedule.run("auditlog-verzegelen")
    ScheduledRun.objects.create(
        name="auditlog-verzegelen", ok=True, summary="Laatste run", finished_at=timezone.now()
    )
    client = client_for(world.users[Role.BEHEERDER])
    page = client.get(reverse("schedule_overview")).content.decode()
    assert "Bewaartermijnen toepassen (anonimiseren en vernietigen)" in page
    assert "elke nacht om 02:30" in page
    assert "Nog nooit gelopen." in page  # retention has not run yet
    assert "Auditlog verzegelen (hash-keten)" in page
    assert "gelukt" in page
    assert "Laatste run" in page  # the latest run of each


def test_others_do_not_see_the_schedule(world, client_for):
    client = client_for(world.users[Role.REGISSEUR])
    assert client.get(reverse("schedule_overview")).status_code == 403


def test_the_schedule_page_takes_a_constant_number_of_queries(
    world, client_for, django_assert_max_num_queries
):
    client = client_for(world.users[Role.BEHEERDER])
    for _ in range(5):
        schedule.run("auditlog-verzegelen")
    with django_assert_max_num_queries(12):
        client.get(reverse("schedule_overview"))


def test_result_files_go_after_a_week_and_the_job_says_so(
    world, client_for, settings, tmp_path, travel
):
    from datetime import timedelta

    from django.core.files.base import ContentFile

    from regie.jobs.models import Job
    from regie.jobs.states import JobState

    settings.MEDIA_ROOT = tmp_path
    travel("2026-03-02 09:00")
    now = timezone.now()
    owner = world.users[Role.REGISSEUR]
    old = Job.objects.create(
        kind="monitoring_export",
        label="Oud",
        user=owner,
        key="o",
        state=JobState.DONE,
        finished_at=now - timedelta(days=8),
        result_name="oud.csv",
    )
    old.result.save("oud.csv", ContentFile(b"x"), save=True)
    new = Job.objects.create(
        kind="monitoring_export",
        label="Nieuw",
        user=owner,
        key="n",
        state=JobState.DONE,
        finished_at=now - timedelta(days=6),
        result_name="nieuw.csv",
    )
    new.result.save("nieuw.csv", ContentFile(b"y"), save=True)
    record = schedule.run("taakresultaten-opruimen")
    assert record.summary.strip().splitlines() == [
        "1 resultaatbestand(en) van taken ouder dan 7 dagen verwijderd.",
        "0 achtergebleven upload(s) verwijderd.",
    ]
    old.refresh_from_db()
    new.refresh_from_db()
    assert not old.result and new.result
    assert not list(tmp_path.glob("taken/**/oud*"))
    client = client_for(owner)
    assert client.get(reverse("job_download", args=[old.pk])).status_code == 404
    page = client.get(reverse("job_detail", args=[old.pk])).content.decode()
    assert "Het bestand is na een week verwijderd." in page
