"""The records of the bezwaar procedure beyond the decision itself (issue 19 item 7):

- ``Opschorting``: the indiener was asked to repair an omission (Awb art. 6:6); the
  beslistermijn stands still from the day after the request until the repair or the end of
  the hersteltermijn (art. 7:10 lid 2).
- ``Uitstel``: further postponement with the indiener's consent, to a date (7:10 lid 4).
- ``Commissie``: the notice that an advisory commission advises (7:13); the beslistermijn
  is then twelve weeks (7:10 lid 1).
- ``Hoorder``: who heard the indiener at a hearing; none may have been involved in
  preparing the contested decision (7:5 lid 1).
- ``Ingebrekestelling``: received after the beslistermijn; the dwangsom is computed from it
  (4:17) and set by beschikking (4:18).
- ``VoorlopigeVoorziening``: a request to the voorzieningenrechter (8:81) and its decision;
  a granted schorsing stops every follow-up of the contested decision.

Imported by ``regie.enforcement.models`` so Django finds them. Deadlines are derived, never
stored (regie.rules.bezwaar).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from regie.core.access import ScopedQuerySet
from regie.core.audit import TrackedModel
from regie.core.roles import Permission
from regie.enforcement.bezwaar_states import (
    CommissieState,
    IngebrekestellingState,
    OpschortingState,
    VoorzieningState,
)


def _user_fk(**kwargs):
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        **kwargs,
    )


class _BezwaarPart(TrackedModel):
    person_path = "bezwaar__inburgeraar__"
    history_permission = Permission.BEZWAAR_VIEW

    created_at = models.DateTimeField(auto_now_add=True)
    geregistreerd_door = _user_fk()

    objects = ScopedQuerySet.as_manager()

    class Meta:
        abstract = True

    def audit_person_id(self):
        return self.bezwaar.inburgeraar_id


class OpschortingStage(models.TextChoices):
    LOOPT = OpschortingState.LOOPT.value, _("Loopt: wacht op herstel")
    HERSTELD = OpschortingState.HERSTELD.value, _("Verzuim hersteld")
    VERSTREKEN = OpschortingState.VERSTREKEN.value, _("Hersteltermijn ongebruikt verstreken")


class Opschorting(_BezwaarPart):
    bezwaar = models.ForeignKey(
        "enforcement.Bezwaar", on_delete=models.CASCADE, related_name="opschortingen"
    )
    verzuim = models.TextField(
        _("wat ontbreekt (in de brief)"),
        max_length=2000,
        help_text=_("Bijvoorbeeld: de handtekening, de datum of de gronden (Awb art. 6:5)."),
    )
    verzocht_op = models.DateField(_("verzoek tot herstel verstuurd op"))
    hersteltermijn_einde = models.DateField(_("hersteltermijn tot en met"))
    stage = models.CharField(
        _("stand"), max_length=12, choices=OpschortingStage.choices, default=OpschortingStage.LOOPT
    )
    beeindigd_op = models.DateField(_("hersteld op"), null=True, blank=True)

    class Meta:
        ordering = ["verzocht_op", "id"]
        verbose_name = _("opschorting beslistermijn")
        verbose_name_plural = _("opschortingen beslistermijn")


class Uitstel(_BezwaarPart):
    """Further postponement with the indiener's consent (Awb art. 7:10 lid 4)."""

    bezwaar = models.ForeignKey(
        "enforcement.Bezwaar", on_delete=models.CASCADE, related_name="uitstellen"
    )
    tot_en_met = models.DateField(_("beslissen uiterlijk op"))
    instemming_op = models.DateField(_("instemming van de indiener ontvangen op"))
    instemming_hoe = models.CharField(
        _("hoe stemde de indiener in"),
        max_length=200,
        help_text=_("Bijvoorbeeld: e-mail van 3 maart, telefonisch bevestigd in brief."),
    )
    reden = models.TextField(_("reden van het uitstel (in de brief)"), max_length=2000)
    besloten_op = models.DateField(_("besloten op"))

    class Meta:
        ordering = ["besloten_op", "id"]
        verbose_name = _("verder uitstel")
        verbose_name_plural = _("verder uitstel")


class CommissieStage(models.TextChoices):
    AANGEKONDIGD = CommissieState.AANGEKONDIGD.value, _("Mededeling gedaan, advies volgt")
    ADVIES = CommissieState.ADVIES.value, _("Advies uitgebracht")


class Commissie(_BezwaarPart):
    """The notice that an advisory commission (Awb art. 7:13) advises on the bezwaar."""

    bezwaar = models.OneToOneField(
        "enforcement.Bezwaar", on_delete=models.CASCADE, related_name="commissie"
    )
    naam = models.CharField(_("naam van de commissie"), max_length=200)
    mededeling_op = models.DateField(_("mededeling verstuurd op"))
    stage = models.CharField(
        _("stand"),
        max_length=14,
        choices=CommissieStage.choices,
        default=CommissieStage.AANGEKONDIGD,
    )
    advies_op = models.DateField(_("advies uitgebracht op"), null=True, blank=True)
    advies = models.TextField(_("advies van de commissie"), blank=True, max_length=8000)

    class Meta:
        verbose_name = _("adviescommissie")
        verbose_name_plural = _("adviescommissies")


class Hoorder(TrackedModel):
    """One person who heard the indiener (Awb art. 7:5 lid 1 onder c)."""

    person_path = "hoorzitting__bezwaar__inburgeraar__"
    history_permission = Permission.BEZWAAR_VIEW

    hoorzitting = models.ForeignKey(
        "enforcement.Hoorzitting", on_delete=models.CASCADE, related_name="hoorders"
    )
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("hoorder")
        verbose_name_plural = _("hoorders")
        constraints = [
            models.UniqueConstraint(fields=["hoorzitting", "gebruiker"], name="hoorder_once")
        ]

    def audit_person_id(self):
        return self.hoorzitting.bezwaar.inburgeraar_id


class IngebrekestellingStage(models.TextChoices):
    ONTVANGEN = IngebrekestellingState.ONTVANGEN.value, _("Ontvangen")
    VASTGESTELD = IngebrekestellingState.VASTGESTELD.value, _("Dwangsom vastgesteld")


class Ingebrekestelling(_BezwaarPart):
    bezwaar = models.OneToOneField(
        "enforcement.Bezwaar", on_delete=models.CASCADE, related_name="ingebrekestelling"
    )
    ontvangen_op = models.DateField(_("ingebrekestelling ontvangen op"))
    stage = models.CharField(
        _("stand"),
        max_length=12,
        choices=IngebrekestellingStage.choices,
        default=IngebrekestellingStage.ONTVANGEN,
    )
    vastgesteld_op = models.DateField(_("dwangsom vastgesteld op"), null=True, blank=True)
    vastgesteld_bedrag = models.DecimalField(
        _("vastgesteld bedrag"), max_digits=8, decimal_places=2, null=True, blank=True
    )

    class Meta:
        verbose_name = _("ingebrekestelling")
        verbose_name_plural = _("ingebrekestellingen")


class VoorzieningStage(models.TextChoices):
    VERZOCHT = VoorzieningState.VERZOCHT.value, _("Verzocht")
    TOEGEWEZEN = VoorzieningState.TOEGEWEZEN.value, _("Toegewezen")
    AFGEWEZEN = VoorzieningState.AFGEWEZEN.value, _("Afgewezen")
    INGETROKKEN = VoorzieningState.INGETROKKEN.value, _("Ingetrokken")


class VoorlopigeVoorziening(_BezwaarPart):
    """A request for a voorlopige voorziening (Awb art. 8:81) while the bezwaar or the
    beroep against the decision runs, and the voorzieningenrechter's decision."""

    bezwaar = models.ForeignKey(
        "enforcement.Bezwaar", on_delete=models.CASCADE, related_name="voorzieningen"
    )
    verzocht_op = models.DateField(_("verzoek ingediend op"))
    zaaknummer = models.CharField(_("zaaknummer"), max_length=40, blank=True)
    stage = models.CharField(
        _("stand"),
        max_length=12,
        choices=VoorzieningStage.choices,
        default=VoorzieningStage.VERZOCHT,
    )
    uitspraak_op = models.DateField(_("uitspraak op"), null=True, blank=True)
    schorsing = models.BooleanField(
        _("het besluit is geschorst"),
        default=False,
        help_text=_(
            "De voorzieningenrechter schorst het besluit (geen betaling, aanmaning of invordering)."
        ),
    )
    geschorst_tot = models.DateField(
        _("geschorst tot en met"),
        null=True,
        blank=True,
        help_text=_("Leeg: tot de rechter of het college anders beslist."),
    )
    toelichting = models.TextField(_("wat besliste de rechter"), blank=True, max_length=4000)

    class Meta:
        ordering = ["verzocht_op", "id"]
        verbose_name = _("voorlopige voorziening")
        verbose_name_plural = _("voorlopige voorzieningen")
