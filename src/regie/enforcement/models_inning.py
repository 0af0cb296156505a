"""Collecting a fine after the boetebesluit (issue 19, deliverable 4). Imported by
:mod:`regie.enforcement.models`.

- ``Bankafschrift``: one imported CAMT.053 file of a gemeente's account, kept with its
  sha256 (the same file is never imported twice) and the report of the import.
- ``Betaling``: one credit entry matched to a fine by its betalingskenmerk, with the line
  of the file it came from. Payments are facts from the bank; never typed in.
- ``Invordering``: the collection of one fine (one-to-one with the case), its state
  (:class:`regie.rules.inning.InningState`) and the dates of aanmaning and dwangbevel.
  Terms are never stored: regie.rules.inning derives them from these dates.
- ``InningVerzoek``: a request for a betalingsregeling or kwijtschelding and the decision
  on it, with its reason; a granted regeling keeps its termijnen.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from regie.core.access import ScopedQuerySet
from regie.core.audit import TrackedModel
from regie.core.roles import Permission
from regie.rules.inning import InningState


class Bankafschrift(models.Model):
    """An imported statement file. Not personal data in itself; its report lists the
    unmatched credit entries (amount, date, description) for the financieel medewerker."""

    municipality = models.ForeignKey(
        "core.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    iban = models.CharField(_("rekening"), max_length=34)
    bestandsnaam = models.CharField(_("bestand"), max_length=200)
    sha256 = models.CharField(max_length=64, unique=True, editable=False)
    bericht_id = models.CharField(_("bericht-id (MsgId)"), max_length=35)
    afschrift_ids = models.CharField(_("afschriften"), max_length=400, blank=True)
    geimporteerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # {"gekoppeld": n, "niet_gekoppeld": [{regel, bedrag, datum, reden, omschrijving}], ...}
    rapport = models.JSONField(default=dict, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("bankafschrift")
        verbose_name_plural = _("bankafschriften")
        constraints = [
            models.UniqueConstraint(
                fields=["iban", "bericht_id"], name="bankafschrift_bericht_eenmalig"
            )
        ]

    def __str__(self):
        return f"{self.bestandsnaam} ({self.bericht_id})"


class Betaling(TrackedModel):
    person_path = "handhaving__inburgeraar__"
    history_permission = Permission.HANDHAVING_VIEW

    handhaving = models.ForeignKey(
        "enforcement.Handhavingszaak", on_delete=models.CASCADE, related_name="betalingen"
    )
    bankafschrift = models.ForeignKey(
        Bankafschrift, on_delete=models.PROTECT, related_name="betalingen"
    )
    bedrag = models.DecimalField(_("bedrag"), max_digits=10, decimal_places=2)
    boekdatum = models.DateField(_("boekdatum"))
    regel = models.PositiveIntegerField(_("regel in het bestand"))
    volgnummer = models.PositiveIntegerField(_("boeking nr."))
    bankreferentie = models.CharField(_("referentie van de bank"), max_length=40, blank=True)
    kenmerk = models.CharField(_("betalingskenmerk"), max_length=35)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["boekdatum", "id"]
        verbose_name = _("betaling")
        verbose_name_plural = _("betalingen")
        constraints = [
            models.CheckConstraint(condition=Q(bedrag__gt=0), name="betaling_bedrag_positief"),
        ]

    def __str__(self):
        return f"{self.bedrag} {self.boekdatum}"

    def audit_person_id(self):
        return self.handhaving.inburgeraar_id

    @property
    def bron(self) -> str:
        return _("%(bestand)s, regel %(regel)s (boeking %(nr)s)") % {
            "bestand": self.bankafschrift.bestandsnaam,
            "regel": self.regel,
            "nr": self.volgnummer,
        }


class InningStage(models.TextChoices):
    BETAALTERMIJN = InningState.BETAALTERMIJN.value, _("Betaaltermijn loopt")
    AANGEMAAND = InningState.AANGEMAAND.value, _("Aangemaand")
    DWANGBEVEL = InningState.DWANGBEVEL.value, _("Dwangbevel")
    REGELING = InningState.REGELING.value, _("Betalingsregeling")
    BETAALD = InningState.BETAALD.value, _("Betaald")
    KWIJTGESCHOLDEN = InningState.KWIJTGESCHOLDEN.value, _("Kwijtgescholden")
    VERVALLEN = InningState.VERVALLEN.value, _("Vervallen (boete herroepen)")


class Invordering(TrackedModel):
    person_path = "handhaving__inburgeraar__"
    history_permission = Permission.HANDHAVING_VIEW

    handhaving = models.OneToOneField(
        "enforcement.Handhavingszaak", on_delete=models.CASCADE, related_name="invordering"
    )
    stage = models.CharField(
        _("stand van de inning"),
        max_length=16,
        choices=InningStage.choices,
        default=InningStage.BETAALTERMIJN,
    )
    aanmaning_op = models.DateField(_("aanmaning verzonden op"), null=True, blank=True)
    aanmaningskosten = models.DecimalField(
        _("aanmaningskosten"), max_digits=8, decimal_places=2, default=Decimal(0)
    )
    dwangbevel_op = models.DateField(_("dagtekening dwangbevel"), null=True, blank=True)
    dwangbevel_kosten = models.DecimalField(
        _("kosten dwangbevel"), max_digits=8, decimal_places=2, default=Decimal(0)
    )
    dwangbevel_betekend_op = models.DateField(_("dwangbevel betekend op"), null=True, blank=True)
    kwijtgescholden = models.DecimalField(
        _("kwijtgescholden bedrag"), max_digits=8, decimal_places=2, default=Decimal(0)
    )
    betaald_op = models.DateField(_("volledig betaald op"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("invordering")
        verbose_name_plural = _("invorderingen")

    def __str__(self):
        return f"Invordering HH-{self.handhaving_id}"

    def audit_person_id(self):
        return self.handhaving.inburgeraar_id


class VerzoekSoort(models.TextChoices):
    BETALINGSREGELING = "betalingsregeling", _("Betalingsregeling")
    KWIJTSCHELDING = "kwijtschelding", _("Kwijtschelding")


class VerzoekStage(models.TextChoices):
    AANGEVRAAGD = "aangevraagd", _("Aangevraagd")
    TOEGEKEND = "toegekend", _("Toegekend")
    AFGEWEZEN = "afgewezen", _("Afgewezen")


class InningVerzoek(TrackedModel):
    person_path = "handhaving__inburgeraar__"
    history_permission = Permission.HANDHAVING_VIEW

    handhaving = models.ForeignKey(
        "enforcement.Handhavingszaak", on_delete=models.CASCADE, related_name="inning_verzoeken"
    )
    soort = models.CharField(_("soort"), max_length=20, choices=VerzoekSoort.choices)
    ontvangen_op = models.DateField(_("verzoek ontvangen op"))
    verzoek = models.TextField(_("wat vraagt de inburgeraar en waarom"), max_length=4000)
    stage = models.CharField(
        _("stand"), max_length=12, choices=VerzoekStage.choices, default=VerzoekStage.AANGEVRAAGD
    )
    beslist_op = models.DateField(_("beslist op"), null=True, blank=True)
    # The reason as the person reads it in the letter.
    reden = models.TextField(_("reden (in de brief)"), blank=True, max_length=4000)
    # Betalingsregeling: [[iso date, "amount"], ...]; kwijtschelding: the amount remitted.
    termijnen = models.JSONField(_("termijnen"), default=list, blank=True)
    bedrag = models.DecimalField(_("bedrag"), max_digits=8, decimal_places=2, null=True, blank=True)
    beslist_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["ontvangen_op", "id"]
        verbose_name = _("verzoek bij de inning")
        verbose_name_plural = _("verzoeken bij de inning")

    def __str__(self):
        return f"{self.get_soort_display()} {self.ontvangen_op}"

    def audit_person_id(self):
        return self.handhaving.inburgeraar_id
