"""The inburgeraar registry: persons, households, status history, referrals to
aanbieders, special-category notes and explicit access grants."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regie.core.access import ScopedQuerySet
from regie.core.audit import TrackedModel
from regie.core.models import ApprovalStatus, Municipality, Organisation
from regie.core.roles import FieldGroup
from regie.rules import bsn as bsn_rules
from regie.rules.category import (
    PERMIT_FOR_DOELGROEP,
    Rechtspositie,
    Verblijfsvergunning,
    rechtspositie,
)
from regie.rules.lifecycle import TERMINAL, Regime, Status


class Doelgroep(models.TextChoices):
    ASIELMIGRANT = "asielmigrant", _("Asielmigrant")
    GEZINSMIGRANT = "gezinsmigrant", _("Gezinsmigrant")
    OVERIGE = "overige", _("Overige migrant")


class RegimeChoice(models.TextChoices):
    WI2021 = Regime.WI2021.value, _("Wet inburgering 2021")
    WI2013 = Regime.WI2013.value, _("Ondertussengroep (Wet inburgering 2013)")
    OUDKOMER = Regime.OUDKOMER.value, _("Geen inburgeringsplicht (oudkomer, vrijwillig)")


class VerblijfsvergunningChoice(models.TextChoices):
    """The residence permit (regie.rules.category): what the college provides follows
    from it (Wet inburgering 2021 art. 13, 19)."""

    ASIEL = Verblijfsvergunning.ASIEL.value, _("Asiel bepaalde tijd (asielstatushouder)")
    GEZIN_ASIEL = (
        Verblijfsvergunning.GEZIN_ASIEL.value,
        _("Regulier, als gezinslid van een asielstatushouder"),
    )
    GEZIN = Verblijfsvergunning.GEZIN.value, _("Regulier, gezinsmigratie")
    OVERIG = Verblijfsvergunning.OVERIG.value, _("Overig")


class StatusChoice(models.TextChoices):
    AANGEMELD = Status.AANGEMELD.value, _("Aangemeld")
    INTAKE = Status.INTAKE.value, _("Brede intake")
    PIP_VASTGESTELD = Status.PIP_VASTGESTELD.value, _("PIP vastgesteld")
    IN_UITVOERING = Status.IN_UITVOERING.value, _("In uitvoering")
    AFGEROND = Status.AFGEROND.value, _("Afgerond")
    ONTHEFFING = Status.ONTHEFFING.value, _("Ontheffing")
    VERTROKKEN = Status.VERTROKKEN.value, _("Vertrokken")
    BEEINDIGD = Status.BEEINDIGD.value, _("Beëindigd")


class Gender(models.TextChoices):
    MAN = "m", _("Man")
    VROUW = "v", _("Vrouw")
    X = "x", _("X / onbekend")


class HouseholdRole(models.TextChoices):
    HOOFD = "hoofd", _("Referent / hoofd")
    PARTNER = "partner", _("Partner")
    KIND = "kind", _("Kind")
    NAREIZIGER = "nareiziger", _("Nareiziger")
    OVERIG = "overig", _("Overig gezinslid")


def validate_bsn(value: str) -> None:
    if not bsn_rules.is_valid_bsn(value):
        raise ValidationError(
            _("Dit is geen geldig BSN: het moet uit 9 cijfers bestaan en de elfproef doorstaan."),
            code="invalid_bsn",
        )


class Household(models.Model):
    name = models.CharField(_("naam huishouden"), max_length=150)
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("huishouden")
        verbose_name_plural = _("huishoudens")

    def __str__(self):
        return self.name


class CorrectionSubject(models.TextChoices):
    REGISTRATIE = "registratie", _("Registratiegegevens")
    HUISHOUDEN = "huishouden", _("Huishouden")


class Correctie(models.Model):
    """A correction of a person's registration data or household, with the reason that is
    required for it. The old and new values are in the field history (FieldChange, written
    by TrackedModel in the same transaction); this record keeps why, by whom and which
    fields, and is shown on the file."""

    person_path = "inburgeraar__"

    inburgeraar = models.ForeignKey(
        "Inburgeraar", on_delete=models.CASCADE, related_name="corrections"
    )
    subject = models.CharField(max_length=12, choices=CorrectionSubject.choices)
    fields = models.CharField(_("velden"), max_length=300)
    summary = models.TextField(_("wijziging"), blank=True, max_length=2000)
    reason = models.TextField(_("reden"), max_length=1000)
    by = models.CharField(max_length=150, blank=True)
    at = models.DateTimeField(default=timezone.now)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("correctie")
        verbose_name_plural = _("correcties")

    def __str__(self):
        return f"Correctie {self.inburgeraar_id} ({self.subject}) {self.at:%Y-%m-%d}"


class InburgeraarQuerySet(ScopedQuerySet):
    def open(self):
        return self.exclude(status__in=[s.value for s in TERMINAL])


class Inburgeraar(TrackedModel):
    person_path = ""
    # Which part of the file each field belongs to, for field-level need to know
    # (regie.core.roles.FIELD_GROUP_ROLES). Fields not listed belong to CASE.
    FIELD_GROUPS = {
        **dict.fromkeys(
            (
                "first_name",
                "last_name",
                "date_of_birth",
                "gender",
                "nationality",
                "languages",
                "interpreter_needed",
                "interpreter_language",
            ),
            FieldGroup.IDENTITY,
        ),
        "bsn": FieldGroup.BSN,
        **dict.fromkeys(("phone", "email"), FieldGroup.CONTACT),
        **dict.fromkeys(("street", "house_number", "postcode", "city"), FieldGroup.ADDRESS),
        **dict.fromkeys(("household", "household_role"), FieldGroup.HOUSEHOLD),
    }

    first_name = models.CharField(_("voornamen"), max_length=100)
    last_name = models.CharField(_("achternaam"), max_length=100)
    bsn = models.CharField(_("BSN"), max_length=9, validators=[validate_bsn])
    date_of_birth = models.DateField(_("geboortedatum"))
    gender = models.CharField(_("geslacht"), max_length=1, choices=Gender.choices)
    nationality = models.CharField(_("nationaliteit"), max_length=60, blank=True)
    languages = models.CharField(
        _("gesproken talen"),
        max_length=100,
        blank=True,
        help_text=_("ISO 639-taalcodes gescheiden door komma's, bijvoorbeeld: ar, ti"),
    )
    interpreter_needed = models.BooleanField(_("tolk nodig"), default=False)
    interpreter_language = models.CharField(_("taal van de tolk"), max_length=40, blank=True)

    phone = models.CharField(_("telefoon"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    street = models.CharField(_("straat"), max_length=100, blank=True)
    house_number = models.CharField(_("huisnummer"), max_length=12, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    city = models.CharField(_("woonplaats"), max_length=60, blank=True)

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="inburgeraars",
        verbose_name=_("gemeente"),
    )
    doelgroep = models.CharField(_("doelgroep"), max_length=20, choices=Doelgroep.choices)
    regime = models.CharField(
        _("regime"), max_length=10, choices=RegimeChoice.choices, default=RegimeChoice.WI2021
    )
    verblijfsvergunning = models.CharField(
        _("verblijfsvergunning"),
        max_length=12,
        choices=VerblijfsvergunningChoice.choices,
        help_text=_(
            "Bepaalt wat de gemeente regelt: leerroute, begeleiding en ontzorging voor "
            "asielstatushouders en hun gezinsleden (Wet inburgering 2021 art. 13), zelf "
            "regelen voor gezinsmigranten en overige migranten (art. 19)."
        ),
    )
    kennisgeving_date = models.DateField(_("datum kennisgeving DUO"), null=True, blank=True)
    brp_date = models.DateField(_("datum inschrijving BRP"), null=True, blank=True)
    housing_date = models.DateField(_("datum huisvesting"), null=True, blank=True)

    household = models.ForeignKey(
        Household,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("huishouden"),
    )
    household_role = models.CharField(
        _("rol in huishouden"), max_length=12, choices=HouseholdRole.choices, blank=True
    )
    klantmanager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="caseload",
        verbose_name=_("klantmanager"),
    )
    begeleider = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="guided",
        verbose_name=_("maatschappelijk begeleider"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=StatusChoice.choices, default=StatusChoice.AANGEMELD
    )
    search_name = models.CharField(max_length=210, editable=False, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = InburgeraarQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name", "id"]
        verbose_name = _("inburgeraar")
        verbose_name_plural = _("inburgeraars")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "bsn"],
                name="bsn_unique_per_municipality",
                violation_error_message=_(
                    "Er staat in deze gemeente al een inburgeraar met dit BSN."
                ),
            )
        ]
        indexes = [
            models.Index(fields=["municipality", "status"], name="person_muni_status"),
            models.Index(fields=["klantmanager", "status"], name="person_km_status"),
            models.Index(fields=["bsn"], name="person_bsn"),
        ]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def audit_person_id(self):
        return self.pk

    @property
    def rechtspositie(self) -> Rechtspositie:
        """What the permit and the regime give this person (regie.rules.category)."""
        return rechtspositie(self.verblijfsvergunning or self.default_permit(), self.regime)

    def default_permit(self) -> str:
        """The permit the doelgroep implies, for a record made without one (imports,
        generated data); the registration form always asks for it."""
        return PERMIT_FOR_DOELGROEP.get(self.doelgroep, Verblijfsvergunning.OVERIG).value

    def age_on(self, day) -> int:
        dob = self.date_of_birth
        return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))

    def clean_fields(self, exclude=None):
        # A record made without a permit (a DUO signal, an overdracht file from before the
        # field existed) gets the one its doelgroep implies; the form always asks for it.
        if not self.verblijfsvergunning and self.doelgroep:
            self.verblijfsvergunning = self.default_permit()
        super().clean_fields(exclude=exclude)

    def clean(self):
        super().clean()
        errors = {}
        today = timezone.localdate()
        dob = self.date_of_birth
        if dob and dob > today:
            errors["date_of_birth"] = _("De geboortedatum ligt in de toekomst.")
        if self.kennisgeving_date and self.kennisgeving_date > today:
            errors["kennisgeving_date"] = _(
                "De kennisgeving van DUO kan niet in de toekomst liggen."
            )
        for field, label in (
            ("kennisgeving_date", _("De kennisgeving")),
            ("brp_date", _("De inschrijving in de BRP")),
            ("housing_date", _("De huisvesting")),
        ):
            value = getattr(self, field)
            if dob and value and value < dob:
                errors[field] = _("%(what)s kan niet vóór de geboortedatum liggen.") % {
                    "what": label
                }
        if self.bsn:
            self.bsn = bsn_rules.normalise_bsn(self.bsn)
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.search_name = f"{self.first_name} {self.last_name}".lower()
        if not self.verblijfsvergunning:
            self.verblijfsvergunning = self.default_permit()
        super().save(*args, **kwargs)


class StatusChange(models.Model):
    person_path = "inburgeraar__"

    inburgeraar = models.ForeignKey(
        Inburgeraar, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(max_length=20, choices=StatusChoice.choices)
    to_status = models.CharField(max_length=20, choices=StatusChoice.choices)
    reason = models.TextField(_("toelichting"), blank=True)
    at = models.DateTimeField(default=timezone.now)
    by = models.CharField(max_length=150, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.inburgeraar_id}: {self.from_status} -> {self.to_status}"


class VerwijzingStatus(models.TextChoices):
    AANGEVRAAGD = "aangevraagd", _("Aangevraagd")
    GEACCEPTEERD = "geaccepteerd", _("Geaccepteerd")
    AFGEWEZEN = "afgewezen", _("Afgewezen")
    BEEINDIGD = "beeindigd", _("Beëindigd")


class VerwijzingQuerySet(ScopedQuerySet):
    def active(self):
        return self.filter(status__in=[VerwijzingStatus.AANGEVRAAGD, VerwijzingStatus.GEACCEPTEERD])

    def for_user(self, user):
        """As every scoped queryset; an aanbieder moreover sees only the referrals to its
        own organisation, never those of another aanbieder for the same person."""
        queryset = super().for_user(user)
        if only_aanbieder(user):
            queryset = queryset.filter(aanbieder_id=user.organisation_id)
        return queryset


def only_aanbieder(user) -> bool:
    """A user whose only role is aanbieder: what they see is bound to their organisation."""
    from regie.core.roles import Role

    return user.is_authenticated and user.roles == frozenset({Role.AANBIEDER})


class EindeReden(models.TextChoices):
    """Why a traject at an aanbieder ended."""

    AFGEROND = "afgerond", _("Afgerond")
    VOORTIJDIG = "voortijdig", _("Voortijdig gestopt")
    VERHUISD = "verhuisd", _("Verhuisd")
    ANDERE_AANBIEDER = "andere_aanbieder", _("Naar een andere aanbieder")
    OVERIG = "overig", _("Overig")


class Verwijzing(TrackedModel):
    """A referral of a person to an aanbieder. It is what lets the aanbieder see the
    person. The klantmanager refers with the leerroute and intensity of the PIP in force
    (copied, so the referral keeps saying what was asked even when the PIP changes later);
    the aanbieder accepts with a start date or rejects with a reason, and later ends the
    traject (regie.exchange.services)."""

    person_path = "inburgeraar__"

    inburgeraar = models.ForeignKey(
        Inburgeraar, on_delete=models.CASCADE, related_name="verwijzingen"
    )
    aanbieder = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="verwijzingen",
        verbose_name=_("aanbieder"),
    )
    status = models.CharField(
        max_length=20, choices=VerwijzingStatus.choices, default=VerwijzingStatus.AANGEVRAAGD
    )
    start_date = models.DateField(_("startdatum"), null=True, blank=True)
    # What the klantmanager asks, from the PIP version in force at the time of referral.
    leerroute = models.CharField(_("leerroute"), max_length=12, blank=True)
    pip_versie_nummer = models.PositiveIntegerField(_("PIP-versie"), null=True, blank=True)
    duur_maanden = models.PositiveSmallIntegerField(_("duur in maanden"), null=True, blank=True)
    lesuren_per_week = models.DecimalField(
        _("lesuren per week"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    toelichting = models.TextField(
        _("toelichting voor de aanbieder"),
        blank=True,
        max_length=2000,
        help_text=_("Praktische afspraken, zoals lesdagen of een tolk. Geen medische gegevens."),
    )
    verwezen_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verwezen door"),
    )
    beantwoord_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beantwoord door"),
    )
    beantwoord_op = models.DateTimeField(_("beantwoord op"), null=True, blank=True)
    afwijzingsreden = models.TextField(_("reden van afwijzing"), blank=True, max_length=2000)
    end_date = models.DateField(_("einddatum traject"), null=True, blank=True)
    einde_reden = models.CharField(
        _("reden einde traject"), max_length=20, choices=EindeReden.choices, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = VerwijzingQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("verwijzing")
        verbose_name_plural = _("verwijzingen")
        constraints = [
            models.UniqueConstraint(
                fields=["inburgeraar", "aanbieder"],
                condition=models.Q(status__in=["aangevraagd", "geaccepteerd"]),
                name="verwijzing_one_active_per_aanbieder",
                violation_error_message=_(
                    "Deze inburgeraar heeft al een lopende verwijzing naar deze aanbieder."
                ),
            )
        ]
        indexes = [models.Index(fields=["aanbieder", "status"], name="verwijzing_aanbieder")]

    def __str__(self):
        return f"Verwijzing {self.inburgeraar_id} → {self.aanbieder_id} ({self.status})"

    def audit_person_id(self):
        return self.inburgeraar_id


class HealthNote(TrackedModel):
    """Health information (AVG art. 9, special category): only for roles with HEALTH_VIEW."""

    person_path = "inburgeraar__"
    special_category = True
    special_category_fields = ("text",)

    inburgeraar = models.ForeignKey(
        Inburgeraar, on_delete=models.CASCADE, related_name="health_notes"
    )
    text = models.TextField(_("gezondheid (fysiek en mentaal)"))
    author = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def audit_person_id(self):
        return self.inburgeraar_id


class AccessGrant(models.Model):
    """An explicit, dated grant for a user outside the person's normal scope (e.g. the
    regisseur for a case review, the jurist for a bezwaar). Granted by the functioneel
    beheerder, with a reason, and audit-logged."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="grants"
    )
    inburgeraar = models.ForeignKey(Inburgeraar, on_delete=models.CASCADE, related_name="grants")
    reason = models.CharField(_("reden"), max_length=200)
    valid_until = models.DateField(_("geldig tot en met"))
    granted_by = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # A grant that opens health data or a person outside the grantee's municipalities waits
    # for a second beheerder (regie.rules.approval; issue 17, M2a); until then it gives no
    # access. Grants that need no second person are approved when made.
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ApprovalStatus.choices,
        default=ApprovalStatus.GOEDGEKEURD,
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_by = models.CharField(_("beslist door"), max_length=150, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.CharField(_("toelichting"), max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.user_id} -> {self.inburgeraar_id} t/m {self.valid_until}"


# --- the inburgeringstermijn and DUO's decisions (issue 18) -------------------------------


class TermijnSoort(models.TextChoices):
    """What changed the person's inburgeringstermijn (regie.rules.termijn.Wijzigingsoort)."""

    START = "start", _("Start na het eerste PIP")
    OVERGENOMEN = "overgenomen", _("Overgenomen na verhuizing")
    VERLENGD = "verlengd", _("Verlengd door DUO")
    NIEUWE_TERMIJN = "nieuwe_termijn", _("Nieuwe termijn van DUO na een boete")


class DuoBesluitSoort(models.TextChoices):
    ONTHEFFING = "ontheffing", _("Ontheffing")
    VRIJSTELLING = "vrijstelling", _("Vrijstelling")
    VERLENGING = "verlenging", _("Verlenging van de inburgeringstermijn")
    NIEUWE_TERMIJN = "nieuwe_termijn", _("Nieuwe termijn na een boete van DUO")


class OnderdeelChoice(models.TextChoices):
    """Parts of the obligation (regie.rules.termijn.Onderdeel)."""

    LEZEN = "lezen", _("Lezen")
    LUISTEREN = "luisteren", _("Luisteren")
    SCHRIJVEN = "schrijven", _("Schrijven")
    SPREKEN = "spreken", _("Spreken")
    KNM = "knm", _("Kennis van de Nederlandse maatschappij (KNM)")
    PVT = "pvt", _("Participatieverklaringstraject (PVT)")
    MAP = "map", _("Module Arbeidsmarkt en Participatie (MAP)")
    Z_PARTICIPATIE = "z_participatie", _("Participatiedeel van de Z-route")


class DuoBesluit(TrackedModel):
    """A decision of DUO about the person, as the klantmanager recorded it from DUO's
    letter or the Portaal Inburgering: an ontheffing or vrijstelling (full or of parts),
    an extension of the inburgeringstermijn, or a new term after a DUO fine. An extension
    or new term changes the termijn (a Termijnwijziging refers to it); a full ontheffing
    or vrijstelling ends the obligation; a partial one removes its parts from what the PIP
    must contain (regie.rules.termijn.geldende_onderdelen)."""

    person_path = "inburgeraar__"

    inburgeraar = models.ForeignKey(
        Inburgeraar, on_delete=models.CASCADE, related_name="duo_besluiten"
    )
    soort = models.CharField(_("soort besluit"), max_length=20, choices=DuoBesluitSoort.choices)
    volledig = models.BooleanField(_("volledig"), default=True)
    onderdelen = models.JSONField(_("onderdelen"), default=list, blank=True)
    besluit_op = models.DateField(_("datum van het besluit"))
    ingang_op = models.DateField(_("ingangsdatum"))
    duo_kenmerk = models.CharField(_("kenmerk van DUO"), max_length=40)
    nieuwe_einddatum = models.DateField(_("nieuwe einddatum"), null=True, blank=True)
    advies_kenmerk = models.CharField(
        _("kenmerk van het advies van het college"), max_length=60, blank=True
    )
    advies_op = models.DateField(_("datum van het advies"), null=True, blank=True)
    # The college's advice itself (Besluit art. 2.8 lid 2), uploaded as a PDF. It may name
    # a medical ground: downloaded only by roles that see health data, audit-logged.
    advies_document = models.BinaryField(null=True, editable=False)
    advies_bestandsnaam = models.CharField(
        _("bestand van het advies"), max_length=120, blank=True
    )
    advies_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    toelichting = models.TextField(_("toelichting"), blank=True, max_length=2000)
    vastgelegd_door = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    history_exclude = (*TrackedModel.history_exclude, "advies_document")

    class Meta:
        ordering = ["-besluit_op", "-id"]
        verbose_name = _("besluit van DUO")
        verbose_name_plural = _("besluiten van DUO")

    def __str__(self):
        return f"{self.get_soort_display()} {self.duo_kenmerk}"

    def audit_person_id(self):
        return self.inburgeraar_id

    def onderdelen_labels(self) -> list[str]:
        labels = dict(OnderdeelChoice.choices)
        return [str(labels.get(o, o)) for o in self.onderdelen]


class Termijnwijziging(TrackedModel):
    """One step in the history of the person's inburgeringstermijn: its start after the
    first PIP, its takeover after a move, an extension or a new term by DUO. From
    ``ingang`` the termijn runs from ``start`` up to and including ``einde``. The
    person's termijn is these steps folded (regie.people.termijn.termijn_of)."""

    person_path = "inburgeraar__"

    inburgeraar = models.ForeignKey(
        Inburgeraar, on_delete=models.CASCADE, related_name="termijnwijzigingen"
    )
    soort = models.CharField(_("soort"), max_length=20, choices=TermijnSoort.choices)
    ingang = models.DateField(_("ingangsdatum"))
    start = models.DateField(_("start inburgeringstermijn"), null=True, blank=True)
    einde = models.DateField(_("einde inburgeringstermijn"))
    bron = models.CharField(_("bron"), max_length=200, blank=True)
    duo_besluit = models.ForeignKey(
        DuoBesluit, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["ingang", "id"]
        verbose_name = _("wijziging van de inburgeringstermijn")
        verbose_name_plural = _("wijzigingen van de inburgeringstermijn")

    def __str__(self):
        return f"{self.get_soort_display()} {self.ingang}: t/m {self.einde}"

    def audit_person_id(self):
        return self.inburgeraar_id
