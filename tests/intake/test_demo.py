"""The demo data of the intake: consistent with statuses, routes and the werkvoorraad."""

import pytest
from django.core.management import call_command

from regie.core.models import User
from regie.intake import services
from regie.intake.models import BredeIntake, Leerbaarheidstoets
from regie.intake.workitems import intake_work
from regie.people.models import Inburgeraar
from regie.rules import Leerroute

pytestmark = pytest.mark.django_db


def test_demo_intakes_fit_the_statuses_and_routes():
    call_command("demo")
    wi2021 = Inburgeraar.objects.filter(regime="wi2021").select_related("municipality")
    warnings = 0
    for person in wi2021:
        intake = services.latest_intake(person)
        if person.status == "aangemeld":
            assert intake is None
        elif person.status == "intake":
            # Drafts; the plans demo may complete one to show a PIP awaiting vaststelling.
            assert intake is not None
            gesprekken = services.gesprekken_of(intake)
            assert gesprekken
            warnings += services.senior_begeleider_warning(person, gesprekken) is not None
        elif person.status in ("pip_vastgesteld", "in_uitvoering", "afgerond"):
            assert intake.status == "afgerond"
            assert intake.alone_offered_on is not None
            toets = Leerbaarheidstoets.objects.get(inburgeraar=person, status="afgenomen")
            advice = services.route_advice(person)
            assert (advice.route == Leerroute.Z) is (toets.b1_haalbaar is False)
    assert warnings >= 1
    assert not BredeIntake.objects.filter(inburgeraar__regime="wi2013").exists()
    no_show = Leerbaarheidstoets.objects.get(status="niet_verschenen")
    assert no_show.inburgeraar.doelgroep == "asielmigrant"
    klantmanager = User.objects.get(username="klantmanager")
    sections = {s.key: s for s in intake_work(klantmanager, no_show.date)}
    assert [i.person.pk for i in sections["toets_no_show"].items] == [no_show.inburgeraar_id]
