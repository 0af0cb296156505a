"""The demo's werkgevers, plekken and placements: every kind of place, placements in every
state, dates derived from the demo's today."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from regie.work.models import Evaluatie, Plaatsing, Plek, PlekSoort, Uitstroom, Werkgever


@pytest.mark.django_db
def test_demo_work(travel):
    travel("2026-10-10")
    call_command("demo")
    names = set(Werkgever.objects.values_list("name", flat=True))
    assert {"Zorgcentrum De Hofstede", "Supermarkt Het Hoge Veld", "Kluspunt Winterswijk"} <= names
    assert set(Plek.objects.values_list("soort", flat=True)) == set(PlekSoort.values)
    assert set(Plaatsing.objects.values_list("status", flat=True)) == {
        "voorgesteld",
        "lopend",
        "afgerond",
        "gestopt",
    }
    today = timezone.localdate()
    ending = Plaatsing.objects.get(plek__title="Gastvrouw/-heer restaurant")
    assert ending.end == today + timedelta(days=20)
    # The demo jobcoach coaches the werkervaringsplekken and sees those persons only.
    from regie.core.models import User
    from regie.people.models import Inburgeraar

    jobcoach = User.objects.get(username="jobcoach")
    assert ending.job_coach == jobcoach
    coached = set(
        Plaatsing.objects.filter(job_coach=jobcoach).values_list("inburgeraar", flat=True)
    )
    assert coached
    assert set(Inburgeraar.objects.for_user(jobcoach).values_list("pk", flat=True)) == coached


@pytest.mark.django_db
def test_demo_outflow_and_evaluations(travel):
    travel("2026-10-10")
    call_command("demo")
    outflow = Uitstroom.objects.select_related("inburgeraar")
    assert {u.inburgeraar.kennisgeving_date.year for u in outflow} == {2022}
    assert {"betaald_werk", "onderwijs", "uit_bijstand", "einde_plicht"} <= set(
        outflow.values_list("soort", flat=True)
    )
    assert all(u.datum <= timezone.localdate() for u in outflow)
    assert Evaluatie.objects.filter(plaatsing__status="lopend").exists()
    assert Plaatsing.objects.get(status="gestopt").stop_reden == "past_niet"
