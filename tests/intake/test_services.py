"""The intake services: starting and completing, the one-to-one offer (Besluit art. 5.2
lid 2), the senior-begeleider warning by local rule, the toets rules, route advice."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from freezegun import freeze_time

from regie.core.localrules import set_local_value
from regie.core.roles import Role
from regie.intake import services
from regie.intake.models import BredeIntake, Leerbaarheidstoets
from regie.people.models import StatusChange
from regie.rules import Leerroute
from tests.factories import (
    BredeIntakeFactory,
    InburgeraarFactory,
    IntakeGesprekFactory,
    LeerbaarheidstoetsFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


# --- starting ---------------------------------------------------------------------------


def test_starting_moves_aangemeld_to_intake_once(world):
    person = world.person
    intake = services.start_intake(person, started_on=dt.date(2026, 9, 10))
    person.refresh_from_db()
    assert person.status == "intake"
    assert intake.status == "concept" and intake.started_on == dt.date(2026, 9, 10)
    assert StatusChange.objects.filter(inburgeraar=person, to_status="intake").count() == 1
    # Starting again returns the same draft and changes nothing.
    assert services.start_intake(person) == intake
    assert StatusChange.objects.filter(inburgeraar=person).count() == 1


def test_starting_leaves_a_status_alone_when_the_transition_is_not_allowed(world):
    person = InburgeraarFactory(municipality=world.municipality, status="in_uitvoering")
    services.start_intake(person)
    person.refresh_from_db()
    assert person.status == "in_uitvoering"
    assert not StatusChange.objects.filter(inburgeraar=person).exists()


def test_a_completed_intake_is_not_started_again(world):
    BredeIntakeFactory(inburgeraar=world.person, completed=True)
    with pytest.raises(ValidationError, match="al afgerond"):
        services.start_intake(world.person)


def test_only_one_draft_per_person_in_the_database(world):
    BredeIntakeFactory(inburgeraar=world.person)
    with pytest.raises(IntegrityError), transaction.atomic():
        BredeIntake.objects.create(inburgeraar=world.person, started_on=dt.date(2026, 9, 1))


# --- completing: the offer of a gesprek without the partner ------------------------------


def test_completing_without_the_one_to_one_offer_is_refused_in_dutch(world):
    intake = BredeIntakeFactory(inburgeraar=world.person)
    IntakeGesprekFactory(intake=intake)
    with pytest.raises(ValidationError) as refused:
        services.complete_intake(intake, "km")
    message = " ".join(refused.value.messages)
    assert "zonder partner" in message and "art. 5.2 lid 2" in message
    intake.refresh_from_db()
    assert intake.status == "concept" and intake.completed_on is None
    assert not services.intake_completed(world.person)


def test_completing_after_recording_the_offer(world):
    intake = BredeIntakeFactory(inburgeraar=world.person, alone_offered_on=dt.date(2026, 9, 15))
    IntakeGesprekFactory(intake=intake)
    LeerbaarheidstoetsFactory(inburgeraar=world.person, taken=True)
    services.complete_intake(intake, "km", on=dt.date(2026, 10, 2))
    intake.refresh_from_db()
    assert intake.status == "afgerond"
    assert (intake.completed_on, intake.completed_by) == (dt.date(2026, 10, 2), "km")
    assert services.intake_completed(world.person)
    assert services.latest_intake(world.person) == intake


def test_completing_needs_a_gesprek_schooling_and_literacy(world):
    intake = BredeIntakeFactory(
        inburgeraar=world.person,
        alone_offered_on=dt.date(2026, 9, 15),
        opleidingsniveau="",
        geletterdheid="",
    )
    problems = services.completion_problems(intake, 0, toets_settled_=True)
    assert len(problems) == 3
    assert any("gesprek" in p for p in problems)
    assert any("opleiding" in p for p in problems)
    assert any("geletterdheid" in p for p in problems)


def test_a_completed_intake_cannot_be_completed_again(world):
    intake = BredeIntakeFactory(inburgeraar=world.person, completed=True)
    with pytest.raises(ValidationError, match="al afgerond"):
        services.complete_intake(intake, "km")


def test_reopening_only_before_the_pip(world):
    intake = BredeIntakeFactory(inburgeraar=world.person, completed=True)
    world.person.status = "pip_vastgesteld"
    world.person.save()
    with pytest.raises(ValidationError, match="PIP"):
        services.reopen_intake(intake)
    world.person.status = "intake"
    world.person.save()
    services.reopen_intake(intake)
    intake.refresh_from_db()
    assert intake.status == "concept" and intake.completed_on is None


# --- the senior begeleider at the first gesprek with an asielmigrant ----------------------


@pytest.fixture
def senior(world):
    return UserFactory(organisation=world.sociaal_team, roles=[Role.BEGELEIDER], is_senior=True)


def _first_gesprek(world, *participants, person=None):
    intake = BredeIntakeFactory(inburgeraar=person or world.person)
    IntakeGesprekFactory(intake=intake, date=dt.date(2026, 9, 15), participants=participants)
    return services.gesprekken_of(intake)


def test_warning_when_the_first_gesprek_lacks_a_senior_begeleider(world):
    km = world.users[Role.KLANTMANAGER]
    gesprekken = _first_gesprek(world, km, world.users[Role.BEGELEIDER])  # not senior
    warning = services.senior_begeleider_warning(world.person, gesprekken)
    assert (
        warning
        and "senior maatschappelijk begeleider" in warning
        and "15 september 2026" in warning
    )


def test_no_warning_with_a_senior_begeleider(world, senior):
    gesprekken = _first_gesprek(world, world.users[Role.KLANTMANAGER], senior)
    assert services.senior_begeleider_warning(world.person, gesprekken) is None


def test_a_senior_klantmanager_is_not_a_senior_begeleider(world):
    senior_km = UserFactory(
        organisation=world.uitvoerder, roles=[Role.KLANTMANAGER], is_senior=True
    )
    gesprekken = _first_gesprek(world, senior_km)
    assert services.senior_begeleider_warning(world.person, gesprekken) is not None


def test_only_the_first_gesprek_counts(world, senior):
    km = world.users[Role.KLANTMANAGER]
    gesprekken = _first_gesprek(world, km)
    IntakeGesprekFactory(
        intake=gesprekken[0].intake, date=dt.date(2026, 9, 30), participants=[km, senior]
    )
    gesprekken = services.gesprekken_of(gesprekken[0].intake)
    assert services.senior_begeleider_warning(world.person, gesprekken) is not None


def test_warning_off_by_local_rule(world):
    set_local_value(world.municipality, "senior_begeleider_eerste_gesprek_asiel", 0, "beheerder")
    world.person.municipality.refresh_from_db()
    gesprekken = _first_gesprek(world, world.users[Role.KLANTMANAGER])
    assert not services.senior_rule_applies(world.person)
    assert services.senior_begeleider_warning(world.person, gesprekken) is None
    set_local_value(world.municipality, "senior_begeleider_eerste_gesprek_asiel", 1, "beheerder")
    world.person.municipality = type(world.municipality).objects.get(pk=world.municipality.pk)
    assert services.senior_begeleider_warning(world.person, gesprekken) is not None


def test_no_warning_for_a_gezinsmigrant(world):
    person = InburgeraarFactory(municipality=world.municipality, gezinsmigrant=True)
    gesprekken = _first_gesprek(world, world.users[Role.KLANTMANAGER], person=person)
    assert services.senior_begeleider_warning(person, gesprekken) is None


# --- the leerbaarheidstoets ----------------------------------------------------------------


def test_only_a_certified_toetsbegeleider_can_take_the_toets(world):
    km = world.users[Role.KLANTMANAGER]
    assert not km.is_certified_toetsbegeleider
    with pytest.raises(ValidationError) as refused:
        services.plan_toets(world.person, dt.date(2026, 12, 1), km)
    assert "gecertificeerde toetsbegeleider" in refused.value.message_dict["toetsbegeleider"][0]
    assert not Leerbaarheidstoets.objects.exists()
    km.is_certified_toetsbegeleider = True
    km.save()
    toets = services.plan_toets(world.person, dt.date(2026, 12, 1), km)
    assert toets.status == "gepland" and toets.toetsbegeleider == km


def test_a_result_without_a_taken_toets_is_refused(world):
    toets = LeerbaarheidstoetsFactory(inburgeraar=world.person)
    with pytest.raises(ValidationError) as refused:
        services.record_toets_result(toets, "niet_verschenen", dt.date(2026, 9, 20), True)
    assert "afgenomen toets" in refused.value.message_dict["b1_haalbaar"][0]
    toets.refresh_from_db()
    assert toets.status == "gepland" and toets.b1_haalbaar is None


def test_a_taken_toets_needs_its_outcome(world):
    toets = LeerbaarheidstoetsFactory(inburgeraar=world.person)
    with pytest.raises(ValidationError):
        services.record_toets_result(toets, "afgenomen", dt.date(2026, 9, 20), None)
    services.record_toets_result(toets, "afgenomen", dt.date(2026, 9, 20), False, "ICE: laag")
    toets.refresh_from_db()
    assert (toets.status, toets.b1_haalbaar) == ("afgenomen", False)


def test_a_processed_toets_is_not_processed_again(world):
    toets = LeerbaarheidstoetsFactory(inburgeraar=world.person, no_show=True)
    with pytest.raises(ValidationError, match="al verwerkt"):
        services.record_toets_result(toets, "afgenomen", dt.date(2026, 9, 20), True)


def test_the_database_refuses_a_result_without_a_taken_toets(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        Leerbaarheidstoets.objects.create(
            inburgeraar=world.person, status="gepland", date=dt.date(2026, 9, 1), b1_haalbaar=True
        )


def test_invitations_and_no_shows_are_counted_per_person(world):
    other = InburgeraarFactory(municipality=world.municipality)
    LeerbaarheidstoetsFactory(inburgeraar=world.person, no_show=True)
    LeerbaarheidstoetsFactory(inburgeraar=world.person, no_show=True)
    LeerbaarheidstoetsFactory(inburgeraar=world.person)
    LeerbaarheidstoetsFactory(inburgeraar=other, no_show=True)
    assert services.toets_invitations(world.person) == 3
    assert services.toets_no_shows(world.person) == 2
    assert services.toets_no_shows(other) == 1


def test_exemption_for_an_impairment_replaces_the_open_invitation(world):
    planned = LeerbaarheidstoetsFactory(inburgeraar=world.person)
    toets = services.record_exemption(world.person, "visueel", dt.date(2026, 9, 18))
    assert toets.pk == planned.pk
    assert (toets.status, toets.exemption_reason) == ("ontheffing", "visueel")
    assert services.toets_invitations(world.person) == 0
    with pytest.raises(ValidationError):
        services.record_exemption(world.person, "auditief", dt.date(2026, 9, 19))


# --- route advice --------------------------------------------------------------------------


def _person(world, born, **intake):
    person = InburgeraarFactory(municipality=world.municipality, date_of_birth=born)
    BredeIntakeFactory(inburgeraar=person, **intake)
    return person


@freeze_time("2026-11-01")
def test_advice_z_route_for_a_person_without_schooling(world):
    person = _person(world, dt.date(1975, 3, 1), opleidingsniveau="none", geletterdheid="niet")
    LeerbaarheidstoetsFactory(inburgeraar=person, status="afgenomen", b1_haalbaar=False)
    advice = services.route_advice(person)
    assert advice.route == Leerroute.Z
    assert any("niet haalbaar" in r for r in advice.reasons)


@freeze_time("2026-11-01")
def test_advice_onderwijsroute_for_a_young_graduate_who_wants_to_study(world):
    person = _person(
        world,
        dt.date(2002, 6, 1),
        opleidingsniveau="hbo_wo",
        geletterdheid="latijns",
        wants_education=True,
    )
    LeerbaarheidstoetsFactory(inburgeraar=person, taken=True)
    assert services.route_advice(person).route == Leerroute.ONDERWIJS


@freeze_time("2026-11-01")
def test_advice_follows_the_local_age_limit_of_the_onderwijsroute(world):
    person = _person(
        world,
        dt.date(1990, 6, 1),  # 36
        opleidingsniveau="mbo",
        geletterdheid="latijns",
        wants_education=True,
    )
    LeerbaarheidstoetsFactory(inburgeraar=person, taken=True)
    advice = services.route_advice(person)
    assert advice.route == Leerroute.B1
    assert any("jonger is dan 30" in r for r in advice.reasons)
    set_local_value(world.municipality, "onderwijsroute_max_leeftijd", 40, "beheerder")
    person.municipality = type(world.municipality).objects.get(pk=world.municipality.pk)
    assert services.route_advice(person).route == Leerroute.ONDERWIJS


@freeze_time("2026-11-01")
def test_advice_without_toets_rests_on_schooling_and_mentions_other_script(world):
    person = _person(
        world, dt.date(1985, 1, 1), opleidingsniveau="secondary", geletterdheid="ander_schrift"
    )
    advice = services.route_advice(person)
    assert advice.route == Leerroute.B1
    assert any("geen uitslag" in r for r in advice.reasons)
    assert any("Latijnse" in r for r in advice.reasons)


def test_no_advice_without_intake_or_schooling(world):
    assert services.route_advice(world.person) is None
    BredeIntakeFactory(inburgeraar=world.person, opleidingsniveau="")
    assert services.route_advice(world.person) is None


def test_advice_uses_the_latest_taken_toets_not_the_no_show(world):
    BredeIntakeFactory(
        inburgeraar=world.person, opleidingsniveau="primary", geletterdheid="latijns"
    )
    LeerbaarheidstoetsFactory(inburgeraar=world.person, no_show=True, date=dt.date(2026, 9, 1))
    LeerbaarheidstoetsFactory(
        inburgeraar=world.person, status="afgenomen", b1_haalbaar=False, date=dt.date(2026, 9, 20)
    )
    assert services.route_advice(world.person).route == Leerroute.Z
