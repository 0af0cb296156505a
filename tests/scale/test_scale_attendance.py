"""`regie demo --scale N --attendance M`: activities, enrolments and exactly M attendance
rows for the monitoring benchmark (written with bulk_create on SQLite, COPY on
PostgreSQL)."""

import io

import pytest
from django.utils import timezone

from regie.activities.models import Activity, Attendance, Enrolment
from regie.demo.data import DemoBuilder
from regie.demo.scale import ScaleBuilder
from regie.rules.lifecycle import Status

pytestmark = pytest.mark.django_db


def test_attendance_rows_for_the_enrolled():
    DemoBuilder().build()
    demo_attendance = Attendance.objects.count()
    demo_enrolments = set(Enrolment.objects.values_list("pk", flat=True))
    counts = ScaleBuilder(120, municipalities=3, stream=io.StringIO(), attendance=900).build()
    assert counts["aanwezigheden"] == 900
    assert Attendance.objects.count() == demo_attendance + 900
    enrolments = Enrolment.objects.exclude(pk__in=demo_enrolments).select_related(
        "inburgeraar", "session__activity"
    )
    assert enrolments.count() == counts["inschrijvingen"] > 0
    for enrolment in enrolments:
        assert enrolment.inburgeraar.status in (Status.IN_UITVOERING, Status.AFGEROND)
        assert enrolment.session.activity.municipality_id == enrolment.inburgeraar.municipality_id
    generated = Attendance.objects.filter(registered_by="scale")
    today = timezone.localdate()
    for row in generated.select_related("enrolment__session"):
        assert row.date < today and row.date.weekday() == row.enrolment.session.weekday
    assert Activity.objects.filter(name__startswith="Taalcafé ").count() == 3
