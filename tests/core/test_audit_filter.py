"""The beheerder finds a person's audit rows by name or BSN (issue 16, point 9), only
among the persons of their own municipalities, and that search is itself logged; the
export opens in Dutch Excel (CSV with BOM and ";") and as XLSX."""

import csv
import io

from django.urls import reverse
from openpyxl import load_workbook

from regie.core import audit
from regie.core.models import AuditAction, AuditEvent
from regie.core.roles import Role

ACTOR = audit.Actor(None, "klantmanager", "klantmanager", "Fijnder")


def _rows(world):
    # The stranger (another municipality) carries the same surname: a name filter that
    # forgot the scope would show their rows too.
    world.stranger.last_name = world.person.last_name
    world.stranger.save()
    with audit.actor(ACTOR):
        audit.log(AuditAction.READ, inburgeraar_id=world.person.pk, description="dossier eigen")
        audit.log(AuditAction.READ, inburgeraar_id=world.stranger.pk, description="dossier elders")


def test_filter_by_name_shows_own_municipality_only_and_is_logged(world, client_for):
    _rows(world)
    client = client_for(world.users[Role.BEHEERDER])
    response = client.get(reverse("audit_log"), {"persoon": world.person.last_name.upper()})
    content = response.content.decode()
    assert response.status_code == 200
    assert "dossier eigen" in content and "dossier elders" not in content
    assert f"{world.person.last_name}, {world.person.first_name}" in content
    assert f"nummer {world.person.pk}" in content
    assert "Klantmanager" in content  # the role by its label, not the key
    search = AuditEvent.objects.get(action=AuditAction.SEARCH, object_type="auditevent")
    assert (search.username, search.inburgeraar_id) == ("beheerder", world.person.pk)
    assert not AuditEvent.objects.filter(
        action=AuditAction.SEARCH, inburgeraar_id=world.stranger.pk
    ).exists()


def test_filter_by_bsn_and_by_a_name_outside_scope(world, client_for):
    _rows(world)
    client = client_for(world.users[Role.BEHEERDER])
    content = client.get(reverse("audit_log"), {"persoon": world.person.bsn}).content.decode()
    assert "dossier eigen" in content and "dossier elders" not in content
    content = client.get(reverse("audit_log"), {"persoon": world.stranger.bsn}).content.decode()
    assert "Geen inburgeraar met deze naam of dit BSN in uw gemeenten." in content
    assert "dossier elders" not in content and "dossier eigen" not in content


def test_exports_follow_the_filter_in_csv_and_xlsx(world, client_for):
    _rows(world)
    client = client_for(world.users[Role.BEHEERDER])
    query = {"persoon": world.person.bsn}
    body = client.get(reverse("audit_export"), query).content
    assert body.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["tijdstip", "gebruiker", "rollen"]
    descriptions = [row[8] for row in rows[1:]]
    assert "dossier eigen" in descriptions and "dossier elders" not in descriptions

    response = client.get(reverse("audit_export_xlsx"), query)
    assert response["Content-Disposition"].endswith('regie-auditlog.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [row[8] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert "dossier eigen" in values and "dossier elders" not in values
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT, description="XLSX").exists()
