"""A fine is offered (page) and accepted (service) only when its basis holds on the day
(issue 19, deliverable 1), and the cap counts the fines of the current period (Besluit
art. 7.1 lid 5; deliverable 3)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from regie.enforcement import services
from regie.people.models import Termijnwijziging
from regie.rules import handhaving as hh
from tests.enforcement.conftest import TODAY, art23_case, give_pip, warned_case, with_procedure

pytestmark = pytest.mark.django_db


def _d(day):
    return f"{day.day} {['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'][day.month - 1]} {day.year}"  # noqa: E501


def page(client, person, zaak):
    return client.get(reverse("handhaving_detail", args=[person.pk, zaak.pk])).content.decode()


def test_no_art22_fine_on_the_last_day_of_the_warning_term(world, km, client_for):
    zaak = warned_case(world.person, km, term_ended_days_ago=0)
    html = page(client_for(km), world.person, zaak)
    assert "Nog geen boete mogelijk" in html
    assert _d(TODAY()) in html and _d(TODAY() + dt.timedelta(days=1)) in html
    assert reverse("handhaving_step", args=[world.person.pk, zaak.pk, "boete"]) not in html
    with pytest.raises(ValidationError) as error:
        services.impose_fine(
            zaak,
            vastgesteld_op=TODAY() - dt.timedelta(days=1),
            dagtekening=TODAY(),
            toelichting="Niet gekomen.",
            nadere_termijn_einde=TODAY() + dt.timedelta(days=30),
        )
    assert "loopt tot en met" in " ".join(error.value.messages)


def test_art22_fine_offered_the_day_after_the_warning_term(world, km, client_for):
    zaak = warned_case(world.person, km, term_ended_days_ago=1)
    html = page(client_for(km), world.person, zaak)
    assert "Nog geen boete mogelijk" not in html
    assert reverse("handhaving_step", args=[world.person.pk, zaak.pk, "boete"]) in html


def test_art23_fine_refused_after_the_termijn_ended(world, km, client_for):
    person = world.person
    person.status = "in_uitvoering"
    person.save()
    # First PIP dated 3 years and 40 days ago: the termijn ended about 40 days ago.
    give_pip(person, world.aanbieder, TODAY() - dt.timedelta(days=3 * 365 + 40))
    zaak = art23_case(person, km, days_ago=5)
    html = page(client_for(km), person, zaak)
    assert "de inburgeringstermijn is op" in html
    assert reverse("handhaving_step", args=[person.pk, zaak.pk, "boete"]) not in html
    with pytest.raises(ValidationError) as error:
        services.impose_fine(
            zaak,
            vastgesteld_op=TODAY(),
            dagtekening=TODAY(),
            toelichting="Verwijtbaar.",
            verwijtbaarheid="opzet",
        )
    assert "inburgeringstermijn is op" in " ".join(error.value.messages)


def test_a_duo_new_term_allows_a_fine_with_its_lower_cap(world, km):
    person = world.person
    person.status = "in_uitvoering"
    person.save()
    give_pip(person, world.aanbieder, TODAY() - dt.timedelta(days=3 * 365 + 40))
    zaak = art23_case(person, km, days_ago=3)
    assert "geëindigd" in services.boete_grond(zaak, TODAY()).reden
    ingang = TODAY() - dt.timedelta(days=30)
    Termijnwijziging.objects.create(
        inburgeraar=person,
        soort="nieuwe_termijn",
        ingang=ingang,
        einde=hh.period_last_day(ingang, months=12),
        bron="DUO test",
    )
    with_procedure(zaak, TODAY())
    grond = services.boete_grond(zaak, TODAY())
    assert grond.mogelijk and grond.periode.nieuwe_termijn_maanden == 12
    berekening = services.calculate(zaak, TODAY(), "opzet", TODAY())
    assert berekening.plafond == Decimal("800.00")  # Besluit art. 7.1 lid 5 onder b


def test_cap_counts_fines_of_the_current_period_only(pip_person, km):
    zaak = with_procedure(art23_case(pip_person, km, days_ago=3), TODAY())
    services.impose_fine(
        zaak,
        vastgesteld_op=TODAY(),
        dagtekening=TODAY(),
        toelichting="Verwijtbaar.",
        verwijtbaarheid="opzet",
    )
    assert services.fines_so_far(pip_person.pk) == Decimal("50.00")
    later = hh.Boeteperiode(TODAY() + dt.timedelta(days=1), TODAY() + dt.timedelta(days=300))
    assert services.fines_so_far(pip_person.pk, periode=later) == 0
    earlier = hh.Boeteperiode(TODAY() - dt.timedelta(days=30), TODAY())
    assert services.fines_so_far(pip_person.pk, periode=earlier) == Decimal("50.00")
