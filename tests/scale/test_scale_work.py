"""`regie demo --scale N` for participatie en werk (issue 20): werkgevers and plekken per
municipality, placements in every status, evaluations and outflow, consistent with the
app's rules and dated from the demo's today."""

import io
from datetime import date

import pytest
from django.db.models import Count, F, Q

from regie.demo.data import DemoBuilder
from regie.demo.scale import ScaleBuilder
from regie.people.models import Inburgeraar
from regie.plans.models import PIPVersie
from regie.rules.lifecycle import Status
from regie.work.models import Evaluatie, Plaatsing, Plek, Uitstroom, Werkgever

pytestmark = pytest.mark.django_db


def test_scale_generates_work_data(travel):
    travel("2026-10-10 10:00")
    DemoBuilder().build()
    last_demo = Inburgeraar.objects.order_by("-pk").values_list("pk", flat=True)[0]
    counts = ScaleBuilder(1200, municipalities=4, stream=io.StringIO()).build()
    today = date(2026, 10, 10)
    # Every municipality has werkgevers with plekken of every soort.
    per_muni = Werkgever.objects.values("municipality").annotate(n=Count("id"))
    assert len(per_muni) == 4 and all(row["n"] >= 6 for row in per_muni)
    assert set(Plek.objects.values_list("soort", flat=True)) == {
        "werkervaring",
        "stage",
        "vrijwilligerswerk",
        "betaald",
    }
    generated = Plaatsing.objects.filter(inburgeraar__pk__gt=last_demo)
    assert counts["plaatsingen"] == generated.count() > 100
    assert set(generated.values_list("status", flat=True)) == {
        "voorgesteld",
        "lopend",
        "afgerond",
        "gestopt",
    }
    # Dates follow the status and today; ended early always with a reason.
    assert not generated.filter(status="lopend", start__gt=today).exists()
    assert not generated.filter(status="lopend", end__lt=today).exists()
    assert not generated.filter(status="voorgesteld", start__lte=today).exists()
    assert not generated.filter(status__in=["afgerond", "gestopt"], end__gte=today).exists()
    assert not generated.filter(end__lt=F("start")).exists()
    assert not generated.filter(status="gestopt", stop_reden="").exists()
    # Only persons in the duaal traject or done with it; placements on their own municipality.
    assert set(generated.values_list("inburgeraar__status", flat=True)) <= {
        Status.PIP_VASTGESTELD,
        Status.IN_UITVOERING,
        Status.AFGEROND,
    }
    assert not generated.exclude(
        plek__werkgever__municipality=F("inburgeraar__municipality")
    ).exists()
    # A place never has more running placements than seats.
    assert (
        not Plek.objects.annotate(
            running=Count("plaatsingen", filter=Q(plaatsingen__status="lopend"))
        )
        .filter(running__gt=F("capacity"))
        .exists()
    )
    # Evaluations between start and min(end, today).
    evaluaties = Evaluatie.objects.filter(plaatsing__in=generated)
    assert evaluaties.count() == counts["evaluaties"] > 50
    assert not evaluaties.filter(datum__gt=today).exists()
    assert not evaluaties.filter(datum__lt=F("plaatsing__start")).exists()
    assert not evaluaties.filter(datum__gt=F("plaatsing__end")).exists()
    # Outflow only for cohorts whose PIP is at least a year old, after the PIP, not later
    # than today; every kind of outflow occurs.
    outflow = Uitstroom.objects.filter(inburgeraar__pk__gt=last_demo)
    assert outflow.count() == counts["uitstroom"] > 50
    assert set(outflow.values_list("soort", flat=True)) == {
        "betaald_werk",
        "onderwijs",
        "uit_bijstand",
        "verhuizing",
        "einde_plicht",
    }
    assert not outflow.filter(datum__gt=today).exists()
    first_pip = dict(
        PIPVersie.objects.filter(pip__inburgeraar__pk__gt=last_demo).values_list(
            "pip__inburgeraar_id", "dagtekening"
        )
    )
    for person_id, datum in outflow.values_list("inburgeraar_id", "datum"):
        assert (today - first_pip[person_id]).days >= 365
        assert datum >= first_pip[person_id]
    assert not outflow.filter(soort="betaald_werk", uren_per_week__isnull=True).exists()
    assert (
        not outflow.filter(soort="verhuizing")
        .exclude(inburgeraar__status=Status.VERTROKKEN)
        .exists()
    )
