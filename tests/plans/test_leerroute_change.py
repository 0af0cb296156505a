"""Change of leerroute: only through a new PIP version with reasons, within anderhalf jaar
of the start of the termijn (onderwijsroute -> B1-route always), at most as often as local
policy allows (seed: once), and the UI says why a change is refused."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from regie.core.localrules import set_local_value
from regie.plans import services
from regie.plans.models import PIPVersie, VersieStatus
from tests.plans.conftest import draft, set_pip
from tests.plans.test_vaststelling import concept_post

REASON = {"wijzigingsreden": "Onvoldoende voortgang volgens de aanbieder."}


def change(person, drafter, vaststeller, world, route, on, **fields):
    return set_pip(
        person,
        drafter,
        vaststeller,
        aanbieder=world.aanbieder,
        on=on,
        route=route,
        route_toelichting="Past beter bij de voortgang.",
        **{**REASON, **fields},
    )


def test_one_change_within_eighteen_months_is_allowed(first_pip, km, colleague, world):
    person = first_pip.pip.inburgeraar  # B1-route, dagtekening 10 January 2025
    second = change(person, km, colleague, world, "z", dt.date(2025, 6, 1))
    assert second.status == VersieStatus.VASTGESTELD and second.leerroute == "z"


def test_the_local_maximum_of_one_change_refuses_a_second(first_pip, km, colleague, world):
    person = first_pip.pip.inburgeraar
    change(person, km, colleague, world, "z", dt.date(2025, 6, 1))
    with pytest.raises(ValidationError) as refused:
        change(person, km, colleague, world, "b1", dt.date(2025, 9, 1))
    assert any("ten hoogste 1 keer" in m for m in refused.value.messages)
    assert PIPVersie.objects.vastgesteld().count() == 2


def test_a_municipality_allowing_two_changes(first_pip, km, colleague, world):
    set_local_value(world.municipality, "leerroute_wijzigingen_max", 2, "beheerder")
    person = first_pip.pip.inburgeraar
    person.municipality.refresh_from_db()
    change(person, km, colleague, world, "z", dt.date(2025, 6, 1))
    third = change(person, km, colleague, world, "b1", dt.date(2025, 9, 1))
    assert third.status == VersieStatus.VASTGESTELD


def test_a_version_without_route_change_does_not_count(first_pip, km, colleague, world):
    person = first_pip.pip.inburgeraar
    change(person, km, colleague, world, "b1", dt.date(2025, 3, 1), lesuren_per_week=12)
    second_change = change(person, km, colleague, world, "z", dt.date(2025, 6, 1))
    assert second_change.leerroute == "z"


def test_no_change_after_eighteen_months(first_pip, km, colleague, world):
    # termijn starts 11 January 2025; the last day for a change is 10 July 2026.
    person = first_pip.pip.inburgeraar
    versie = draft(person, km, aanbieder=world.aanbieder, route="z", **REASON)
    with pytest.raises(ValidationError) as refused:
        services.vaststellen(
            versie, colleague, on=dt.date(2026, 7, 11), dagtekening_reden="eerder genomen"
        )
    assert any("anderhalf jaar" in m and "10 juli 2026" in m for m in refused.value.messages)
    services.vaststellen(
        versie, colleague, on=dt.date(2026, 7, 10), dagtekening_reden="eerder genomen"
    )
    versie.refresh_from_db()
    assert versie.status == VersieStatus.VASTGESTELD


def test_bijzonder_geval_after_eighteen_months(first_pip, km, colleague, world):
    person = first_pip.pip.inburgeraar
    later = change(person, km, colleague, world, "z", dt.date(2026, 8, 1), bijzonder_geval=True)
    assert later.leerroute == "z"


def test_onderwijsroute_to_b1_is_always_allowed(person, km, colleague, world):
    set_pip(
        person,
        km,
        colleague,
        aanbieder=world.aanbieder,
        on=dt.date(2024, 1, 10),
        route="onderwijs",
        route_toelichting="Wil naar het mbo en heeft havo gedaan.",
    )
    later = change(person, km, colleague, world, "b1", dt.date(2026, 8, 1))
    assert later.leerroute == "b1"


def test_route_change_needs_reasons(first_pip, km, colleague, world):
    person = first_pip.pip.inburgeraar
    versie = draft(person, km, aanbieder=world.aanbieder, route="z", wijzigingsreden="")
    problems = services.vaststelling_problems(versie, colleague, dt.date(2025, 6, 1))
    assert "Geef aan waarom het PIP wordt gewijzigd." in problems


def test_ui_explains_why_a_change_is_refused(first_pip, km, colleague, world, client_for):
    person = first_pip.pip.inburgeraar
    change(person, km, colleague, world, "z", dt.date(2025, 6, 1))
    response = client_for(km).post(
        reverse("pip_concept", args=[person.pk]),
        concept_post(world, leerroute="b1", **REASON),
    )
    content = response.content.decode()
    assert response.status_code == 200
    # Today (after 10 July 2026 or not) the local maximum of one change already bites.
    assert "ten hoogste 1 keer" in content
    assert not PIPVersie.objects.concept().exists()


def test_new_version_via_ui_needs_a_reason(first_pip, km, world, client_for):
    person = first_pip.pip.inburgeraar
    response = client_for(km).post(reverse("pip_concept", args=[person.pk]), concept_post(world))
    assert "Geef aan waarom het PIP wordt gewijzigd." in response.content.decode()
    assert not PIPVersie.objects.concept().exists()


# --- issue 18, point 7: the local cap is a beleidsregel ------------------------------------


def test_the_local_cap_never_blocks_onderwijsroute_to_b1(person, km, colleague, world):
    set_pip(
        person,
        km,
        colleague,
        aanbieder=world.aanbieder,
        on=dt.date(2025, 1, 10),
        route="b1",
        route_toelichting="B1 haalbaar.",
    )
    change(person, km, colleague, world, "onderwijs", dt.date(2025, 3, 1))  # the one change
    later = change(person, km, colleague, world, "b1", dt.date(2026, 9, 1))
    assert later.leerroute == "b1" and later.status == VersieStatus.VASTGESTELD


def test_the_klantmanager_may_deviate_from_the_cap_with_a_recorded_reason(
    first_pip, km, colleague, world
):
    from regie.core.models import AuditEvent

    person = first_pip.pip.inburgeraar
    change(person, km, colleague, world, "z", dt.date(2025, 6, 1))
    reden = "Na de Z-route blijkt B1 haalbaar; de toets is opnieuw afgenomen."
    third = change(
        person, km, colleague, world, "b1", dt.date(2025, 9, 1), afwijking_beleidsregel=reden
    )
    assert third.leerroute == "b1" and third.afwijking_beleidsregel == reden
    # Recorded with the version, and audit-logged at vaststelling with who set the rule aside.
    event = AuditEvent.objects.get(description__contains="afwijking van lokaal beleid")
    assert event.inburgeraar_id == person.pk and event.object_id == str(third.pk)
    assert "Awb art. 4:84" in event.description


def test_the_concept_form_offers_the_deviation(
    travel, first_pip, km, colleague, world, client_for
):
    travel("2025-09-01")
    person = first_pip.pip.inburgeraar
    change(person, km, colleague, world, "z", dt.date(2025, 6, 1))
    url = reverse("pip_concept", args=[person.pk])
    refused = client_for(km).post(url, concept_post(world, leerroute="b1", **REASON))
    text = refused.content.decode()
    assert "ten hoogste 1 keer" in text and "Awb art. 4:84" in text
    assert "afwijking van lokaal beleid (awb art. 4:84)" in text.lower()
    reden = "Bijzondere omstandigheden: na ziekte blijkt B1 toch haalbaar."
    accepted = client_for(km).post(
        url, concept_post(world, leerroute="b1", afwijking_beleidsregel=reden, **REASON)
    )
    assert accepted.status_code == 302
    concept = PIPVersie.objects.concept().get()
    assert concept.afwijking_beleidsregel == reden
    page = client_for(km).get(reverse("pip_versie", args=[person.pk, concept.nummer]))
    assert reden in page.content.decode()
