"""The brede intake over the five levensgebieden, its gesprekken, the health part kept
apart as special-category data (AVG art. 9), and the leerbaarheidstoets.

Decisions (completing, the route advice, warnings) live in services.py; the states and
their transitions in states.py. Every model holds personal data: scoped through
``ScopedQuerySet.for_user`` and audited through ``TrackedModel``.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from regie.core.access import ScopedQuerySet
from regie.core.audit import TrackedModel
from regie.core.roles import Permission
from regie.intake.states import IntakeState, OproepState, ToetsState
from regie.people.models import Inburgeraar
from regie.rules import Opleidingsniveau
from regie.rules.oproepen import OproepSoort as OproepSoortRule


class IntakeStatus(models.TextChoices):
    CONCEPT = IntakeState.CONCEPT.value, _("Concept")
    AFGEROND = IntakeState.AFGEROND.value, _("Afgerond")


class OpleidingsniveauChoice(models.TextChoices):
    NONE = Opleidingsniveau.NONE.value, _("Geen of nauwelijks scholing")
    PRIMARY = Opleidingsniveau.PRIMARY.value, _("Basisonderwijs")
    SECONDARY = Opleidingsniveau.SECONDARY.value, _("Voortgezet onderwijs")
    MBO = Opleidingsniveau.MBO.value, _("Mbo of vergelijkbaar")
    HBO_WO = Opleidingsniveau.HBO_WO.value, _("Hbo of wo")


class Geletterdheid(models.TextChoices):
    LATIN = "latijns", _("Geletterd in het Latijnse schrift")
    OTHER_SCRIPT = "ander_schrift", _("Geletterd in een ander schrift (alleen)")
    NOT_LITERATE = "niet", _("Niet of nauwelijks geletterd")


class TaalniveauNL(models.TextChoices):
    NONE = "geen", _("Geen Nederlands")
    A0 = "a0", _("Onder A1")
    A1 = "a1", _("A1")
    A2 = "a2", _("A2")
    B1 = "b1", _("B1 of hoger")


class Inkomensbron(models.TextChoices):
    BIJSTAND = "bijstand", _("Bijstand (Participatiewet)")
    WERK = "werk", _("Eigen werk")
    PARTNER = "partner", _("Inkomen van partner of referent")
    GEEN = "geen", _("Geen inkomen")
    ANDERS = "anders", _("Anders")


class BredeIntakeQuerySet(ScopedQuerySet):
    def drafts(self):
        return self.filter(status=IntakeStatus.CONCEPT)

    def completed(self):
        return self.filter(status=IntakeStatus.AFGEROND)


class BredeIntake(TrackedModel):
    """The brede intake of one person (Wi art. 14; Besluit art. 5.2). It may span several
    gesprekken; it is a draft until the klantmanager completes it."""

    person_path = "inburgeraar__"

    inburgeraar = models.ForeignKey(
        Inburgeraar, on_delete=models.CASCADE, related_name="brede_intakes"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=IntakeStatus.choices, default=IntakeStatus.CONCEPT
    )
    started_on = models.DateField(_("gestart op"))
    completed_on = models.DateField(_("afgerond op"), null=True, blank=True)
    completed_by = models.CharField(_("afgerond door"), max_length=150, blank=True)

    # Besluit art. 5.2 lid 2: the person is told they may hold the gesprekken alone,
    # without their partner or anyone else who is not there in a professional capacity.
    alone_offered_on = models.DateField(
        _("gewezen op gesprek zonder partner of anderen op"),
        null=True,
        blank=True,
        help_text=_(
            "De datum waarop de inburgeraar erop is gewezen dat de gesprekken zonder partner "
            "of andere aanwezigen (behalve professionals) kunnen worden gevoerd "
            "(Besluit inburgering 2021 art. 5.2 lid 2)."
        ),
    )
    alone_wanted = models.BooleanField(
        _("de inburgeraar wilde (een deel van) de gesprekken alleen voeren"), default=False
    )

    # Wonen
    housing = models.TextField(_("woonsituatie"), blank=True)
    # Financiën
    income_source = models.CharField(
        _("inkomensbron"), max_length=10, choices=Inkomensbron.choices, blank=True
    )
    has_debts = models.BooleanField(_("schulden of betalingsachterstanden"), default=False)
    finances = models.TextField(_("financiën, toelichting"), blank=True)
    # Leer- en werkachtergrond (Wi art. 14 lid 3: education and work in the country of origin)
    opleidingsniveau = models.CharField(
        _("hoogst genoten opleiding"),
        max_length=10,
        choices=OpleidingsniveauChoice.choices,
        blank=True,
    )
    years_of_schooling = models.PositiveSmallIntegerField(
        _("aantal jaren onderwijs"), null=True, blank=True
    )
    diplomas = models.TextField(_("diploma's"), blank=True)
    work_experience = models.TextField(_("werkervaring"), blank=True)
    languages = models.TextField(
        _("talen en geschat niveau"),
        blank=True,
        help_text=_("Bijvoorbeeld: Arabisch moedertaal; Engels B1; Turks A2."),
    )
    geletterdheid = models.CharField(
        _("geletterdheid"), max_length=15, choices=Geletterdheid.choices, blank=True
    )
    dutch_level = models.CharField(
        _("geschat niveau Nederlands"), max_length=5, choices=TaalniveauNL.choices, blank=True
    )
    wants_education = models.BooleanField(
        _("wil een opleiding in het mbo, hbo of wo volgen"), default=False
    )
    work_options = models.TextField(
        _("mogelijkheden tot arbeidsparticipatie"),
        blank=True,
        help_text=_("Besluit inburgering 2021 art. 5.2 lid 1 onder b."),
    )
    # Sociaal netwerk
    social_network = models.TextField(_("sociaal netwerk"), blank=True)
    self_reliance = models.TextField(
        _("zelfredzaamheid"),
        blank=True,
        help_text=_("Besluit inburgering 2021 art. 5.2 lid 1 onder c."),
    )
    # Persoonlijke omstandigheden
    has_partner = models.BooleanField(_("heeft een partner"), default=False)
    partner_notes = models.TextField(_("partner, toelichting"), blank=True)
    children_count = models.PositiveSmallIntegerField(_("aantal kinderen"), default=0)
    childcare_needed = models.BooleanField(_("kinderopvang nodig"), default=False)
    childcare_notes = models.TextField(
        _("kinderopvang en voor- en vroegschoolse educatie"), blank=True
    )

    # Why no leerbaarheidstoets result is needed (e.g. Wi art. 14 lid 6, or the intake
    # completed without the person): without a result or this reason the intake cannot be
    # completed.
    geen_toets_reden = models.TextField(
        _("reden waarom geen leerbaarheidstoets nodig is"), blank=True, max_length=2000
    )
    # Completed without the person after the third oproep (Wi art. 14 lid 2).
    zonder_inburgeraar = models.BooleanField(
        _("afgerond zonder de inburgeraar (Wet inburgering 2021 art. 14 lid 2)"), default=False
    )

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = BredeIntakeQuerySet.as_manager()

    class Meta:
        ordering = ["-started_on", "-id"]
        verbose_name = _("brede intake")
        verbose_name_plural = _("brede intakes")
        constraints = [
            models.UniqueConstraint(
                fields=["inburgeraar"],
                condition=models.Q(status="concept"),
                name="intake_one_draft_per_person",
                violation_error_message=_("Deze inburgeraar heeft al een brede intake in concept."),
            )
        ]

    def __str__(self):
        return f"Brede intake {self.inburgeraar} ({self.get_status_display()})"

    def audit_person_id(self):
        return self.inburgeraar_id

    @property
    def is_draft(self) -> bool:
        return self.status == IntakeStatus.CONCEPT


class IntakeGezondheid(TrackedModel):
    """Physical and mental health from the brede intake: special-category data (AVG art. 9),
    kept apart so only roles with HEALTH_VIEW ever get it through ``for_user``."""

    person_path = "intake__inburgeraar__"
    special_category = True
    special_category_fields = ("physical", "mental", "impact")

    intake = models.OneToOneField(BredeIntake, on_delete=models.CASCADE, related_name="health")
    physical = models.TextField(_("lichamelijke gezondheid"), blank=True)
    mental = models.TextField(_("psychische gezondheid"), blank=True)
    impact = models.TextField(
        _("gevolgen voor leren en participeren"),
        blank=True,
        help_text=_(
            "Bijvoorbeeld een visuele of auditieve beperking, concentratie, belastbaarheid."
        ),
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("gezondheid (brede intake)")
        verbose_name_plural = _("gezondheid (brede intake)")

    def audit_person_id(self):
        return self.intake.inburgeraar_id

    @property
    def is_empty(self) -> bool:
        return not (self.physical or self.mental or self.impact)


class IntakeGesprek(TrackedModel):
    """One gesprek of the brede intake: when, who took part, interpreter, notes."""

    person_path = "intake__inburgeraar__"

    intake = models.ForeignKey(BredeIntake, on_delete=models.CASCADE, related_name="gesprekken")
    date = models.DateField(_("datum"))
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="intake_gesprekken",
        verbose_name=_("deelnemers (medewerkers)"),
        blank=True,
    )
    other_participants = models.CharField(
        _("andere aanwezigen"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld: partner, COA-medewerker, maatje."),
    )
    interpreter_used = models.BooleanField(_("tolk ingezet"), default=False)
    interpreter_language = models.CharField(_("taal van de tolk"), max_length=40, blank=True)
    notes = models.TextField(
        _("verslag"),
        blank=True,
        help_text=_("Leg gezondheidsinformatie niet hier vast maar bij Gezondheid."),
    )
    recorded_by = models.CharField(max_length=150, blank=True)
    # A correction of what was recorded (who took part, the date, ...) keeps its reason
    # here; every earlier reason and value stays in the field history.
    correctie_reden = models.TextField(_("reden van de correctie"), blank=True, max_length=2000)
    gecorrigeerd_door = models.CharField(_("gecorrigeerd door"), max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("intakegesprek")
        verbose_name_plural = _("intakegesprekken")

    def __str__(self):
        return f"Intakegesprek {self.date:%d-%m-%Y}"

    def audit_person_id(self):
        return self.intake.inburgeraar_id


class ToetsStatus(models.TextChoices):
    GEPLAND = ToetsState.GEPLAND.value, _("Gepland")
    AFGENOMEN = ToetsState.AFGENOMEN.value, _("Afgenomen")
    ONTHEFFING = ToetsState.ONTHEFFING.value, _("Ontheffing")
    NIET_VERSCHENEN = ToetsState.NIET_VERSCHENEN.value, _("Niet verschenen")


class ToetsOntheffingsgrond(models.TextChoices):
    VISUEEL = "visueel", _("Visuele beperking")
    AUDITIEF = "auditief", _("Auditieve beperking die de toets onmogelijk maakt")


class LeerbaarheidstoetsQuerySet(ScopedQuerySet):
    def invitations(self):
        from regie.intake.states import TOETS_INVITED

        return self.filter(status__in=[s.value for s in TOETS_INVITED])

    def no_shows(self):
        return self.filter(status=ToetsStatus.NIET_VERSCHENEN)


class Leerbaarheidstoets(TrackedModel):
    """One invitation to the leerbaarheidstoets (Bureau ICE), or the record of an
    exemption (Wi art. 14 lid 6). Each invitation is its own record, so invitations and
    no-shows can be counted per person for handhaving."""

    person_path = "inburgeraar__"

    inburgeraar = models.ForeignKey(
        Inburgeraar, on_delete=models.CASCADE, related_name="leerbaarheidstoetsen"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ToetsStatus.choices, default=ToetsStatus.GEPLAND
    )
    date = models.DateField(_("datum"))
    toetsbegeleider = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="toetsen_begeleid",
        verbose_name=_("toetsbegeleider"),
    )
    exemption_reason = models.CharField(
        _("grond voor ontheffing"), max_length=10, choices=ToetsOntheffingsgrond.choices, blank=True
    )
    b1_haalbaar = models.BooleanField(_("B1 haalbaar binnen de termijn"), null=True, blank=True)
    outcome = models.TextField(_("uitslag en advies"), blank=True)
    correctie_reden = models.TextField(_("reden van de correctie"), blank=True, max_length=2000)
    gecorrigeerd_door = models.CharField(_("gecorrigeerd door"), max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = LeerbaarheidstoetsQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("leerbaarheidstoets")
        verbose_name_plural = _("leerbaarheidstoetsen")
        constraints = [
            # A result only exists for a taken toets.
            models.CheckConstraint(
                condition=models.Q(b1_haalbaar__isnull=True) | models.Q(status="afgenomen"),
                name="toets_result_only_when_taken",
            ),
        ]
        indexes = [models.Index(fields=["inburgeraar", "status"], name="toets_person_status")]

    def __str__(self):
        return f"Leerbaarheidstoets {self.date:%d-%m-%Y} ({self.get_status_display()})"

    def audit_person_id(self):
        return self.inburgeraar_id

    @property
    def advice_text(self) -> str:
        if self.b1_haalbaar is True:
            return str(_("B1 is haalbaar"))
        if self.b1_haalbaar is False:
            return str(_("B1 is niet haalbaar"))
        return ""


class OproepStatus(models.TextChoices):
    OPEN = OproepState.OPEN.value, _("Open")
    VERSCHENEN = OproepState.VERSCHENEN.value, _("Verschenen")
    NIET_VERSCHENEN = OproepState.NIET_VERSCHENEN.value, _("Niet verschenen")
    INGETROKKEN = OproepState.INGETROKKEN.value, _("Ingetrokken")


class OproepSoort(models.TextChoices):
    OPROEP = OproepSoortRule.OPROEP.value, _("Oproep")
    WAARSCHUWING = OproepSoortRule.WAARSCHUWING.value, _("Waarschuwing met herhaalde oproep")


class IntakeOproepQuerySet(ScopedQuerySet):
    def open(self):
        return self.filter(status=OproepStatus.OPEN)

    def counted(self):
        """Oproepen that count for Wi art. 14 (withdrawn ones do not)."""
        return self.exclude(status=OproepStatus.INGETROKKEN)


class IntakeOproep(TrackedModel):
    """One oproep for the brede intake with its appointment and term (Wi art. 14 lid 1),
    and its letter as sent (PDF, never changed). The second and third oproep are a written
    warning with a repeated oproep; after the third the intake may be completed without
    the person (lid 2). These records are the factual basis of an art. 22 fine."""

    person_path = "inburgeraar__"
    history_exclude = (*TrackedModel.history_exclude, "pdf")

    inburgeraar = models.ForeignKey(
        Inburgeraar, on_delete=models.CASCADE, related_name="intake_oproepen"
    )
    volgnummer = models.PositiveSmallIntegerField(_("oproep nummer"))
    soort = models.CharField(_("soort"), max_length=12, choices=OproepSoort.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=OproepStatus.choices, default=OproepStatus.OPEN
    )
    dagtekening = models.DateField(_("dagtekening"))
    afspraak_op = models.DateField(_("afspraak op"))
    afspraak_tijd = models.TimeField(_("tijd"))
    locatie = models.CharField(_("plaats van de afspraak"), max_length=200)
    termijn_einde = models.DateField(_("termijn tot en met"))
    verwerkt_op = models.DateField(_("verwerkt op"), null=True, blank=True)
    opgesteld_door = models.CharField(_("opgesteld door"), max_length=150, blank=True)
    template_versie = models.CharField(_("sjabloonversie"), max_length=40, blank=True)
    pdf = models.BinaryField(editable=False, null=True)
    sha256 = models.CharField(max_length=64, editable=False, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = IntakeOproepQuerySet.as_manager()

    class Meta:
        ordering = ["volgnummer", "id"]
        verbose_name = _("oproep brede intake")
        verbose_name_plural = _("oproepen brede intake")
        constraints = [
            models.UniqueConstraint(
                fields=["inburgeraar", "volgnummer"], name="intake_oproep_unique_number"
            ),
            models.UniqueConstraint(
                fields=["inburgeraar"],
                condition=models.Q(status="open"),
                name="intake_oproep_one_open",
            ),
        ]

    def __str__(self):
        return f"Oproep brede intake {self.volgnummer} ({self.get_status_display()})"

    def audit_person_id(self):
        return self.inburgeraar_id

    @property
    def kenmerk(self) -> str:
        return f"BI-{self.inburgeraar_id}-{self.volgnummer}"

    @property
    def filename(self) -> str:
        # No name or BSN in the file name.
        return f"oproep-brede-intake-{self.inburgeraar_id}-{self.volgnummer}.pdf"


# The field history of intake records appears on the person's timeline only for the roles
# that may read the intake.
for _model in (BredeIntake, IntakeGesprek, Leerbaarheidstoets, IntakeGezondheid, IntakeOproep):
    _model.history_permission = Permission.INTAKE_VIEW
del _model
