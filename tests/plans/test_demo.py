"""The demo's PIPs: consistent with statuses and referrals, one overdue voortgangsgesprek,
and one concept awaiting vaststelling."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from regie.people.models import Inburgeraar, Verwijzing
from regie.plans import services
from regie.plans.models import PIP, Beschikking, PIPVersie, VersieStatus

ROUTES = {"Toptaal": {"b1", "z"}, "Interbeek": {"b1", "z"}, "Graafschap College": {"onderwijs"}}


@pytest.mark.django_db
def test_demo_plans():
    call_command("demo")
    with_pip = Inburgeraar.objects.filter(
        regime="wi2021", status__in=["pip_vastgesteld", "in_uitvoering", "afgerond"]
    )
    assert with_pip.exists()
    referrals = {v.inburgeraar_id: v.aanbieder.name for v in Verwijzing.objects.all()}
    for person in with_pip:
        # The first vastgestelde version (the enforcement demo adds later ones after a bezwaar).
        versie = (
            PIPVersie.objects.vastgesteld().filter(pip__inburgeraar=person).order_by("dagtekening")
        ).first()
        assert versie.leerroute in ROUTES[referrals[person.pk]]
        weeks = (versie.dagtekening - person.kennisgeving_date).days / 7
        assert 8 <= weeks <= 10
        assert versie.vastgesteld_door != versie.opgesteld_door
        assert versie.doelen.values("levensgebied").distinct().count() >= 4
    assert Beschikking.objects.count() >= with_pip.count()
    assert (
        not PIP.objects.exclude(inburgeraar__in=with_pip)
        .filter(versies__status=VersieStatus.VASTGESTELD)
        .exists()
    )
    today = timezone.localdate()
    stands = services.voortgang_for(with_pip.filter(status__in=services.MONITORED))
    overdue = [s for s in stands.values() if s.due < today - dt.timedelta(days=14)]
    assert len(overdue) >= 1
    waiting = PIPVersie.objects.concept().get(aangeboden_op__isnull=False)
    assert waiting.aangeboden_op is not None
    assert waiting.pip.inburgeraar.status == "intake"
