"""The inzage export (AVG art. 15): everything Regie holds about one person, from every
registered app, as JSON and PDF; audit-logged; corrections leave a trail."""

import datetime as dt
import io
import json

import pytest
from django.urls import reverse
from pypdf import PdfReader

from regie.core.models import AuditAction, AuditEvent, FieldChange
from regie.core.roles import Role
from regie.jobs.models import Job
from regie.people.models import AccessGrant
from tests.jobs.inline import post_and_run


def test_json_holds_every_part_of_the_file(world, client_for, full_file):
    client = client_for(world.users[Role.KLANTMANAGER])
    response = post_and_run(client, reverse("inzage_json", args=[full_file.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Cache-Control"].startswith("no-store")
    data = json.loads(response.content)
    text = json.dumps(data, ensure_ascii=False)
    for expected in (
        full_file.bsn,
        "Geheimstraat",
        "Geheim rugklachten",  # health: the export is for the data subject
        "Geheim diabetes",
        "Geheim woning",
        "Geheim verslag intake",
        "Geheim uitslag",
        "Geheim hulp",
        "Geheim doel",
        "Geheim voortgang",
        "Geheim stand",
    ):
        assert expected in text, expected
    keys = {part["sleutel"] for part in data["onderdelen"]}
    assert {"people.inburgeraar", "intake.brede_intake", "intake.gezondheid", "plans.pip"} <= keys
    # The correction of the first name is in the history, with old and new value.
    assert any(
        c["veld"] == "voornamen" and "-Geheim" in c["nieuw"] for c in data["wijzigingshistorie"]
    )
    # Who used the data: organisation and role, never an employee's user name.
    assert data["verwerkingen"]
    fields = {"tijdstip", "organisatie", "rollen", "handeling", "gegeven", "verwerkingsactiviteit"}
    assert all(set(event) == fields for event in data["verwerkingen"])
    assert any(event["organisatie"] == "Fijnder" for event in data["verwerkingen"])
    # The PDF of the beschikking is described, not copied.
    assert "%PDF" not in text
    assert AuditEvent.objects.filter(
        action=AuditAction.EXPORT, inburgeraar_id=full_file.pk, description__contains="JSON"
    ).exists()


def test_pdf_for_the_person(world, client_for, full_file):
    client = client_for(world.users[Role.KLANTMANAGER])
    response = post_and_run(client, reverse("inzage_pdf", args=[full_file.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "AVG artikel 15" in text
    assert "Geheim woning" in text and "Geheim rugklachten" in text
    assert AuditEvent.objects.filter(
        action=AuditAction.EXPORT, inburgeraar_id=full_file.pk, description__contains="PDF"
    ).exists()


def test_beheerder_needs_a_grant_for_the_person(world, client_for, full_file):
    # A file without health data: with those, the export is the klantmanager's (below).
    from regie.intake.models import IntakeGezondheid
    from regie.people.models import HealthNote

    HealthNote.objects.filter(inburgeraar=full_file).delete()
    IntakeGezondheid.objects.filter(intake__inburgeraar=full_file).delete()
    beheerder = world.users[Role.BEHEERDER]
    client = client_for(beheerder)
    url = reverse("inzage_json", args=[full_file.pk])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert not Job.objects.exists()
    AccessGrant.objects.create(
        user=beheerder,
        inburgeraar=full_file,
        reason="Inzageverzoek 2026-17",
        valid_until=dt.date.today() + dt.timedelta(days=7),
    )
    assert "Inzage als JSON maken" in client.get(url).content.decode()
    export = post_and_run(client, url)
    assert json.loads(export.content)["inburgeraar"] == full_file.pk


@pytest.mark.parametrize("role", [Role.BEGELEIDER, Role.AANBIEDER, Role.REGISSEUR, Role.JURIST])
def test_other_roles_may_not_export(world, client_for, full_file, role):
    response = client_for(world.users[role]).get(reverse("inzage_json", args=[full_file.pk]))
    assert response.status_code == 403


def test_a_stranger_is_not_found(world, client_for):
    client = client_for(world.users[Role.KLANTMANAGER])
    assert client.get(reverse("inzage_json", args=[world.stranger.pk])).status_code == 404


def test_the_file_links_to_the_export(world, client_for):
    page = client_for(world.users[Role.KLANTMANAGER]).get(
        reverse("person_detail", args=[world.person.pk])
    )
    assert reverse("inzage_pdf", args=[world.person.pk]).encode() in page.content
    page = client_for(world.users[Role.BEGELEIDER]).get(
        reverse("person_detail", args=[world.person.pk])
    )
    assert reverse("inzage_pdf", args=[world.person.pk]).encode() not in page.content


def test_a_correction_through_the_form_leaves_a_trail(world, client_for):
    from tests.people.test_registry_forms import form_data

    person = world.person
    client = client_for(world.users[Role.KLANTMANAGER])
    data = form_data(
        world,
        bsn=person.bsn,
        first_name=person.first_name,
        last_name="Gecorrigeerd",
        reason="Achternaam verkeerd gespeld (AVG art. 16)",
    )
    assert client.post(reverse("person_edit", args=[person.pk]), data).status_code == 302
    change = FieldChange.objects.get(inburgeraar_id=person.pk, field="last_name")
    assert (change.old_value, change.new_value) == (person.last_name, "Gecorrigeerd")
    assert change.username == world.users[Role.KLANTMANAGER].username
    export = json.loads(post_and_run(client, reverse("inzage_json", args=[person.pk])).content)
    assert {"veld": "achternaam", "oud": person.last_name, "nieuw": "Gecorrigeerd"}.items() <= (
        next(c for c in export["wijzigingshistorie"] if c["veld"] == "achternaam").items()
    )
    # The reason is in the export too (the person's corrections).
    assert "Achternaam verkeerd gespeld (AVG art. 16)" in json.dumps(export, ensure_ascii=False)


def test_health_data_make_the_inzage_a_task_for_a_role_that_may_see_them(
    world, client_for, full_file
):
    """Issue 17, M2a: the beheerder (no HEALTH_VIEW) cannot export a file with health data
    through a grant; the page says who can, and the klantmanager's export holds them."""
    from regie.people.models import HealthNote

    HealthNote.objects.create(inburgeraar=full_file, text="Slaapproblemen", author="km")
    beheerder = world.users[Role.BEHEERDER]
    AccessGrant.objects.create(
        user=beheerder,
        inburgeraar=full_file,
        reason="Inzageverzoek 2026-18",
        valid_until=dt.date(2099, 1, 1),
    )
    client = client_for(beheerder)
    response = client.get(reverse("inzage_json", args=[full_file.pk]), follow=True)
    page = response.content.decode()
    assert "Dit dossier bevat gezondheidsgegevens" in page
    assert "de klantmanager of de maatschappelijk begeleider" in page
    assert "Slaapproblemen" not in page
    assert not AuditEvent.objects.filter(
        action=AuditAction.EXPORT, username=beheerder.username
    ).exists()
    pdf = client.get(reverse("inzage_pdf", args=[full_file.pk]))
    assert pdf.status_code == 302
    refused = client.post(reverse("inzage_pdf", args=[full_file.pk]), follow=True)
    assert "Dit dossier bevat gezondheidsgegevens" in refused.content.decode()
    assert not Job.objects.exists()

    klantmanager = client_for(world.users[Role.KLANTMANAGER])
    export = post_and_run(klantmanager, reverse("inzage_json", args=[full_file.pk]))
    assert export.status_code == 200 and "Slaapproblemen" in export.content.decode()


# --- The inzage as a background job (issue 22) ---------------------------------------


def test_the_inzage_is_a_job_whose_file_only_its_starter_downloads(world, client_for, full_file):
    from regie.jobs import services
    from tests.factories import UserFactory

    starter = world.users[Role.KLANTMANAGER]
    client = client_for(starter)
    response = client.post(reverse("inzage_pdf", args=[full_file.pk]))
    job = Job.objects.get()
    assert response["Location"] == reverse("job_detail", args=[job.pk])
    assert job.label == f"Inzage AVG art. 15 (PDF), dossier {full_file.pk}"
    assert full_file.last_name not in job.label  # no name in job lists or the audit log
    inzage_events = AuditEvent.objects.filter(
        action=AuditAction.EXPORT, inburgeraar_id=full_file.pk
    )
    assert not inzage_events.exists(), "logged when the file is made, not when asked"

    services.execute(job.pk)
    job.refresh_from_db()
    assert job.done and job.result_name == f"inzage-{full_file.pk}.pdf"
    event = inzage_events.get()
    assert (event.username, event.description, event.activity) == (
        "klantmanager",
        "inzage AVG art. 15 (PDF)",
        "avg-inzage",
    )

    # A colleague of the same team sees the person, but not this file.
    colleague = UserFactory(
        username="klantmanager-b",
        organisation=world.uitvoerder,
        team=starter.team,
        roles=[Role.KLANTMANAGER],
    )
    other = client_for(colleague)
    assert other.get(reverse("person_detail", args=[full_file.pk])).status_code == 200
    assert other.get(reverse("job_download", args=[job.pk])).status_code == 404
    assert other.get(reverse("job_detail", args=[job.pk])).status_code == 404

    download = client_for(starter).get(reverse("job_download", args=[job.pk]))
    pdf = PdfReader(io.BytesIO(b"".join(download.streaming_content)))
    assert "AVG artikel 15" in pdf.pages[0].extract_text()
    job.result.delete(save=False)


def test_the_worker_checks_the_scope_again(world, client_for, full_file):
    """A person who left the user's scope between asking and making is not exported."""
    from regie.jobs import services

    client = client_for(world.users[Role.KLANTMANAGER])
    client.post(reverse("inzage_json", args=[full_file.pk]))
    type(full_file).objects.filter(pk=full_file.pk).update(municipality=world.other_municipality)
    job = Job.objects.get()
    services.execute(job.pk)
    job.refresh_from_db()
    assert job.failed and not job.result
    assert job.error == "Deze persoon bestaat niet of u heeft geen toegang (meer) tot het dossier."
    assert not AuditEvent.objects.filter(
        action=AuditAction.EXPORT, inburgeraar_id=full_file.pk
    ).exists()


def test_health_data_recorded_before_the_job_runs_stop_the_beheerders_inzage(world, client_for):
    from regie.jobs import services
    from regie.people.models import HealthNote

    person = world.person
    beheerder = world.users[Role.BEHEERDER]
    AccessGrant.objects.create(
        user=beheerder, inburgeraar=person, reason="Inzageverzoek", valid_until=dt.date(2099, 1, 1)
    )
    client_for(beheerder).post(reverse("inzage_pdf", args=[person.pk]))
    HealthNote.objects.create(inburgeraar=person, text="Slaapproblemen", author="km")
    job = Job.objects.get()
    services.execute(job.pk)
    job.refresh_from_db()
    assert job.failed and job.error.startswith("Dit dossier bevat gezondheidsgegevens")
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT, inburgeraar_id=person.pk)


def test_an_old_link_opens_a_page_that_starts_nothing(world, client_for):
    client = client_for(world.users[Role.KLANTMANAGER])
    page = client.get(reverse("inzage_pdf", args=[world.person.pk])).content.decode()
    assert "Inzage als PDF maken" in page
    assert f'action="{reverse("inzage_pdf", args=[world.person.pk])}"' not in page
    assert '<form method="post" class="regie-form">' in page
    assert not Job.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()
    file_page = client.get(reverse("person_detail", args=[world.person.pk])).content.decode()
    assert f'<form method="post" action="{reverse("inzage_json", args=[world.person.pk])}">' in (
        file_page
    )
    assert "Inzage als JSON maken (machineleesbaar)" in file_page
