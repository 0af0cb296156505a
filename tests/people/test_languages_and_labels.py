"""Spoken languages chosen from a list, stored as codes and shown by their Dutch names;
persons and households in dropdowns with what tells equal names apart."""

import datetime as dt
import importlib

import pytest
from django.apps import apps as django_apps
from django.urls import reverse

from regie.core.roles import Role
from regie.people.forms import InburgeraarForm
from regie.people.models import Household, Inburgeraar
from tests.factories import InburgeraarFactory
from tests.people.test_registry_forms import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def km_client(world, client_for):
    return client_for(world.users[Role.KLANTMANAGER])


def test_languages_are_ticked_stored_as_codes_and_shown_by_name(world, km_client):
    form = km_client.get(reverse("person_create")).content.decode()
    assert 'type="checkbox" name="languages" value="ti"' in form
    assert "Tigrinya" in form and "Pasjtoe" in form and "Oekraïens" in form
    response = km_client.post(reverse("person_create"), form_data(world, languages=["ti", "ar"]))
    person = Inburgeraar.objects.get(bsn="111222333")
    assert response.status_code == 302
    assert person.languages == "ti, ar"
    detail = km_client.get(reverse("person_detail", args=[person.pk])).content.decode()
    assert "Tigrinya, Arabisch" in detail
    assert "ti, ar" not in detail
    km_client.post(
        reverse("person_edit", args=[person.pk]),
        {
            **form_data(world, languages=["ti", "ar", "so"]),
            "reason": "Spreekt ook Somalisch",
        },
    )
    detail = km_client.get(reverse("person_detail", args=[person.pk])).content.decode()
    assert "Tigrinya, Arabisch → Tigrinya, Arabisch, Somalisch" in detail
    # The edit form has both ticked.
    edit = km_client.get(reverse("person_edit", args=[person.pk])).content.decode()
    assert 'value="ti" id="id_languages_' in edit
    assert edit.count("checked") >= 2


def test_languages_typed_as_names_are_understood_not_refused(world, km_client):
    km_client.post(reverse("person_create"), form_data(world, languages="Tigrinya, Arabisch"))
    assert Inburgeraar.objects.get(bsn="111222333").languages == "ti, ar"


def test_an_unknown_language_gets_a_dutch_message(world, km_client):
    response = km_client.post(reverse("person_create"), form_data(world, languages="Klingon"))
    assert "Onbekende taal: klingon. Kies de talen uit de lijst." in response.content.decode()
    assert not Inburgeraar.objects.filter(bsn="111222333").exists()


def test_the_data_migration_turns_free_text_into_codes(world):
    typed = InburgeraarFactory(municipality=world.municipality, languages="Tigrinya, Arabisch")
    codes = InburgeraarFactory(municipality=world.municipality, languages="AR; en")
    odd = InburgeraarFactory(municipality=world.municipality, languages="ar, Xhosa-dialect")
    migration = importlib.import_module("regie.people.migrations.0003_languages_as_codes")
    migration.to_codes(django_apps, None)
    for person, expected in ((typed, "ti, ar"), (codes, "ar, en"), (odd, "ar, xhosa-dialect")):
        person.refresh_from_db()
        assert person.languages == expected
    # A code outside the list stays choosable on the form, so saving loses nothing.
    form = InburgeraarForm(instance=odd, user=world.users[Role.KLANTMANAGER])
    assert ("xhosa-dialect", "xhosa-dialect") in form.fields["languages"].choices


def test_same_names_differ_in_dropdowns(world, client_for):
    from tests.factories import ActivityFactory, SessionFactory

    sara1 = InburgeraarFactory(
        municipality=world.municipality,
        first_name="Sara",
        last_name="Al-Ahdal",
        date_of_birth=dt.date(1990, 3, 12),
        klantmanager=world.users[Role.KLANTMANAGER],
        begeleider=world.users[Role.BEGELEIDER],
    )
    sara2 = InburgeraarFactory(
        municipality=world.municipality,
        first_name="Sara",
        last_name="Al-Ahdal",
        date_of_birth=dt.date(2001, 7, 1),
        begeleider=world.users[Role.BEGELEIDER],
    )
    activity = ActivityFactory(
        municipality=world.municipality,
        organiser=world.sociaal_team,
        coordinator_organisation=world.sociaal_team,
    )
    SessionFactory(activity=activity)
    page = (
        client_for(world.users[Role.COORDINATOR])
        .get(reverse("activity_participants", args=[activity.pk]))
        .content.decode()
    )
    assert f"Sara Al-Ahdal (12-03-1990, nr {sara1.pk})" in page
    assert f"Sara Al-Ahdal (01-07-2001, nr {sara2.pk})" in page

    first = Household.objects.create(name="Huishouden Ahmadi", municipality=world.municipality)
    second = Household.objects.create(name="Huishouden Ahmadi", municipality=world.municipality)
    InburgeraarFactory(
        municipality=world.municipality, household=first, street="Kerkstraat", house_number="4"
    )
    InburgeraarFactory(
        municipality=world.municipality, household=second, street="Misterweg", house_number="12a"
    )
    empty = Household.objects.create(name="Huishouden Ahmadi", municipality=world.municipality)
    km_client = client_for(world.users[Role.KLANTMANAGER])
    form = km_client.get(reverse("person_create")).content.decode()
    assert f"Huishouden Ahmadi (Kerkstraat 4, nr {first.pk})" in form
    assert f"Huishouden Ahmadi (Misterweg 12a, nr {second.pk})" in form
    assert f"Huishouden Ahmadi (nr {empty.pk})" in form
