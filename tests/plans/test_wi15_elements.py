"""Issue 18 points 3 and 4: vaststelling requires what Wi 2021 art. 15 lid 1-2 asks for
this person; a self-payer's PIP (Wi art. 19) has no aanbieder or lesson hours and its letter
threatens no fine for lessons; the beschikking states the number of voortgangsgesprekken
(Besluit art. 5.3 lid 4)."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader

from regie.plans import services
from regie.plans.models import PIPVersie, VersieStatus
from regie.rules.category import Onderdeel
from tests.plans.conftest import draft
from tests.plans.test_vaststelling import concept_post

ON = dt.date(2026, 11, 2)


def pdf_text(versie) -> str:
    reader = PdfReader(io.BytesIO(bytes(services.beschikking_for(versie).pdf)))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def missing_sentence(problems) -> str:
    found = [p for p in problems if p.startswith("Het PIP kan nog niet worden vastgesteld.")]
    assert len(found) == 1, problems
    return found[0]


@pytest.mark.parametrize(
    "fields,named",
    [
        ({"ondersteuning": ""}, "de ondersteuning en begeleiding (art. 15 lid 1 onder b)"),
        ({"pvt_uren": None}, "de intensiteit van het PVT in uren (art. 15 lid 1 onder c)"),
        ({"map_uren": None}, "de intensiteit van de MAP in uren (art. 15 lid 1 onder c)"),
        (
            {"lesuren_per_week": None},
            "de duur en de lesuren per week van de leerroute (art. 15 lid 2)",
        ),
        ({"duur_maanden": None}, "de duur en de lesuren per week van de leerroute"),
        ({"aanbieder": None}, "de gecontracteerde aanbieder (art. 16 lid 1)"),
        (
            {"aantal_voortgangsgesprekken": None},
            "het aantal voortgangsgesprekken (Besluit inburgering 2021 art. 5.3 lid 4)",
        ),
        ({"route": ""}, "de leerroute (Wet inburgering 2021 art. 15 lid 1 onder a)"),
    ],
)
def test_vaststelling_is_blocked_for_each_missing_element(
    person, km, colleague, world, fields, named
):
    aanbieder = fields.pop("aanbieder", world.aanbieder)
    versie = draft(person, km, aanbieder=aanbieder, **fields)
    with pytest.raises(ValidationError) as refused:
        services.vaststellen(versie, colleague, on=ON, dagtekening_reden="eerder genomen")
    assert named in missing_sentence(refused.value.messages)
    versie.refresh_from_db()
    assert versie.status == VersieStatus.CONCEPT


def test_all_missing_elements_in_one_dutch_sentence(person, km, colleague, world):
    versie = draft(
        person, km, aanbieder=world.aanbieder, ondersteuning="", pvt_uren=None, map_uren=None
    )
    sentence = missing_sentence(services.vaststelling_problems(versie, colleague, ON))
    assert sentence == (
        "Het PIP kan nog niet worden vastgesteld. Vul eerst in: de ondersteuning en begeleiding "
        "(art. 15 lid 1 onder b); de intensiteit van het PVT in uren (art. 15 lid 1 onder c); "
        "de intensiteit van de MAP in uren (art. 15 lid 1 onder c)."
    )


def test_complete_pip_is_vastgesteld_and_states_the_number_of_gesprekken(
    person, km, colleague, world
):
    versie = draft(person, km, aanbieder=world.aanbieder, aantal_voortgangsgesprekken=7)
    services.vaststellen(versie, colleague, on=ON, dagtekening_reden="eerder genomen")
    text = pdf_text(PIPVersie.objects.get(pk=versie.pk))
    assert "U hebt 7 voortgangsgesprekken met uw klantmanager" in text
    assert "ongeveer elke" not in text
    assert "PVT): 12 uur" in text and "(MAP): 40 uur" in text
    # An asielstatushouder can be fined for the lessons the college set (Wi 15 lid 2, 23).
    assert "niet naar de lessen van uw leerroute gaat (Wet inburgering 2021, artikel 23)" in text


def test_onderwijsroute_needs_no_map_hours(person, km, colleague, world):
    versie = draft(person, km, aanbieder=world.aanbieder, route="onderwijs", map_uren=None)
    assert services.missing_elements(versie, person) == []


def test_the_parts_that_still_apply_shape_the_requirements(person, km, world):
    versie = draft(person, km, aanbieder=world.aanbieder, map_uren=None, pvt_uren=None)
    assert [e.value for e in services.missing_elements(versie, person)] == [
        "pvt_intensiteit",
        "map_intensiteit",
    ]
    only_leerroute = {Onderdeel.LEERROUTE}
    assert services.missing_elements(versie, person, onderdelen=only_leerroute) == []


def test_pvt_below_twelve_hours_is_refused(person, km, colleague, world):
    versie = draft(person, km, aanbieder=world.aanbieder, pvt_uren=8)
    problems = services.vaststelling_problems(versie, colleague, ON)
    assert "Het PVT omvat ten minste 12 uur (Besluit inburgering 2021 art. 3.1 lid 3)." in problems


# --- the self-payer (Wi 2021 art. 19) ------------------------------------------------------


@pytest.fixture
def gezinsmigrant(person):
    person.doelgroep = "gezinsmigrant"
    person.verblijfsvergunning = "gezin"
    person.save()
    return person


def test_selfpayer_pip_without_aanbieder_or_hours_is_vastgesteld(
    gezinsmigrant, km, colleague, world
):
    versie = draft(gezinsmigrant, km, aanbieder=None, duur_maanden=None, lesuren_per_week=None)
    assert services.vaststelling_problems(versie, colleague, ON, "eerder genomen") == []
    services.vaststellen(versie, colleague, on=ON, dagtekening_reden="eerder genomen")
    text = pdf_text(PIPVersie.objects.get(pk=versie.pk))
    assert "U regelt en betaalt uw lessen zelf" in text
    assert "lesuren per week" not in text
    # The fine warning names only what the law gives for a self-payer and the PIP contains.
    assert (
        "Wij kunnen u een boete geven als u niet meewerkt aan de hulp en begeleiding in dit plan, "
        "niet de uren van het PVT volgt of niet de uren van de MAP volgt (Wet inburgering 2021, "
        "artikel 23)."
    ) in text
    assert "naar de lessen van uw leerroute gaat" not in text
    assert "Daarom geven wij u geen boete over de lessen." in text


def test_selfpayer_pip_with_an_aanbieder_is_refused(gezinsmigrant, km, colleague, world):
    versie = draft(gezinsmigrant, km, aanbieder=world.aanbieder)
    problems = services.vaststelling_problems(versie, colleague, ON)
    assert any(
        "regelt en betaalt de leerroute zelf (Wet inburgering 2021 art. 19)" in p for p in problems
    )


def test_selfpayer_concept_form_has_no_aanbieder_or_hours(gezinsmigrant, km, world, client_for):
    client = client_for(km)
    page = client.get(reverse("pip_concept", args=[gezinsmigrant.pk])).content.decode()
    assert 'name="aanbieder"' not in page and 'name="lesuren_per_week"' not in page
    assert "regelt en betaalt de leerroute zelf (Wet inburgering 2021 art. 19)" in page
    response = client.post(reverse("pip_concept", args=[gezinsmigrant.pk]), concept_post(world))
    assert response.status_code == 302
    versie = PIPVersie.objects.get(pip__inburgeraar=gezinsmigrant)
    assert versie.aanbieder is None and versie.lesuren_per_week is None


def test_family_member_of_an_asylum_holder_is_placed_by_the_college(person, km, colleague, world):
    """Wi 2021 art. 13 lid 1 onder b: a regular permit as family member of an asylum holder
    gets the college's leerroute (aanbieder and hours), but no Pw 56a ontzorging."""
    person.verblijfsvergunning = "gezin_asiel"
    person.save()
    without = draft(person, km, aanbieder=None)
    assert "de gecontracteerde aanbieder (art. 16 lid 1)" in missing_sentence(
        services.vaststelling_problems(without, colleague, ON)
    )
    without.delete()
    versie = draft(person, km, aanbieder=world.aanbieder, bijstand=True, participatiewet="Werk.")
    assert services.vaststelling_problems(versie, colleague, ON, "eerder genomen") == []
    versie.financiele_ontzorging = True
    versie.save()
    assert any(
        "met een asielvergunning voor bepaalde tijd (Participatiewet art. 56a)" in p
        for p in services.vaststelling_problems(versie, colleague, ON)
    )
