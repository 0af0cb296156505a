"""Facts kept for the wide monitoring views (docs/architecture.md, "Monitoring facts").

Over many municipalities (a province, the whole country) the monitoring pages do not
recompute every person's dates from the source tables at each request: they read these
tables, rebuilt per municipality from the source tables by the scheduled job
``monitoringcijfers`` (every hour) and on demand (``regie monitoring-facts``, after
``regie demo --scale``). The rows are written by the same code that the live pages use
(``monitoring.queries``), and tests/monitoring/test_facts.py computes every figure of the
four pages both ways on generated data and compares them. A municipality without a stand
is always read live; narrow views (a region or less) are always read live.

Not personal data in any new sense: the dates of one person that the source tables hold,
deleted with the person (CASCADE) and replaced at every rebuild."""

from __future__ import annotations

from django.db import models

from regie.activities.models import Activity, Enrolment
from regie.core.models import Municipality
from regie.people.models import Inburgeraar


class FactStand(models.Model):
    """When a municipality's facts were last rebuilt: the page shows the oldest stand of
    the municipalities it reads."""

    municipality = models.OneToOneField(
        Municipality, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    built_at = models.DateTimeField()
    persons = models.PositiveIntegerField(default=0)
    enrolment_years = models.PositiveIntegerField(default=0)
    seconds = models.FloatField(default=0)

    def __str__(self):
        return f"{self.municipality_id}: {self.built_at:%Y-%m-%d %H:%M}"


class PersonFact(models.Model):
    """One person's facts as ``monitoring.figures.PersonRow`` holds them (the columns in
    that order), plus whether their vastgestelde PIP versions name more than one
    leerroute, the first date of each kind of outflow and their placements (for the
    cohort page)."""

    person = models.OneToOneField(
        Inburgeraar, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    doelgroep = models.CharField(max_length=20, blank=True)
    status = models.CharField(max_length=30, blank=True)
    kennisgeving_date = models.DateField(null=True)
    intake_started = models.DateField(null=True)
    intake_completed = models.DateField(null=True)
    pip_dagtekening = models.DateField(null=True)
    leerroute = models.CharField(max_length=20, blank=True)
    pvt_signed = models.DateField(null=True)
    map_done = models.DateField(null=True)
    wants_maatje = models.BooleanField(null=True)
    has_maatje = models.BooleanField(default=False)
    in_activity = models.BooleanField(default=False)
    regime = models.CharField(max_length=20, blank=True)
    brp_date = models.DateField(null=True)
    housing_date = models.DateField(null=True)
    route_changed = models.BooleanField(default=False)
    # The statutory PIP deadline (monitoring.figures.pip_deadline: kennisgeving, BRP date and
    # regime only, never a local figure), so the cohort page counts PIPs on time in SQL.
    pip_deadline = models.DateField(null=True)
    # Whether the person has a vastgestelde PIP version (the work route table counts only
    # them; a vastgestelde version need not carry a dagtekening).
    has_pip = models.BooleanField(default=False)
    # The person's placements counted per status and per soort of place:
    # {'status:<status>': n, 'soort:<soort>': n}; null for those without a placement.
    placements = models.JSONField(null=True, blank=True)
    # {uitstroom soort (or 'soort:detail'): first date as ISO text}; null for most (no
    # outflow recorded: nothing to parse when 100,000 rows are read).
    outflow = models.JSONField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["municipality"], name="personfact_municipality")]

    def __str__(self):
        return f"fact {self.person_id}"


class EnrolmentYearFact(models.Model):
    """Per enrolment and calendar year: the present attendance (rows and hours), for the
    Borging page. Only years with at least one present row."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Inburgeraar, on_delete=models.CASCADE, related_name="+")
    present = models.PositiveIntegerField()
    hours = models.DecimalField(max_digits=12, decimal_places=2)

    class Meta:
        indexes = [models.Index(fields=["municipality"], name="enrolmentyearfact_muni")]
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "year"], name="enrolmentyearfact_once")
        ]

    def __str__(self):
        return f"{self.enrolment_id} {self.year}"
