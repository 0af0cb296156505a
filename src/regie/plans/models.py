"""The PIP and what hangs on it.

A person has at most one ``PIP``; every vaststelling is a new ``PIPVersie`` (Besluit
inburgering 2021 art. 5.3 lid 6: a changed route means a new PIP). A version is drafted
as a concept by a klantmanager and vastgesteld by another authorised user (four eyes);
once vastgesteld it is never edited again. The first vastgestelde version's dagtekening
starts the inburgeringstermijn (Wi 2021 art. 11 lid 2); later versions do not move it
(lid 3), which is why no termijn is stored: it is derived from that dagtekening.

``Beschikking`` is the generated PDF of a vastgestelde version, stored in the database
with the id of the template version that made it. ``Voortgangsgesprek`` and
``DoelVoortgang`` monitor the plan; when the next gesprek is due is always derived from
the last held gesprek or the vaststelling plus the PIP's frequency, never stored.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from regie.core.access import ScopedQuerySet
from regie.core.audit import TrackedModel
from regie.core.bekendmaking import BekendmakingWijze
from regie.core.models import Organisation
from regie.core.roles import OrganisationType
from regie.people.models import Inburgeraar
from regie.rules.leerroute import Leerroute


class Levensgebied(models.TextChoices):
    """The levensgebieden of the brede intake and the PIP (seed §3.1, bijlage 3)."""

    WONEN = "wonen", _("Wonen")
    GEZONDHEID = "gezondheid", _("Gezondheid")
    FINANCIEN = "financien", _("Financiën")
    LEREN_WERKEN = "leren_werken", _("Leren en werken")
    SOCIAAL_NETWERK = "sociaal_netwerk", _("Sociaal netwerk")
    TAAL = "taal", _("Taal")


class ParticipatieDoel(models.TextChoices):
    """The goals of the participation part of the PIP (duaal traject, seed par. 2.4)."""

    WERKFIT = "werkfit", _("Werkfit worden")
    PLAATSING = "plaatsing", _("Een werkervaringsplek, stage of vrijwilligerswerk")
    DIPLOMA = "diploma", _("Een diploma of certificaat")
    BAAN = "baan", _("Betaald werk")


class Tegenprestatie(models.TextChoices):
    AFGESPROKEN = "afgesproken", _("Afgesproken door de bijstandsconsulent")
    NIET = "niet", _("Niet opgelegd")


class Arbeidsverplichtingen(models.TextChoices):
    VAN_TOEPASSING = "van_toepassing", _("Van toepassing")
    TIJDELIJK_ONTHEFFING = "tijdelijk", _("Tijdelijk ontheffing")
    NIET = "niet", _("Niet van toepassing")


class LeerrouteChoice(models.TextChoices):
    B1 = Leerroute.B1.value, _("B1-route")
    ONDERWIJS = Leerroute.ONDERWIJS.value, _("Onderwijsroute")
    Z = Leerroute.Z.value, _("Zelfredzaamheidsroute (Z-route)")


class VersieStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    VASTGESTELD = "vastgesteld", _("Vastgesteld")


class DoelStatus(models.TextChoices):
    OPEN = "open", _("Nog niet begonnen")
    BEZIG = "bezig", _("Bezig")
    BEHAALD = "behaald", _("Behaald")
    NIET_BEHAALD = "niet_behaald", _("Niet behaald")
    VERVALLEN = "vervallen", _("Vervallen")


class GesprekStatus(models.TextChoices):
    GEPLAND = "gepland", _("Gepland")
    GEHOUDEN = "gehouden", _("Gehouden")
    VERVALLEN = "vervallen", _("Vervallen")


class PIP(TrackedModel):
    """The plan of one inburgeraar; its content lives in its versions."""

    person_path = "inburgeraar__"

    inburgeraar = models.OneToOneField(
        Inburgeraar, on_delete=models.CASCADE, related_name="pip", verbose_name=_("inburgeraar")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("PIP")
        verbose_name_plural = _("PIP's")

    def __str__(self):
        return f"PIP {self.inburgeraar_id}"

    def audit_person_id(self):
        return self.inburgeraar_id


class PIPVersieQuerySet(ScopedQuerySet):
    def vastgesteld(self):
        return self.filter(status=VersieStatus.VASTGESTELD)

    def concept(self):
        return self.filter(status=VersieStatus.CONCEPT)


class PIPVersie(TrackedModel):
    """One version of the PIP: a concept until it is vastgesteld, then a beschikking."""

    person_path = "pip__inburgeraar__"

    pip = models.ForeignKey(PIP, on_delete=models.CASCADE, related_name="versies")
    nummer = models.PositiveIntegerField(_("versie"))
    status = models.CharField(
        _("status"), max_length=12, choices=VersieStatus.choices, default=VersieStatus.CONCEPT
    )

    # Leerroute and its reasons (Wi 2021 art. 15; RvS ECLI:NL:RVS:2024:5413).
    leerroute = models.CharField(
        _("leerroute"), max_length=12, choices=LeerrouteChoice.choices, blank=True
    )
    advies_leerroute = models.CharField(
        _("advies uit de brede intake"),
        max_length=12,
        choices=LeerrouteChoice.choices,
        blank=True,
        editable=False,
        help_text=_("Het advies zoals het gold toen deze versie werd opgesteld."),
    )
    route_toelichting = models.TextField(
        _("waarom deze leerroute"),
        blank=True,
        max_length=4000,
        help_text=_(
            "Motiveer de keuze. Wijkt de leerroute af van het advies uit de brede intake, "
            "dan is een motivering verplicht."
        ),
    )
    aanbieder = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"type": OrganisationType.AANBIEDER},
        verbose_name=_("aanbieder (gecontracteerd)"),
    )

    # Duration and intensity.
    duur_maanden = models.PositiveSmallIntegerField(_("duur in maanden"), null=True, blank=True)
    lesuren_per_week = models.DecimalField(
        _("lesuren per week"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    intensiteit_toelichting = models.TextField(
        _("afspraken over intensiteit"), blank=True, max_length=2000
    )

    # Obligations of every route.
    pvt_afspraken = models.TextField(
        _("participatieverklaringstraject (PVT)"), blank=True, max_length=2000
    )
    map_afspraken = models.TextField(
        _("module Arbeidsmarkt en Participatie (MAP)"),
        blank=True,
        max_length=2000,
        help_text=_("Niet in de onderwijsroute (Wet inburgering 2021 art. 8 lid 3)."),
    )
    knm_afspraken = models.TextField(
        _("kennis van de Nederlandse maatschappij (KNM)"), blank=True, max_length=2000
    )
    # The intensity of the PVT and the MAP (Wi 2021 art. 15 lid 1 onder c), in hours.
    pvt_uren = models.PositiveSmallIntegerField(
        _("PVT: aantal uren"),
        null=True,
        blank=True,
        help_text=_("Ten minste 12 uur (Besluit inburgering 2021 art. 3.1 lid 3)."),
    )
    map_uren = models.PositiveSmallIntegerField(
        _("MAP: aantal uren"),
        null=True,
        blank=True,
        help_text=_("Niet in de onderwijsroute (Wet inburgering 2021 art. 8 lid 3)."),
    )

    # Conditions, support and monitoring.
    randvoorwaarden = models.TextField(
        _("randvoorwaarden"),
        blank=True,
        max_length=2000,
        help_text=_("Bijvoorbeeld kinderopvang, vervoer of een tolk."),
    )
    ondersteuning = models.TextField(_("ondersteuning"), blank=True, max_length=2000)
    aantal_voortgangsgesprekken = models.PositiveSmallIntegerField(
        _("aantal voortgangsgesprekken"),
        null=True,
        blank=True,
        help_text=_(
            "Het aantal gesprekken dat in het PIP vastligt en in de beschikking staat "
            "(Besluit inburgering 2021 art. 5.3 lid 4)."
        ),
    )
    voortgang_frequentie_weken = models.PositiveSmallIntegerField(
        _("voortgangsgesprek elke ... weken"),
        null=True,
        blank=True,
        help_text=_("Voor de planning in de werkvoorraad."),
    )
    voortgang_afspraken = models.TextField(
        _("hoe de voortgang wordt gevolgd"), blank=True, max_length=2000
    )

    # Participatiewet (persons on bijstand).
    # The duaal traject (seed par. 2.4, issue 20): the participation goals of the PIP.
    participatie_doelen = models.JSONField(_("doelen participatie"), default=list, blank=True)
    participatie_uren_per_week = models.PositiveSmallIntegerField(
        _("werkplek of participatie: uren per week"),
        null=True,
        blank=True,
        help_text=_("Het doel voor een werkervaringsplek, stage, vrijwilligerswerk of baan."),
    )
    participatie_toelichting = models.TextField(
        _("afspraken over participatie"), blank=True, max_length=2000
    )
    bijstand = models.BooleanField(_("de inburgeraar ontvangt bijstand"), default=False)
    # Participatiewet facts, recorded as the bijstandsconsulent decided them: Regie decides
    # nothing about bijstand, the tegenprestatie or the arbeidsverplichtingen.
    tegenprestatie = models.CharField(
        _("tegenprestatie (Participatiewet art. 9 lid 1 onder c)"),
        max_length=20,
        choices=Tegenprestatie.choices,
        blank=True,
    )
    arbeidsverplichtingen = models.CharField(
        _("arbeidsverplichtingen (Participatiewet art. 9)"),
        max_length=20,
        choices=Arbeidsverplichtingen.choices,
        blank=True,
    )
    participatiewet = models.TextField(
        _("onderdelen Participatiewet"),
        blank=True,
        max_length=4000,
        help_text=_("Bijvoorbeeld re-integratie en de arbeidsverplichtingen."),
    )
    financiele_ontzorging = models.BooleanField(
        _("financiële ontzorging (asielstatushouders)"),
        default=False,
        help_text=_(
            "Zes maanden betaalt de gemeente huur, energie, water en zorgverzekering uit de "
            "bijstand (Participatiewet art. 56a)."
        ),
    )

    # A later version: why, and whether it is a bijzonder geval (Besluit art. 5.4 lid 2-3).
    wijzigingsreden = models.TextField(_("reden van de nieuwe versie"), blank=True, max_length=4000)
    bijzonder_geval = models.BooleanField(
        _("bijzonder geval (leerroute wijzigen na anderhalf jaar)"),
        default=False,
        help_text=_(
            "Alleen na een niet-vrijstellende opleiding of in een bijzonder geval (Besluit "
            "inburgering 2021 art. 5.4 lid 2-3). Leg in de reden uit waarom."
        ),
    )

    # Drafting and vaststelling (four eyes).
    opgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("opgesteld door"),
    )
    opgesteld_op = models.DateTimeField(_("laatst gewijzigd"), null=True)
    aangeboden_op = models.DateTimeField(_("ter vaststelling aangeboden"), null=True, blank=True)
    vastgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vastgesteld door"),
    )
    vastgesteld_op = models.DateTimeField(_("vastgesteld op"), null=True, blank=True)
    dagtekening = models.DateField(_("dagtekening"), null=True, blank=True)
    dagtekening_reden = models.TextField(
        _("waarom een dagtekening vóór de vaststelling"), blank=True, max_length=2000
    )
    # A local rule deviated from in this special case (Awb art. 4:84), with the reason.
    afwijking_beleidsregel = models.TextField(
        _("afwijking van lokaal beleid (Awb art. 4:84)"),
        blank=True,
        max_length=4000,
        help_text=_(
            "Alleen in een bijzonder geval: waarom de lokale regel 'ten hoogste zoveel keer van "
            "leerroute wijzigen' hier niet wordt toegepast."
        ),
    )

    # Bekendmaking (Awb art. 3:41): the day the beschikking was sent or handed over, and
    # how. Recorded after vaststelling; the bezwaartermijn runs from the day after it.
    bekendgemaakt_op = models.DateField(_("verzonden of uitgereikt op"), null=True, blank=True)
    bekendmaking_wijze = models.CharField(
        _("hoe bekendgemaakt"), max_length=12, choices=BekendmakingWijze.choices, blank=True
    )
    bekendmaking_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verzending vastgelegd door"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PIPVersieQuerySet.as_manager()

    class Meta:
        ordering = ["pip", "nummer"]
        verbose_name = _("PIP-versie")
        verbose_name_plural = _("PIP-versies")
        constraints = [
            models.UniqueConstraint(fields=["pip", "nummer"], name="pip_versie_nummer_unique"),
            models.UniqueConstraint(
                fields=["pip"],
                condition=Q(status="concept"),
                name="pip_one_concept",
            ),
        ]
        indexes = [models.Index(fields=["status", "aangeboden_op"], name="pipversie_queue")]

    def __str__(self):
        return f"PIP {self.pip.inburgeraar_id} versie {self.nummer}"

    def audit_person_id(self):
        return self.pip.inburgeraar_id

    # What may still be recorded on a vastgestelde version: its bekendmaking.
    BEKENDMAKING_FIELDS = frozenset(
        {"bekendgemaakt_op", "bekendmaking_wijze", "bekendmaking_door_id"}
    )

    def save(self, *args, **kwargs):
        loaded = getattr(self, "_loaded", None) or {}
        if loaded.get("status") == VersieStatus.VASTGESTELD:
            changed = {
                f.attname
                for f in self._meta.concrete_fields
                if f.attname in loaded and loaded[f.attname] != getattr(self, f.attname)
            }
            if not changed <= self.BEKENDMAKING_FIELDS or loaded.get("bekendgemaakt_op"):
                # A beschikking is never edited: a change is a new version (Besluit art.
                # 5.3); only its bekendmaking is recorded once, afterwards.
                raise ValueError("a vastgestelde PIP version cannot be changed; make a new version")
        super().save(*args, **kwargs)

    @property
    def is_concept(self) -> bool:
        return self.status == VersieStatus.CONCEPT

    @property
    def route(self) -> Leerroute | None:
        return Leerroute(self.leerroute) if self.leerroute else None

    @property
    def map_verplicht(self) -> bool | None:
        from regie.rules.leerroute import map_verplicht

        return None if self.route is None else map_verplicht(self.route)


class PIPDoel(TrackedModel):
    """A goal of one version on one levensgebied: what, who, by when, and how it stands."""

    person_path = "versie__pip__inburgeraar__"
    # A goal on health is special-category data (AVG art. 9): the PIP page and the
    # beschikking leave it out for roles without HEALTH_VIEW, and the inzage is then made
    # by a role with it (core/inzage.py).
    special_category_q = Q(levensgebied=Levensgebied.GEZONDHEID)

    versie = models.ForeignKey(PIPVersie, on_delete=models.CASCADE, related_name="doelen")
    levensgebied = models.CharField(_("levensgebied"), max_length=20, choices=Levensgebied.choices)
    omschrijving = models.TextField(_("doel"), max_length=1000)
    wie = models.CharField(
        _("wie doet het"),
        max_length=150,
        help_text=_("Bijvoorbeeld: inburgeraar, klantmanager, maatschappelijk begeleider."),
    )
    streefdatum = models.DateField(_("streefdatum"), null=True, blank=True)
    status = models.CharField(
        _("stand"), max_length=15, choices=DoelStatus.choices, default=DoelStatus.OPEN
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["versie", "id"]
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")

    def __str__(self):
        return f"{self.get_levensgebied_display()}: {self.omschrijving[:60]}"

    def audit_person_id(self):
        return self.versie.pip.inburgeraar_id


class Beschikking(TrackedModel):
    """The PDF of a vastgestelde version, as sent to the inburgeraar. Never changed."""

    person_path = "versie__pip__inburgeraar__"
    history_exclude = (*TrackedModel.history_exclude, "pdf")

    versie = models.OneToOneField(PIPVersie, on_delete=models.CASCADE, related_name="beschikking")
    template_versie = models.CharField(_("sjabloonversie"), max_length=40)
    pdf = models.BinaryField(editable=False)
    sha256 = models.CharField(max_length=64, editable=False)
    # The dates as printed on the document (it is immutable, so these describe it). Since
    # template 2026.2 the letter is made before sending and prints no bekendmaking or last
    # day for bezwaar ("zes weken na de dag na verzending"): both are empty then, and the
    # real dates follow from PIPVersie.bekendgemaakt_op.
    bekendmaking = models.DateField(_("bekendmaking"), null=True, blank=True)
    bezwaar_einde = models.DateField(_("laatste dag voor bezwaar"), null=True, blank=True)
    termijn_start = models.DateField(_("start inburgeringstermijn"))
    termijn_einde = models.DateField(_("einde inburgeringstermijn"))
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("beschikking")
        verbose_name_plural = _("beschikkingen")

    def __str__(self):
        return f"Beschikking {self.versie}"

    def audit_person_id(self):
        return self.versie.pip.inburgeraar_id

    @property
    def filename(self) -> str:
        # No name or BSN in the file name: it ends up in download folders and mail.
        return f"beschikking-pip-{self.versie.pip.inburgeraar_id}-v{self.versie.nummer}.pdf"


class Voortgangsgesprek(TrackedModel):
    """A planned or held voortgangsgesprek about the plan van aanpak of the PIP."""

    person_path = "pip__inburgeraar__"

    pip = models.ForeignKey(PIP, on_delete=models.CASCADE, related_name="gesprekken")
    status = models.CharField(
        _("status"), max_length=10, choices=GesprekStatus.choices, default=GesprekStatus.GEPLAND
    )
    datum = models.DateField(_("datum"))
    deelnemers = models.CharField(
        _("deelnemers"),
        max_length=300,
        blank=True,
        help_text=_("Wie deden mee, bijvoorbeeld: inburgeraar, klantmanager, tolk, begeleider."),
    )
    verslag = models.TextField(_("verslag"), blank=True, max_length=8000)
    plan_wijzigingen = models.TextField(
        _("wijzigingen in het plan van aanpak"), blank=True, max_length=4000
    )
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-datum", "-id"]
        verbose_name = _("voortgangsgesprek")
        verbose_name_plural = _("voortgangsgesprekken")
        indexes = [models.Index(fields=["pip", "status", "datum"], name="gesprek_pip_status")]

    def __str__(self):
        return f"Voortgangsgesprek {self.datum:%Y-%m-%d}"

    def audit_person_id(self):
        return self.pip.inburgeraar_id


class DoelVoortgang(TrackedModel):
    """The progress on one goal as discussed in one gesprek."""

    person_path = "gesprek__pip__inburgeraar__"

    gesprek = models.ForeignKey(
        Voortgangsgesprek, on_delete=models.CASCADE, related_name="doelvoortgang"
    )
    doel = models.ForeignKey(PIPDoel, on_delete=models.CASCADE, related_name="voortgang")
    status = models.CharField(_("stand"), max_length=15, choices=DoelStatus.choices)
    toelichting = models.TextField(_("toelichting"), blank=True, max_length=2000)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["gesprek", "doel"]
        constraints = [
            models.UniqueConstraint(fields=["gesprek", "doel"], name="doelvoortgang_once")
        ]
        verbose_name = _("voortgang op een doel")
        verbose_name_plural = _("voortgang op doelen")

    def audit_person_id(self):
        return self.gesprek.pip.inburgeraar_id
