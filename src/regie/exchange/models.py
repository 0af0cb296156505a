"""What taalaanbieders report about the persons referred to them (seed §3.4; contract
management needs hours offered and attended, absence and results), and the record of what
the municipality exchanged with DUO.

Every record belongs to one person AND one aanbieder. ``AanbiederScopedQuerySet.for_user``
narrows by the person scope like every personal-data queryset, and for an aanbieder user
also to its own organisation: two aanbieders teaching the same person never see each
other's reports.
"""

from decimal import Decimal

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from regie.core.access import ScopedQuerySet
from regie.core.audit import TrackedModel
from regie.core.bekendmaking import BekendmakingWijze
from regie.core.fields import EncryptedCharField
from regie.core.models import Municipality, Organisation
from regie.people.models import Inburgeraar, only_aanbieder

# More hours than this in one month is a typing error, not a timetable.
MAX_UREN_PER_MAAND = Decimal(200)


class AanbiederScopedQuerySet(ScopedQuerySet):
    def for_user(self, user):
        queryset = super().for_user(user)
        if only_aanbieder(user):
            queryset = queryset.filter(aanbieder_id=user.organisation_id)
        return queryset


class AanbiederReport(TrackedModel):
    """Common fields: about whom, from which aanbieder, entered by whom."""

    person_path = "inburgeraar__"

    inburgeraar = models.ForeignKey(
        Inburgeraar, on_delete=models.CASCADE, related_name="+", verbose_name=_("inburgeraar")
    )
    aanbieder = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("aanbieder")
    )
    geregistreerd_door = models.CharField(_("geregistreerd door"), max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AanbiederScopedQuerySet.as_manager()

    class Meta:
        abstract = True

    def audit_person_id(self):
        return self.inburgeraar_id


uren_validators = [MinValueValidator(Decimal(0)), MaxValueValidator(MAX_UREN_PER_MAAND)]


class Lesuren(AanbiederReport):
    """Hours offered and attended by one person at one aanbieder in one month."""

    maand = models.DateField(_("maand"), help_text=_("De eerste dag van de maand."))
    uren_aangeboden = models.DecimalField(
        _("uren aangeboden"), max_digits=5, decimal_places=1, validators=uren_validators
    )
    uren_aanwezig = models.DecimalField(
        _("uren aanwezig"), max_digits=5, decimal_places=1, validators=uren_validators
    )

    class Meta:
        ordering = ["-maand", "inburgeraar_id"]
        verbose_name = _("lesuren")
        verbose_name_plural = _("lesuren")
        constraints = [
            models.UniqueConstraint(
                fields=["inburgeraar", "aanbieder", "maand"],
                name="lesuren_once_per_month",
                violation_error_message=_("Voor deze maand zijn al lesuren geregistreerd."),
            ),
            models.CheckConstraint(
                condition=models.Q(uren_aanwezig__lte=models.F("uren_aangeboden")),
                name="lesuren_attended_not_above_offered",
                violation_error_message=_(
                    "Er kunnen niet meer uren aanwezig zijn dan er zijn aangeboden."
                ),
            ),
        ]
        indexes = [models.Index(fields=["aanbieder", "maand"], name="lesuren_aanbieder_maand")]

    def __str__(self):
        return (
            f"{self.inburgeraar_id} {self.maand:%Y-%m}: {self.uren_aanwezig}/{self.uren_aangeboden}"
        )

    @property
    def aanwezigheid_procent(self) -> int | None:
        if not self.uren_aangeboden:
            return None
        return round(100 * self.uren_aanwezig / self.uren_aangeboden)


class AfwezigheidReden(models.TextChoices):
    # Deliberately coarse: an aanbieder records THAT someone was ill, never why (AVG art. 9).
    ZIEK = "ziek", _("Ziekmelding")
    AFSPRAAK = "afspraak", _("Afspraak (instantie, huisarts, school)")
    ZORG_KIND = "zorg_kind", _("Zorg voor een kind")
    WERK = "werk", _("Werk of stage")
    VERLOF = "verlof", _("Verlof met toestemming")
    ONGEOORLOOFD = "ongeoorloofd", _("Ongeoorloofd afwezig")
    OVERIG = "overig", _("Overig")


class Afwezigheid(AanbiederReport):
    """Absence on a lesson day, with its reason."""

    datum = models.DateField(_("datum"))
    uren = models.DecimalField(
        _("gemiste uren"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal(12))],
    )
    reden = models.CharField(_("reden"), max_length=15, choices=AfwezigheidReden.choices)
    toelichting = models.CharField(
        _("toelichting"),
        max_length=300,
        blank=True,
        help_text=_("Geen medische gegevens: alleen dát iemand ziek was, niet waaraan."),
    )

    class Meta:
        ordering = ["-datum", "-id"]
        verbose_name = _("afwezigheid")
        verbose_name_plural = _("afwezigheden")


class Vaardigheid(models.TextChoices):
    LEZEN = "lezen", _("Lezen")
    LUISTEREN = "luisteren", _("Luisteren")
    SCHRIJVEN = "schrijven", _("Schrijven")
    SPREKEN = "spreken", _("Spreken")


class Niveau(models.TextChoices):
    A0 = "A0", "A0"
    A1 = "A1", "A1"
    A2 = "A2", "A2"
    B1 = "B1", "B1"
    B2 = "B2", "B2"


class Voortgangsmeting(AanbiederReport):
    """The level one person reached in one skill, as the aanbieder measured it."""

    datum = models.DateField(_("datum"))
    vaardigheid = models.CharField(_("vaardigheid"), max_length=10, choices=Vaardigheid.choices)
    niveau = models.CharField(_("niveau"), max_length=2, choices=Niveau.choices)
    toelichting = models.CharField(_("toelichting"), max_length=300, blank=True)

    class Meta:
        ordering = ["-datum", "vaardigheid", "-id"]
        verbose_name = _("voortgangsmeting")
        verbose_name_plural = _("voortgangsmetingen")


class ExamenOnderdeel(models.TextChoices):
    """The parts of the inburgeringsexamen (Wi 2021 art. 7; Besluit art. 3.4): the four
    language skills at B1 (or A2 after afschalen) and KNM."""

    LEZEN = "lezen", _("Lezen")
    LUISTEREN = "luisteren", _("Luisteren")
    SCHRIJVEN = "schrijven", _("Schrijven")
    SPREKEN = "spreken", _("Spreken")
    KNM = "knm", _("Kennis van de Nederlandse Maatschappij (KNM)")


class ExamenNiveau(models.TextChoices):
    B1 = "B1", "B1"
    A2 = "A2", "A2"


class ExamenUitslag(models.TextChoices):
    BEHAALD = "behaald", _("Behaald")
    NIET_BEHAALD = "niet_behaald", _("Niet behaald")


class Examenresultaat(AanbiederReport):
    datum = models.DateField(_("examendatum"))
    onderdeel = models.CharField(_("onderdeel"), max_length=10, choices=ExamenOnderdeel.choices)
    niveau = models.CharField(
        _("niveau"),
        max_length=2,
        choices=ExamenNiveau.choices,
        blank=True,
        help_text=_("B1 of A2 voor de taalonderdelen; leeg voor KNM."),
    )
    uitslag = models.CharField(_("uitslag"), max_length=12, choices=ExamenUitslag.choices)

    class Meta:
        ordering = ["-datum", "onderdeel", "-id"]
        verbose_name = _("examenresultaat")
        verbose_name_plural = _("examenresultaten")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(onderdeel="knm") & models.Q(niveau=""))
                | (~models.Q(onderdeel="knm") & models.Q(niveau__in=["B1", "A2"])),
                name="examen_niveau_per_onderdeel",
                violation_error_message=_(
                    "Een taalonderdeel heeft niveau B1 of A2; KNM heeft geen niveau."
                ),
            )
        ]


class AfschaalStatus(models.TextChoices):
    INGEDIEND = "ingediend", _("Ingediend")
    TOEGEKEND = "toegekend", _("Toegekend")
    AFGEWEZEN = "afgewezen", _("Afgewezen")


class Afschaalverzoek(AanbiederReport):
    """A request to let one language part be examined at A2 instead of B1 (Wi 2021 art. 17
    lid 3; Besluit art. 5.5): only after 600 lesuren NT2 and sufficient effort. The
    aanbieder asks; the college (the klantmanager) decides."""

    onderdeel = models.CharField(_("onderdeel"), max_length=10, choices=Vaardigheid.choices)
    motivering = models.TextField(
        _("motivering"),
        max_length=2000,
        help_text=_("Waaruit blijkt dat de inburgeraar zich voldoende heeft ingespannen?"),
    )
    lesuren_bij_indienen = models.DecimalField(
        _("gevolgde lesuren bij indienen"), max_digits=6, decimal_places=1, editable=False
    )
    status = models.CharField(
        _("status"), max_length=10, choices=AfschaalStatus.choices, default=AfschaalStatus.INGEDIEND
    )
    besluit_toelichting = models.TextField(_("toelichting bij het besluit"), blank=True)
    besloten_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("besloten door"),
    )
    besloten_op = models.DateTimeField(_("besloten op"), null=True, blank=True)
    # The decision is a besluit (Awb art. 1:3) open to bezwaar: its dagtekening is the day
    # of the decision, its bekendmaking ("Verzonden / uitgereikt") is recorded once it is
    # sent or handed over (regie.core.bekendmaking); the bezwaartermijn counts from that.
    bekendgemaakt_op = models.DateField(_("verzonden of uitgereikt op"), null=True, blank=True)
    bekendmaking_wijze = models.CharField(
        _("hoe bekendgemaakt"), max_length=12, choices=BekendmakingWijze.choices, blank=True
    )
    bekendmaking_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verzending vastgelegd door"),
    )

    @property
    def dagtekening(self):
        from django.utils import timezone

        return timezone.localdate(self.besloten_op) if self.besloten_op else None

    @property
    def bezwaar_einde(self):
        from regie.rules.deadlines import bezwaartermijn_einde

        return bezwaartermijn_einde(self.bekendgemaakt_op) if self.bekendgemaakt_op else None

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("afschaalverzoek")
        verbose_name_plural = _("afschaalverzoeken")
        constraints = [
            models.UniqueConstraint(
                fields=["inburgeraar", "onderdeel"],
                condition=models.Q(status__in=["ingediend", "toegekend"]),
                name="afschaalverzoek_once_per_part",
                violation_error_message=_(
                    "Voor dit onderdeel loopt al een afschaalverzoek of is het al toegekend."
                ),
            )
        ]


class DuoMeldingSoort(models.TextChoices):
    PVT_ONDERTEKEND = "pvt_ondertekend", _("Participatieverklaring ondertekend")
    VERWIJTBARE_OVERSCHRIJDING = (
        "verwijtbare_overschrijding",
        _("Verwijtbare overschrijding van de inburgeringstermijn"),
    )
    # The facts of Besluit inburgering 2021 art. 9.2 lid 2 and 9.3 lid 2.
    PIP_VASTGESTELD = "pip_vastgesteld", _("PIP vastgesteld (dagtekening)")
    LEERROUTE = "leerroute", _("Leerroute")
    LEERROUTE_GEWIJZIGD = "leerroute_gewijzigd", _("Leerroute gewijzigd")
    INTENSITEIT = "intensiteit", _("Intensiteit")
    AANWEZIGHEID = "aanwezigheid", _("Aanwezigheid (lesuren per maand)")
    MAP_AFGEROND = "map_afgerond", _("MAP afgerond")
    GEEN_AANBOD = "geen_aanbod", _("Geen inburgeringsaanbod")


class DuoMeldingStatus(models.TextChoices):
    TE_MELDEN = "te_melden", _("Te melden")
    GEMELD = "gemeld", _("Gemeld")
    BEVESTIGD = "bevestigd", _("Bevestigd door DUO")


# The only moves a melding makes: reported once (in a file or by hand in the DUO portal),
# then confirmed. A reported fact never goes back to te_melden, so it is never repeated.
DUO_MELDING_TRANSITIONS: dict[str, frozenset[str]] = {
    DuoMeldingStatus.TE_MELDEN: frozenset({DuoMeldingStatus.GEMELD}),
    DuoMeldingStatus.GEMELD: frozenset({DuoMeldingStatus.BEVESTIGD}),
    DuoMeldingStatus.BEVESTIGD: frozenset(),
}


def melding_can_transition(current: str, new: str) -> bool:
    return new in DUO_MELDING_TRANSITIONS.get(current, frozenset())


class DuoMeldingQuerySet(ScopedQuerySet):
    def open(self):
        return self.filter(status=DuoMeldingStatus.TE_MELDEN)


class DuoMelding(TrackedModel):
    """Something the municipality reports to DUO (Besluit art. 3.1: the PVT signing; the
    college's finding of a culpable overrun of the termijn). Exported in a file and then
    marked, so a melding is never reported twice."""

    person_path = "inburgeraar__"

    inburgeraar = models.ForeignKey(
        Inburgeraar, on_delete=models.CASCADE, related_name="+", verbose_name=_("inburgeraar")
    )
    soort = models.CharField(_("soort"), max_length=30, choices=DuoMeldingSoort.choices)
    datum = models.DateField(_("datum"))
    toelichting = models.TextField(_("toelichting"), blank=True, max_length=2000)
    # Which instance of the fact (the PIP version, the month, the kind of hours) and its
    # value as reported, e.g. "b1" or "aangeboden 40; aanwezig 36".
    sleutel = models.CharField(_("kenmerk van het feit"), max_length=40, blank=True, default="")
    waarde = models.CharField(_("waarde"), max_length=200, blank=True, default="")
    bron = models.CharField(_("bron"), max_length=60, blank=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=DuoMeldingStatus.choices,
        default=DuoMeldingStatus.TE_MELDEN,
    )
    geexporteerd_op = models.DateTimeField(_("gemeld op"), null=True, blank=True)
    export_kenmerk = models.CharField(_("exportkenmerk"), max_length=40, blank=True)
    gemeld_door = models.CharField(_("gemeld door"), max_length=150, blank=True)
    bevestigd_op = models.DateTimeField(_("bevestigd op"), null=True, blank=True)
    bevestigd_door = models.CharField(_("bevestigd door"), max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DuoMeldingQuerySet.as_manager()

    class Meta:
        ordering = ["-datum", "-id"]
        verbose_name = _("melding aan DUO")
        verbose_name_plural = _("meldingen aan DUO")
        constraints = [
            models.UniqueConstraint(
                fields=["inburgeraar", "soort", "datum", "sleutel"], name="duo_melding_once"
            )
        ]

    def audit_person_id(self):
        return self.inburgeraar_id

    def move(self, new: str) -> None:
        if not melding_can_transition(self.status, new):
            raise ValueError(f"DUO-melding {self.pk}: {self.status} -> {new} is not allowed")
        self.status = new


class ImportRun(models.Model):
    """One import of an exchange file: who, what, and the row report. Holds no personal
    data beyond row numbers and messages."""

    class Kind(models.TextChoices):
        DUO_SIGNALEN = "duo_signalen", _("DUO-signalen")
        LESUREN = "lesuren", _("Lesuren (bulkupload)")
        OVERDRACHT = "overdracht", _("Overdracht na verhuizing")
        DUO_TERUGMELDING = "duo_terugmelding", _("Terugmelding van DUO")

    kind = models.CharField(max_length=20, choices=Kind.choices)
    filename = models.CharField(max_length=200, blank=True)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    username = models.CharField(max_length=150, blank=True)
    ok = models.BooleanField(default=False)
    rows = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    errors = models.PositiveIntegerField(default=0)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.kind} {self.at:%Y-%m-%d %H:%M} ({'ok' if self.ok else 'fout'})"


class Overdracht(TrackedModel):
    """A person's file received from the previous municipality after a move. The new
    municipality makes a new PIP with the same leerroute (Besluit art. 5.3 lid 3)."""

    person_path = "inburgeraar__"
    history_exclude = (*TrackedModel.history_exclude, "inhoud")

    inburgeraar = models.ForeignKey(
        Inburgeraar, on_delete=models.CASCADE, related_name="+", verbose_name=_("inburgeraar")
    )
    kenmerk = models.CharField(_("kenmerk"), max_length=40)
    van_gemeente = models.CharField(_("vorige gemeente (CBS-code)"), max_length=6, blank=True)
    leerroute = models.CharField(_("leerroute"), max_length=12, blank=True)
    termijn_einde = models.DateField(_("einde inburgeringstermijn"), null=True, blank=True)
    lesuren_nt2_gevolgd = models.DecimalField(
        _("gevolgde lesuren NT2"), max_digits=6, decimal_places=1, default=Decimal(0)
    )
    inhoud = models.JSONField(_("dossier"), encoder=DjangoJSONEncoder)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("overdracht")
        verbose_name_plural = _("overdrachten")
        constraints = [
            models.UniqueConstraint(fields=["inburgeraar", "kenmerk"], name="overdracht_once")
        ]

    def __str__(self):
        return f"Overdracht {self.kenmerk}"

    def audit_person_id(self):
        return self.inburgeraar_id


# --- BRP (Haal Centraal BRP Personen bevragen v2; docs/brp.md) -----------------------------
HEADER_NAME = r"^[A-Za-z0-9-]{1,60}$"


class BrpKoppeling(models.Model):
    """A municipality's connection to the BRP through its gateway: the endpoint, the API
    key (a secret: written, never shown back) and the headers the gateway needs for its
    protocollering (the afnemer's OIN, a doelbinding, a verwerking). Set by the
    functioneel beheerder at /beheer/gemeenten/<id>/brp/. Without an active connection
    the klantmanager types the data, as before (the file-based exchange stays)."""

    municipality = models.OneToOneField(
        Municipality, on_delete=models.CASCADE, related_name="brp_koppeling"
    )
    actief = models.BooleanField(_("actief"), default=False)
    endpoint = models.URLField(
        _("adres van de BRP API"),
        help_text=_("Zonder /personen, bijvoorbeeld https://brp.gemeente.nl/haalcentraal/api/brp"),
    )
    api_key_header = models.CharField(
        _("header voor de API-sleutel"), max_length=60, default="X-API-KEY", blank=True
    )
    # Encrypted at rest (regie.core.fields): the database holds only a token.
    api_key = EncryptedCharField(
        _("API-sleutel"), max_length=1000, blank=True, purpose="regie.exchange.brp-api-key"
    )
    extra_headers = models.TextField(
        _("extra headers"),
        blank=True,
        help_text=_(
            "Eén per regel, 'Naam: waarde', bijvoorbeeld 'OIN: 00000001234567890000', "
            "'x-doelbinding: BRPK0001' of 'x-verwerking: Inburgering'."
        ),
    )
    client_certificaat = models.CharField(
        _("clientcertificaat (pad op de server)"), max_length=300, blank=True
    )
    client_sleutel = models.CharField(
        _("sleutel van het clientcertificaat (pad op de server)"), max_length=300, blank=True
    )
    timeout = models.PositiveSmallIntegerField(_("wachttijd in seconden"), default=10)
    changed_by = models.CharField(max_length=150, blank=True)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("BRP-koppeling")

    def __str__(self):
        return f"BRP {self.municipality}"

    def headers(self) -> dict[str, str]:
        result = {}
        for line in self.extra_headers.splitlines():
            name, sep, value = line.partition(":")
            if sep and name.strip():
                result[name.strip()] = value.strip()
        return result


class BrpSignaalSoort(models.TextChoices):
    VERHUISD = "verhuisd", _("Vertrokken uit de gemeente")
    OVERLEDEN = "overleden", _("Overleden")
    NIEUW_ADRES = "nieuw_adres", _("Nieuw adres")


class BrpSignaalStatus(models.TextChoices):
    OPEN = "open", _("Open")
    AFGEHANDELD = "afgehandeld", _("Afgehandeld")


BRP_SIGNAAL_TRANSITIONS: dict[str, frozenset[str]] = {
    BrpSignaalStatus.OPEN: frozenset({BrpSignaalStatus.AFGEHANDELD}),
    BrpSignaalStatus.AFGEHANDELD: frozenset(),
}


def signaal_can_transition(current: str, new: str) -> bool:
    return new in BRP_SIGNAAL_TRANSITIONS.get(current, frozenset())


class BrpSignaal(TrackedModel):
    """What the BRP check (``regie brp-check``) found about a person: a move out of the
    municipality (the werkvoorraad leads to the overdracht), a death, a new address. One
    per fact (``sleutel``), so running the check again adds nothing."""

    person_path = "inburgeraar__"

    inburgeraar = models.ForeignKey(
        Inburgeraar, on_delete=models.CASCADE, related_name="+", verbose_name=_("inburgeraar")
    )
    soort = models.CharField(_("soort"), max_length=20, choices=BrpSignaalSoort.choices)
    sleutel = models.CharField(max_length=120)
    omschrijving = models.CharField(_("omschrijving"), max_length=300)
    status = models.CharField(
        _("status"), max_length=12, choices=BrpSignaalStatus.choices, default=BrpSignaalStatus.OPEN
    )
    gevonden_op = models.DateField(_("gevonden op"))
    afgehandeld_door = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["gevonden_op", "id"]
        verbose_name = _("BRP-signaal")
        constraints = [
            models.UniqueConstraint(
                fields=["inburgeraar", "soort", "sleutel"], name="brp_signaal_once"
            )
        ]

    def audit_person_id(self):
        return self.inburgeraar_id

    def move(self, new: str) -> None:
        if not signaal_can_transition(self.status, new):
            raise ValueError(f"BRP-signaal {self.pk}: {self.status} -> {new} is not allowed")
        self.status = new
