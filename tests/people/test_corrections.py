"""Registration data and households are corrected by someone allowed to, with a reason
that is required; the reason is in the audit log and the file's correction history, the
old and new values in the field history."""

import datetime as dt

import pytest
from django.urls import reverse

from regie.core.models import AuditEvent, FieldChange
from regie.core.roles import Role
from regie.people.models import Correctie, Household, Inburgeraar
from tests.factories import InburgeraarFactory

pytestmark = pytest.mark.django_db


def edit_data(person, **overrides):
    data = {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "bsn": person.bsn,
        "date_of_birth": person.date_of_birth.isoformat(),
        "gender": person.gender,
        "languages": ["ar"],
        "municipality": person.municipality_id,
        "doelgroep": person.doelgroep,
        "verblijfsvergunning": person.verblijfsvergunning,
        "regime": person.regime,
        "kennisgeving_date": person.kennisgeving_date.isoformat(),
        "klantmanager": person.klantmanager_id,
        "begeleider": person.begeleider_id,
    }
    data.update(overrides)
    return data


@pytest.fixture
def km_client(world, client_for):
    world.person.languages = "ar"
    world.person.save()
    return client_for(world.users[Role.KLANTMANAGER])


def test_a_correction_without_reason_is_refused_in_dutch(world, km_client):
    url = reverse("person_edit", args=[world.person.pk])
    response = km_client.post(url, edit_data(world.person, date_of_birth="1990-05-18"))
    assert response.status_code == 200
    assert "Geef de reden van de wijziging: die komt in de geschiedenis van het dossier." in (
        response.content.decode()
    )
    world.person.refresh_from_db()
    assert world.person.date_of_birth == dt.date(1990, 5, 17)
    assert not Correctie.objects.exists()


def test_a_correction_with_reason_appears_in_the_history(world, km_client):
    url = reverse("person_edit", args=[world.person.pk])
    response = km_client.post(
        url,
        edit_data(
            world.person,
            date_of_birth="1990-05-18",
            reason="Geboortedatum verkeerd overgenomen uit de kennisgeving",
        ),
        follow=True,
    )
    page = response.content.decode()
    assert "De wijziging is opgeslagen, met de reden in de geschiedenis." in page
    world.person.refresh_from_db()
    assert world.person.date_of_birth == dt.date(1990, 5, 18)
    # The file: the correction with its reason and who, the old and new value in the timeline.
    assert "Registratiegegevens: geboortedatum" in page
    assert "Geboortedatum verkeerd overgenomen uit de kennisgeving" in page
    assert "geboortedatum gewijzigd" in page and "17 mei 1990 → 18 mei 1990" in page
    change = FieldChange.objects.get(inburgeraar_id=world.person.pk, field="date_of_birth")
    assert (change.old_value, change.new_value) == ("1990-05-17", "1990-05-18")
    event = AuditEvent.objects.filter(inburgeraar_id=world.person.pk, object_type="correctie").get()
    assert "reden: Geboortedatum verkeerd overgenomen" in event.description


def test_saving_without_change_needs_no_reason(world, km_client):
    response = km_client.post(
        reverse("person_edit", args=[world.person.pk]), edit_data(world.person), follow=True
    )
    assert "Er is niets gewijzigd." in response.content.decode()
    assert not Correctie.objects.exists()


def test_the_household_is_corrected_with_reason_on_every_members_file(world, client_for):
    household = Household.objects.create(name="Huishouden Ahmadi", municipality=world.municipality)
    person = world.person
    person.household, person.household_role = household, "hoofd"
    person.save()
    partner = InburgeraarFactory(
        municipality=world.municipality,
        klantmanager=world.users[Role.KLANTMANAGER],
        household=household,
        household_role="kind",
        first_name="Yonas",
    )
    stranger = InburgeraarFactory(
        municipality=world.municipality,
        klantmanager=world.users[Role.KLANTMANAGER],
        household=household,
        household_role="kind",
        first_name="Niet",
    )
    client = client_for(world.users[Role.KLANTMANAGER])
    url = reverse("household_edit", args=[person.pk])
    detail = client.get(reverse("person_detail", args=[person.pk])).content.decode()
    assert "Huishouden corrigeren" in detail
    data = {
        "name": "Huishouden Ahmadi-Tesfay",
        f"role_{person.pk}": "hoofd",
        f"role_{partner.pk}": "partner",
        f"role_{stranger.pk}": "kind",
        f"remove_{stranger.pk}": "on",
    }
    refused = client.post(url, data)
    assert "Geef de reden van de wijziging" in refused.content.decode()
    household.refresh_from_db()
    assert household.name == "Huishouden Ahmadi"

    data["reason"] = "Yonas is de partner, geen kind; Niet woont elders"
    response = client.post(url, data, follow=True)
    page = response.content.decode()
    assert "Het huishouden is gecorrigeerd, met de reden in de geschiedenis." in page
    household.refresh_from_db()
    partner.refresh_from_db()
    stranger.refresh_from_db()
    assert household.name == "Huishouden Ahmadi-Tesfay"
    assert partner.household_role == "partner"
    assert stranger.household is None
    assert "Yonas is de partner, geen kind; Niet woont elders" in page
    assert "Huishouden Ahmadi → Huishouden Ahmadi-Tesfay" in page
    # The history names choices by their label, never by code.
    assert "Kind → Partner" in partner_page_text(client, partner)
    # Every member's file shows it, and the field history holds the old role.
    partner_page = client.get(reverse("person_detail", args=[partner.pk])).content.decode()
    assert "Yonas is de partner, geen kind" in partner_page
    assert FieldChange.objects.filter(
        inburgeraar_id=partner.pk, field="household_role", old_value="kind", new_value="partner"
    ).exists()
    assert Correctie.objects.filter(inburgeraar=stranger).exists()


def test_roles_that_cannot_correct_are_told_who_can(world, client_for):
    client = client_for(world.users[Role.BEGELEIDER])
    page = client.get(reverse("person_detail", args=[world.person.pk])).content.decode()
    assert "Registratiegegevens en het huishouden corrigeert de klantmanager." in page
    refused = client.get(reverse("household_edit", args=[world.person.pk]))
    assert refused.status_code == 403
    assert "Dit kan alleen de klantmanager." in refused.content.decode()
    assert Inburgeraar.objects.filter(pk=world.person.pk).exists()


def test_a_bsn_correction_is_not_shown_to_a_role_without_bsn(world, client_for):
    from regie.people import services

    Correctie.objects.create(
        inburgeraar=world.person, subject="registratie", fields="bsn", reason="typfout"
    )
    assert services.corrections_for(world.person, world.users[Role.AANBIEDER]) == []
    assert len(services.corrections_for(world.person, world.users[Role.KLANTMANAGER])) == 1


def partner_page_text(client, partner):
    return client.get(reverse("person_detail", args=[partner.pk])).content.decode()
