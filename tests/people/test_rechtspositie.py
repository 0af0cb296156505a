"""Issue 18 point 3: the residence permit is recorded on the person (registration and
correction with a reason), shown on the file with what follows from it, exposed in the API,
and used for the decisions the doelgroep used to make: ontzorging (Pw 56a, also closing
point 9's 'ontzorging started for a Wi 2013 person'), begeleiding and art. 23."""

import importlib

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from regie.core.models import FieldChange
from regie.core.roles import Role
from regie.people.models import Correctie, Inburgeraar
from regie.rules.category import PERMIT_FOR_DOELGROEP
from tests.people.test_corrections import edit_data
from tests.people.test_registry_forms import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def km_client(world, client_for):
    world.person.languages = "ar"
    world.person.save()
    return client_for(world.users[Role.KLANTMANAGER])


def test_register_a_family_member_of_an_asylum_holder(world, km_client):
    data = form_data(world, verblijfsvergunning="gezin_asiel", doelgroep="gezinsmigrant")
    response = km_client.post(reverse("person_create"), data, follow=True)
    person = Inburgeraar.objects.get(bsn="111222333")
    assert person.verblijfsvergunning == "gezin_asiel"
    page = response.content.decode()
    assert "Regulier, als gezinslid van een asielstatushouder" in page
    assert "Recht op maatschappelijke begeleiding (Wet inburgering 2021 art. 13)." in page
    assert "Norm Z-route: 800 cursusuren en 800 uren participatie" in page


def test_the_permit_is_required_on_registration(world, km_client):
    data = form_data(world)
    del data["verblijfsvergunning"]
    response = km_client.post(reverse("person_create"), data)
    assert response.status_code == 200
    assert not Inburgeraar.objects.filter(bsn="111222333").exists()


def test_a_selfpayer_file_says_who_arranges_the_route(world, km_client):
    world.person.verblijfsvergunning = "gezin"
    world.person.doelgroep = "gezinsmigrant"
    world.person.save()
    page = km_client.get(reverse("person_detail", args=[world.person.pk])).content.decode()
    assert "Regulier, gezinsmigratie" in page
    assert "Regelt en betaalt de leerroute zelf" in page and "art. 19 en 20" in page
    assert "niet voor lessen" in page


def test_correcting_the_permit_needs_a_reason_and_is_kept(world, km_client):
    url = reverse("person_edit", args=[world.person.pk])
    response = km_client.post(url, edit_data(world.person, verblijfsvergunning="gezin_asiel"))
    assert "Geef de reden van de wijziging" in response.content.decode()
    world.person.refresh_from_db()
    assert world.person.verblijfsvergunning == "asiel"
    km_client.post(
        url,
        edit_data(
            world.person,
            verblijfsvergunning="gezin_asiel",
            reason="Verblijfsvergunning regulier volgens de IND-beschikking.",
        ),
    )
    world.person.refresh_from_db()
    assert world.person.verblijfsvergunning == "gezin_asiel"
    assert Correctie.objects.get(inburgeraar=world.person).fields == "verblijfsvergunning"
    change = FieldChange.objects.get(inburgeraar_id=world.person.pk, field="verblijfsvergunning")
    assert (change.old_value, change.new_value) == ("asiel", "gezin_asiel")


def test_the_api_shows_the_permit(world):
    from rest_framework.test import APIClient

    from regie.api.models import ApiToken

    _token, raw = ApiToken.issue(world.users[Role.KLANTMANAGER], "test")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    body = client.get(reverse("api-inburgeraar-detail", args=[world.person.pk])).json()
    assert body["verblijfsvergunning"] == "asiel"


def test_existing_rows_get_the_permit_their_doelgroep_implies():
    migration = importlib.import_module("regie.people.migrations.0006_verblijfsvergunning")
    assert {
        doelgroep: permit.value for doelgroep, permit in PERMIT_FOR_DOELGROEP.items()
    } == migration.PERMIT_FOR_DOELGROEP
    person = Inburgeraar(doelgroep="gezinsmigrant")
    assert person.default_permit() == "gezin"


# --- decisions that follow the category ----------------------------------------------------


@pytest.mark.parametrize(
    "permit,regime,eligible",
    [
        ("asiel", "wi2021", True),
        ("asiel", "wi2013", False),  # issue 18 point 9
        ("gezin_asiel", "wi2021", False),
        ("gezin", "wi2021", False),
    ],
)
def test_ontzorging_follows_participatiewet_56a(world, permit, regime, eligible):
    from regie.finance import services as finance

    person = world.person
    person.verblijfsvergunning, person.regime = permit, regime
    person.save()
    problem = finance.eligibility_problem(person)
    assert (problem is None) is eligible
    if not eligible:
        assert "met een asielvergunning voor bepaalde tijd en bijstand" in problem


def test_no_lesson_fine_signal_for_a_selfpayer(world):
    from regie.enforcement import services
    from regie.enforcement.models import Signaalbron
    from tests.enforcement.conftest import TODAY, give_pip

    person = world.person
    person.verblijfsvergunning, person.doelgroep, person.status = (
        "gezin",
        "gezinsmigrant",
        "in_uitvoering",
    )
    person.save()
    give_pip(person, world.aanbieder, TODAY())
    km = world.users[Role.KLANTMANAGER]
    with pytest.raises(ValidationError) as refused:
        services.open_case(person, Signaalbron.AANWEZIGHEID, TODAY(), "Vaak afwezig.", km)
    assert "Een boete voor de lessen kan alleen als de gemeente" in " ".join(refused.value.messages)
    # Not cooperating with the ondersteuning can still be fined (Wi 15 lid 1 b, 23).
    assert (
        services.open_case(
            person, Signaalbron.PIP_VERPLICHTINGEN, TODAY(), "Niet gekomen.", km
        ).grondslag
        == "art23"
    )


def test_begeleiding_includes_the_family_member_on_a_regular_permit(world):
    from regie.guidance.services import in_guidance

    person = world.person
    person.verblijfsvergunning, person.doelgroep = "gezin_asiel", "gezinsmigrant"
    person.save()
    assert list(in_guidance(Inburgeraar.objects.filter(pk=person.pk))) == [person]
    person.verblijfsvergunning = "gezin"
    person.save()
    assert not in_guidance(Inburgeraar.objects.filter(pk=person.pk)).exists()


def test_only_roles_that_see_the_ontzorging_are_told_about_it(world, client_for):
    url = reverse("person_detail", args=[world.person.pk])
    km_page = client_for(world.users[Role.KLANTMANAGER]).get(url).content.decode()
    assert "Financiële ontzorging bij bijstand (Participatiewet art. 56a)." in km_page
    aanbieder_page = client_for(world.users[Role.AANBIEDER]).get(url).content.decode()
    assert "Rechtspositie" in aanbieder_page
    assert "ontzorging" not in aanbieder_page.lower()
