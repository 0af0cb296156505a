"""Issue 17, deliverable 6: the audit log holds against the application's own database
user. A keyed hash chain (core/seal.py) reveals a row changed, deleted or inserted after
sealing, a deleted seal and an unrecorded purge, through `regie audit-verify` and
`regie check --deploy`; PostgreSQL refuses TRUNCATE; rows carry the account's immutable
id and renames are recorded."""

import csv
import io

import pytest
from django.core import checks
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from regie.core import audit, seal
from regie.core.models import AuditAction, AuditEvent, AuditSeal, User
from regie.core.roles import Role

pytestmark = pytest.mark.django_db

POSTGRES = pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="PostgreSQL's own trigger and escape"
)
SQLITE = pytest.mark.skipif("connection.vendor != 'sqlite'", reason="SQLite's trigger")

ACTOR = audit.Actor(7, "klantmanager", "klantmanager", "Fijnder", "/inburgeraars/")


def _events(n=5):
    with audit.actor(ACTOR):
        return [
            audit.log(AuditAction.READ, inburgeraar_id=100 + i, description=f"dossier {i}")
            for i in range(n)
        ]


def _sql(statement, params=None):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def _problems():
    return seal.verify().problems


def test_a_sealed_log_verifies_and_the_command_says_so():
    events = _events(5)
    made = seal.seal(batch=2)
    assert [(s.first_id, s.last_id, s.count) for s in made] == [
        (1, events[1].pk, 2),
        (events[1].pk + 1, events[3].pk, 2),
        (events[3].pk + 1, events[4].pk, 1),
    ]
    assert seal.seal() == []  # nothing new
    out = io.StringIO()
    call_command("audit-verify", stdout=out)
    assert "5 auditregels gecontroleerd" in out.getvalue()
    assert "De auditlog klopt met de zegels." in out.getvalue()
    # Rows written after sealing are reported as not yet sealed, not as tampering.
    _events(1)
    result = seal.verify()
    assert result.ok and result.unsealed == 1


@POSTGRES
def test_postgres_a_rewrite_through_the_purge_escape_is_detected():
    events = _events(3)
    seal.seal()
    target = events[1]
    # What anyone holding the app's credentials can do: the retention escape, then
    # delete a row and put back an altered copy under the same id.
    with transaction.atomic():
        _sql("SET LOCAL regie.audit_purge = 'on'")
        _sql("DELETE FROM core_auditevent WHERE id = %s", [target.pk])
        target.description = "nooit gelezen"
        target.save_base(raw=True, force_insert=True)
    assert AuditEvent.objects.get(pk=target.pk).description == "nooit gelezen"
    problems = _problems()
    assert len(problems) == 1
    assert f"auditregels 1 tot en met {events[2].pk}" in problems[0]
    assert "inhoud wijkt af van het zegel" in problems[0]


@POSTGRES
def test_postgres_a_deleted_row_and_a_disabled_trigger_are_detected():
    events = _events(3)
    seal.seal()
    with transaction.atomic():
        _sql("SET LOCAL regie.audit_purge = 'on'")
        _sql("DELETE FROM core_auditevent WHERE id = %s", [events[0].pk])
    assert "2 regels, verzegeld 3" in _problems()[0]
    # The table's owner can also switch the trigger off and UPDATE in place.
    _sql("ALTER TABLE core_auditevent DISABLE TRIGGER core_auditevent_append_only")
    _sql("UPDATE core_auditevent SET username = 'iemand anders' WHERE id = %s", [events[1].pk])
    _sql("ALTER TABLE core_auditevent ENABLE TRIGGER core_auditevent_append_only")
    assert len(_problems()) == 1


@SQLITE
def test_sqlite_a_raw_update_is_detected():
    events = _events(3)
    seal.seal()
    _sql("DROP TRIGGER core_auditevent_no_update")  # rolled back with the test
    _sql("UPDATE core_auditevent SET description = 'vervalst' WHERE id = %s", [events[2].pk])
    problems = _problems()
    assert len(problems) == 1 and "inhoud wijkt af van het zegel" in problems[0]


def _force_delete(model, pk):
    with audit.purge_allowed():  # SQLite's trigger allows DELETE; PostgreSQL's needs this
        _sql(f"DELETE FROM {model._meta.db_table} WHERE id = %s", [pk])  # noqa: S608


def test_a_row_inserted_in_the_middle_is_detected():
    events = _events(3)
    gap = events[1]
    _force_delete(AuditEvent, gap.pk)  # a gap, as a rolled-back transaction leaves one
    seal.seal()
    assert seal.verify().ok
    gap.description = "achteraf toegevoegd"
    gap.save_base(raw=True, force_insert=True)
    problems = _problems()
    assert len(problems) == 1 and "3 regels, verzegeld 2" in problems[0]


def test_a_deleted_or_altered_seal_is_detected():
    _events(2)
    seal.seal()
    _events(2)
    seal.seal()
    _events(2)
    seal.seal()
    first, second, third = AuditSeal.objects.order_by("number")
    _force_delete(AuditSeal, second.pk)
    problems = _problems()
    assert "zegels 2 tot 2 ontbreken (verwijderd)" in problems
    assert any("zegel 3: de keten is onderbroken" in p for p in problems)
    # A forged seal without the key: its mac does not verify.
    forged = AuditSeal(**{f.attname: getattr(second, f.attname) for f in AuditSeal._meta.fields})
    forged.pk = None
    forged.mac = "f" * 64
    forged.save()
    assert "zegel 2 is gewijzigd of niet met deze sleutel gemaakt" in _problems()


def test_a_deleted_newest_seal_is_caught_by_the_expected_head():
    _events(2)
    head = seal.seal()[-1]
    expected = f"{head.number}:{head.mac}"
    assert seal.verify(expect=expected).ok
    _force_delete(AuditSeal, head.pk)
    _force_delete(AuditEvent, AuditEvent.objects.order_by("id").first().pk)
    # Without the external head the shortened log looks whole; with it, it does not.
    assert seal.verify().ok
    assert any("het verwachte zegel" in p for p in seal.verify(expect=expected).problems)
    with pytest.raises(CommandError):
        call_command("audit-verify", "--expect", expected, stdout=io.StringIO())


def test_a_purge_that_was_not_recorded_is_detected_and_a_recorded_one_is_not():
    events = _events(4)
    seal.seal()
    plan = seal.purge_plan([events[0].pk])
    _force_delete(AuditEvent, events[0].pk)
    assert _problems()  # deleted without a purge link
    made = seal.record_purge(plan, "bewaartermijn auditlog verstreken")
    assert made[0].purged_ids == str(events[0].pk) and made[0].count == 3
    assert seal.verify().ok


def test_the_key_lives_outside_the_database(settings):
    _events(2)
    seal.seal()
    assert seal.verify().ok
    settings.REGIE_AUDIT_KEY = "een andere sleutel"
    assert any("niet met deze sleutel gemaakt" in p for p in _problems())


def test_check_deploy_reports_a_broken_chain():
    events = _events(2)
    seal.seal()
    assert checks.run_checks(tags=["regie"], include_deployment_checks=True) == []
    _force_delete(AuditEvent, events[0].pk)
    found = checks.run_checks(tags=["regie"], include_deployment_checks=True)
    assert [m.id for m in found] == ["regie.E101"]
    assert "De auditlog is aangetast" in found[0].msg


def test_the_seal_command_reports_the_head():
    _events(3)
    out = io.StringIO()
    call_command("audit-seal", stdout=out)
    head = AuditSeal.objects.get()
    assert f"3 auditregels verzegeld in 1 zegel(s), tot en met id {head.last_id}" in out.getvalue()
    assert f"Kop: 1:{head.mac}" in out.getvalue()


@POSTGRES
@pytest.mark.django_db(transaction=True)
def test_postgres_refuses_truncate():
    _events(1)
    for table in ("core_auditevent", "core_fieldchange", "core_auditseal"):
        with pytest.raises(DatabaseError, match="cannot be truncated"), transaction.atomic():
            _sql(f"TRUNCATE {table}")
    assert AuditEvent.objects.count() == 1


# --- who: the immutable id and renames -------------------------------------------------


def test_every_writer_fills_the_user_id(world, client_for):
    km = world.users[Role.KLANTMANAGER]
    client = client_for(km)
    client.get(reverse("person_detail", args=[world.person.pk]))
    client.get(reverse("person_list"))
    client.logout()
    client.post(reverse("login"), {"username": km.username, "password": "fout-wachtwoord-123"})
    by_km = AuditEvent.objects.filter(username=km.username)
    actions = set(by_km.values_list("action", flat=True))
    assert {"read", "search", "logout", "login_failed"} <= actions
    assert set(by_km.values_list("user_id_copy", flat=True)) == {km.pk}


def test_a_rename_is_recorded_and_the_filter_finds_the_old_rows(world, client_for):
    km = world.users[Role.KLANTMANAGER]
    client_for(km).get(reverse("person_detail", args=[world.person.pk]))
    beheerder = client_for(world.users[Role.BEHEERDER])
    response = beheerder.post(
        reverse("user_edit", args=[km.pk]),
        {
            "username": "k.jansen",
            "first_name": km.first_name,
            "last_name": "Jansen",
            "email": km.email,
            "organisation": km.organisation_id,
            "team": km.team_id,
            "is_active": "on",
            "roles": ["klantmanager"],
        },
    )
    assert response.status_code == 302
    rename = AuditEvent.objects.get(description__startswith="hernoemd")
    assert rename.description == (
        f"hernoemd: gebruikersnaam klantmanager → k.jansen; achternaam {km.last_name} → Jansen"
    )
    assert rename.username == "beheerder" and rename.object_id == str(km.pk)

    # The filter by the new name finds the read made under the old one, and the rename.
    page = beheerder.get(reverse("audit_log"), {"username": "k.jansen"})
    rows = list(page.context["page"])
    assert any(e.username == "klantmanager" and e.action == "read" for e in rows)
    assert rename in rows
    html = page.content.decode()
    assert f"klantmanager <span class=\"regie-nowrap\">(nr. {km.pk})</span>" in html
    # The old name still finds the rows that carry it.
    old = beheerder.get(reverse("audit_log"), {"username": "klantmanager"})
    assert any(e.action == "read" for e in old.context["page"])
    # The exports carry the id.
    export = beheerder.get(reverse("audit_export"), {"username": "k.jansen"})
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][-1] == "gebruiker-id"
    assert any(r[1] == "klantmanager" and r[-1] == str(km.pk) for r in rows[1:])


def test_a_rename_outside_beheer_is_recorded_too(world):
    user = world.users[Role.JURIST]
    user.username = "jurist.nieuw"
    user.save()
    event = AuditEvent.objects.get(object_type="user", object_id=str(user.pk))
    assert event.description == "hernoemd: gebruikersnaam jurist → jurist.nieuw"
    # A login (last_login only) is no rename and costs no extra query.
    User.objects.get(pk=user.pk).save(update_fields=["last_login"])
    assert AuditEvent.objects.filter(object_type="user").count() == 1
