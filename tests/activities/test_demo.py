"""The demo's menukaart, timetables, attendance (one person below the threshold), PVT,
MAP and one confirmed weekprogramma."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from regie.activities.models import (
    Activity,
    Attendance,
    Enrolment,
    MapTraject,
    PvtTraject,
    WeekProgramme,
)
from regie.activities.workitems import klantmanager_activities
from regie.core.models import User


@pytest.mark.django_db
def test_demo_activities():
    call_command("demo")
    names = set(Activity.objects.filter(kind="activiteit").values_list("name", flat=True))
    for expected in (
        "Kletsplek",
        "Fietsles",
        "Wandelchallenge",
        "Samen koken en eten",
        "Digitale vaardigheden: startmodule",
        "GGD-workshop 'Gezondheid in Nederland'",
    ):
        assert expected in names
    assert all(a.sessions.exists() for a in Activity.objects.all())
    organisers = set(
        Activity.objects.filter(kind="taalles").values_list("organiser__name", flat=True)
    )
    assert organisers == {"Toptaal", "Interbeek"}
    assert Enrolment.objects.filter(session__activity__kind="taalles").exists()
    assert Attendance.objects.exists()
    assert PvtTraject.objects.filter(signed_on__isnull=False).exists()
    assert MapTraject.objects.exists()
    (programme,) = WeekProgramme.objects.filter(status="bevestigd")
    assert Enrolment.objects.filter(programme=programme).exists()
    km = User.objects.get(username="klantmanager")
    sections = {s.key: s for s in klantmanager_activities(km, timezone.localdate())}
    assert len(sections["low_attendance"].items) >= 1
    whats = [item.what for item in sections["pvt_map"].items]
    assert any("eindgesprek" in w for w in whats)
