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
