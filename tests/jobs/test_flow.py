"""A job started through the page, run by a real worker: the progress page, the result
download, a failure message, and the scope (nobody downloads another user's result)."""

from __future__ import annotations

import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from regie.core.models import AuditEvent
from regie.core.roles import Role
from regie.jobs.models import Job
from regie.jobs.states import JobState
from tests.factories import InburgeraarFactory
from tests.jobs.conftest import wait_for


def start_export(client, fmt="xlsx"):
    return client.post(f"{reverse('monitoring_export')}?overzicht=dashboard", {"formaat": fmt})


def test_the_export_runs_in_the_worker_and_the_page_shows_it_to_the_end(world, client_for, worker):
    for _ in range(6):
        InburgeraarFactory(municipality=world.municipality)
    client = client_for(world.users[Role.REGISSEUR])

    response = start_export(client)

    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("job_detail", args=[job.pk])
    page = client.get(response["Location"]).content.decode()
    assert 'role="progressbar"' in page
    assert 'aria-valuemin="0"' in page and 'aria-valuemax="100"' in page
    assert 'role="status"' in page and 'aria-live="polite"' in page  # the live region
    assert "Monitoring-export Dashboard (xlsx)" in page

    job = wait_for(job)
    assert job.state == JobState.DONE
    # The htmx poll: the bar at 100, the result offered, the live region told once.
    poll = client.get(reverse("job_detail", args=[job.pk]), headers={"HX-Request": "true"})
    html = poll.content.decode()
    assert 'aria-valuenow="100"' in html
    assert "hx-trigger" not in html  # done: polling stops
    assert 'id="job-announce" hx-swap-oob="innerHTML"' in html
    assert "Klaar: Monitoring-export Dashboard (xlsx). Het resultaat staat klaar." in html
    said = re.search(r'gemeld=([^"&]*)', page)
    assert said is not None  # the running page carried what it announced

    download = client.get(reverse("job_download", args=[job.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith('attachment; filename="monitoring-dashboard-')
    workbook = load_workbook(io.BytesIO(b"".join(download.streaming_content)))
    assert workbook.sheetnames  # one sheet per table
    assert workbook[workbook.sheetnames[0]]["A1"].value

    events = list(
        AuditEvent.objects.filter(object_type="job").values_list("description", flat=True)
    )
    assert "taak gestart: Monitoring-export Dashboard (xlsx)" in events
    assert any(e.startswith("taak klaar: Monitoring-export Dashboard (xlsx)") for e in events)
    assert "resultaat van taak gedownload: Monitoring-export Dashboard (xlsx)" in events

    listing = client.get(reverse("job_list")).content.decode()
    assert "Monitoring-export Dashboard (xlsx)" in listing
    assert "Klaar" in listing


def test_a_failing_job_says_so_in_dutch_and_stores_nothing(world, client_for, worker, monkeypatch):
    from regie.monitoring import exports

    def broken(tables):
        raise ValueError("disk full at /srv/secret")

    monkeypatch.setattr(exports, "tables_xlsx", broken)
    client = client_for(world.users[Role.REGISSEUR])
    start_export(client)
    job = wait_for(Job.objects.get())

    assert job.state == JobState.FAILED
    assert not job.result
    page = client.get(reverse("job_detail", args=[job.pk])).content.decode()
    assert "Mislukt." in page
    assert "Er is niets opgeslagen of gewijzigd" in page
    assert f"taaknummer {job.pk}" in page
    assert "/srv/secret" not in page  # no internals
    assert client.get(reverse("job_download", args=[job.pk])).status_code == 404


@pytest.mark.django_db
def test_nobody_sees_or_downloads_another_users_job(world, client_for, settings, tmp_path):
    from django.core.files.base import ContentFile

    settings.MEDIA_ROOT = tmp_path
    owner = world.users[Role.REGISSEUR]
    job = Job.objects.create(
        kind="monitoring_export",
        label="Export van de regisseur",
        user=owner,
        key="k",
        state=JobState.DONE,
        progress=100,
        result_name="x.csv",
        result_type="text/csv",
    )
    job.result.save("x.csv", ContentFile(b"a;b"), save=True)
    other = client_for(world.users[Role.BEHEERDER])  # may export too, but not this job
    assert other.get(reverse("job_detail", args=[job.pk])).status_code == 404
    assert other.get(reverse("job_download", args=[job.pk])).status_code == 404
    assert "Export van de regisseur" not in other.get(reverse("job_list")).content.decode()
    mine = client_for(owner)
    assert mine.get(reverse("job_download", args=[job.pk])).status_code == 200


@pytest.mark.django_db
def test_starting_the_same_job_twice_gives_the_waiting_one(world, client_for, monkeypatch):
    from regie.jobs import services

    sent = []
    monkeypatch.setattr(services, "enqueue", sent.append)
    client = client_for(world.users[Role.REGISSEUR])
    with pytest.MonkeyPatch.context():
        first = start_export(client)
        second = start_export(client)
    assert first["Location"] == second["Location"]
    assert Job.objects.count() == 1
    other_format = start_export(client, fmt="csv")
    assert other_format["Location"] != first["Location"]


@pytest.mark.django_db
def test_a_role_without_the_permission_cannot_start_it(world, client_for):
    client = client_for(world.users[Role.KLANTMANAGER])
    assert start_export(client).status_code == 403
    assert not Job.objects.exists()


@pytest.mark.django_db
def test_a_get_starts_nothing(world, client_for):
    client = client_for(world.users[Role.REGISSEUR])
    assert client.get(reverse("monitoring_export")).status_code == 405
    assert not Job.objects.exists()
