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
    # Where the work is, for the travel time in the matching (empty: the municipality's
    # centre is used).
    lat = models.FloatField(
        _("breedtegraad"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    lon = models.FloatField(
        _("lengtegraad"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
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


class StopReden(models.TextChoices):
    """Why a placement ended early (rules.work.STOP_REDENEN)."""

    BETAALD_WERK = rules.STOP_BETAALD_WERK, _("Betaald werk gevonden")
    GEZONDHEID = rules.STOP_GEZONDHEID, _("Gezondheid")
    VERZUIM = rules.STOP_VERZUIM, _("Te vaak afwezig of niet gemotiveerd")
    WERKGEVER = rules.STOP_WERKGEVER, _("Werkgever stopt of plek vervalt")
    PASSEND = rules.STOP_PASSEND, _("Plek past niet (taal, taken of reistijd)")
    VERHUIZING = rules.STOP_VERHUIZING, _("Verhuizing")
    OVERIG = rules.STOP_OVERIG, _("Andere reden")


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
    # The fixed week blocks of the placement (weekdays 0 = maandag, as activities.Weekday):
    # the weekprogramma takes them as occupied beside the lessons.
    weekdays = models.JSONField(_("vaste werkdagen"), default=list, blank=True)
    start_time = models.TimeField(_("begintijd"), null=True, blank=True)
    end_time = models.TimeField(_("eindtijd"), null=True, blank=True)
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
    stop_reden = models.CharField(
        _("reden van voortijdig stoppen"), max_length=20, choices=StopReden.choices, blank=True
    )
    stop_reason = models.TextField(_("toelichting bij het stoppen"), blank=True)
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


class Aanwezigheid(models.TextChoices):
    GOED = "goed", _("Goed (vrijwel altijd aanwezig)")
    WISSELEND = "wisselend", _("Wisselend")
    ONVOLDOENDE = "onvoldoende", _("Onvoldoende (vaak afwezig)")


class Voortgang(models.TextChoices):
    ACHTERUIT = "achteruit", _("Gaat achteruit")
    GELIJK = "gelijk", _("Blijft gelijk")
    VOORUIT = "vooruit", _("Gaat vooruit")
    WERKFIT = "werkfit", _("Werkfit")


class Evaluatie(TrackedModel):
    """An evaluation of a placement with the job coach: attendance, progress on the
    werknemersvaardigheden and the employer's view."""

    person_path = "plaatsing__inburgeraar__"

    plaatsing = models.ForeignKey(Plaatsing, on_delete=models.CASCADE, related_name="evaluaties")
    datum = models.DateField(_("datum van de evaluatie"))
    aanwezigheid = models.CharField(_("aanwezigheid"), max_length=12, choices=Aanwezigheid.choices)
    voortgang = models.CharField(
        _("voortgang werknemersvaardigheden"), max_length=12, choices=Voortgang.choices
    )
    vaardigheden = models.TextField(
        _("werknemersvaardigheden"),
        blank=True,
        max_length=2000,
        help_text=_(
            "Bijvoorbeeld op tijd komen, afspraken nakomen, samenwerken, Nederlands op het werk."
        ),
    )
    oordeel_werkgever = models.TextField(_("oordeel van de werkgever"), blank=True, max_length=2000)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-datum", "-id"]
        verbose_name = _("evaluatie van een plaatsing")
        verbose_name_plural = _("evaluaties van plaatsingen")

    def __str__(self):
        return f"Evaluatie {self.plaatsing_id} ({self.datum})"

    def audit_person_id(self):
        return self.plaatsing.inburgeraar_id


class UitstroomSoort(models.TextChoices):
    BETAALD_WERK = "betaald_werk", _("Betaald werk")
    ONDERWIJS = "onderwijs", _("Onderwijs")
    UIT_BIJSTAND = "uit_bijstand", _("Uit de bijstand")
    VERHUIZING = "verhuizing", _("Verhuizing naar een andere gemeente")
    EINDE_PLICHT = "einde_plicht", _("Einde van de inburgeringsplicht")


class Contract(models.TextChoices):
    VAST = "vast", _("Vast contract")
    TIJDELIJK = "tijdelijk", _("Tijdelijk contract")
    UITZEND = "uitzend", _("Uitzendwerk")
    OPROEP = "oproep", _("Oproep- of nulurencontract")
    ZELFSTANDIG = "zelfstandig", _("Zelfstandig ondernemer")


class Onderwijsniveau(models.TextChoices):
    VAVO = "vavo", _("Vavo")
    MBO1 = "mbo1", _("mbo niveau 1 (entree)")
    MBO2 = "mbo2", _("mbo niveau 2")
    MBO3 = "mbo3", _("mbo niveau 3")
    MBO4 = "mbo4", _("mbo niveau 4")
    HBO = "hbo", _("hbo")
    WO = "wo", _("wo")
    OVERIG = "overig", _("Andere opleiding")


class BijstandUitstroom(models.TextChoices):
    VOLLEDIG = "volledig", _("Volledig uit de bijstand")
    GEDEELTELIJK = "gedeeltelijk", _("Gedeeltelijk (aanvullende bijstand)")


class EindePlicht(models.TextChoices):
    DIPLOMA = "diploma", _("Diploma of examens gehaald")
    ONTHEFFING = "ontheffing", _("Ontheffing")
    ANDERS = "anders", _("Anders (bijvoorbeeld naturalisatie)")


class Uitstroom(TrackedModel):
    """Where a person goes and when: recorded facts; the monitoring measures them at fixed
    moments after the PIP. A person can have several (a job and partly out of bijstand)."""

    person_path = "inburgeraar__"

    inburgeraar = models.ForeignKey(Inburgeraar, on_delete=models.CASCADE, related_name="+")
    soort = models.CharField(_("soort uitstroom"), max_length=20, choices=UitstroomSoort.choices)
    datum = models.DateField(_("datum"))
    uren_per_week = models.PositiveSmallIntegerField(
        _("uren per week"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    contract = models.CharField(
        _("soort contract"), max_length=12, choices=Contract.choices, blank=True
    )
    sector = models.CharField(_("sector"), max_length=100, blank=True)
    werkgever = models.ForeignKey(
        Werkgever,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("werkgever uit het register"),
    )
    opleiding = models.CharField(_("opleiding"), max_length=150, blank=True)
    niveau = models.CharField(
        _("niveau"), max_length=8, choices=Onderwijsniveau.choices, blank=True
    )
    bijstand = models.CharField(
        _("uit de bijstand"), max_length=12, choices=BijstandUitstroom.choices, blank=True
    )
    einde_plicht = models.CharField(
        _("reden einde inburgeringsplicht"), max_length=12, choices=EindePlicht.choices, blank=True
    )
    toelichting = models.TextField(_("toelichting"), blank=True, max_length=2000)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-datum", "-id"]
        verbose_name = _("uitstroom")
        verbose_name_plural = _("uitstroom")

    def __str__(self):
        return f"Uitstroom {self.inburgeraar_id}: {self.soort} ({self.datum})"

    def audit_person_id(self):
        return self.inburgeraar_id


# Matching people to places (issue 20, point 3): its models live in their own module.
from regie.work.matching_models import (  # noqa: E402, F401
    MatchingRunStatus,
    NietGeplaatst,
    PlaatsingMatchingRun,
    PlaatsingVoorstel,
    VoorstelStatus,
)
