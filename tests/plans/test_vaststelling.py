"""Vaststelling of the PIP: four eyes, the inburgeringstermijn from the first dagtekening,
reasons for a route that deviates from the advice, completeness, and status changes."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from regie import rules
from regie.plans import services
from regie.plans.models import PIP, Beschikking, PIPVersie, VersieStatus
from regie.rules.lifecycle import Status
from tests.factories import LeerbaarheidstoetsFactory
from tests.plans.conftest import draft, set_pip


def test_drafter_can_never_vaststellen_own_version(person, km, world):
    versie = draft(person, km, aanbieder=world.aanbieder)
    with pytest.raises(ValidationError) as refused:
        services.vaststellen(
            versie, km, on=dt.date(2026, 11, 2), dagtekening_reden="eerder genomen"
        )
    assert any("vier-ogenprincipe" in m for m in refused.value.messages)
    versie.refresh_from_db()
    assert versie.status == VersieStatus.CONCEPT
    assert not Beschikking.objects.exists()


def test_colleague_vaststelt_and_person_moves_to_pip_vastgesteld(person, km, colleague, world):
    versie = draft(person, km, aanbieder=world.aanbieder)
    services.vaststellen(
        versie, colleague, on=dt.date(2026, 11, 2), dagtekening_reden="eerder genomen"
    )
    versie.refresh_from_db()
    person.refresh_from_db()
    assert versie.status == VersieStatus.VASTGESTELD
    assert versie.dagtekening == dt.date(2026, 11, 2)
    assert versie.vastgesteld_door == colleague
    assert person.status == Status.PIP_VASTGESTELD
    assert Beschikking.objects.filter(versie=versie).exists()


def test_the_last_editor_counts_as_drafter(person, km, colleague, world, client_for):
    """A colleague who edits the concept can no longer vaststellen it."""
    versie = draft(person, km, aanbieder=world.aanbieder)
    client = client_for(colleague)
    response = client.post(
        reverse("pip_concept", args=[person.pk]), concept_post(world, versie=versie)
    )
    assert response.status_code == 302
    versie.refresh_from_db()
    assert versie.opgesteld_door == colleague
    problems = services.vaststelling_problems(versie, colleague, dt.date(2026, 11, 2))
    assert any("vier-ogenprincipe" in p for p in problems)
    assert not any(
        "vier-ogenprincipe" in p
        for p in services.vaststelling_problems(versie, km, dt.date(2026, 11, 2))
    )


def test_drafter_posting_vaststellen_gets_dutch_refusal(person, km, world, client_for):
    versie = draft(person, km, aanbieder=world.aanbieder)
    client = client_for(km)
    response = client.post(reverse("pip_vaststellen", args=[person.pk, versie.nummer]), follow=True)
    assert "Een collega moet het PIP vaststellen" in response.content.decode()
    versie.refresh_from_db()
    assert versie.status == VersieStatus.CONCEPT


def test_colleague_posting_vaststellen_sets_the_pip(person, km, colleague, world, client_for):
    versie = draft(person, km, aanbieder=world.aanbieder)
    client = client_for(colleague)
    client.get(reverse("pip_versie", args=[person.pk, versie.nummer]))  # what the colleague saw
    response = client.post(
        reverse("pip_vaststellen", args=[person.pk, versie.nummer]),
        {"fingerprint": services.fingerprint(PIPVersie.objects.get(pk=versie.pk))},
    )
    assert response.status_code == 302
    versie.refresh_from_db()
    assert versie.status == VersieStatus.VASTGESTELD


def test_first_dagtekening_starts_the_termijn_and_later_versions_do_not_move_it(
    person, km, colleague, world
):
    first = set_pip(person, km, colleague, aanbieder=world.aanbieder, on=dt.date(2025, 3, 14))
    expected = rules.inburgeringstermijn(dt.date(2025, 3, 14))
    assert expected == (dt.date(2025, 3, 15), dt.date(2028, 3, 14))
    assert services.termijn(first.pip) == expected
    second = set_pip(
        person,
        colleague,
        km,
        aanbieder=world.aanbieder,
        on=dt.date(2026, 2, 1),
        wijzigingsreden="Meer lesuren na het voortgangsgesprek.",
        lesuren_per_week=12,
    )
    assert second.nummer == 2
    assert services.termijn(second.pip) == expected
    assert services.current_versie(second.pip) == second
    assert (second.beschikking.termijn_start, second.beschikking.termijn_einde) == expected
    # A later version leaves the status alone.
    person.refresh_from_db()
    assert person.status == Status.PIP_VASTGESTELD


def test_deviating_route_without_reasons_is_refused(person, km, colleague, world):
    advice = services.route_advice(person)
    assert advice.route == rules.Leerroute.B1  # completed intake, no toets, secondary school
    versie = draft(person, km, aanbieder=world.aanbieder, route="z", route_toelichting="")
    problems = services.vaststelling_problems(versie, colleague, dt.date(2026, 11, 2))
    assert any("ECLI:NL:RVS:2024:5413" in p and "B1-route" in p for p in problems)
    with pytest.raises(ValidationError):
        services.vaststellen(
            versie, colleague, on=dt.date(2026, 11, 2), dagtekening_reden="eerder genomen"
        )
    versie.route_toelichting = "Analfabeet in het Latijnse schrift; Z-route past beter."
    versie.save()
    services.vaststellen(
        versie, colleague, on=dt.date(2026, 11, 2), dagtekening_reden="eerder genomen"
    )
    versie.refresh_from_db()
    assert versie.status == VersieStatus.VASTGESTELD
    assert versie.advies_leerroute == "b1"


def test_route_following_the_advice_still_needs_reasons(person, km, colleague, world):
    versie = draft(person, km, aanbieder=world.aanbieder, route="b1", route_toelichting="")
    problems = services.vaststelling_problems(versie, colleague, dt.date(2026, 11, 2))
    assert "Motiveer de gekozen leerroute." in problems
    assert not any("ECLI" in p for p in problems)


def test_advice_from_the_toets_is_used(person, km, colleague, world):
    LeerbaarheidstoetsFactory(
        inburgeraar=person, status="afgenomen", b1_haalbaar=False, date=dt.date(2026, 9, 20)
    )
    assert services.route_advice(person).route == rules.Leerroute.Z
    versie = draft(person, km, aanbieder=world.aanbieder, route="b1", route_toelichting="")
    problems = services.vaststelling_problems(versie, colleague, dt.date(2026, 11, 2))
    assert any("Zelfredzaamheidsroute" in p for p in problems)


def test_pip_without_route_is_refused(person, km, colleague, world):
    versie = draft(person, km, aanbieder=world.aanbieder, route="")
    with pytest.raises(ValidationError) as refused:
        services.vaststellen(
            versie, colleague, on=dt.date(2026, 11, 2), dagtekening_reden="eerder genomen"
        )
    assert any(
        "Vul eerst in: de leerroute (Wet inburgering 2021 art. 15 lid 1 onder a)" in m
        for m in refused.value.messages
    )


def test_pip_without_goals_is_refused(person, km, colleague, world):
    versie = draft(person, km, aanbieder=world.aanbieder, goals=0)
    with pytest.raises(ValidationError) as refused:
        services.vaststellen(
            versie, colleague, on=dt.date(2026, 11, 2), dagtekening_reden="eerder genomen"
        )
    assert "Neem minstens één doel op." in refused.value.messages
    person.refresh_from_db()
    assert person.status == Status.INTAKE


def test_first_pip_needs_the_completed_brede_intake(world, km, colleague):
    from regie.people.services import change_status
    from tests.factories import BredeIntakeFactory

    person = world.person
    change_status(person, "intake")
    BredeIntakeFactory(inburgeraar=person)  # still a concept
    versie = draft(person, km, aanbieder=world.aanbieder)
    problems = services.vaststelling_problems(versie, colleague, dt.date(2026, 11, 2))
    assert "De brede intake is nog niet afgerond." in problems


def test_first_pip_needs_status_intake(world, km, colleague):
    versie = draft(world.person, km, aanbieder=world.aanbieder)  # status aangemeld
    problems = services.vaststelling_problems(versie, colleague, dt.date(2026, 11, 2))
    assert any("na de brede intake" in p for p in problems)


def test_aanbieder_must_work_for_the_municipality(person, km, colleague, world):
    from tests.factories import OrganisationFactory

    elsewhere = OrganisationFactory(type="aanbieder", serves=[world.other_municipality])
    versie = draft(person, km, aanbieder=elsewhere)
    problems = services.vaststelling_problems(versie, colleague, dt.date(2026, 11, 2))
    assert any("geen aanbieder die voor de gemeente" in p for p in problems)


def test_later_version_needs_a_reason_and_a_later_dagtekening(first_pip, km, colleague, world):
    person = first_pip.pip.inburgeraar
    versie = draft(person, colleague, aanbieder=world.aanbieder, wijzigingsreden="")
    problems = services.vaststelling_problems(versie, km, dt.date(2024, 12, 1))
    assert "Geef aan waarom het PIP wordt gewijzigd." in problems
    assert any("vóór die van de vorige versie" in p for p in problems)


def test_bijstand_needs_the_participatiewet_part(person, km, colleague, world):
    versie = draft(person, km, aanbieder=world.aanbieder, bijstand=True, participatiewet="")
    problems = services.vaststelling_problems(versie, colleague, dt.date(2026, 11, 2))
    assert "Beschrijf de onderdelen van de Participatiewet (bijstand)." in problems


# --- the concept form ----------------------------------------------------------------------


def concept_post(world, versie=None, goals=None, **overrides):
    """POST data for the concept form with its goals formset."""
    goals = (
        goals
        if goals is not None
        else [
            {"levensgebied": "wonen", "omschrijving": "Zelf de huur regelen.", "wie": "inburgeraar"}
        ]
    )
    data = {
        "leerroute": "b1",
        "route_toelichting": "B1 is haalbaar volgens de toets.",
        "aanbieder": str(world.aanbieder.pk),
        "duur_maanden": "24",
        "lesuren_per_week": "10",
        "ondersteuning": "Maatschappelijke begeleiding.",
        "pvt_uren": "12",
        "map_uren": "40",
        "aantal_voortgangsgesprekken": "6",
        "voortgang_frequentie_weken": "8",
        "participatiewet": "",
    }
    existing = list(versie.doelen.all()) if versie is not None else []
    rows = len(existing) + len(goals) + 1
    data.update(
        {
            "doelen-TOTAL_FORMS": str(rows),
            "doelen-INITIAL_FORMS": str(len(existing)),
            "doelen-MIN_NUM_FORMS": "0",
            "doelen-MAX_NUM_FORMS": "40",
        }
    )
    index = 0
    for goal in existing:
        data.update(
            {
                f"doelen-{index}-id": str(goal.pk),
                f"doelen-{index}-levensgebied": goal.levensgebied,
                f"doelen-{index}-omschrijving": goal.omschrijving,
                f"doelen-{index}-wie": goal.wie,
                f"doelen-{index}-status": goal.status,
            }
        )
        index += 1
    for goal in goals:
        data.update({f"doelen-{index}-{k}": v for k, v in goal.items()})
        data.setdefault(f"doelen-{index}-status", "open")
        index += 1
    data[f"doelen-{index}-status"] = "open"  # the empty extra row, as a browser sends it
    data.update(overrides)
    return data


def test_concept_form_saves_version_and_goals(person, km, world, client_for):
    client = client_for(km)
    assert client.get(reverse("pip_concept", args=[person.pk])).status_code == 200
    response = client.post(
        reverse("pip_concept", args=[person.pk]), concept_post(world, aanbieden="1")
    )
    assert response.status_code == 302
    versie = PIPVersie.objects.get(pip__inburgeraar=person)
    assert versie.nummer == 1 and versie.is_concept
    assert versie.opgesteld_door == km and versie.aangeboden_op is not None
    assert versie.advies_leerroute == "b1"
    assert [g.levensgebied for g in versie.doelen.all()] == ["wonen"]


def test_concept_form_refuses_deviation_without_reasons(person, km, world, client_for):
    client = client_for(km)
    response = client.post(
        reverse("pip_concept", args=[person.pk]),
        concept_post(world, leerroute="z", route_toelichting=""),
    )
    assert response.status_code == 200
    assert "ECLI:NL:RVS:2024:5413" in response.content.decode()
    assert not PIP.objects.exists() and not PIPVersie.objects.exists()


def test_bad_goal_saves_nothing(person, km, world, client_for):
    client = client_for(km)
    response = client.post(
        reverse("pip_concept", args=[person.pk]),
        concept_post(
            world, goals=[{"levensgebied": "", "omschrijving": "Zelf de huur regelen.", "wie": ""}]
        ),
    )
    assert response.status_code == 200
    # Django says "verplicht", Django REST framework's catalogue "vereist"; either way the
    # empty goal is named and nothing is saved.
    content = response.content.decode()
    assert "Het formulier is niet opgeslagen" in content or "Dit veld is" in content
    assert not PIP.objects.exists() and not PIPVersie.objects.exists()


def test_ontzorging_only_for_asielstatushouders_on_bijstand(person, km, world, client_for):
    client = client_for(km)
    response = client.post(
        reverse("pip_concept", args=[person.pk]),
        concept_post(world, financiele_ontzorging="on"),
    )
    assert "Financiële ontzorging hoort bij een bijstandsuitkering." in response.content.decode()
    assert not PIPVersie.objects.exists()


def test_new_version_starts_from_the_version_in_force(first_pip, km, client_for):
    person = first_pip.pip.inburgeraar
    response = client_for(km).get(reverse("pip_concept", args=[person.pk]))
    content = response.content.decode()
    assert "versie 2" in content
    assert first_pip.doelen.first().omschrijving in content
    assert not PIPVersie.objects.filter(nummer=2).exists()  # a GET saves nothing


def test_no_pip_outside_wet_inburgering_2021(world, km, client_for):
    world.person.regime = "wi2013"
    world.person.save()
    response = client_for(km).get(reverse("pip_concept", args=[world.person.pk]), follow=True)
    assert "Wet inburgering 2021" in response.content.decode()
    assert not PIP.objects.exists()


def test_a_vastgestelde_version_is_never_changed(first_pip):
    versie = PIPVersie.objects.get(pk=first_pip.pk)
    versie.lesuren_per_week = 20
    with pytest.raises(ValueError):
        versie.save()
    assert PIPVersie.objects.get(pk=first_pip.pk).lesuren_per_week == 10


def test_start_uitvoering_is_offered_after_vaststelling(first_pip, km, client_for):
    person = first_pip.pip.inburgeraar
    client = client_for(km)
    overview = client.get(reverse("pip_overview", args=[person.pk])).content.decode()
    assert "Start uitvoering" in overview
    client.post(
        reverse("person_status", args=[person.pk]),
        {"status": "in_uitvoering", "reason": "Uitvoering van het PIP gestart."},
    )
    person.refresh_from_db()
    assert person.status == Status.IN_UITVOERING
    overview = client.get(reverse("pip_overview", args=[person.pk])).content.decode()
    assert "Start uitvoering" not in overview
