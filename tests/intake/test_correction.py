"""Correcting what was recorded in the brede intake: a gesprek (who took part, e.g. the
senior begeleider who was there after all) and the result of a leerbaarheidstoets. Only
with a reason; the old and new values land in the field history and the audit log."""

import datetime as dt

import pytest
from django.urls import reverse

from regie.core.models import AuditAction, AuditEvent, FieldChange
from regie.core.roles import Role
from tests.factories import BredeIntakeFactory, IntakeGesprekFactory, LeerbaarheidstoetsFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today(travel):
    travel("2026-11-02")


@pytest.fixture
def km(world):
    return world.users[Role.KLANTMANAGER]


@pytest.fixture
def senior(world):
    begeleider = world.users[Role.BEGELEIDER]
    begeleider.is_senior = True
    begeleider.save()
    return begeleider


@pytest.fixture
def gesprek(world, km):
    """A completed intake whose first gesprek was recorded without the senior begeleider."""
    intake = BredeIntakeFactory(inburgeraar=world.person, completed=True)
    return IntakeGesprekFactory(
        intake=intake, date=dt.date(2026, 9, 15), participants=[km], notes="Kennismaking."
    )


def correction_post(km, senior, **overrides):
    data = {
        "date": "2026-09-15",
        "participants": [km.pk, senior.pk],
        "other_participants": "",
        "notes": "Kennismaking.",
        "correctie_reden": "De senior begeleider was erbij maar is vergeten aan te vinken.",
    }
    data.update(overrides)
    return data


def test_correcting_the_participants_removes_the_senior_warning(
    world, km, senior, gesprek, client_for
):
    client = client_for(km)
    detail = reverse("intake_detail", args=[world.person.pk])
    page = client.get(detail).content.decode()
    assert "gevoerd zonder senior maatschappelijk begeleider" in page
    assert "15 september 2026" in page  # the date of the warning in full Dutch
    url = reverse("intake_gesprek_correct", args=[world.person.pk, gesprek.pk])
    assert url in page  # the 'Corrigeren' link of the gesprek
    assert "Het eerste gesprek corrigeren" in page  # and in the warning itself

    form = client.get(url).content.decode()
    assert "Gesprek van 15 september 2026" in form and "Reden van de correctie" in form

    response = client.post(url, correction_post(km, senior), follow=True)
    content = response.content.decode()
    assert "Het gesprek is gecorrigeerd." in content
    assert "gevoerd zonder senior maatschappelijk begeleider" not in content
    assert f"{senior} (senior)" in content
    assert "De senior begeleider was erbij maar is vergeten aan te vinken." in content

    change = FieldChange.objects.get(object_type="intakegesprek", field="participants")
    assert change.old_value == str(km)
    assert change.new_value == ", ".join(sorted([str(km), str(senior)]))
    assert FieldChange.objects.filter(object_type="intakegesprek", field="correctie_reden").exists()
    assert AuditEvent.objects.filter(
        action=AuditAction.UPDATE,
        object_type="intakegesprek",
        description__contains="vergeten aan te vinken",
        username=km.username,
    ).exists()
    timeline = client.get(reverse("person_detail", args=[world.person.pk])).content.decode()
    assert "deelnemers (medewerkers) gewijzigd" in timeline


def test_a_correction_without_reason_is_refused_and_keeps_the_input(
    world, km, senior, gesprek, client_for
):
    url = reverse("intake_gesprek_correct", args=[world.person.pk, gesprek.pk])
    response = client_for(km).post(
        url, correction_post(km, senior, correctie_reden="  ", notes="Kennismaking, aangevuld.")
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Geef de reden van de correctie; die komt in de historie." in content
    assert "Kennismaking, aangevuld." in content
    gesprek.refresh_from_db()
    assert list(gesprek.participants.all()) == [km]
    assert not FieldChange.objects.filter(object_type="intakegesprek").exists()


def test_only_who_may_change_the_intake_corrects(world, gesprek, client_for):
    url = reverse("intake_gesprek_correct", args=[world.person.pk, gesprek.pk])
    assert client_for(world.users[Role.BEGELEIDER]).get(url).status_code == 403
    stranger_url = reverse("intake_gesprek_correct", args=[world.stranger.pk, gesprek.pk])
    assert client_for(world.users[Role.KLANTMANAGER]).get(stranger_url).status_code == 404


def test_a_toets_result_is_corrected_with_a_reason(world, km, client_for):
    toets = LeerbaarheidstoetsFactory(
        inburgeraar=world.person, status="afgenomen", b1_haalbaar=False, toetsbegeleider=km
    )
    client = client_for(km)
    page = client.get(reverse("toets_detail", args=[world.person.pk])).content.decode()
    assert "Uitslag corrigeren" in page
    url = reverse("toets_result", args=[world.person.pk, toets.pk])
    data = {
        "status": "afgenomen",
        "date": toets.date.isoformat(),
        "b1_haalbaar": "ja",
        "outcome": "",
    }
    refused = client.post(url, {**data, "correctie_reden": ""})
    assert "Geef de reden van de correctie; die komt in de historie." in refused.content.decode()
    toets.refresh_from_db()
    assert toets.b1_haalbaar is False

    response = client.post(
        url,
        {**data, "correctie_reden": "Uitslag van Bureau ICE verkeerd overgenomen."},
        follow=True,
    )
    content = response.content.decode()
    assert "De uitslag is gecorrigeerd." in content
    assert "B1 is haalbaar" in content and "verkeerd overgenomen" in content
    change = FieldChange.objects.get(object_type="leerbaarheidstoets", field="b1_haalbaar")
    assert (change.old_value, change.new_value) == ("False", "True")
