"""Maatschappelijke begeleiding (seed §3.8, bijlage 3): the practical checklist per
household, consents and referrals to partners, the partner register per theme, the
volunteer maatjes with their VOG, the newcomer's matching profile, matching runs with
their proposals, and confirmed matches with meetings.

Personal data of inburgeraars is scoped through ``ScopedQuerySet`` (``person_path``);
volunteers are personal data too and are scoped to the coördinator's organisation and
served municipalities. Every change is audit-logged through ``TrackedModel``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils.translation import gettext_lazy as _

from regie.core.access import ScopedQuerySet, served_municipality_ids
from regie.core.audit import TrackedModel
from regie.core.models import Municipality, Organisation
from regie.core.roles import Permission
from regie.guidance import rules
from regie.people.models import Gender, Household, HouseholdRole, Inburgeraar


class Theme(models.TextChoices):
    """The themes of seed bijlage 3 ('Samenwerkende partijen binnen de inburgering')."""

    WONEN = "wonen", _("Wonen")
    LEREN_WERKEN = "leren_werken", _("Leren en werken")
    FINANCIEN = "financien", _("Financiën")
    GEZONDHEID = "gezondheid", _("Gezondheid")
    SOCIAAL_NETWERK = "sociaal_netwerk", _("Sociaal netwerk")


# --------------------------------------------------------------------------- settings


class GuidanceSettings(models.Model):
    """A municipality's own choices for begeleiding (lokaal beleid)."""

    municipality = models.OneToOneField(
        Municipality, on_delete=models.CASCADE, related_name="guidance_settings"
    )
    vog_max_age_years = models.PositiveSmallIntegerField(
        _("maximale leeftijd VOG in jaren (lokaal beleid)"),
        default=rules.DEFAULT_VOG_MAX_AGE_YEARS,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text=_(
            "Een vrijwilliger wordt pas gekoppeld met een Verklaring Omtrent het Gedrag die "
            "niet ouder is dan dit aantal jaren. Dit is lokaal beleid, geen wettelijke termijn."
        ),
    )
    changed_by = models.CharField(max_length=150, blank=True)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("instellingen begeleiding")

    def __str__(self):
        return f"{self.municipality}: VOG {self.vog_max_age_years} jaar"


# --------------------------------------------------------------------------- checklist


class ChecklistItemType(models.Model):
    """One point of the practical checklist, configurable per municipality."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="checklist_item_types"
    )
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("omschrijving"), max_length=100)
    help_text = models.CharField(_("toelichting"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=100)
    due_weeks = models.PositiveSmallIntegerField(
        _("streeftermijn in weken na huisvesting"),
        null=True,
        blank=True,
        help_text=_("Leeg laten als er geen vaste streeftermijn is."),
    )
    active = models.BooleanField(_("in gebruik"), default=True)

    class Meta:
        ordering = ["municipality", "order", "name"]
        verbose_name = _("checklistpunt")
        verbose_name_plural = _("checklistpunten")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "code"],
                name="guidance_itemtype_code_once",
                violation_error_message=_("Deze code bestaat al in deze gemeente."),
            )
        ]

    def __str__(self):
        return self.name


class ChecklistStatus(models.TextChoices):
    OPEN = "open", _("Nog te doen")
    BEZIG = "bezig", _("Mee bezig")
    GEREGELD = "geregeld", _("Geregeld")
    NVT = "nvt", _("Niet van toepassing")


DONE_STATUSES = (ChecklistStatus.GEREGELD, ChecklistStatus.NVT)


class ChecklistItemQuerySet(ScopedQuerySet):
    def for_user(self, user):
        """Items of households (or single persons) with a member the user may see."""
        visible = Inburgeraar.objects.for_user(user)
        return self.filter(
            Q(household__in=visible.filter(household__isnull=False).values("household_id"))
            | Q(inburgeraar__in=visible.values("pk"))
        )

    def open(self):
        return self.exclude(status__in=DONE_STATUSES)


class ChecklistItem(TrackedModel):
    """The state of one checklist point for a household; a person without a household has
    their own checklist (``inburgeraar`` set instead of ``household``)."""

    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    inburgeraar = models.ForeignKey(
        Inburgeraar, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    item_type = models.ForeignKey(ChecklistItemType, on_delete=models.PROTECT, related_name="items")
    status = models.CharField(
        _("status"), max_length=10, choices=ChecklistStatus.choices, default=ChecklistStatus.OPEN
    )
    due_date = models.DateField(_("streefdatum"), null=True, blank=True)
    done_date = models.DateField(_("geregeld op"), null=True, blank=True)
    note = models.CharField(_("notitie"), max_length=200, blank=True)
    updated_by = models.CharField(max_length=150, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ChecklistItemQuerySet.as_manager()

    class Meta:
        ordering = ["item_type__order", "item_type__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(household__isnull=False, inburgeraar__isnull=True)
                | Q(household__isnull=True, inburgeraar__isnull=False),
                name="guidance_checklist_one_subject",
            ),
            models.UniqueConstraint(
                fields=["household", "item_type"],
                condition=Q(household__isnull=False),
                name="guidance_checklist_household_once",
            ),
            models.UniqueConstraint(
                fields=["inburgeraar", "item_type"],
                condition=Q(inburgeraar__isnull=False),
                name="guidance_checklist_person_once",
            ),
        ]

    def __str__(self):
        return f"{self.item_type}: {self.get_status_display()}"

    @property
    def is_done(self) -> bool:
        return self.status in DONE_STATUSES

    def audit_person_id(self):
        """A household checklist is logged on the household's head (or its first member)."""
        if self.inburgeraar_id:
            return self.inburgeraar_id
        cached = getattr(self, "_audit_person", None)
        if cached is None:
            cached = (
                Inburgeraar.objects.filter(household_id=self.household_id)
                .annotate(
                    head=Case(
                        When(household_role=HouseholdRole.HOOFD, then=Value(0)),
                        default=Value(1),
                        output_field=IntegerField(),
                    )
                )
                .order_by("head", "pk")
                .values_list("pk", flat=True)
                .first()
            )
            self._audit_person = cached
        return cached


# --------------------------------------------------------------------------- partners


class PartnerQuerySet(models.QuerySet):
    def for_user(self, user):
        """Partners working for a municipality the user's organisation serves."""
        return self.filter(organisation__serves__in=served_municipality_ids(user)).distinct()


class Partner(models.Model):
    """An organisation in the partner register (seed bijlage 3), with its offer, themes
    and contacts. The organisation itself is a regie.core Organisation."""

    organisation = models.OneToOneField(
        Organisation,
        on_delete=models.PROTECT,
        related_name="partner_profile",
        verbose_name=_("organisatie"),
    )
    offer = models.TextField(_("aanbod"), blank=True)
    website = models.URLField(_("website"), blank=True)
    phone = models.CharField(_("telefoon"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    accepts_referrals = models.BooleanField(_("neemt verwijzingen aan"), default=True)
    active = models.BooleanField(_("actief"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PartnerQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self):
        return self.organisation.name

    @property
    def name(self) -> str:
        return self.organisation.name

    def theme_values(self) -> list[str]:
        """Needs ``themes`` prefetched to stay free of queries."""
        order = list(Theme.values)
        return sorted((t.theme for t in self.themes.all()), key=order.index)

    def theme_labels(self) -> list[str]:
        labels = dict(Theme.choices)
        return [str(labels[t]) for t in self.theme_values()]


class PartnerTheme(models.Model):
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="themes")
    theme = models.CharField(_("thema"), max_length=20, choices=Theme.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["partner", "theme"], name="guidance_partner_theme")
        ]

    def __str__(self):
        return f"{self.partner_id}: {self.theme}"


class PartnerContact(models.Model):
    """A contact person at a partner (a professional, not an inburgeraar)."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("naam"), max_length=100)
    function = models.CharField(_("functie"), max_length=100, blank=True)
    phone = models.CharField(_("telefoon"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("contactpersoon")
        verbose_name_plural = _("contactpersonen")

    def __str__(self):
        return self.name


# --------------------------------------------------------------------------- consent, referral


class ShareCategory(models.TextChoices):
    """What may be shared with a partner (the scope of a consent)."""

    CONTACT = "contact", _("Naam en contactgegevens")
    SITUATIE = "situatie", _("Hulpvraag en woon- en gezinssituatie")
    INBURGERING = "inburgering", _("Inburgering (leerroute, PIP)")
    FINANCIEN = "financien", _("Financiële situatie")
    GEZONDHEID = "gezondheid", _("Gezondheid (bijzonder persoonsgegeven)")


class ConsentGiver(models.TextChoices):
    ZELF = "zelf", _("De inburgeraar zelf")
    VERTEGENWOORDIGER = "vertegenwoordiger", _("Wettelijk vertegenwoordiger")


class ConsentForm(models.TextChoices):
    SCHRIFTELIJK = "schriftelijk", _("Schriftelijk (ondertekend formulier)")
    MONDELING = "mondeling", _("Mondeling, met tolk of in eigen taal uitgelegd")


class Consent(TrackedModel):
    """Toestemming of a person to share named categories of data with one partner (AVG:
    specific, informed, revocable). Checked by the service before every referral."""

    person_path = "inburgeraar__"

    inburgeraar = models.ForeignKey(Inburgeraar, on_delete=models.CASCADE, related_name="+")
    partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, related_name="consents", verbose_name=_("partner")
    )
    scope = models.JSONField(_("wat gedeeld mag worden"), default=list)
    purpose = models.CharField(_("doel van het delen"), max_length=200)
    given_by = models.CharField(
        _("toestemming gegeven door"),
        max_length=20,
        choices=ConsentGiver.choices,
        default=ConsentGiver.ZELF,
    )
    given_by_name = models.CharField(_("naam vertegenwoordiger"), max_length=100, blank=True)
    form = models.CharField(
        _("vorm"), max_length=20, choices=ConsentForm.choices, default=ConsentForm.SCHRIFTELIJK
    )
    given_on = models.DateField(_("datum toestemming"))
    valid_until = models.DateField(_("geldig tot en met"), null=True, blank=True)
    withdrawn_on = models.DateField(_("ingetrokken op"), null=True, blank=True)
    recorded_by = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-given_on", "-id"]
        verbose_name = _("toestemming")
        verbose_name_plural = _("toestemmingen")

    def __str__(self):
        return f"Toestemming {self.inburgeraar_id} → {self.partner_id} ({self.given_on})"

    def audit_person_id(self):
        return self.inburgeraar_id

    def valid_on(self, day) -> bool:
        if self.given_on > day:
            return False
        if self.withdrawn_on and self.withdrawn_on <= day:
            return False
        return not (self.valid_until and self.valid_until < day)

    def scope_labels(self) -> list[str]:
        labels = dict(ShareCategory.choices)
        return [str(labels.get(c, c)) for c in self.scope]


class ReferralOutcome(models.TextChoices):
    OPEN = "open", _("Nog geen uitkomst")
    IN_BEHANDELING = "in_behandeling", _("Aangemeld, in behandeling")
    AFGEROND = "afgerond", _("Afgerond")
    NIET_GESTART = "niet_gestart", _("Niet gestart")
    AFGEWEZEN = "afgewezen", _("Niet aangenomen door de partner")


CLOSED_OUTCOMES = (
    ReferralOutcome.AFGEROND,
    ReferralOutcome.NIET_GESTART,
    ReferralOutcome.AFGEWEZEN,
)


class ReferralQuerySet(ScopedQuerySet):
    def open(self):
        return self.exclude(outcome__in=CLOSED_OUTCOMES)


class Referral(TrackedModel):
    """A doorverwijzing of a person to a partner, under a recorded consent."""

    person_path = "inburgeraar__"
    special_category_fields = ("shared_note",)
    # The rows that share health information (``shares_health``): special category, hidden
    # on the page from roles without HEALTH_VIEW; the inzage is then made by a role with it.
    special_category_q = Q(theme=Theme.GEZONDHEID) | Q(
        shared__icontains=ShareCategory.GEZONDHEID.value
    )

    inburgeraar = models.ForeignKey(Inburgeraar, on_delete=models.CASCADE, related_name="+")
    partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, related_name="referrals", verbose_name=_("partner")
    )
    # RESTRICT: a consent cannot go while its referrals exist, unless the person goes too.
    consent = models.ForeignKey(Consent, on_delete=models.RESTRICT, related_name="referrals")
    theme = models.CharField(_("thema"), max_length=20, choices=Theme.choices)
    reason = models.TextField(_("hulpvraag"))
    shared = models.JSONField(_("gedeeld"), default=list)
    shared_note = models.TextField(_("wat is gedeeld"), blank=True)
    referred_on = models.DateField(_("verwezen op"))
    referred_by = models.CharField(_("verwezen door"), max_length=150, blank=True)
    follow_up_on = models.DateField(_("vervolgafspraak (nabellen)"), null=True, blank=True)
    outcome = models.CharField(
        _("uitkomst"), max_length=20, choices=ReferralOutcome.choices, default=ReferralOutcome.OPEN
    )
    outcome_note = models.TextField(_("toelichting uitkomst"), blank=True)
    closed_on = models.DateField(_("afgesloten op"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["-referred_on", "-id"]
        verbose_name = _("doorverwijzing")
        verbose_name_plural = _("doorverwijzingen")

    def __str__(self):
        return f"Verwijzing {self.inburgeraar_id} → {self.partner_id} ({self.referred_on})"

    def audit_person_id(self):
        return self.inburgeraar_id

    @property
    def is_open(self) -> bool:
        return self.outcome not in CLOSED_OUTCOMES

    @property
    def shares_health(self) -> bool:
        return ShareCategory.GEZONDHEID in self.shared or self.theme == Theme.GEZONDHEID

    def shared_labels(self) -> list[str]:
        labels = dict(ShareCategory.choices)
        return [str(labels.get(c, c)) for c in self.shared]


# --------------------------------------------------------------------------- maatjes


class VolunteerQuerySet(models.QuerySet):
    def for_user(self, user):
        """Volunteers of the coördinator's own organisation, in the municipalities it
        serves; the coördinator manages them, a begeleider of the same organisation picks
        a maatje from them (MAATJE_LINK); nobody else reads them."""
        if not (
            user.can(Permission.VOLUNTEERS_MANAGE)
            or user.can(Permission.MATCHING_RUN)
            or user.can(Permission.MAATJE_LINK)
        ):
            return self.none()
        if not user.organisation_id:
            return self.none()
        return self.filter(
            organisation=user.organisation_id, municipality__in=served_municipality_ids(user)
        )


class Volunteer(TrackedModel):
    """A volunteer maatje (seed §2.1: Goede Buur). Personal data: every read and change
    is audit-logged; only the coördinator manages volunteers."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisatie")
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("gemeente")
    )
    first_name = models.CharField(_("voornaam"), max_length=100)
    last_name = models.CharField(_("achternaam"), max_length=100)
    phone = models.CharField(_("telefoon"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    gender = models.CharField(_("geslacht"), max_length=1, choices=Gender.choices)
    wants_gender = models.CharField(
        _("wil alleen gekoppeld worden aan"),
        max_length=1,
        choices=Gender.choices,
        blank=True,
        help_text=_("Leeg laten als het niet uitmaakt."),
    )
    languages = models.CharField(
        _("talen"),
        max_length=100,
        help_text=_("Taalcodes gescheiden door komma's, bijvoorbeeld: nl, ar, en"),
    )
    address = models.CharField(_("adres"), max_length=150, blank=True)
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
    interests = models.CharField(
        _("interesses"),
        max_length=200,
        blank=True,
        help_text=_("Gescheiden door komma's, bijvoorbeeld: koken, fietsen, wandelen"),
    )
    availability = models.JSONField(_("beschikbaarheid"), default=list)
    capacity = models.PositiveSmallIntegerField(
        _("aantal nieuwkomers tegelijk"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    max_km = models.FloatField(
        _("maximale afstand in km"),
        default=5.0,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    vog_date = models.DateField(_("datum VOG"), null=True, blank=True)
    active = models.BooleanField(_("actief"), default=True)
    notes = models.TextField(_("notities"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = VolunteerQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name", "id"]
        verbose_name = _("vrijwilliger")
        verbose_name_plural = _("vrijwilligers")

    def __str__(self):
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def audit_person_id(self):
        return None  # not an inburgeraar; the event names the volunteer as object

    def language_list(self) -> list[str]:
        return rules.split_codes(self.languages)

    def interest_list(self) -> list[str]:
        return rules.split_codes(self.interests)


class MatchingProfile(TrackedModel):
    """What the matching needs of a newcomer beyond the registry (languages and gender
    come from the Inburgeraar): location, interests, availability and wishes, entered
    by the begeleider or the coördinator."""

    person_path = "inburgeraar__"

    inburgeraar = models.OneToOneField(
        Inburgeraar, on_delete=models.CASCADE, related_name="matching_profile"
    )
    wants_maatje = models.BooleanField(_("wil een maatje"), default=True)
    wants_gender = models.CharField(
        _("wil een maatje van geslacht"),
        max_length=1,
        choices=Gender.choices,
        blank=True,
        help_text=_("Leeg laten als het niet uitmaakt."),
    )
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
    interests = models.CharField(
        _("interesses"),
        max_length=200,
        blank=True,
        help_text=_("Gescheiden door komma's, bijvoorbeeld: koken, fietsen, wandelen"),
    )
    availability = models.JSONField(_("beschikbaarheid"), default=list)
    note = models.CharField(_("notitie voor de coördinator"), max_length=200, blank=True)
    updated_by = models.CharField(max_length=150, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("matchingprofiel")

    def __str__(self):
        return f"Matchingprofiel {self.inburgeraar_id}"

    def audit_person_id(self):
        return self.inburgeraar_id


class RunStatus(models.TextChoices):
    OPEN = "open", _("Te beoordelen")
    AFGEHANDELD = "afgehandeld", _("Afgehandeld")
    VERVANGEN = "vervangen", _("Vervangen door een nieuwer voorstel")


class MatchingRun(models.Model):
    """One run of the matching solver over all unmatched newcomers of an organisation.
    The proposal is stored pair by pair so the coördinator can decide on each."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    run_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    run_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=12, choices=RunStatus.choices, default=RunStatus.OPEN)
    newcomer_count = models.PositiveIntegerField(default=0)
    volunteer_count = models.PositiveIntegerField(default=0)
    matched_count = models.PositiveIntegerField(default=0)
    total_score = models.FloatField(default=0)
    optimal = models.BooleanField(default=False)
    # [{"volunteer": pk, "name": "...", "reason": "..."}]: volunteers left out (VOG, full).
    excluded_volunteers = models.JSONField(default=list)

    class Meta:
        ordering = ["-run_at", "-id"]

    def __str__(self):
        return f"Matchingvoorstel {self.pk} ({self.run_at:%Y-%m-%d})"


class PairStatus(models.TextChoices):
    OPEN = "open", _("Voorgesteld")
    BEVESTIGD = "bevestigd", _("Bevestigd")
    AFGEWEZEN = "afgewezen", _("Afgewezen")
    VERVALLEN = "vervallen", _("Vervallen")


class ProposedPair(TrackedModel):
    person_path = "inburgeraar__"

    run = models.ForeignKey(MatchingRun, on_delete=models.CASCADE, related_name="pairs")
    inburgeraar = models.ForeignKey(Inburgeraar, on_delete=models.CASCADE, related_name="+")
    volunteer = models.ForeignKey(Volunteer, on_delete=models.PROTECT, related_name="+")
    score = models.FloatField()
    reasons = models.JSONField(default=list)
    status = models.CharField(max_length=10, choices=PairStatus.choices, default=PairStatus.OPEN)
    decided_by = models.CharField(max_length=150, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    reject_reason = models.CharField(_("reden van afwijzen"), max_length=200, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-score", "id"]

    def __str__(self):
        return f"{self.inburgeraar_id} – {self.volunteer_id} ({self.score})"

    def audit_person_id(self):
        return self.inburgeraar_id


class UnmatchedNewcomer(models.Model):
    """A newcomer the run could not match, with the reason a coördinator can act on."""

    person_path = "inburgeraar__"

    run = models.ForeignKey(MatchingRun, on_delete=models.CASCADE, related_name="unmatched")
    inburgeraar = models.ForeignKey(Inburgeraar, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=300)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"{self.inburgeraar_id}: {self.reason}"


class MatchQuerySet(ScopedQuerySet):
    def active(self):
        return self.filter(end_date__isnull=True)


class Match(TrackedModel):
    """A confirmed koppeling of a newcomer with a volunteer maatje."""

    person_path = "inburgeraar__"

    inburgeraar = models.ForeignKey(Inburgeraar, on_delete=models.CASCADE, related_name="+")
    volunteer = models.ForeignKey(Volunteer, on_delete=models.PROTECT, related_name="matches")
    proposal = models.OneToOneField(
        ProposedPair, on_delete=models.SET_NULL, null=True, blank=True, related_name="match"
    )
    start_date = models.DateField(_("startdatum"))
    end_date = models.DateField(_("einddatum"), null=True, blank=True)
    end_reason = models.CharField(_("reden van beëindigen"), max_length=200, blank=True)
    confirmed_by = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MatchQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "-id"]
        verbose_name = _("maatjeskoppeling")
        verbose_name_plural = _("maatjeskoppelingen")
        constraints = [
            models.UniqueConstraint(
                fields=["inburgeraar"],
                condition=Q(end_date__isnull=True),
                name="guidance_one_active_match",
                violation_error_message=_("Deze nieuwkomer heeft al een actief maatje."),
            )
        ]

    def __str__(self):
        return f"Maatje {self.volunteer_id} voor {self.inburgeraar_id} vanaf {self.start_date}"

    def audit_person_id(self):
        return self.inburgeraar_id

    @property
    def is_active(self) -> bool:
        return self.end_date is None


class MatchMeeting(TrackedModel):
    """A meeting of maatje and newcomer, as logged by the coördinator."""

    person_path = "match__inburgeraar__"

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField(_("datum"))
    note = models.CharField(_("korte notitie"), max_length=200, blank=True)
    recorded_by = models.CharField(max_length=150, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-id"]

    def __str__(self):
        return f"Ontmoeting {self.match_id} op {self.date}"

    def audit_person_id(self):
        return self.match.inburgeraar_id
