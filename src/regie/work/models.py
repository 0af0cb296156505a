"""Participatie en werk (seed §2.4, bijlage 3 'Leren en werken', issue 20): the register
of werkgevers and their plekken (werkervaringsplek, stage, vrijwilligerswerk, betaald
werk), maintained by the klantmanager and the coördinator, and the placements of persons
on those places with their job coach.

Werkgevers and plekken are not about an inburgeraar; they are scoped to the
municipalities the user's organisation serves. Placements are personal data: scoped
through ``ScopedQuerySet`` (``person_path``) and audit-logged through ``TrackedModel``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from regie.core.access import ScopedQuerySet, served_municipality_ids
from regie.core.audit import TrackedModel
from regie.core.models import Municipality
from regie.people.models import Inburgeraar
from regie.rules import work as rules


class RegisterQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(**{f"{self.model.municipality_path}__in": served_municipality_ids(user)})


class Werkgever(models.Model):
    """An employer or organisation offering places. It has no login and sees nothing."""

    municipality_path = "municipality"

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="werkgevers",
        verbose_name=_("gemeente"),
        help_text=_("De gemeente of regio waarvoor deze werkgever plekken biedt."),
    )
    name = models.CharField(_("naam"), max_length=150)
    kvk_number = models.CharField(
        _("KvK-nummer"),
        max_length=8,
        blank=True,
        validators=[RegexValidator(r"^\d{8}$", _("Een KvK-nummer bestaat uit 8 cijfers."))],
    )
    contact_name = models.CharField(_("contactpersoon"), max_length=100, blank=True)
    phone = models.CharField(_("telefoon"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("adres"), max_length=200, blank=True)
    place = models.CharField(_("plaats"), max_length=80, blank=True)
    sbi_code = models.CharField(
        _("SBI-code"),
        max_length=6,
        blank=True,
        validators=[RegexValidator(r"^\d{2,5}$", _("Een SBI-code bestaat uit 2 tot 5 cijfers."))],
    )
    sector = models.CharField(_("sector"), max_length=100, blank=True)
    accessibility = models.TextField(_("bereikbaarheid en toegankelijkheid"), blank=True)
    active = models.BooleanField(_("actief"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RegisterQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("werkgever")
        verbose_name_plural = _("werkgevers")

    def __str__(self):
        return self.name


class PlekSoort(models.TextChoices):
    WERKERVARING = "werkervaring", _("Werkervaringsplek")
    STAGE = "stage", _("Stage of leerwerkplek")
    VRIJWILLIGERSWERK = "vrijwilligerswerk", _("Vrijwilligerswerk")
    BETAALD = "betaald", _("Betaald werk")


class Taalniveau(models.TextChoices):
    GEEN = "", _("Geen eis")
    A1 = "A1", "A1"
    A2 = "A2", "A2"
    B1 = "B1", "B1"
    B2 = "B2", "B2"


class Plek(models.Model):
    """A place at a werkgever. The agreement is recorded as facts, not computed."""

    municipality_path = "werkgever__municipality"

    werkgever = models.ForeignKey(
        Werkgever, on_delete=models.PROTECT, related_name="plekken", verbose_name=_("werkgever")
    )
    title = models.CharField(_("omschrijving"), max_length=150)
    soort = models.CharField(_("soort plek"), max_length=20, choices=PlekSoort.choices)
    language_level = models.CharField(
        _("vereist niveau Nederlands"), max_length=2, choices=Taalniveau.choices, blank=True
    )
    hours_per_week = models.PositiveSmallIntegerField(
        _("uren per week"), validators=[MinValueValidator(1), MaxValueValidator(40)]
    )
    days = models.CharField(_("dagen"), max_length=100, blank=True)
    capacity = models.PositiveSmallIntegerField(
        _("aantal plaatsen"), default=1, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    supervisor = models.CharField(
        _("werkbegeleider of taalcoach op de plek"), max_length=100, blank=True
    )
    with_training = models.BooleanField(_("gecombineerd met een opleiding"), default=False)
    proefplaatsing = models.BooleanField(_("proefplaatsing afgesproken"), default=False)
    loonkostensubsidie = models.BooleanField(_("loonkostensubsidie afgesproken"), default=False)
    no_risk_polis = models.BooleanField(_("no-riskpolis van toepassing"), default=False)
    agreement_notes = models.TextField(_("afspraken met de werkgever"), blank=True)
    active = models.BooleanField(_("actief"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RegisterQuerySet.as_manager()

    class Meta:
        ordering = ["werkgever__name", "title", "id"]
        verbose_name = _("plek")
        verbose_name_plural = _("plekken")

    def __str__(self):
        return f"{self.title} ({self.werkgever})"


class PlaatsingStatus(models.TextChoices):
    VOORGESTELD = rules.VOORGESTELD, _("Voorgesteld")
    LOPEND = rules.LOPEND, _("Lopend")
    AFGEROND = rules.AFGEROND, _("Afgerond")
    GESTOPT = rules.GESTOPT, _("Voortijdig gestopt")


class PlaatsingQuerySet(ScopedQuerySet):
    def running(self):
        return self.filter(status__in=sorted(rules.OCCUPYING))


class Plaatsing(TrackedModel):
    """A person on a plek: part of the duaal traject in the PIP."""

    person_path = "inburgeraar__"

    inburgeraar = models.ForeignKey(Inburgeraar, on_delete=models.CASCADE, related_name="+")
    plek = models.ForeignKey(
        Plek, on_delete=models.PROTECT, related_name="plaatsingen", verbose_name=_("plek")
    )
    start = models.DateField(_("startdatum"))
    end = models.DateField(_("einddatum"), null=True, blank=True)
    hours_per_week = models.PositiveSmallIntegerField(
        _("uren per week"), validators=[MinValueValidator(1), MaxValueValidator(40)]
    )
    days = models.CharField(_("dagen"), max_length=100, blank=True)
    job_coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("jobcoach"),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=PlaatsingStatus.choices,
        default=PlaatsingStatus.VOORGESTELD,
    )
    stop_reason = models.TextField(_("reden van voortijdig stoppen"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PlaatsingQuerySet.as_manager()

    class Meta:
        ordering = ["-start", "-id"]
        verbose_name = _("plaatsing")
        verbose_name_plural = _("plaatsingen")

    def __str__(self):
        return f"Plaatsing {self.inburgeraar_id} op {self.plek_id} ({self.start})"

    def audit_person_id(self):
        return self.inburgeraar_id
