"""Municipality export and import in the browser (issue 22): the functioneel beheerder
starts them as background jobs for a municipality their organisation serves, never
another; the import checks every record and imports all of it or nothing, listing every
problem; both are audit-logged and their results are the starting user's alone."""

from __future__ import annotations

import io
import json
import os

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from regie.core.jobs import IMPORT_FOLDER
from regie.core.models import AuditAction, AuditEvent, Municipality
from regie.core.portability import export_municipality
from regie.core.roles import Role
from regie.jobs import services
from regie.jobs.models import Job
from regie.people.models import Inburgeraar
from tests.factories import InburgeraarFactory, MunicipalityFactory, UserFactory
from tests.jobs.inline import run_started


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def second_municipality(world):
    """A municipality the beheerder's gemeente also serves (a herindeling: Winterswijk
    takes over Nieuwdorp's files), empty so far."""
    target = MunicipalityFactory(name="Nieuwdorp", cbs_code="GM0010")
    world.gemeente.serves.add(target)
    return target


def beheerder(world, client_for):
    return client_for(world.users[Role.BEHEERDER])


def upload(data, name="winterswijk.json") -> SimpleUploadedFile:
    raw = data if isinstance(data, bytes) else json.dumps(data).encode()
    return SimpleUploadedFile(name, raw, content_type="application/json")


def start_import(client, municipality, data, **extra):
    form = {"municipality": municipality.pk, "bestand": upload(data), "bevestiging": "on"}
    return client.post(reverse("municipality_import_start"), {**form, **extra})


def test_the_page_offers_only_the_beheerders_own_municipalities(world, client_for):
    page = beheerder(world, client_for).get(reverse("municipality_transfer")).content.decode()
    assert "Winterswijk (GM0294) exporteren" in page
    assert "Elders" not in page and "GM0999" not in page
    assert f'<option value="{world.municipality.pk}"' in page
    assert "Verstuur het nooit per e-mail" in page


def test_the_menu_shows_the_page_to_the_beheerder_only(world, client_for):
    assert "Gemeente overdragen" in beheerder(world, client_for).get("/").content.decode()
    page = client_for(world.users[Role.REGISSEUR]).get("/").content.decode()
    assert "Gemeente overdragen" not in page


def test_the_export_is_a_job_whose_file_only_its_starter_downloads(world, client_for):
    client = beheerder(world, client_for)
    response = client.post(reverse("municipality_export_start", args=[world.municipality.pk]))
    job = Job.objects.get()
    assert response["Location"] == reverse("job_detail", args=[job.pk])
    assert job.label == "Gemeente-export GM0294"
    page = client.get(response["Location"]).content.decode()
    assert 'role="progressbar"' in page and "In de wachtrij" in page

    services.execute(job.pk)
    job.refresh_from_db()
    assert job.done and job.summary.endswith("records van Winterswijk.")
    assert job.result_name.startswith("gemeente-export-GM0294-")

    # Another beheerder of the same gemeente does not get the file: the job is not theirs.
    colleague = UserFactory(
        username="beheerder-b", organisation=world.gemeente, roles=[Role.BEHEERDER]
    )
    other = client_for(colleague)
    assert other.get(reverse("job_download", args=[job.pk])).status_code == 404
    assert other.get(reverse("job_detail", args=[job.pk])).status_code == 404

    client = beheerder(world, client_for)
    download = client.get(reverse("job_download", args=[job.pk]))
    data = json.loads(b"".join(download.streaming_content))
    assert data["municipality"] == {"cbs_code": "GM0294", "name": "Winterswijk"}
    persons = [r for r in data["records"] if r["model"] == "people.inburgeraar"]
    assert [p["fields"]["bsn"] for p in persons] == [world.person.bsn]
    assert world.stranger.bsn not in json.dumps(data)  # Elders' person is not in it
    events = AuditEvent.objects.filter(username="beheerder").order_by("pk")
    descriptions = [e.description for e in events]
    assert "taak gestart: Gemeente-export GM0294" in descriptions
    assert f"gemeente-export: {len(data['records'])} records" in descriptions
    assert any(d.startswith("taak klaar: Gemeente-export GM0294") for d in descriptions)
    assert any(d.startswith("resultaat van taak gedownload") for d in descriptions)
    export_event = events.get(description__startswith="gemeente-export")
    assert export_event.action == AuditAction.EXPORT and export_event.object_type == "municipality"


def test_a_beheerder_of_one_municipality_cannot_export_another(world, client_for):
    client = beheerder(world, client_for)
    response = client.post(reverse("municipality_export_start", args=[world.other_municipality.pk]))
    assert response.status_code == 404
    assert not Job.objects.exists()
    # Not through a forged job either: the worker checks the scope again.
    job = services.start(
        world.users[Role.BEHEERDER],
        "gemeente_export",
        {"municipality": world.other_municipality.pk, "code": "GM0999"},
    )
    services.execute(job.pk)
    job.refresh_from_db()
    assert job.failed and not job.result
    assert job.error == "Deze gemeente bestaat niet of valt buiten de gemeenten die u beheert."
    assert not AuditEvent.objects.filter(description__startswith="gemeente-export").exists()


@pytest.mark.parametrize("role", [Role.REGISSEUR, Role.KLANTMANAGER])
def test_other_roles_may_not_transfer(world, client_for, role):
    client = client_for(world.users[role])
    assert client.get(reverse("municipality_transfer")).status_code == 403
    url = reverse("municipality_export_start", args=[world.municipality.pk])
    assert client.post(url).status_code == 403


def test_export_and_import_report_progress_in_steps(world, second_municipality):
    steps = []
    data = export_municipality(world.municipality, progress=lambda s, t: steps.append((s, t)))
    shares = [s for s, _t in steps]
    assert shares == sorted(shares) and shares[0] < 0.1 and shares[-1] >= 0.85
    assert "Wijzigingshistorie wegschrijven" in [t for _s, t in steps]

    from regie.core.portability import import_municipality

    steps.clear()
    import_municipality(
        data, target=second_municipality, progress=lambda s, t: steps.append((s, t))
    )
    texts = [t for _s, t in steps]
    assert texts[0] == "Bestand controleren"
    assert any(t.startswith("Records inlezen (0 van ") for t in texts)
    assert texts[-1] == "Koppelingen en wijzigingshistorie inlezen"


def test_an_import_into_an_own_municipality_creates_everything(
    world, client_for, second_municipality
):
    data = export_municipality(world.municipality)
    client = beheerder(world, client_for)
    response = start_import(client, second_municipality, data)
    job = Job.objects.get()
    assert job.label == "Gemeente-import in GM0010 (winterswijk.json)"
    assert job.params["file"].startswith(IMPORT_FOLDER)
    assert default_storage.exists(job.params["file"])

    report = run_started(client, response)
    text = report.content.decode()
    assert "Importverslag: winterswijk.json in Nieuwdorp (GM0010)" in text
    assert "people.inburgeraar: 1" in text
    copy = Inburgeraar.objects.get(municipality=second_municipality)
    assert copy.bsn == world.person.bsn and copy.pk != world.person.pk
    job.refresh_from_db()
    assert job.done and job.summary.startswith(f"{len(data['records'])} records ingelezen")
    assert not default_storage.exists(job.params["file"]), "the upload is removed"
    assert AuditEvent.objects.filter(
        username="beheerder",
        action=AuditAction.CREATE,
        object_type="municipality",
        description=f"gemeente-import: {len(data['records'])} records",
    ).exists()


def test_a_failing_import_leaves_nothing_behind_and_lists_every_problem(
    world, client_for, second_municipality
):
    InburgeraarFactory(municipality=world.municipality, klantmanager=None)
    data = export_municipality(world.municipality)
    persons = [r for r in data["records"] if r["model"] == "people.inburgeraar"]
    verwijzing = next(r for r in data["records"] if r["model"] == "people.verwijzing")
    persons[0]["fields"]["date_of_birth"] = "31-02-1990"  # no such date
    persons[1]["fields"]["status"] = "verzonnen"  # no such status
    verwijzing["fields"]["aanbieder"] = "Taalschool die hier niet bestaat"
    before = {model: model.objects.count() for model in (Inburgeraar, Municipality, Job)}
    client = beheerder(world, client_for)

    page = run_started(client, start_import(client, second_municipality, data))

    job = Job.objects.get()
    assert job.failed and not job.result
    text = page.content.decode()
    assert "De import is afgewezen: 3 probleem/problemen gevonden (hieronder)." in text
    assert "Er is niets opgeslagen" in text
    assert job.problems == [
        f"people.inburgeraar {persons[0]['id']}: veld date_of_birth: ongeldige waarde",
        f"people.inburgeraar {persons[1]['id']}: veld status: onbekende waarde",
        # The referral is of the first person: it could not be read either, and says why.
        f"people.verwijzing {verwijzing['id']}: verwijst naar people.inburgeraar "
        f"{persons[0]['id']}, dat niet kon worden ingelezen; verwijst naar organisatie "
        "'Taalschool die hier niet bestaat', die hier niet bestaat",
    ]
    for problem in job.problems:
        assert problem.replace("'", "&#x27;") in text
    # Nothing half done: no person, municipality or anything else was added.
    assert Inburgeraar.objects.count() == before[Inburgeraar]
    assert not Inburgeraar.objects.filter(municipality=second_municipality).exists()
    assert Municipality.objects.count() == before[Municipality]
    assert not default_storage.exists(job.params["file"]), "the upload is removed"
    assert not AuditEvent.objects.filter(description__startswith="gemeente-import").exists()
    assert AuditEvent.objects.filter(description__startswith="taak mislukt: Gemeente-import")


def test_the_same_persons_twice_in_one_municipality_are_refused_per_person(world, client_for):
    data = export_municipality(world.municipality)
    client = beheerder(world, client_for)
    before = Inburgeraar.objects.count()
    run_started(client, start_import(client, world.municipality, data))
    job = Job.objects.get()
    assert job.failed
    assert job.problems[0].startswith(f"people.inburgeraar {world.person.pk}: bestaat hier al")
    assert world.person.bsn not in " ".join(job.problems), "no personal data in the report"
    assert Inburgeraar.objects.count() == before


def test_an_import_may_not_reach_another_municipality(world, client_for, second_municipality):
    """Records of the file that refer to a municipality the beheerder does not manage are
    refused, even though that municipality exists here."""
    data = export_municipality(world.municipality)
    rule = {"model": "core.localrule", "id": 99, "fields": {"municipality": "GM0999"}}
    rule["fields"].update(name="vog_max_age_years", value="3")
    data["records"].insert(0, rule)
    client = beheerder(world, client_for)
    run_started(client, start_import(client, second_municipality, data))
    job = Job.objects.get()
    assert job.failed
    assert job.problems == ["core.localrule 99: verwijst naar gemeente GM0999, die u niet beheert"]
    assert not Inburgeraar.objects.filter(municipality=second_municipality).exists()


def test_the_form_refuses_another_municipality_and_other_files(world, client_for):
    client = beheerder(world, client_for)
    data = export_municipality(world.municipality)
    response = start_import(client, world.other_municipality, data)
    assert response.status_code == 200
    assert "Kies een gemeente die u beheert." in response.content.decode()
    response = client.post(
        reverse("municipality_import_start"),
        {
            "municipality": world.municipality.pk,
            "bestand": SimpleUploadedFile("export.csv", b"a;b\n"),
            "bevestiging": "on",
        },
    )
    assert "Dit soort bestand wordt niet geaccepteerd. Toegestaan: JSON." in (
        response.content.decode()
    )
    response = start_import(client, world.municipality, data, bevestiging="")
    assert "Bevestig dat u wilt importeren." in response.content.decode()
    assert not Job.objects.exists()
    assert (
        not default_storage.exists(IMPORT_FOLDER) or not default_storage.listdir(IMPORT_FOLDER)[1]
    )


def test_a_broken_or_foreign_file_is_refused_by_the_job(world, client_for, second_municipality):
    client = beheerder(world, client_for)
    page = run_started(client, start_import(client, second_municipality, b'{"format": "regie'))
    assert "Het bestand is geen geldige JSON (UTF-8). Er is niets opgeslagen." in (
        page.content.decode()
    )
    page = run_started(client, start_import(client, second_municipality, {"format": "x"}))
    assert "Dit is geen gemeente-export van Regie" in page.content.decode()
    assert not Inburgeraar.objects.filter(municipality=second_municipality).exists()


def test_cleanup_removes_uploads_left_behind(world, second_municipality):
    """An upload whose import job never ended (its worker killed) is removed after a day;
    a fresh one, or one a waiting job still needs, stays."""
    user = world.users[Role.BEHEERDER]
    now = timezone.now().timestamp()
    waiting = services.start(
        user,
        "gemeente_import",
        {"municipality": second_municipality.pk, "file": f"{IMPORT_FOLDER}waiting.json"},
    )
    for name, age_hours in (("left.json", 25), ("fresh.json", 1), ("waiting.json", 48)):
        default_storage.save(IMPORT_FOLDER + name, upload({}))
        moment = now - age_hours * 3600
        os.utime(default_storage.path(IMPORT_FOLDER + name), (moment, moment))
    out = io.StringIO()
    call_command("jobs-cleanup", stdout=out)
    assert "1 achtergebleven upload(s) verwijderd." in out.getvalue()
    assert sorted(default_storage.listdir(IMPORT_FOLDER)[1]) == ["fresh.json", "waiting.json"]
    assert waiting.params["file"] == f"{IMPORT_FOLDER}waiting.json"
