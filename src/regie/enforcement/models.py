"""Handhaving, bezwaar and beroep (seed §3.2: the PIP is a beschikking and is enforced by
the uitvoerder; a bezwaar is prepared by the uitvoerder and decided by the gemeente).

- ``Handhavingszaak``: one case from a signal to its end, holding at most one fine. Its
  stage is :class:`regie.enforcement.states.HandhavingState`. A missed further term after
  an art. 22 fine is a new case that points to the previous one (``vorige_zaak``).
- ``Bezwaar``: the contested decision is EITHER a vastgestelde PIP version
  (``pip_versie``, a beschikking of regie.plans) OR the boetebesluit of a
  ``Handhavingszaak`` (``handhaving``) — two nullable foreign keys with a database check
  that exactly one is set. The bekendmaking of that decision is copied at registration so
  the terms stay explainable even if the decision changes stage later.
- ``Hoorzitting``: the hearing of a bezwaar (Awb art. 7:2), planned and reported.
- ``Beroep``: the appeal at the rechtbank against the beslissing op bezwaar, or hoger
  beroep at the Raad van State against the rechtbank's uitspraak (``hoger_beroep_van``).
- ``Brief``: every letter and decision as a stored PDF (waarschuwing, boetebesluit,
  beslissing op bezwaar), with the template version that made it.

Deadlines are never stored: they are derived from these dates by regie.rules.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from regie.core.access import ScopedQuerySet
from regie.core.audit import TrackedModel
from regie.core.bekendmaking import BekendmakingWijze
from regie.core.formatting import datum
from regie.core.roles import Permission
from regie.enforcement.states import (
    HANDHAVING_FINED,
    BeroepState,
    BezwaarState,
    HandhavingState,
    HoorzittingState,
)
from regie.people.models import Inburgeraar
from regie.rules.fines import Verwijtbaarheid
from regie.rules.handhaving import BezwaarUitkomst, HoorAfzienGrond


class Grondslag(models.TextChoices):
    ART22 = "art22", _("Brede intake (Wet inburgering 2021 art. 22)")
    ART23 = "art23", _("Verplichtingen uit het PIP (Wet inburgering 2021 art. 23)")


class Signaalbron(models.TextChoices):
    INTAKE_NIET_VERSCHENEN = "intake_niet_verschenen", _("Niet verschenen bij de brede intake")
    TOETS_NIET_VERSCHENEN = "toets_niet_verschenen", _("Niet verschenen bij de leerbaarheidstoets")
    NADERE_TERMIJN = "nadere_termijn", _("Nadere termijn na een boete (art. 22) niet nagekomen")
    PIP_VERPLICHTINGEN = "pip_verplichtingen", _("Verplichtingen uit het PIP niet nagekomen")
    AANWEZIGHEID = "aanwezigheid", _("Aanwezigheid onder de norm (gemeld door de aanbieder)")


# The legal basis follows from the signal: the leerbaarheidstoets is part of the brede
# intake (Wi art. 14 lid 3), so a no-show there falls under art. 22 too.
GRONDSLAG_VAN_BRON = {
    Signaalbron.INTAKE_NIET_VERSCHENEN: Grondslag.ART22,
    Signaalbron.TOETS_NIET_VERSCHENEN: Grondslag.ART22,
    Signaalbron.NADERE_TERMIJN: Grondslag.ART22,
    Signaalbron.PIP_VERPLICHTINGEN: Grondslag.ART23,
    Signaalbron.AANWEZIGHEID: Grondslag.ART23,
}


class HandhavingStage(models.TextChoices):
    SIGNAAL = HandhavingState.SIGNAAL.value, _("Signaal")
    WAARSCHUWING = HandhavingState.WAARSCHUWING.value, _("Schriftelijke waarschuwing")
    BOETEBESLUIT = HandhavingState.BOETEBESLUIT.value, _("Boetebesluit")
    BEKENDGEMAAKT = HandhavingState.BEKENDGEMAAKT.value, _("Bekendgemaakt")
    BETAALD = HandhavingState.BETAALD.value, _("Betaald")
    KWIJTGESCHOLDEN = HandhavingState.KWIJTGESCHOLDEN.value, _("Kwijtgescholden")
    HERROEPEN = HandhavingState.HERROEPEN.value, _("Herroepen")
    GESLOTEN = HandhavingState.GESLOTEN.value, _("Gesloten zonder boete")


class VerwijtbaarheidChoice(models.TextChoices):
    OPZET = Verwijtbaarheid.OPZET.value, _("Opzet (100 %)")
    GROVE_SCHULD = Verwijtbaarheid.GROVE_SCHULD.value, _("Grove schuld (75 %)")
    OVERIG = Verwijtbaarheid.OVERIG.value, _("Geen opzet of grove schuld (50 %)")
    VERMINDERD = Verwijtbaarheid.VERMINDERD.value, _("Verminderde verwijtbaarheid (25 %)")


class HandhavingQuerySet(ScopedQuerySet):
    def fined(self):
        """Cases with a boetebesluit (decided, made known, paid or remitted)."""
        return self.filter(stage__in=[s.value for s in HANDHAVING_FINED])


class Handhavingszaak(TrackedModel):
    person_path = "inburgeraar__"
    history_permission = Permission.HANDHAVING_VIEW

    inburgeraar = models.ForeignKey(
        Inburgeraar, on_delete=models.CASCADE, related_name="handhavingszaken"
    )
    bron = models.CharField(_("signaal"), max_length=30, choices=Signaalbron.choices)
    grondslag = models.CharField(_("grondslag"), max_length=6, choices=Grondslag.choices)
    stage = models.CharField(
        _("fase"), max_length=16, choices=HandhavingStage.choices, default=HandhavingStage.SIGNAAL
    )
    signaal_op = models.DateField(_("datum signaal"))
    # Internal: the signal as the klantmanager wrote it down. Never printed in a letter;
    # each letter has its own fields for the text the person reads (below).
    omschrijving = models.TextField(_("wat is er gebeurd (intern)"), max_length=4000)
    vorige_zaak = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="vervolgzaken",
        verbose_name=_("vorige zaak"),
    )

    # Schriftelijke waarschuwing with a new invitation and term (Wi art. 14 lid 1).
    waarschuwing_op = models.DateField(_("datum waarschuwing"), null=True, blank=True)
    nieuwe_afspraak_op = models.DateField(_("nieuwe afspraak op"), null=True, blank=True)
    nieuwe_termijn_einde = models.DateField(_("nieuwe termijn tot en met"), null=True, blank=True)
    # The text of the waarschuwing letter (template 2026.2): what the person reads.
    brief_wat_gebeurd = models.TextField(
        _("wat is er gebeurd (in de brief)"), blank=True, max_length=2000
    )
    brief_opdracht = models.TextField(
        _("wat moet de inburgeraar doen (in de brief)"), blank=True, max_length=2000
    )
    nieuwe_afspraak_tijd = models.TimeField(_("tijd van de nieuwe afspraak"), null=True, blank=True)
    afspraak_locatie = models.CharField(
        _("plaats van de nieuwe afspraak (adres)"), max_length=300, blank=True
    )
    # Whom the person calls about a letter of this case (waarschuwing, betalingsregeling).
    contact_naam = models.CharField(_("contactpersoon (in de brief)"), max_length=100, blank=True)
    contact_telefoon = models.CharField(
        _("telefoonnummer (in de brief)"), max_length=20, blank=True
    )

    # The fine (Wi art. 22, 23; Besluit art. 7.1). The calculation is kept as shown.
    overtreding_vastgesteld_op = models.DateField(
        _("overtreding vastgesteld op"), null=True, blank=True
    )
    verwijtbaarheid = models.CharField(
        _("verwijtbaarheid"), max_length=14, choices=VerwijtbaarheidChoice.choices, blank=True
    )
    # Internal note on culpability; never printed (the letter has brief_toelichting).
    verwijtbaarheid_toelichting = models.TextField(
        _("interne notitie over de verwijtbaarheid"), blank=True, max_length=4000
    )
    brief_toelichting = models.TextField(
        _("toelichting voor de brief"), blank=True, max_length=4000
    )
    herhalingen = models.PositiveSmallIntegerField(_("eerdere overtredingen"), null=True)
    wettelijk_bedrag = models.DecimalField(
        _("bedrag volgens het Besluit"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    maximum_bedrag = models.DecimalField(
        _("maximum binnen het plafond"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    bedrag = models.DecimalField(
        _("opgelegd bedrag"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    matiging_reden = models.TextField(_("reden voor een lager bedrag"), blank=True, max_length=4000)
    berekening = models.TextField(_("berekening"), blank=True, editable=False)  # in Dutch
    # The same steps as data (code, parameters, amount), shown in the reader's language.
    berekening_stappen = models.JSONField(default=list, blank=True, editable=False)
    betalingskenmerk = models.CharField(
        _("betalingskenmerk"), max_length=16, unique=True, null=True, blank=True, editable=False
    )
    boetebesluit_op = models.DateField(_("dagtekening boetebesluit"), null=True, blank=True)
    nadere_termijn_einde = models.DateField(
        _("nadere termijn tot en met"), null=True, blank=True
    )  # art. 22 lid 2
    bekendgemaakt_op = models.DateField(_("bekendgemaakt op"), null=True, blank=True)
    bekendmaking_wijze = models.CharField(
        _("hoe bekendgemaakt"), max_length=12, choices=BekendmakingWijze.choices, blank=True
    )
    betaald_op = models.DateField(_("betaald op"), null=True, blank=True)
    afgesloten_op = models.DateField(_("afgesloten op"), null=True, blank=True)
    afsluit_reden = models.TextField(_("reden"), blank=True, max_length=4000)

    behandelaar = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("behandelaar"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = HandhavingQuerySet.as_manager()

    class Meta:
        ordering = ["-signaal_op", "-id"]
        verbose_name = _("handhavingszaak")
        verbose_name_plural = _("handhavingszaken")
        indexes = [models.Index(fields=["stage", "inburgeraar"], name="handhaving_stage")]
        constraints = [
            models.CheckConstraint(
                condition=Q(bedrag__isnull=True) | Q(bedrag__gte=0),
                name="handhaving_bedrag_not_negative",
            ),
        ]

    def __str__(self):
        return f"HH-{self.pk}"

    @property
    def kenmerk(self) -> str:
        return f"HH-{self.inburgeraar_id}-{self.pk}"

    def audit_person_id(self):
        return self.inburgeraar_id


class BriefSoort(models.TextChoices):
    WAARSCHUWING = "waarschuwing", _("Schriftelijke waarschuwing")
    BOETEBESLUIT = "boetebesluit", _("Boetebesluit")
    BESLISSING_OP_BEZWAAR = "beslissing_op_bezwaar", _("Beslissing op bezwaar")
    # The bezwaar procedure's notices (regie.enforcement.bezwaar_documents).
    HERSTELVERZOEK = "herstelverzoek", _("Verzoek om herstel van een verzuim")
    VERDAGING = "verdaging", _("Mededeling verdaging")
    UITSTEL = "uitstel", _("Mededeling verder uitstel")
    ADVIESCOMMISSIE = "adviescommissie", _("Mededeling adviescommissie")


class Brief(TrackedModel):
    """A letter or decision as sent, stored as PDF. Never changed."""

    person_path = "inburgeraar__"
    history_exclude = (*TrackedModel.history_exclude, "pdf")
    history_permission = Permission.HANDHAVING_VIEW

    inburgeraar = models.ForeignKey(Inburgeraar, on_delete=models.CASCADE, related_name="+")
    handhaving = models.ForeignKey(
        Handhavingszaak, on_delete=models.CASCADE, null=True, blank=True, related_name="brieven"
    )
    bezwaar = models.ForeignKey(
        "Bezwaar", on_delete=models.CASCADE, null=True, blank=True, related_name="brieven"
    )
    soort = models.CharField(_("soort"), max_length=24, choices=BriefSoort.choices)
    template_versie = models.CharField(_("sjabloonversie"), max_length=40)
    dagtekening = models.DateField(_("dagtekening"))
    dagtekening_reden = models.TextField(
        _("waarom een dagtekening vóór vandaag"), blank=True, max_length=2000
    )
    pdf = models.BinaryField(editable=False)
    sha256 = models.CharField(max_length=64, editable=False)
    # Bekendmaking (Awb art. 3:41): recorded when the letter is sent or handed over. The
    # letter itself states its terms as "zes weken na de dag na verzending".
    bekendgemaakt_op = models.DateField(_("verzonden of uitgereikt op"), null=True, blank=True)
    bekendmaking_wijze = models.CharField(
        _("hoe bekendgemaakt"), max_length=12, choices=BekendmakingWijze.choices, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("brief")
        verbose_name_plural = _("brieven")

    def __str__(self):
        return f"{self.get_soort_display()} {datum(self.dagtekening)}"

    def audit_person_id(self):
        return self.inburgeraar_id

    @property
    def filename(self) -> str:
        # No name or BSN in the file name: it ends up in download folders and mail.
        return f"{self.soort}-{self.inburgeraar_id}-{self.pk}.pdf"


class Wijze(models.TextChoices):
    POST = "post", _("Per post")
    DIGITAAL = "digitaal", _("Digitaal")


class BezwaarStage(models.TextChoices):
    ONTVANGEN = BezwaarState.ONTVANGEN.value, _("Ontvangen, advies in voorbereiding")
    TER_BESLISSING = BezwaarState.TER_BESLISSING.value, _("Ter beslissing bij de jurist")
    BESLIST = BezwaarState.BESLIST.value, _("Beslist")
    INGETROKKEN = BezwaarState.INGETROKKEN.value, _("Ingetrokken")


class Uitkomst(models.TextChoices):
    GEGROND = BezwaarUitkomst.GEGROND.value, _("Gegrond")
    ONGEGROND = BezwaarUitkomst.ONGEGROND.value, _("Ongegrond")
    NIET_ONTVANKELIJK = BezwaarUitkomst.NIET_ONTVANKELIJK.value, _("Niet-ontvankelijk")
    INGETROKKEN = BezwaarUitkomst.INGETROKKEN.value, _("Ingetrokken")


class HoorAfzien(models.TextChoices):
    KENNELIJK_NIET_ONTVANKELIJK = (
        HoorAfzienGrond.KENNELIJK_NIET_ONTVANKELIJK.value,
        _("Het bezwaar is kennelijk niet-ontvankelijk (Awb art. 7:3 onder a)"),
    )
    KENNELIJK_ONGEGROND = (
        HoorAfzienGrond.KENNELIJK_ONGEGROND.value,
        _("Het bezwaar is kennelijk ongegrond (Awb art. 7:3 onder b)"),
    )
    AFSTAND = (
        HoorAfzienGrond.AFSTAND.value,
        _("De inburgeraar wil niet gehoord worden (Awb art. 7:3 onder c)"),
    )
    GEEN_REACTIE = (
        HoorAfzienGrond.GEEN_REACTIE.value,
        _("Geen reactie binnen de gestelde termijn (Awb art. 7:3 onder d)"),
    )
    VOLLEDIG_TEGEMOETGEKOMEN = (
        HoorAfzienGrond.VOLLEDIG_TEGEMOETGEKOMEN.value,
        _("Aan het bezwaar wordt volledig tegemoetgekomen (Awb art. 7:3 onder e)"),
    )


class Bezwaar(TrackedModel):
    person_path = "inburgeraar__"
    history_permission = Permission.BEZWAAR_VIEW

    inburgeraar = models.ForeignKey(Inburgeraar, on_delete=models.CASCADE, related_name="bezwaren")
    # The contested decision: exactly one of these two (see the module docstring).
    # CASCADE, not PROTECT: a vastgestelde version is never deleted except with the whole
    # file (retention, AVG), and then its bezwaren go with it.
    pip_versie = models.ForeignKey(
        "plans.PIPVersie",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("PIP-versie"),
    )
    handhaving = models.ForeignKey(
        Handhavingszaak,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="bezwaren",
        verbose_name=_("boetebesluit"),
    )
    # None: the contested decision was not (yet) recorded as sent; the bezwaar cannot then
    # be too late (Awb art. 6:10 lid 1), and the date is filled in when it is recorded.
    besluit_bekendgemaakt_op = models.DateField(
        _("besluit bekendgemaakt op"), null=True, blank=True
    )
    ontvangen_op = models.DateField(_("ontvangen op"))
    wijze = models.CharField(_("hoe ontvangen"), max_length=10, choices=Wijze.choices)
    ter_post_bezorgd_op = models.DateField(
        _("ter post bezorgd op (poststempel)"), null=True, blank=True
    )
    gronden = models.TextField(_("gronden van het bezwaar"), max_length=8000)
    adviescommissie = models.BooleanField(
        _("advies van een bezwaarcommissie (Awb art. 7:13)"), default=False
    )
    tijdig = models.BooleanField(_("tijdig ingediend"), default=True, editable=False)
    verschoonbaar = models.BooleanField(
        _("termijnoverschrijding verschoonbaar (Awb art. 6:11)"), default=False
    )
    verschoonbaar_reden = models.TextField(_("waarom verschoonbaar"), blank=True, max_length=4000)
    stage = models.CharField(
        _("fase"), max_length=16, choices=BezwaarStage.choices, default=BezwaarStage.ONTVANGEN
    )

    # The uitvoerder's advice.
    advies = models.TextField(_("advies"), blank=True, max_length=8000)
    advies_uitkomst = models.CharField(
        _("geadviseerde uitkomst"), max_length=20, choices=Uitkomst.choices, blank=True
    )
    advies_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    advies_op = models.DateField(_("advies uitgebracht op"), null=True, blank=True)

    # Verdaging (Awb art. 7:10 lid 3): once, at most six weeks, with reason.
    verdaagd_weken = models.PositiveSmallIntegerField(_("verdaagd met (weken)"), default=0)
    verdaging_reden = models.TextField(_("reden van de verdaging"), blank=True, max_length=4000)
    verdaagd_op = models.DateField(_("verdaagd op"), null=True, blank=True)

    # The decision by the gemeente's jurist.
    hoor_afzien_grond = models.CharField(
        _("afzien van horen"), max_length=30, choices=HoorAfzien.choices, blank=True
    )
    uitkomst = models.CharField(_("uitkomst"), max_length=20, choices=Uitkomst.choices, blank=True)
    motivering = models.TextField(_("motivering"), blank=True, max_length=8000)
    beslist_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    beslist_op = models.DateField(_("beslist op"), null=True, blank=True)
    # Bekendmaking of the beslissing op bezwaar (Awb art. 3:41): the beroepstermijn runs
    # from the day after (art. 6:8). Copied from its letter when that is recorded as sent.
    beslissing_bekendgemaakt_op = models.DateField(
        _("beslissing verzonden of uitgereikt op"), null=True, blank=True
    )
    nieuwe_pip_versie = models.ForeignKey(
        "plans.PIPVersie",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("nieuwe PIP-versie na het bezwaar"),
    )

    geregistreerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-ontvangen_op", "-id"]
        verbose_name = _("bezwaar")
        verbose_name_plural = _("bezwaren")
        indexes = [models.Index(fields=["stage", "inburgeraar"], name="bezwaar_stage")]
        constraints = [
            models.CheckConstraint(
                condition=(Q(pip_versie__isnull=False) & Q(handhaving__isnull=True))
                | (Q(pip_versie__isnull=True) & Q(handhaving__isnull=False)),
                name="bezwaar_one_contested_decision",
                violation_error_message=_("Een bezwaar gaat over precies één besluit."),
            ),
            models.CheckConstraint(
                condition=Q(verdaagd_weken__lte=6), name="bezwaar_verdaging_max_6_weeks"
            ),
        ]

    def __str__(self):
        return self.kenmerk

    @property
    def kenmerk(self) -> str:
        return f"BZ-{self.inburgeraar_id}-{self.pk}"

    def audit_person_id(self):
        return self.inburgeraar_id


class Hoorzitting(TrackedModel):
    person_path = "bezwaar__inburgeraar__"
    history_permission = Permission.BEZWAAR_VIEW

    bezwaar = models.ForeignKey(Bezwaar, on_delete=models.CASCADE, related_name="hoorzittingen")
    datum = models.DateField(_("datum"))
    tijd = models.TimeField(_("tijd"), null=True, blank=True)
    locatie = models.CharField(_("plaats of link"), max_length=200, blank=True)
    stage = models.CharField(
        _("stand"),
        max_length=16,
        choices=[
            (HoorzittingState.GEPLAND.value, _("Gepland")),
            (HoorzittingState.GEHOUDEN.value, _("Gehouden")),
            (HoorzittingState.NIET_VERSCHENEN.value, _("Niet verschenen")),
            (HoorzittingState.GEANNULEERD.value, _("Geannuleerd")),
        ],
        default=HoorzittingState.GEPLAND.value,
    )
    aanwezigen = models.CharField(_("aanwezigen"), max_length=300, blank=True)
    verslag = models.TextField(_("verslag"), blank=True, max_length=8000)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["datum", "id"]
        verbose_name = _("hoorzitting")
        verbose_name_plural = _("hoorzittingen")

    def __str__(self):
        return f"Hoorzitting {datum(self.datum)}"

    def audit_person_id(self):
        return self.bezwaar.inburgeraar_id


class Instantie(models.TextChoices):
    RECHTBANK = "rechtbank", _("Rechtbank (beroep)")
    RAAD_VAN_STATE = "raad_van_state", _("Raad van State (hoger beroep)")


class Appellant(models.TextChoices):
    INBURGERAAR = "inburgeraar", _("De inburgeraar")
    COLLEGE = "college", _("Het college")


class BeroepStage(models.TextChoices):
    INGESTELD = BeroepState.INGESTELD.value, _("Ingesteld")
    ZITTING_GEPLAND = BeroepState.ZITTING_GEPLAND.value, _("Zitting gepland")
    UITSPRAAK = BeroepState.UITSPRAAK.value, _("Uitspraak")
    INGETROKKEN = BeroepState.INGETROKKEN.value, _("Ingetrokken")


class BeroepUitkomst(models.TextChoices):
    GEGROND = "gegrond", _("Gegrond")
    ONGEGROND = "ongegrond", _("Ongegrond")
    NIET_ONTVANKELIJK = "niet_ontvankelijk", _("Niet-ontvankelijk")


class Beroep(TrackedModel):
    person_path = "bezwaar__inburgeraar__"
    history_permission = Permission.BEZWAAR_VIEW

    bezwaar = models.ForeignKey(Bezwaar, on_delete=models.CASCADE, related_name="beroepen")
    instantie = models.CharField(_("instantie"), max_length=16, choices=Instantie.choices)
    hoger_beroep_van = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="hoger_beroepen",
        verbose_name=_("hoger beroep tegen de uitspraak van"),
    )
    appellant = models.CharField(
        _("ingesteld door"), max_length=12, choices=Appellant.choices, default=Appellant.INBURGERAAR
    )
    ingesteld_op = models.DateField(_("ingesteld op"))
    beroepschrift_ontvangen_op = models.DateField(
        _("beroepschrift van de rechter ontvangen op"),
        null=True,
        blank=True,
        help_text=_("Binnen vier weken daarna stuurt het college de stukken (Awb art. 8:42)."),
    )
    zaaknummer = models.CharField(_("zaaknummer"), max_length=40, blank=True)
    zitting_op = models.DateField(_("datum zitting"), null=True, blank=True)
    stage = models.CharField(
        _("stand"), max_length=16, choices=BeroepStage.choices, default=BeroepStage.INGESTELD
    )
    uitspraak_op = models.DateField(_("datum uitspraak"), null=True, blank=True)
    uitkomst = models.CharField(
        _("uitkomst"), max_length=20, choices=BeroepUitkomst.choices, blank=True
    )
    toelichting = models.TextField(_("toelichting"), blank=True, max_length=4000)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["ingesteld_op", "id"]
        verbose_name = _("beroep")
        verbose_name_plural = _("beroepen")

    def __str__(self):
        return f"{self.get_instantie_display()} {self.zaaknummer}".strip()

    def audit_person_id(self):
        return self.bezwaar.inburgeraar_id


# The bezwaar procedure's own records live in their own module (Django finds them here).
from regie.enforcement.bezwaar_models import (  # noqa: E402, F401
    Commissie,
    Hoorder,
    Ingebrekestelling,
    Opschorting,
    Uitstel,
    VoorlopigeVoorziening,
)
