"""The audit log: reads and changes recorded, append-only down to the database, no
secrets, readable and exportable by the functioneel beheerder."""

import csv
import io

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from regie.core.models import AppendOnlyError, AuditAction, AuditEvent, FieldChange
from regie.core.roles import Role


def test_opening_a_file_is_logged_with_role_and_page(world, client_for):
    client_for(world.users[Role.BEGELEIDER]).get(reverse("person_detail", args=[world.person.pk]))
    event = AuditEvent.objects.get(action=AuditAction.READ, inburgeraar_id=world.person.pk)
    assert event.username == "begeleider"
    assert event.roles == "begeleider"
    assert event.organisation == "Sociaal team"
    assert event.route.startswith("person_detail /inburgeraars/")


def test_file_shows_who_looked_recently(world, client_for):
    client_for(world.users[Role.BEGELEIDER]).get(reverse("person_detail", args=[world.person.pk]))
    page = client_for(world.users[Role.KLANTMANAGER]).get(
        reverse("person_detail", args=[world.person.pk])
    )
    recent = [e.username for e in page.context["recent_views"]]
    assert "begeleider" in recent


def test_a_search_logs_no_search_terms(world, client_for):
    client_for(world.users[Role.KLANTMANAGER]).get(reverse("person_list"), {"q": "Haddad"})
    # The search itself and one event per person shown: none carries the search term.
    events = list(AuditEvent.objects.filter(action=AuditAction.SEARCH))
    assert len(events) >= 2
    for event in events:
        assert "Haddad" not in event.description + event.route


def test_the_model_refuses_update_and_delete(world):
    event = AuditEvent.objects.create(action=AuditAction.READ, username="x")
    event.description = "vervalst"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()


@pytest.mark.django_db(transaction=True)
def test_the_database_refuses_updates_too():
    event = AuditEvent.objects.create(action=AuditAction.READ, username="x")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(username="y")
    with pytest.raises(DatabaseError), transaction.atomic():
        FieldChange.objects.create(object_type="t", object_id="1", field="f")
        FieldChange.objects.update(new_value="z")
    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError), transaction.atomic():
            AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.get(pk=event.pk).username == "x"
    # A retention job may delete, explicitly and within its own transaction.
    from regie.core.audit import purge_allowed

    with purge_allowed():
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert not AuditEvent.objects.filter(pk=event.pk).exists()


def test_failed_login_keeps_the_name_not_the_password(world, client):
    client.post(reverse("login"), {"username": "klantmanager", "password": "Geheim-123-wachtwoord"})
    event = AuditEvent.objects.get(action=AuditAction.LOGIN_FAILED)
    assert event.username == "klantmanager"
    dump = " ".join(str(v) for v in AuditEvent.objects.values_list()).lower()
    assert "geheim-123" not in dump


def test_beheerder_reads_and_exports_the_log(world, client_for):
    client_for(world.users[Role.KLANTMANAGER]).get(reverse("person_detail", args=[world.person.pk]))
    AuditEvent.objects.create(action=AuditAction.READ, username="=HYPERLINK(evil)")
    client = client_for(world.users[Role.BEHEERDER])
    page = client.get(reverse("audit_log"), {"username": "klantmanager"})
    assert page.status_code == 200
    assert all(e.username == "klantmanager" for e in page.context["page"])
    export = client.get(reverse("audit_export"))
    text = export.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][0] == "tijdstip"
    assert any(r[1] == "klantmanager" and r[4] == "read" for r in rows[1:])
    # A formula is neutralised for spreadsheet programs.
    assert any(r[1] == "'=HYPERLINK(evil)" for r in rows[1:])
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT, username="beheerder").exists()


def test_audit_filter_with_bad_dates_explains(world, client_for):
    client = client_for(world.users[Role.BEHEERDER])
    response = client.get(
        reverse("audit_log"), {"date_from": "2026-05-01", "date_to": "2026-04-01"}
    )
    assert response.status_code == 200
    assert "einddatum" in response.content.decode()
