"""The duaal traject in the PIP (issue 20 point 2): participation goals and hours, the
Participatiewet facts recorded (not decided), the placements on the PIP page with their
hours against the goal, and the facts taken over into a next version."""

import datetime as dt

import pytest
from django.urls import reverse

from regie.core.roles import Role
from regie.plans import services
from regie.plans.models import PIPVersie
from regie.work.models import Plaatsing, PlaatsingStatus
from tests.factories import PIPVersieFactory
from tests.plans.test_concept_form import form_values, intake_person, today  # noqa: F401
from tests.work.matrix import make_plek


@pytest.mark.django_db
def test_concept_records_participation_goals_and_participatiewet_facts(
    intake_person,  # noqa: F811
    world,
    client_for,
):
    client = client_for(world.users[Role.KLANTMANAGER])
    url = reverse("pip_concept", args=[intake_person.pk])
    values = form_values(client.get(url).content.decode())
    values.pop("csrfmiddlewaretoken", None)
    values.update(
        leerroute="b1",
        route_toelichting="B1 is haalbaar.",
        aanbieder=str(world.aanbieder.pk),
        duur_maanden="30",
        lesuren_per_week="12",
        voortgang_frequentie_weken="8",
        participatiewet="Re-integratie naast de taallessen.",
        tegenprestatie="niet",
        arbeidsverplichtingen="tijdelijk",
    )
    values["doelen-3-omschrijving"] = ""
    values["participatie_doelen"] = ["werkfit", "plaatsing"]
    response = client.post(url, values)
    page = response.content.decode()
    assert "Vul in hoeveel uur per week de werkplek of het vrijwilligerswerk moet zijn." in page
    values["participatie_uren_per_week"] = "16"
    assert client.post(url, values).status_code == 302
    versie = PIPVersie.objects.get(pip__inburgeraar=intake_person)
    assert versie.participatie_doelen == ["werkfit", "plaatsing"]
    assert (versie.tegenprestatie, versie.arbeidsverplichtingen) == ("niet", "tijdelijk")
    assert "participatie_uren_per_week" in services.COPIED_FIELDS
    page = client.get(reverse("pip_versie", args=[intake_person.pk, versie.nummer]))
    page = page.content.decode()
    assert "Werkfit worden; Een werkervaringsplek, stage of vrijwilligerswerk" in page
    assert "16 uur per week" in page
    assert "Arbeidsverplichtingen: Tijdelijk ontheffing." in page
    assert "Regie beslist hier niet over." in page


@pytest.mark.django_db
def test_pip_page_counts_placement_hours_against_the_goal(world, client_for, travel):
    travel("2026-11-01")
    versie = PIPVersieFactory(
        pip__inburgeraar=world.person,
        vastgesteld=True,
        lesuren_per_week=10,
        participatie_doelen=["plaatsing"],
        participatie_uren_per_week=20,
    )
    Plaatsing.objects.create(
        inburgeraar=world.person,
        plek=make_plek(world.municipality),
        start=dt.date(2026, 10, 1),
        end=dt.date(2027, 4, 1),
        hours_per_week=16,
        days="ma, wo, vr",
        status=PlaatsingStatus.LOPEND,
        job_coach=world.users[Role.KLANTMANAGER],
    )
    url = reverse("pip_versie", args=[world.person.pk, versie.nummer])
    page = client_for(world.users[Role.KLANTMANAGER]).get(url).content.decode()
    assert "Gastvrouw restaurant bij Zorgcentrum De Hofstede: lopend, 1 oktober 2026" in page
    assert "Lopende plaatsingen: 16 uur per week. Met de lesuren is de week 26 uur." in page
    assert "Nog 4 uur per week tot het doel." in page
    # A role that sees the PIP but not participatie en werk sees no placements.
    jurist = client_for(world.users[Role.JURIST]).get(url)
    if jurist.status_code == 200:
        assert "Gastvrouw restaurant" not in jurist.content.decode()
