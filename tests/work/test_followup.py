"""Follow-up of placements and uitstroom (issue 20 points 4 and 5) through the pages:
evaluations, the werkvoorraad signals (ending soon, no evaluation, no participation),
outflow recorded on the person's file, with Dutch errors, scoping and audit."""

from datetime import date

import pytest
from django.urls import reverse

from regie.core.audit import AuditEvent
from regie.core.localrules import LocalRule
from regie.core.roles import Role
from regie.people.models import Status
from regie.work.models import Evaluatie, PlaatsingStatus, Uitstroom
from tests.factories import InburgeraarFactory
from tests.work.matrix import make_plek
from tests.work.test_placements import place

pytestmark = pytest.mark.django_db


def test_job_coach_records_an_evaluation(world, client_for, travel):
    travel("2026-11-20")
    plaatsing = place(world, make_plek(world.municipality))
    client = client_for(world.users[Role.KLANTMANAGER])
    url = reverse("evaluatie_add", args=[world.person.pk, plaatsing.pk])
    response = client.post(url, {"datum": "2026-08-01", "aanwezigheid": "goed"})
    page = response.content.decode()
    assert "De evaluatie ligt vóór de start van de plaatsing." in page
    response = client.post(url, {"datum": "2026-12-01", "aanwezigheid": "goed"})
    assert "Een evaluatie kan niet in de toekomst liggen." in response.content.decode()
    response = client.post(
        url,
        {
            "datum": "2026-11-18",
            "aanwezigheid": "wisselend",
            "voortgang": "vooruit",
            "vaardigheden": "Komt op tijd.",
            "oordeel_werkgever": "Collega's zijn tevreden.",
        },
    )
    assert response.status_code == 302
    evaluatie = Evaluatie.objects.get()
    assert evaluatie.door == world.users[Role.KLANTMANAGER]
    assert AuditEvent.objects.filter(inburgeraar_id=world.person.pk, action="create").exists()
    page = client.get(reverse("plaatsing_status", args=[world.person.pk, plaatsing.pk]))
    page = page.content.decode()
    assert "18 november 2026" in page
    assert "Wisselend" in page and "Gaat vooruit: Komt op tijd." in page
    assert "Collega&#x27;s zijn tevreden." in page


def test_proposed_placement_cannot_be_evaluated(world, client_for):
    plaatsing = place(world, make_plek(world.municipality), status=PlaatsingStatus.VOORGESTELD)
    client = client_for(world.users[Role.KLANTMANAGER])
    url = reverse("evaluatie_add", args=[world.person.pk, plaatsing.pk])
    assert client.get(url).status_code == 404


def test_evaluation_of_a_stranger_is_not_found(world, client_for):
    plaatsing = place(world, make_plek(world.municipality), person=world.stranger)
    client = client_for(world.users[Role.KLANTMANAGER])
    url = reverse("evaluatie_add", args=[world.stranger.pk, plaatsing.pk])
    assert client.get(url).status_code == 404


def _mine(world, **kw):
    return InburgeraarFactory(
        municipality=world.municipality, klantmanager=world.users[Role.KLANTMANAGER], **kw
    )


def test_werkvoorraad_signals_evaluation_overdue(world, client_for, travel):
    travel("2026-12-01")
    plek = make_plek(world.municipality, capacity=5)
    km = world.users[Role.KLANTMANAGER]
    # Started 2026-09-01, never evaluated: due 2026-10-27.
    place(world, plek, person=_mine(world), job_coach=km)
    # Evaluated 2026-11-01: due 2026-12-27, no signal.
    recent = place(world, plek, person=_mine(world), job_coach=km)
    Evaluatie.objects.create(
        plaatsing=recent, datum=date(2026, 11, 1), aanwezigheid="goed", voortgang="gelijk"
    )
    page = client_for(km).get(reverse("home")).content.decode()
    assert "Plaatsingen zonder recente evaluatie" in page
    assert page.count("Evaluatie van de plaatsing bij Zorgcentrum De Hofstede") == 1
    # A municipality with a longer period (lokaal beleid) has no signal yet.
    LocalRule.objects.create(
        municipality=world.municipality, name="plaatsing_evaluatie_signaal_weken", value=14
    )
    page = client_for(km).get(reverse("home")).content.decode()
    assert "Evaluatie van de plaatsing bij" not in page


def test_werkvoorraad_signals_persons_without_participation(world, client_for, travel):
    travel("2026-12-01")
    km = world.users[Role.KLANTMANAGER]
    idle = _mine(world, status=Status.IN_UITVOERING, last_name="Zonderwerk")
    working = _mine(world, status=Status.IN_UITVOERING, last_name="Metwerk")
    place(world, make_plek(world.municipality), person=working, start=date(2026, 11, 15))
    ended_long_ago = _mine(world, status=Status.IN_UITVOERING, last_name="Langgeleden")
    place(
        world,
        make_plek(world.municipality, name="Kluspunt"),
        person=ended_long_ago,
        status=PlaatsingStatus.AFGEROND,
        start=date(2026, 3, 1),
        end=date(2026, 6, 1),
    )
    outflow = _mine(world, status=Status.IN_UITVOERING, last_name="Uitgestroomd")
    Uitstroom.objects.create(inburgeraar=outflow, soort="betaald_werk", datum=date(2026, 11, 1))
    _mine(world, status=Status.INTAKE, last_name="Inintake")
    page = client_for(km).get(reverse("home")).content.decode()
    assert "Inburgeraars zonder participatie" in page
    page = page.split("Inburgeraars zonder participatie", 1)[1].split("<h2", 1)[0]
    assert "Zonderwerk" in page and "Langgeleden" in page
    assert "Metwerk" not in page and "Uitgestroomd" not in page and "Inintake" not in page
    assert reverse("plaatsing_add", args=[idle.pk]) in page


def test_klantmanager_records_outflow_to_work(world, client_for, travel):
    travel("2026-11-20")
    client = client_for(world.users[Role.KLANTMANAGER])
    url = reverse("uitstroom_add", args=[world.person.pk])
    page = client.get(url).content.decode()
    assert "Uitstroom vastleggen" in page
    response = client.post(url, {"soort": "betaald_werk", "datum": "2026-11-15"})
    page = response.content.decode()
    assert "Vul het aantal uren per week in." in page
    assert "Kies de soort contract." in page
    response = client.post(url, {"soort": "onderwijs", "datum": "2027-06-01"})
    page = response.content.decode()
    assert "Vul de opleiding in." in page
    assert "Leg uitstroom vast tot hoogstens drie maanden vooruit." in page
    response = client.post(
        url,
        {
            "soort": "betaald_werk",
            "datum": "2026-11-15",
            "uren_per_week": "24",
            "contract": "tijdelijk",
            "sector": "Zorg",
            "opleiding": "wordt niet bewaard",
        },
    )
    assert response.status_code == 302
    uitstroom = Uitstroom.objects.get()
    assert (uitstroom.uren_per_week, uitstroom.contract, uitstroom.opleiding) == (
        24,
        "tijdelijk",
        "",
    )
    assert AuditEvent.objects.filter(inburgeraar_id=world.person.pk, action="create").exists()
    page = client.get(reverse("person_detail", args=[world.person.pk])).content.decode()
    assert "15 november 2026: Betaald werk (24 uur per week, tijdelijk contract, Zorg)" in page


def test_outflow_out_of_bijstand_and_end_of_plicht(world, client_for, travel):
    travel("2026-11-20")
    client = client_for(world.users[Role.KLANTMANAGER])
    url = reverse("uitstroom_add", args=[world.person.pk])
    response = client.post(url, {"soort": "uit_bijstand", "datum": "2026-11-01"})
    assert "Kies of de bijstand volledig of gedeeltelijk stopt." in response.content.decode()
    client.post(url, {"soort": "uit_bijstand", "datum": "2026-11-01", "bijstand": "gedeeltelijk"})
    client.post(url, {"soort": "einde_plicht", "datum": "2026-11-02", "einde_plicht": "diploma"})
    page = client.get(reverse("person_detail", args=[world.person.pk])).content.decode()
    assert "Uit de bijstand (gedeeltelijk (aanvullende bijstand))" in page
    assert "Einde van de inburgeringsplicht (diploma of examens gehaald)" in page


@pytest.mark.parametrize("role", list(Role))
def test_only_work_managers_record_outflow(world, client_for, role):
    response = client_for(world.users[role]).get(reverse("uitstroom_add", args=[world.person.pk]))
    assert (response.status_code == 200) == (role in {Role.KLANTMANAGER, Role.COORDINATOR})
