"""Matching people to places (issue 20, point 3): one run of the solver over the
eligible persons and the free plekken of one municipality, stored proposal by proposal so
the job coach confirms (a Plaatsing with status voorgesteld) or declines each with a
reason. Imported by work/models.py so Django registers the models in the work app."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from regie.core.access import ScopedQuerySet
from regie.core.audit import TrackedModel
from regie.core.models import Municipality, Organisation
from regie.people.models import Inburgeraar


class MatchingRunStatus(models.TextChoices):
    OPEN = "open", _("Te beoordelen")
    AFGEHANDELD = "afgehandeld", _("Afgehandeld")
    VERVANGEN = "vervangen", _("Vervangen door een nieuwer voorstel")


class PlaatsingMatchingRun(models.Model):
    """One run of the solver (regie.planning.plaatsing) for one municipality. Holds only
    counts and the plekken left out; the proposals are personal data, scoped per row."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    run_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    run_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        max_length=12, choices=MatchingRunStatus.choices, default=MatchingRunStatus.OPEN
    )
    person_count = models.PositiveIntegerField(default=0)
    place_count = models.PositiveIntegerField(default=0)
    placed_count = models.PositiveIntegerField(default=0)
    total_score = models.FloatField(default=0)
    greedy_placed = models.PositiveIntegerField(default=0)
    greedy_score = models.FloatField(default=0)
    optimal = models.BooleanField(default=False)
    max_travel_minutes = models.PositiveSmallIntegerField(default=0)
    level_gap = models.PositiveSmallIntegerField(default=0)
    # [{"plek": pk, "name": "...", "reason": "..."}]: plekken that did not take part.
    excluded_places = models.JSONField(default=list)

    class Meta:
        ordering = ["-run_at", "-id"]
        verbose_name = _("plaatsingsvoorstel")

    def __str__(self):
        return f"Plaatsingsvoorstel {self.pk} ({self.run_at:%Y-%m-%d})"


class VoorstelStatus(models.TextChoices):
    OPEN = "open", _("Voorgesteld")
    BEVESTIGD = "bevestigd", _("Bevestigd")
    AFGEWEZEN = "afgewezen", _("Afgewezen")
    VERVALLEN = "vervallen", _("Vervallen")


class PlaatsingVoorstel(TrackedModel):
    """A proposed person–plek pair with its score and reasons."""

    person_path = "inburgeraar__"

    run = models.ForeignKey(
        PlaatsingMatchingRun, on_delete=models.CASCADE, related_name="voorstellen"
    )
    inburgeraar = models.ForeignKey(Inburgeraar, on_delete=models.CASCADE, related_name="+")
    plek = models.ForeignKey("work.Plek", on_delete=models.PROTECT, related_name="+")
    score = models.FloatField()
    reasons = models.JSONField(default=list)
    status = models.CharField(
        max_length=10, choices=VoorstelStatus.choices, default=VoorstelStatus.OPEN
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reject_reason = models.CharField(_("reden van afwijzen"), max_length=300, blank=True)
    plaatsing = models.OneToOneField(
        "work.Plaatsing", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-score", "id"]
        verbose_name = _("voorgestelde plaatsing")
        verbose_name_plural = _("voorgestelde plaatsingen")

    def __str__(self):
        return f"Voorstel {self.inburgeraar_id} op {self.plek_id} ({self.score})"

    def audit_person_id(self):
        return self.inburgeraar_id


class NietGeplaatst(models.Model):
    """A person the run could not place, with a reason the job coach can act on."""

    person_path = "inburgeraar__"

    run = models.ForeignKey(
        PlaatsingMatchingRun, on_delete=models.CASCADE, related_name="niet_geplaatst"
    )
    inburgeraar = models.ForeignKey(Inburgeraar, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=300)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"{self.inburgeraar_id}: {self.reason}"

    def audit_person_id(self):
        return self.inburgeraar_id
