"""Financiële ontzorging, payment runs, the money training and the inburgering budget.

Ontzorging (Participatiewet art. 56a): an ``Ontzorging`` per asielstatushouder on
bijstand, with its beschikking and the person's machtiging, dated ``Verlenging``s, the
benefit as a dated series (``Uitkering``) and the ``BetaalPost``s paid from it. Changes
are dated, never overwritten: a changed amount ends the item and starts its successor.

Payments: a ``Betaalrun`` per municipality and month selects the due, checked items into
``Betaalregel``s. The database refuses a second active line for the same item and month
(``pay_item_once_per_period``), so a repeated or interrupted run never pays twice.

Money training (seed §3.5, NIBUD Geldplan statushouders): ``Geldtraining`` groups with
``GeldtrainingDeelname`` per person, open to the ondertussengroep too (seed §6).

Budget (seed §7): ``Financiering`` (funding streams per year), ``FundingAllocation`` (the
part of a stream allocated to an activity, for the borging figures of seed §4.3),
``Contract`` (fixed amounts or a price per traject per leerroute) and forecast
``Scenario``s. Not personal data.
"""

from __future__ import annotations

import contextlib
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from schwifty import BIC, IBAN
from schwifty import exceptions as schwifty_errors
from schwifty.exceptions import SchwiftyException

from regie.core.access import ScopedQuerySet
from regie.core.audit import TrackedModel
from regie.core.bekendmaking import BekendmakingWijze
from regie.core.formatting import datum
from regie.core.models import Municipality, Organisation
from regie.finance.templatetags.finance import euro
from regie.people.models import Inburgeraar
from regie.rules.ontzorging import Frequency, VerlengingGrondslag

POSITIVE = MinValueValidator(Decimal("0.01"), _("Het bedrag moet groter zijn dan nul."))


def _reason(error: SchwiftyException) -> str:
    """schwifty's English reason, said in Dutch."""
    reasons = {
        schwifty_errors.InvalidChecksumDigits: _(
            "de controlecijfers kloppen niet; waarschijnlijk is een cijfer verkeerd overgetypt"
        ),
        schwifty_errors.InvalidLength: _("het aantal tekens klopt niet voor dit land"),
        schwifty_errors.InvalidCountryCode: _("de landcode aan het begin is onbekend"),
        schwifty_errors.InvalidStructure: _(
            "de opbouw klopt niet (bijvoorbeeld een letter O waar een nul hoort)"
        ),
        schwifty_errors.InvalidBankCode: _("de bankcode is onbekend"),
        schwifty_errors.InvalidBranchCode: _("de filiaalcode is onbekend"),
        schwifty_errors.InvalidAccountCode: _("het rekeningnummer klopt niet"),
        schwifty_errors.InvalidBBANChecksum: _(
            "het controlegetal van het rekeningnummer klopt niet"
        ),
    }
    for kind, text in reasons.items():
        if isinstance(error, kind):
            return str(text)
    return str(_("het nummer klopt niet"))


def validate_iban(value: str) -> None:
    try:
        IBAN(value)
    except SchwiftyException as error:
        raise ValidationError(
            _("Dit is geen geldig IBAN: %(reason)s. Controleer het rekeningnummer.")
            % {"reason": _reason(error)},
            code="invalid_iban",
        ) from error


def validate_bic(value: str) -> None:
    if not value:
        return
    try:
        BIC(value)
    except SchwiftyException as error:
        raise ValidationError(
            _("Dit is geen geldige BIC: %(reason)s. Een BIC heeft 8 of 11 tekens, zoals ABNANL2A.")
            % {"reason": _reason(error)},
            code="invalid_bic",
        ) from error


def normalise_iban(value: str) -> str:
    return IBAN(value).compact


class IBANField(models.CharField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 34)
        kwargs.setdefault("validators", [validate_iban])
        super().__init__(*args, **kwargs)


# --- configuration ---------------------------------------------------------------------


class PostSoort(models.Model):
    """A kind of fixed cost paid from the benefit. The four of Participatiewet art. 56a
    exist everywhere (municipality empty); a municipality may add its own."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gemeente"),
        help_text=_("Leeg: voor alle gemeenten."),
    )
    naam = models.CharField(_("naam"), max_length=60)
    wettelijk = models.BooleanField(_("wettelijk (Participatiewet art. 56a)"), default=False)
    volgorde = models.PositiveSmallIntegerField(default=50)
    actief = models.BooleanField(_("actief"), default=True)

    class Meta:
        ordering = ["volgorde", "naam"]
        verbose_name = _("soort vaste last")
        verbose_name_plural = _("soorten vaste lasten")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "naam"], name="postsoort_unique_name")
        ]

    def __str__(self):
        return self.naam


class Betaalrekening(models.Model):
    """The account the municipality pays the ontzorging from (the debtor of the SEPA file)."""

    municipality = models.OneToOneField(
        Municipality, on_delete=models.CASCADE, related_name="betaalrekening"
    )
    naam = models.CharField(_("naam rekeninghouder"), max_length=70)
    iban = IBANField(_("IBAN"))
    bic = models.CharField(_("BIC"), max_length=11, blank=True, validators=[validate_bic])

    class Meta:
        verbose_name = _("betaalrekening")

    def __str__(self):
        return f"{self.naam} ({self.iban})"

    def clean(self):
        super().clean()
        if self.iban:
            with contextlib.suppress(SchwiftyException):
                self.iban = normalise_iban(self.iban)


class CrediteurSoort(models.TextChoices):
    WONINGCORPORATIE = "woningcorporatie", _("Woningcorporatie of verhuurder")
    ENERGIE = "energie", _("Energieleverancier")
    WATER = "water", _("Waterbedrijf")
    ZORGVERZEKERAAR = "zorgverzekeraar", _("Zorgverzekeraar")
    OVERIG = "overig", _("Overig")


class Crediteur(models.Model):
    """The crediteurenregister: the parties the ontzorging pays (woningcorporatie, energy,
    water, zorgverzekeraar), kept once by the financieel medewerker so that an item picks
    its creditor instead of typing name and IBAN again. Empty municipality: shared by all.
    Not personal data; changes are audit-logged by the view."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gemeente"),
        help_text=_("Leeg: voor alle gemeenten."),
    )
    soort = models.CharField(_("soort"), max_length=20, choices=CrediteurSoort.choices)
    naam = models.CharField(_("naam"), max_length=70)
    iban = IBANField(_("IBAN"))
    bic = models.CharField(
        _("BIC"),
        max_length=11,
        blank=True,
        validators=[validate_bic],
        help_text=_("Verplicht bij een buitenlands IBAN."),
    )
    actief = models.BooleanField(_("actief"), default=True)

    class Meta:
        ordering = ["soort", "naam"]
        verbose_name = _("crediteur")
        verbose_name_plural = _("crediteurenregister")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "naam", "iban"],
                name="crediteur_unique",
                violation_error_message=_("Deze crediteur staat al in het register."),
            )
        ]

    def __str__(self):
        return f"{self.naam} ({self.get_soort_display()})"

    def clean(self):
        super().clean()
        self.bic = (self.bic or "").replace(" ", "").upper()
        problem = bic_problem(self.iban, self.bic)
        if problem:
            raise ValidationError({"bic": problem})


def bic_problem(iban: str, bic: str) -> str | None:
    """SEPA needs no BIC within the Netherlands; for a foreign IBAN the register asks for
    it so that every bank can route the payment."""
    try:
        country = IBAN(iban).country_code
    except (SchwiftyException, TypeError):
        return None  # the IBAN validator reports it
    if country != "NL" and not bic:
        return str(_("Vul de BIC in: die is verplicht bij een buitenlands IBAN."))
    return None


# --- ontzorging ------------------------------------------------------------------------


class OntzorgingStatus(models.TextChoices):
    ACTIEF = "actief", _("Actief")
    BEEINDIGD = "beeindigd", _("Beëindigd – zelfbeheer")


class Ontzorging(TrackedModel):
    person_path = "inburgeraar__"

    inburgeraar = models.OneToOneField(
        Inburgeraar,
        on_delete=models.CASCADE,
        related_name="ontzorging",
        verbose_name=_("inburgeraar"),
    )
    beschikking_datum = models.DateField(_("datum beschikking"))
    beschikking_kenmerk = models.CharField(_("kenmerk beschikking"), max_length=40)
    machtiging_datum = models.DateField(
        _("machtiging getekend op"),
        help_text=_("De inburgeraar machtigt de gemeente om de vaste lasten te betalen."),
    )
    start_date = models.DateField(
        _("startdatum"), help_text=_("De dag waarop het recht op bijstand ingaat.")
    )
    end_date = models.DateField(_("einddatum"))
    status = models.CharField(
        _("status"), max_length=12, choices=OntzorgingStatus.choices, default="actief"
    )
    # Afbouw: the end checklist and the handover to self-management (local policy).
    check_eigen_betalingen = models.BooleanField(
        _("betaalt vaste lasten zelf (automatische incasso's of overschrijvingen geregeld)"),
        default=False,
    )
    check_crediteuren_geinformeerd = models.BooleanField(
        _("verhuurder, energie, water en zorgverzekeraar zijn geïnformeerd"), default=False
    )
    check_training = models.BooleanField(
        _("geldtraining gevolgd of individuele hulp geregeld"), default=False
    )
    check_toeslagen = models.BooleanField(
        _("toeslagen en betalingsregelingen besproken"), default=False
    )
    overdracht_op = models.DateField(_("overgedragen aan zelfbeheer op"), null=True, blank=True)
    overdracht_toelichting = models.TextField(
        _("afspraken bij de overdracht"), blank=True, max_length=4000
    )
    # The ontzorging is decided by besluiten open to bezwaar (Pw art. 56a; Awb art. 1:3):
    # the start (dagtekening: beschikking_datum) and the end with the handover
    # (dagtekening: einde_dagtekening, the day the handover was decided). Each has its
    # bekendmaking, recorded once when sent or handed over (regie.core.bekendmaking).
    bekendgemaakt_op = models.DateField(_("verzonden of uitgereikt op"), null=True, blank=True)
    bekendmaking_wijze = models.CharField(
        _("hoe bekendgemaakt"), max_length=12, choices=BekendmakingWijze.choices, blank=True
    )
    einde_dagtekening = models.DateField(_("dagtekening besluit einde"), null=True, blank=True)
    einde_bekendgemaakt_op = models.DateField(
        _("besluit einde verzonden of uitgereikt op"), null=True, blank=True
    )
    einde_bekendmaking_wijze = models.CharField(
        _("hoe het besluit over het einde is bekendgemaakt"),
        max_length=12,
        choices=BekendmakingWijze.choices,
        blank=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedQuerySet.as_manager()

    CHECKLIST = (
        "check_eigen_betalingen",
        "check_crediteuren_geinformeerd",
        "check_training",
        "check_toeslagen",
    )

    class Meta:
        verbose_name = _("financiële ontzorging")
        verbose_name_plural = _("financiële ontzorgingen")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="ontzorging_end_after_start"
            )
        ]

    def __str__(self):
        return f"Ontzorging {self.inburgeraar_id}"

    def audit_person_id(self):
        return self.inburgeraar_id

    @property
    def is_active(self) -> bool:
        return self.status == OntzorgingStatus.ACTIEF

    def checklist_complete(self) -> bool:
        return all(getattr(self, name) for name in self.CHECKLIST)


class Verlenging(TrackedModel):
    """An extension of the ontzorging beyond the six months of Pw art. 56a, on a besluit
    under Pw art. 57 or the person's consent to voluntary budget management
    (``grondslag``), for the reason the klantmanager gives (local policy: until the person
    is self-reliant). Extensions recorded before the grondslag was asked have none."""

    person_path = "ontzorging__inburgeraar__"

    ontzorging = models.ForeignKey(
        Ontzorging, on_delete=models.CASCADE, related_name="verlengingen"
    )
    vorige_einde = models.DateField(_("vorige einddatum"))
    nieuwe_einde = models.DateField(_("nieuwe einddatum"))
    reden = models.TextField(_("reden"), max_length=2000)
    grondslag = models.CharField(
        _("grondslag"),
        max_length=20,
        blank=True,
        choices=[
            (VerlengingGrondslag.PW57.value, _("Besluit op grond van artikel 57 Participatiewet")),
            (
                VerlengingGrondslag.TOESTEMMING.value,
                _("Toestemming van de inburgeraar voor vrijwillig budgetbeheer"),
            ),
        ],
    )
    # The day of the Pw art. 57 besluit, or of the person's consent.
    grondslag_op = models.DateField(_("datum besluit of toestemming"), null=True, blank=True)
    kenmerk = models.CharField(_("kenmerk van het besluit"), max_length=60, blank=True)
    door = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # A Pw art. 57 extension is a besluit: its bekendmaking, recorded when sent.
    bekendgemaakt_op = models.DateField(_("verzonden of uitgereikt op"), null=True, blank=True)
    bekendmaking_wijze = models.CharField(
        _("hoe bekendgemaakt"), max_length=12, choices=BekendmakingWijze.choices, blank=True
    )

    @property
    def is_besluit(self) -> bool:
        return self.grondslag == VerlengingGrondslag.PW57.value

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("verlenging")
        verbose_name_plural = _("verlengingen")

    def audit_person_id(self):
        return self.ontzorging.inburgeraar_id


class Uitkering(TrackedModel):
    """The net benefit per month from a date on. A change is a new row, dated."""

    person_path = "ontzorging__inburgeraar__"

    ontzorging = models.ForeignKey(Ontzorging, on_delete=models.CASCADE, related_name="uitkeringen")
    bedrag = models.DecimalField(
        _("netto uitkering per maand"), max_digits=9, decimal_places=2, validators=[POSITIVE]
    )
    geldig_vanaf = models.DateField(_("geldig vanaf"))
    toelichting = models.CharField(_("toelichting"), max_length=200, blank=True)
    door = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["geldig_vanaf", "id"]
        verbose_name = _("uitkering")
        verbose_name_plural = _("uitkeringen")
        constraints = [
            models.UniqueConstraint(
                fields=["ontzorging", "geldig_vanaf"],
                name="uitkering_one_per_date",
                violation_error_message=_("Er is al een uitkeringsbedrag vanaf deze datum."),
            ),
            models.CheckConstraint(condition=Q(bedrag__gt=0), name="uitkering_positive"),
        ]

    def audit_person_id(self):
        return self.ontzorging.inburgeraar_id


class FrequencyChoice(models.TextChoices):
    MONTHLY = Frequency.MONTHLY.value, _("Elke maand")
    QUARTERLY = Frequency.QUARTERLY.value, _("Elk kwartaal")
    YEARLY = Frequency.YEARLY.value, _("Elk jaar")
    ONCE = Frequency.ONCE.value, _("Eenmalig")


class BetaalPost(TrackedModel):
    """A fixed cost paid on the person's behalf. Checked by a second person (PAYMENT_APPROVE)
    before any run pays it."""

    person_path = "ontzorging__inburgeraar__"

    ontzorging = models.ForeignKey(Ontzorging, on_delete=models.CASCADE, related_name="posten")
    soort = models.ForeignKey(PostSoort, on_delete=models.PROTECT, verbose_name=_("soort"))
    register = models.ForeignKey(
        Crediteur,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="posten",
        verbose_name=_("crediteur uit het register"),
    )
    crediteur = models.CharField(
        _("crediteur"), max_length=70, help_text=_("Bijvoorbeeld de woningcorporatie.")
    )
    iban = IBANField(_("IBAN van de crediteur"))
    bic = models.CharField(
        _("BIC"), max_length=11, blank=True, validators=[validate_bic], help_text=_("Optioneel.")
    )
    bedrag = models.DecimalField(_("bedrag"), max_digits=9, decimal_places=2, validators=[POSITIVE])
    frequentie = models.CharField(
        _("frequentie"), max_length=10, choices=FrequencyChoice.choices, default="maand"
    )
    kenmerk = models.CharField(
        _("betalingskenmerk of omschrijving"),
        max_length=140,
        help_text=_("Bijvoorbeeld het huurcontractnummer of klantnummer bij de crediteur."),
    )
    geldig_vanaf = models.DateField(_("geldig vanaf"))
    geldig_tot = models.DateField(
        _("geldig tot en met"), null=True, blank=True, help_text=_("Leeg: tot het einde.")
    )
    vervangt = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="opvolger",
        verbose_name=_("vervangt"),
    )
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    gecontroleerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    gecontroleerd_op = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["soort__volgorde", "geldig_vanaf", "id"]
        verbose_name = _("vaste last")
        verbose_name_plural = _("vaste lasten")
        constraints = [
            models.CheckConstraint(condition=Q(bedrag__gt=0), name="post_amount_positive"),
            models.CheckConstraint(
                condition=Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=models.F("geldig_vanaf")),
                name="post_until_after_from",
            ),
        ]

    def __str__(self):
        return f"{self.soort} – {self.crediteur}"

    def audit_person_id(self):
        return self.ontzorging.inburgeraar_id

    @property
    def is_checked(self) -> bool:
        return self.gecontroleerd_op is not None


class CorrectieStatus(models.TextChoices):
    OPEN = "open", _("Wacht op bevestiging")
    BEVESTIGD = "bevestigd", _("Bevestigd")
    AFGEWEZEN = "afgewezen", _("Afgewezen")


class UitkeringCorrectie(TrackedModel):
    """A correction of a benefit amount from the same date (a typing error): it takes
    effect only when a second person confirms it (four eyes, like the check of an item)."""

    person_path = "uitkering__ontzorging__inburgeraar__"

    uitkering = models.ForeignKey(Uitkering, on_delete=models.CASCADE, related_name="correcties")
    oud_bedrag = models.DecimalField(max_digits=9, decimal_places=2)
    nieuw_bedrag = models.DecimalField(
        _("juiste bedrag per maand"), max_digits=9, decimal_places=2, validators=[POSITIVE]
    )
    reden = models.CharField(_("reden van de correctie"), max_length=300)
    status = models.CharField(
        max_length=10, choices=CorrectieStatus.choices, default=CorrectieStatus.OPEN
    )
    aangevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    beoordeeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    beoordeeld_op = models.DateTimeField(null=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("correctie uitkeringsbedrag")
        verbose_name_plural = _("correcties uitkeringsbedrag")
        constraints = [
            models.UniqueConstraint(
                fields=["uitkering"],
                condition=Q(status="open"),
                name="one_open_benefit_correction",
                violation_error_message=_(
                    "Er wacht al een correctie van dit bedrag op bevestiging."
                ),
            )
        ]

    def audit_person_id(self):
        return self.uitkering.ontzorging.inburgeraar_id


# --- payment runs ----------------------------------------------------------------------


class RunStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept – wacht op goedkeuring")
    GOEDGEKEURD = "goedgekeurd", _("Goedgekeurd – klaar voor export")
    GEEXPORTEERD = "geexporteerd", _("Geëxporteerd (SEPA-bestand gemaakt)")
    GEANNULEERD = "geannuleerd", _("Geannuleerd")


OPEN_RUN = (RunStatus.CONCEPT, RunStatus.GOEDGEKEURD)


class BetaalrunQuerySet(models.QuerySet):
    def with_totals(self):
        active = Q(regels__vervallen=False)
        return self.annotate(
            aantal=models.Count("regels", filter=active),
            totaal=models.Sum("regels__bedrag", filter=active),
        )


class Betaalrun(models.Model):
    """The payments of one month for one municipality."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("gemeente")
    )
    periode = models.DateField(_("maand"), help_text=_("De eerste dag van de maand."))
    status = models.CharField(
        _("status"), max_length=14, choices=RunStatus.choices, default=RunStatus.CONCEPT
    )
    msg_id = models.CharField(_("berichtkenmerk"), max_length=35, unique=True)
    uitvoeringsdatum = models.DateField(_("gewenste uitvoeringsdatum"))
    voorbereid_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    voorbereid_op = models.DateTimeField(auto_now_add=True)
    goedgekeurd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    goedgekeurd_op = models.DateTimeField(null=True)
    geexporteerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    geexporteerd_op = models.DateTimeField(null=True)
    geannuleerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    geannuleerd_op = models.DateTimeField(null=True)
    annuleringsreden = models.CharField(_("reden van annulering"), max_length=300, blank=True)
    sepa_xml = models.BinaryField(null=True, editable=False)
    sepa_sha256 = models.CharField(max_length=64, blank=True)
    # Four eyes: everyone who changed the run after preparing it (added items); none of
    # them, nor the preparer, may approve it.
    gewijzigd_door = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    # The hash of the lines the approver saw (ids, amounts, IBANs) when approving.
    goedgekeurd_hash = models.CharField(max_length=64, blank=True)
    # A catch-up run: pays items of a month whose earlier run was already exported.
    inhaalrun = models.BooleanField(default=False)

    objects = BetaalrunQuerySet.as_manager()

    class Meta:
        ordering = ["-periode", "-id"]
        verbose_name = _("betaalrun")
        verbose_name_plural = _("betaalruns")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "periode"],
                condition=Q(status__in=["concept", "goedgekeurd"]),
                name="one_open_run_per_month",
            )
        ]

    def __str__(self):
        return f"{self.municipality} {self.periode:%m-%Y}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_RUN


class BetaalregelQuerySet(ScopedQuerySet):
    def active(self):
        return self.filter(vervallen=False)


class Betaalregel(models.Model):
    """One payment: an item for a month, with the creditor's data as they were at
    selection (later changes to the item do not change what was paid)."""

    person_path = "inburgeraar__"

    run = models.ForeignKey(Betaalrun, on_delete=models.CASCADE, related_name="regels")
    post = models.ForeignKey(BetaalPost, on_delete=models.PROTECT, related_name="regels")
    inburgeraar = models.ForeignKey(Inburgeraar, on_delete=models.PROTECT, related_name="+")
    periode = models.DateField()
    bedrag = models.DecimalField(max_digits=9, decimal_places=2)
    crediteur = models.CharField(max_length=70)
    iban = models.CharField(max_length=34)
    bic = models.CharField(max_length=11, blank=True)
    kenmerk = models.CharField(max_length=140)
    end_to_end_id = models.CharField(max_length=35)
    vervallen = models.BooleanField(default=False)

    objects = BetaalregelQuerySet.as_manager()

    class Meta:
        ordering = ["inburgeraar__last_name", "inburgeraar_id", "post_id"]
        constraints = [
            # Never pay the same item for the same month twice (cancelled lines excepted).
            models.UniqueConstraint(
                fields=["post", "periode"],
                condition=Q(vervallen=False),
                name="pay_item_once_per_period",
            ),
            models.CheckConstraint(condition=Q(bedrag__gt=0), name="regel_amount_positive"),
        ]

    def __str__(self):
        return self.end_to_end_id


# --- money training --------------------------------------------------------------------


class Geldtraining(models.Model):
    """A group of the money training (NIBUD Geldplan statushouders)."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("gemeente")
    )
    naam = models.CharField(_("naam"), max_length=100)
    uitvoerder = models.CharField(_("gegeven door"), max_length=100, blank=True)
    startdatum = models.DateField(_("startdatum"))
    bijeenkomsten = models.PositiveSmallIntegerField(
        _("aantal bijeenkomsten"), validators=[MinValueValidator(1)]
    )

    class Meta:
        ordering = ["-startdatum", "naam"]
        verbose_name = _("geldtraining")
        verbose_name_plural = _("geldtrainingen")

    def __str__(self):
        return f"{self.naam} ({datum(self.startdatum)})"


class DeelnameStatus(models.TextChoices):
    AANGEMELD = "aangemeld", _("Aangemeld")
    BEZIG = "bezig", _("Bezig")
    AFGEROND = "afgerond", _("Afgerond")
    GESTOPT = "gestopt", _("Gestopt")


class GeldtrainingDeelname(TrackedModel):
    person_path = "inburgeraar__"

    training = models.ForeignKey(
        Geldtraining, on_delete=models.PROTECT, related_name="deelnames", verbose_name=_("groep")
    )
    inburgeraar = models.ForeignKey(
        Inburgeraar, on_delete=models.CASCADE, related_name="geldtrainingen"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=DeelnameStatus.choices, default="aangemeld"
    )
    aanwezig = models.PositiveSmallIntegerField(_("aantal keer aanwezig"), default=0)
    eigen_administratie = models.BooleanField(
        _("heeft een eigen administratie opgezet"), default=False
    )
    afgerond_op = models.DateField(_("afgerond op"), null=True, blank=True)
    individuele_hulp = models.BooleanField(
        _("heeft daarna individuele hulp nodig"),
        default=False,
        help_text=_("De gemeente zorgt voor extra individuele begeleiding (seed §3.5)."),
    )
    toelichting = models.TextField(_("toelichting"), blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("deelname geldtraining")
        verbose_name_plural = _("deelnames geldtraining")
        constraints = [
            models.UniqueConstraint(
                fields=["training", "inburgeraar"],
                name="geldtraining_once_per_person",
                violation_error_message=_("Deze inburgeraar staat al in deze groep."),
            )
        ]

    def audit_person_id(self):
        return self.inburgeraar_id


# --- budget ----------------------------------------------------------------------------


class FinancieringSoort(models.TextChoices):
    INTEGRATIE_UITKERING = "integratie_uitkering", _("Integratie-uitkering (uitvoeringskosten)")
    SPUK = "spuk", _("SPUK inburgeringsvoorzieningen")
    INVOERINGSKOSTEN = "invoeringskosten", _("Invoeringskosten")
    BESTEMMINGSRESERVE = "bestemmingsreserve", _("Bestemmingsreserve")


class Financiering(models.Model):
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("gemeente")
    )
    jaar = models.PositiveSmallIntegerField(
        _("jaar"), validators=[MinValueValidator(2020), MaxValueValidator(2100)]
    )
    soort = models.CharField(_("soort"), max_length=24, choices=FinancieringSoort.choices)
    bedrag = models.DecimalField(
        _("bedrag"), max_digits=12, decimal_places=2, validators=[POSITIVE]
    )
    omschrijving = models.CharField(_("omschrijving of kenmerk"), max_length=200, blank=True)

    class Meta:
        ordering = ["jaar", "soort"]
        verbose_name = _("financiering")
        verbose_name_plural = _("financiering")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "jaar", "soort"],
                name="one_funding_stream_per_year",
                violation_error_message=_("Deze financieringsbron staat er voor dit jaar al."),
            )
        ]

    def __str__(self):
        return f"{self.get_soort_display()} {self.jaar}"

    def clean(self):
        super().clean()
        if self.pk is None or self.bedrag is None:
            return
        allocated = self.allocations.aggregate(total=models.Sum("amount"))["total"] or 0
        if self.bedrag < allocated:
            raise ValidationError(
                {
                    "bedrag": _(
                        "Er is al %(allocated)s van deze bron aan activiteiten toegewezen; "
                        "verlaag eerst die toewijzingen."
                    )
                    % {"allocated": euro(allocated)}
                }
            )


class FundingAllocation(models.Model):
    """The part of a funding stream of a year allocated to one activity (seed §4.3,
    borging: what an activity costs against how many take part). What is not allocated
    stays the stream's unallocated remainder. Not personal data: changes are audit-logged
    by the view (like the funding streams and contracts), not as field history."""

    funding = models.ForeignKey(
        Financiering,
        on_delete=models.CASCADE,
        related_name="allocations",
        verbose_name=_("financieringsbron"),
    )
    activity = models.ForeignKey(
        "activities.Activity",
        on_delete=models.PROTECT,
        related_name="funding_allocations",
        verbose_name=_("activiteit"),
    )
    amount = models.DecimalField(
        _("bedrag"), max_digits=12, decimal_places=2, validators=[POSITIVE]
    )
    note = models.CharField(_("toelichting"), max_length=200, blank=True)

    class Meta:
        ordering = ["funding", "activity__name", "id"]
        verbose_name = _("toewijzing aan een activiteit")
        verbose_name_plural = _("toewijzingen aan activiteiten")
        constraints = [
            models.UniqueConstraint(
                fields=["funding", "activity"],
                name="one_allocation_per_activity_and_stream",
                violation_error_message=_(
                    "Deze activiteit heeft al een toewijzing uit deze financieringsbron; pas "
                    "die aan."
                ),
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="allocation_amount_positive"),
        ]

    def __str__(self):
        return f"{self.funding} – {self.activity}: {self.amount}"

    def clean(self):
        super().clean()
        if self.funding_id is None or self.amount is None:
            return
        others = FundingAllocation.objects.filter(funding=self.funding_id).exclude(
            pk=self.pk
        ).aggregate(total=models.Sum("amount"))["total"] or Decimal(0)
        available = self.funding.bedrag - others
        if self.amount > available:
            raise ValidationError(
                {
                    "amount": _(
                        "Dit is meer dan er van deze financieringsbron nog niet is toegewezen "
                        "(%(available)s)."
                    )
                    % {"available": euro(available)}
                }
            )


class ContractSoort(models.TextChoices):
    UITVOERING_STRUCTUREEL = "uitvoering_structureel", _("Uitvoerder – structurele kosten")
    UITVOERING_INCIDENTEEL = "uitvoering_incidenteel", _("Uitvoerder – incidentele kosten")
    LEERROUTE = "leerroute", _("Leerroute (prijs per traject)")
    PVT = "pvt", _("Participatieverklaringstraject (PVT)")
    MAP = "map", _("Module Arbeidsmarkt en Participatie (MAP)")
    TOLKEN = "tolken", _("Tolken")
    BEGELEIDING = "begeleiding", _("Maatschappelijke begeleiding")
    OVERIG = "overig", _("Overig")


# The leerroutes by their Dutch name (never the stored code "b1", "z", "onderwijs").
LEERROUTE_LABELS = {
    "b1": _("B1-route"),
    "onderwijs": _("Onderwijsroute"),
    "z": _("Zelfredzaamheidsroute (Z-route)"),
}


class Contract(models.Model):
    """A contract charged to a funding stream: a fixed amount for the year, or, for a
    leerroute, a price per traject (commitments then follow the actual trajectories)."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("gemeente")
    )
    jaar = models.PositiveSmallIntegerField(
        _("jaar"), validators=[MinValueValidator(2020), MaxValueValidator(2100)]
    )
    partij = models.CharField(_("partij"), max_length=150)
    organisatie = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisatie in Regie"),
        help_text=_("Voor een leerroute: de aanbieder waarvan de trajecten meetellen."),
    )
    soort = models.CharField(_("soort"), max_length=24, choices=ContractSoort.choices)
    ten_laste_van = models.CharField(
        _("ten laste van"), max_length=24, choices=FinancieringSoort.choices
    )
    bedrag = models.DecimalField(
        _("bedrag voor het jaar"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[POSITIVE],
    )
    leerroute = models.CharField(_("leerroute"), max_length=12, blank=True)
    prijs_per_traject = models.DecimalField(
        _("prijs per traject"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[POSITIVE],
    )
    gerealiseerd = models.DecimalField(
        _("gerealiseerd (betaald) tot nu toe"),
        max_digits=12,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Alleen voor vaste bedragen; bij leerroutes rekent Regie dit uit."),
    )
    toelichting = models.CharField(_("toelichting"), max_length=200, blank=True)

    class Meta:
        ordering = ["jaar", "ten_laste_van", "soort", "partij"]
        verbose_name = _("contract")
        verbose_name_plural = _("contracten")

    def __str__(self):
        return f"{self.partij} – {self.get_soort_display()} {self.jaar}"

    @property
    def per_traject(self) -> bool:
        return self.soort == ContractSoort.LEERROUTE

    @property
    def leerroute_label(self) -> str:
        return str(LEERROUTE_LABELS.get(self.leerroute, self.leerroute))

    @property
    def description(self) -> str:
        """The kind of contract as a reader says it: "Leerroute (prijs per traject) –
        B1-route"."""
        label = self.get_soort_display()
        return f"{label} – {self.leerroute_label}" if self.leerroute else str(label)

    def clean(self):
        super().clean()
        if self.per_traject:
            errors = {}
            if not self.leerroute:
                errors["leerroute"] = _("Kies de leerroute van dit contract.")
            if self.prijs_per_traject is None:
                errors["prijs_per_traject"] = _("Geef de prijs per traject op.")
            if errors:
                raise ValidationError(errors)
            self.bedrag = None
        elif self.bedrag is None:
            raise ValidationError({"bedrag": _("Geef het bedrag voor het jaar op.")})
        else:
            self.leerroute = ""
            self.prijs_per_traject = None


class Scenario(models.Model):
    """A forecast scenario: expected inflow, route mix and the contract prices of a year."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("gemeente")
    )
    naam = models.CharField(_("naam"), max_length=80)
    prijsjaar = models.PositiveSmallIntegerField(
        _("prijzen en financiering uit het jaar"),
        validators=[MinValueValidator(2020), MaxValueValidator(2100)],
    )
    eerste_jaar = models.PositiveSmallIntegerField(
        _("eerste jaar van de prognose"),
        validators=[MinValueValidator(2020), MaxValueValidator(2100)],
    )
    aantal_jaren = models.PositiveSmallIntegerField(
        _("aantal jaren"), default=4, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    instroom = models.PositiveIntegerField(
        _("verwachte instroom per jaar"), help_text=_("Seed 2022: ongeveer 35 nieuwkomers.")
    )
    instroom_factor_pct = models.PositiveSmallIntegerField(
        _("instroom in procent van de verwachting"),
        default=100,
        validators=[MinValueValidator(1), MaxValueValidator(1000)],
        help_text=_("150 betekent: 50% meer instroom."),
    )
    aandeel_onderwijs_pct = models.PositiveSmallIntegerField(
        _("aandeel onderwijsroute (%)"), default=25, validators=[MaxValueValidator(100)]
    )
    aandeel_b1_pct = models.PositiveSmallIntegerField(
        _("aandeel B1-route (%)"), default=50, validators=[MaxValueValidator(100)]
    )
    aandeel_z_pct = models.PositiveSmallIntegerField(
        _("aandeel Z-route (%)"), default=25, validators=[MaxValueValidator(100)]
    )
    volgorde = models.PositiveSmallIntegerField(default=10)

    class Meta:
        ordering = ["volgorde", "id"]
        verbose_name = _("scenario")
        verbose_name_plural = _("scenario's")

    def __str__(self):
        return self.naam

    def clean(self):
        super().clean()
        total = (
            (self.aandeel_onderwijs_pct or 0)
            + (self.aandeel_b1_pct or 0)
            + (self.aandeel_z_pct or 0)
        )
        if total != 100:
            raise ValidationError(
                _("De aandelen van de leerroutes moeten samen 100%% zijn (nu %(n)s%%).")
                % {"n": total}
            )
