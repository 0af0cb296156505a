"""Registering and changing persons: Dutch errors for bad input, nothing half-saved,
every change in the audit log and the field history, status through the table."""

import datetime as dt

import pytest
from django.urls import reverse

from regie.core.models import AuditAction, AuditEvent, FieldChange
from regie.core.roles import Role
from regie.people.models import Inburgeraar, StatusChange
from tests.factories import valid_bsn


def form_data(world, **overrides):
    data = {
        "first_name": "Rania",
        "last_name": "Haddad",
        "bsn": "111222333",
        "date_of_birth": "1991-03-04",
        "gender": "v",
        "nationality": "Syrische",
        "languages": ["ar", "en"],
        "municipality": world.municipality.pk,
        "doelgroep": "asielmigrant",
        "verblijfsvergunning": "asiel",
        "regime": "wi2021",
        "kennisgeving_date": "2026-10-01",
        "brp_date": "2026-10-05",
        "housing_date": "2026-10-05",
        "klantmanager": world.users[Role.KLANTMANAGER].pk,
    }
    data.update(overrides)
    return data


@pytest.fixture
def km_client(world, client_for):
    return client_for(world.users[Role.KLANTMANAGER])


def test_register_a_person(world, km_client):
    response = km_client.post(reverse("person_create"), form_data(world))
    person = Inburgeraar.objects.get(bsn="111222333")
    assert response.status_code == 302
    assert response["Location"] == reverse("person_detail", args=[person.pk])
    assert AuditEvent.objects.filter(
        action=AuditAction.CREATE, inburgeraar_id=person.pk, username="klantmanager"
    ).exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"bsn": "123456789"}, "bsn", "elfproef"),
        ({"bsn": "12345"}, "bsn", "elfproef"),
        ({"housing_date": "1980-01-01"}, "housing_date", "vóór de geboortedatum"),
        ({"kennisgeving_date": "2099-01-01"}, "kennisgeving_date", "toekomst"),
        ({"date_of_birth": "2099-01-01"}, "date_of_birth", "toekomst"),
        ({"languages": "arabisch!"}, "languages", "Kies de talen uit de lijst"),
        ({"interpreter_needed": "on"}, "interpreter_language", "tolk"),
        ({"date_of_birth": "31-02-1990"}, "date_of_birth", "geldige datum"),
    ],
)
def test_bad_input_gets_a_dutch_message_and_saves_nothing(
    world, km_client, overrides, field, message
):
    before = Inburgeraar.objects.count()
    response = km_client.post(reverse("person_create"), form_data(world, **overrides))
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors.get(field, []))
    assert message in errors.lower() or message in errors
    assert Inburgeraar.objects.count() == before
    assert "Het formulier is niet opgeslagen" in response.content.decode()


def test_duplicate_bsn_in_one_municipality_is_refused(world, km_client):
    data = form_data(world, bsn=world.person.bsn)
    response = km_client.post(reverse("person_create"), data)
    assert response.status_code == 200
    assert "al een inburgeraar met dit BSN" in response.content.decode()
    assert Inburgeraar.objects.filter(bsn=world.person.bsn).count() == 1


def test_same_bsn_in_another_municipality_is_a_different_registration(world):
    # One installation serves several municipalities; a person who moved can exist twice.
    from tests.factories import InburgeraarFactory

    InburgeraarFactory(municipality=world.other_municipality, bsn=world.person.bsn)
    assert Inburgeraar.objects.filter(bsn=world.person.bsn).count() == 2


def test_municipality_outside_the_users_organisation_is_refused(world, km_client):
    response = km_client.post(
        reverse("person_create"), form_data(world, municipality=world.other_municipality.pk)
    )
    assert response.status_code == 200
    assert "municipality" in response.context["form"].errors
    assert not Inburgeraar.objects.filter(bsn="111222333").exists()


def test_edit_records_field_history_and_timeline(world, km_client):
    person = world.person
    data = form_data(
        world,
        bsn=person.bsn,
        first_name=person.first_name,
        last_name=person.last_name,
        city="Winterswijk",
        reason="Woonplaats ontbrak bij de aanmelding",
    )
    response = km_client.post(reverse("person_edit", args=[person.pk]), data)
    assert response.status_code == 302
    change = FieldChange.objects.get(inburgeraar_id=person.pk, field="city")
    assert (change.old_value, change.new_value, change.username) == (
        "",
        "Winterswijk",
        "klantmanager",
    )
    page = km_client.get(reverse("person_detail", args=[person.pk])).content.decode()
    assert "woonplaats gewijzigd" in page.lower()
    assert "Woonplaats ontbrak bij de aanmelding" in page


def test_status_follows_the_transition_table(world, km_client):
    person = world.person
    url = reverse("person_status", args=[person.pk])
    km_client.post(url, {"status": "intake"})
    person.refresh_from_db()
    assert person.status == "intake"
    # Not allowed from intake: straight to afgerond.
    response = km_client.post(url, {"status": "afgerond"}, follow=True)
    person.refresh_from_db()
    assert person.status == "intake"
    assert "geldige keuze" in response.content.decode()
    # Ending needs a reason.
    km_client.post(url, {"status": "vertrokken", "reason": ""})
    person.refresh_from_db()
    assert person.status == "intake"
    km_client.post(url, {"status": "vertrokken", "reason": "Verhuisd naar Aalten"})
    person.refresh_from_db()
    assert person.status == "vertrokken"
    assert list(
        StatusChange.objects.filter(inburgeraar=person).values_list("to_status", flat=True)
    ) == ["vertrokken", "intake"]


def test_begeleider_cannot_change_status(world, client_for):
    client = client_for(world.users[Role.BEGELEIDER])
    response = client.post(reverse("person_status", args=[world.person.pk]), {"status": "intake"})
    assert response.status_code == 403
    world.person.refresh_from_db()
    assert world.person.status == "aangemeld"


def test_search_by_bsn_and_name(world, km_client):
    url = reverse("person_list")
    by_bsn = km_client.get(url, {"q": world.person.bsn})
    assert list(by_bsn.context["page"].object_list) == [world.person]
    by_name = km_client.get(url, {"q": world.person.last_name.upper()})
    assert world.person in by_name.context["page"].object_list
    nobody = km_client.get(url, {"q": valid_bsn(99999)})
    assert by_bsn.status_code == nobody.status_code == 200
    assert list(nobody.context["page"].object_list) == []


def test_htmx_search_returns_only_the_results(world, km_client):
    response = km_client.get(reverse("person_list"), {"q": "x"}, HTTP_HX_REQUEST="true")
    assert b"<html" not in response.content
    assert b"gevonden" in response.content


def test_list_shows_the_pip_deadline(world, km_client):
    world.person.kennisgeving_date = dt.date.today() - dt.timedelta(days=60)
    world.person.brp_date = None
    world.person.save()
    response = km_client.get(reverse("person_list"))
    assert "PIP vaststellen" in response.content.decode()


def test_a_new_household_is_created_with_the_person(world, km_client):
    data = form_data(world, new_household="Huishouden Haddad", household_role="hoofd")
    assert km_client.post(reverse("person_create"), data).status_code == 302
    person = Inburgeraar.objects.get(bsn="111222333")
    assert person.household.name == "Huishouden Haddad"
    assert person.household.municipality == world.municipality


def test_household_without_role_is_refused(world, km_client):
    data = form_data(world, new_household="Huishouden Haddad")
    response = km_client.post(reverse("person_create"), data)
    assert "household_role" in response.context["form"].errors
    assert not Inburgeraar.objects.filter(bsn="111222333").exists()


def test_duplicate_bsn_outside_the_users_scope_reveals_nothing_and_is_logged(world, client_for):
    """Issue 17, finding 10: a klantmanager of another team (who may not see the existing
    file) learns only that the BSN cannot be registered here, and the attempt is on the
    existing person's audit trail. Before, the message said a person with this BSN exists
    and nothing was logged."""
    from tests.factories import TeamFactory, UserFactory

    other_team = TeamFactory(organisation=world.uitvoerder, name="Team Anders")
    km2 = UserFactory(
        username="km.anders",
        organisation=world.uitvoerder,
        team=other_team,
        roles=[Role.KLANTMANAGER],
    )
    assert not Inburgeraar.objects.for_user(km2).filter(pk=world.person.pk).exists()
    response = client_for(km2).post(
        reverse("person_create"), form_data(world, bsn=world.person.bsn)
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Dit BSN kan in deze gemeente niet worden ingeschreven." in text
    assert "al een inburgeraar met dit BSN" not in text
    assert Inburgeraar.objects.filter(bsn=world.person.bsn).count() == 1
    event = AuditEvent.objects.get(username="km.anders", inburgeraar_id=world.person.pk)
    assert event.action == AuditAction.SEARCH
    assert "inschrijving geweigerd" in event.description
