"""Werkgevers, plekken and placements through the pages, as each role: capacity and the
status table in Dutch, the person's "Participatie en werk" section, scoping and audit."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from regie.core.audit import AuditEvent
from regie.core.roles import Role
from regie.work import services
from regie.work.models import Plaatsing, PlaatsingStatus, Werkgever
from tests.conftest import SEES_PERSON
from tests.factories import InburgeraarFactory
from tests.work.matrix import make_plek

pytestmark = pytest.mark.django_db


def place(world, plek, status=PlaatsingStatus.LOPEND, person=None, **kwargs):
    return Plaatsing.objects.create(
        inburgeraar=person or world.person,
        plek=plek,
        start=kwargs.pop("start", date(2026, 9, 1)),
        hours_per_week=16,
        status=status,
        **kwargs,
    )


def test_capacity_is_not_exceeded(world):
    plek = make_plek(world.municipality, capacity=1)
    place(world, plek)
    other = InburgeraarFactory(municipality=world.municipality)
    with pytest.raises(ValidationError, match="Deze plek is vol"):
        services.create_plaatsing(
            Plaatsing(
                inburgeraar=other,
                plek=plek,
                start=date(2026, 9, 1),
                hours_per_week=16,
                status=PlaatsingStatus.LOPEND,
            )
        )
    proposed = place(world, plek, status=PlaatsingStatus.VOORGESTELD, person=other)
    with pytest.raises(ValidationError, match="Deze plek is vol"):
        services.change_status(proposed, PlaatsingStatus.LOPEND)


def test_status_change_checks_table_and_reason(world):
    plek = make_plek(world.municipality)
    plaatsing = place(world, plek)
    with pytest.raises(ValidationError, match="kan niet naar 'Voorgesteld'"):
        services.change_status(plaatsing, PlaatsingStatus.VOORGESTELD)
    with pytest.raises(ValidationError, match="Kies de reden"):
        services.change_status(plaatsing, PlaatsingStatus.GESTOPT, date(2026, 10, 1))
    with pytest.raises(ValidationError, match="Licht de reden 'Andere reden' toe"):
        services.change_status(
            plaatsing, PlaatsingStatus.GESTOPT, date(2026, 10, 1), " ", reden="overig"
        )
    services.change_status(
        plaatsing, PlaatsingStatus.GESTOPT, date(2026, 10, 1), "Naar Zwolle", reden="verhuizing"
    )
    plaatsing.refresh_from_db()
    assert (plaatsing.status, plaatsing.end, plaatsing.stop_reden, plaatsing.stop_reason) == (
        "gestopt",
        date(2026, 10, 1),
        "verhuizing",
        "Naar Zwolle",
    )


def test_klantmanager_adds_a_placement_and_a_full_place_says_so(world, client_for):
    km = world.users[Role.KLANTMANAGER]
    plek = make_plek(world.municipality, capacity=1)
    other = InburgeraarFactory(municipality=world.municipality)
    place(world, plek, person=other)
    client = client_for(km)
    url = reverse("plaatsing_add", args=[world.person.pk])
    data = {
        "plek": plek.pk,
        "start": "2026-10-01",
        "end": "2027-03-31",
        "hours_per_week": 16,
        "days": "ma, wo",
        "job_coach": km.pk,
        "status": "lopend",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Deze plek is vol: er lopen al 1 plaatsingen op 1 plaatsen." in response.content.decode()
    assert 'value="ma, wo"' in response.content.decode()  # nothing lost
    data["status"] = "voorgesteld"
    response = client.post(url, data)
    assert response.status_code == 302
    plaatsing = Plaatsing.objects.get(inburgeraar=world.person)
    assert plaatsing.status == "voorgesteld"
    assert AuditEvent.objects.filter(inburgeraar_id=world.person.pk, action="create").exists()
    page = client.get(reverse("person_detail", args=[world.person.pk])).content.decode()
    assert "Participatie en werk" in page
    assert "Gastvrouw restaurant" in page
    assert "1 oktober 2026" in page


def test_end_date_before_start_is_refused_in_dutch(world, client_for):
    plek = make_plek(world.municipality)
    client = client_for(world.users[Role.KLANTMANAGER])
    response = client.post(
        reverse("plaatsing_add", args=[world.person.pk]),
        {
            "plek": plek.pk,
            "start": "2026-10-01",
            "end": "2026-09-01",
            "hours_per_week": 16,
            "status": "voorgesteld",
        },
    )
    assert "De einddatum ligt vóór de startdatum." in response.content.decode()
    assert not Plaatsing.objects.exists()


def test_ending_early_needs_a_reason_on_the_page(world, client_for):
    plaatsing = place(world, make_plek(world.municipality))
    client = client_for(world.users[Role.KLANTMANAGER])
    url = reverse("plaatsing_status", args=[world.person.pk, plaatsing.pk])
    response = client.post(url, {"status": "gestopt", "on": "2026-10-01", "reason": ""})
    assert "Kies de reden van voortijdig stoppen." in response.content.decode()
    response = client.post(
        url, {"status": "gestopt", "on": "2026-10-01", "reden": "overig", "reason": ""}
    )
    assert "Licht de reden &#x27;Andere reden&#x27; toe." in response.content.decode()
    response = client.post(
        url, {"status": "gestopt", "on": "2026-10-01", "reden": "gezondheid", "reason": "Ziek"}
    )
    assert response.status_code == 302
    plaatsing.refresh_from_db()
    assert plaatsing.status == "gestopt"
    page = client.get(url).content.decode()
    assert "Deze plaatsing is beëindigd." in page
    assert "Gezondheid" in page and "Ziek" in page


@pytest.mark.parametrize("role", list(Role))
def test_person_section_only_for_roles_that_see_the_person(world, client_for, role):
    place(world, make_plek(world.municipality))
    response = client_for(world.users[role]).get(reverse("person_detail", args=[world.person.pk]))
    shown = response.status_code == 200 and "Gastvrouw restaurant" in response.content.decode()
    assert shown == (
        SEES_PERSON[role] and role in {Role.KLANTMANAGER, Role.BEGELEIDER, Role.COORDINATOR}
    )


def test_register_is_scoped_to_served_municipalities(world, client_for):
    make_plek(world.municipality, name="Supermarkt Het Hoge Veld")
    make_plek(world.other_municipality, name="Bakkerij Elders")
    page = client_for(world.users[Role.REGISSEUR]).get(reverse("werkgever_list")).content.decode()
    assert "Supermarkt Het Hoge Veld" in page
    assert "Bakkerij Elders" not in page
    elders = Werkgever.objects.get(name="Bakkerij Elders")
    response = client_for(world.users[Role.KLANTMANAGER]).get(
        reverse("werkgever_detail", args=[elders.pk])
    )
    assert response.status_code == 404


def test_werkgever_form_errors_in_dutch(world, client_for):
    client = client_for(world.users[Role.KLANTMANAGER])
    response = client.post(
        reverse("werkgever_create"),
        {"name": "Kotten", "municipality": world.municipality.pk, "kvk_number": "12ab"},
    )
    assert "Een KvK-nummer bestaat uit 8 cijfers." in response.content.decode()
    response = client.post(
        reverse("werkgever_create"),
        {"name": "Kotten", "municipality": world.municipality.pk, "sbi_code": "2562"},
    )
    assert response.status_code == 302
    assert Werkgever.objects.get().sbi_code == "2562"


def test_detail_shows_free_seats_and_only_visible_placements(world, client_for):
    plek = make_plek(world.municipality, capacity=3)
    place(world, plek)
    stranger_plek_person = InburgeraarFactory(municipality=world.municipality)
    place(world, plek, person=stranger_plek_person)
    page = (
        client_for(world.users[Role.COORDINATOR])
        .get(reverse("werkgever_detail", args=[plek.werkgever_id]))
        .content.decode()
    )
    assert "1 van 3" in page
    assert reverse("person_detail", args=[world.person.pk]) in page
    assert reverse("person_detail", args=[stranger_plek_person.pk]) not in page


@pytest.mark.parametrize("name", ["werkgever_list", "werkgever_detail"])
def test_list_pages_constant_queries(world, client_for, django_assert_max_num_queries, name):
    client = client_for(world.users[Role.KLANTMANAGER])
    plek = make_plek(world.municipality, capacity=50)
    url = reverse(name, args=[plek.werkgever_id] if name == "werkgever_detail" else [])
    place(world, plek)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(8):
        extra = make_plek(world.municipality, capacity=5, name=f"Werkgever {i}")
        place(
            world,
            extra,
            person=InburgeraarFactory(
                municipality=world.municipality, klantmanager=world.users[Role.KLANTMANAGER]
            ),
        )
        place(
            world,
            plek,
            person=InburgeraarFactory(
                municipality=world.municipality, klantmanager=world.users[Role.KLANTMANAGER]
            ),
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_werkvoorraad_signals_placement_ending_within_4_weeks(world, client_for, travel):
    travel("2026-10-10")
    plek = make_plek(world.municipality)
    place(world, plek, end=date(2026, 11, 2), job_coach=world.users[Role.KLANTMANAGER])
    later = InburgeraarFactory(
        municipality=world.municipality, klantmanager=world.users[Role.KLANTMANAGER]
    )
    place(world, plek, person=later, end=date(2026, 12, 1))
    page = client_for(world.users[Role.KLANTMANAGER]).get(reverse("home")).content.decode()
    assert "Plaatsingen die binnen 4 weken eindigen" in page
    assert page.count("Plaatsing bij Zorgcentrum De Hofstede eindigt") == 1
