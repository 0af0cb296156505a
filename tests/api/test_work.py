"""The read endpoints of participatie en werk: /plaatsingen and /uitstroom, scoped to the
persons the caller may see (for_user), audit-logged, 403 for roles without work.view."""

from datetime import date

import pytest

from regie.core.audit import AuditEvent
from regie.core.roles import Role
from regie.work.models import Plaatsing, PlaatsingStatus, Uitstroom
from tests.work.matrix import make_plek

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(world):
    plek = make_plek(world.municipality)
    mine = Plaatsing.objects.create(
        inburgeraar=world.person,
        plek=plek,
        start=date(2026, 9, 1),
        end=date(2027, 3, 1),
        hours_per_week=16,
        days="ma, wo",
        status=PlaatsingStatus.LOPEND,
    )
    Plaatsing.objects.create(
        inburgeraar=world.stranger, plek=plek, start=date(2026, 9, 1), hours_per_week=8
    )
    Uitstroom.objects.create(
        inburgeraar=world.person,
        soort="betaald_werk",
        datum=date(2027, 2, 1),
        uren_per_week=24,
        contract="vast",
        sector="Zorg",
        toelichting="interne notitie",
    )
    Uitstroom.objects.create(inburgeraar=world.stranger, soort="verhuizing", datum=date(2027, 1, 1))
    return mine


def test_klantmanager_reads_placements_and_outflow_of_own_persons(world, records, token_client):
    client = token_client(world.users[Role.KLANTMANAGER])
    body = client.get("/api/v1/plaatsingen").json()
    assert [p["id"] for p in body["results"]] == [records.pk]
    placement = body["results"][0]
    assert placement["werkgever"] == "Zorgcentrum De Hofstede"
    assert (placement["start"], placement["end"], placement["urenPerWeek"]) == (
        "2026-09-01",
        "2027-03-01",
        16,
    )
    assert placement["status"] == "lopend"
    body = client.get("/api/v1/uitstroom", {"soort": "betaald_werk"}).json()
    [outflow] = body["results"]
    assert (outflow["datum"], outflow["urenPerWeek"], outflow["contract"]) == (
        "2027-02-01",
        24,
        "vast",
    )
    assert "interne notitie" not in str(body)
    assert AuditEvent.objects.filter(inburgeraar_id=world.person.pk, action="read").exists()
    assert client.get(f"/api/v1/plaatsingen/{records.pk + 1}").status_code == 404
    response = client.get("/api/v1/uitstroom", {"soort": "ergens"})
    assert response.status_code == 400


@pytest.mark.parametrize("role", [Role.AANBIEDER, Role.JURIST])
def test_roles_without_work_view_get_403(world, records, token_client, role):
    assert token_client(world.users[role]).get("/api/v1/plaatsingen").status_code == 403
