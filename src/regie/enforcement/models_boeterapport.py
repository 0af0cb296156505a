"""The procedure before an art. 23 fine (Awb art. 5:48-5:53, 5:10a): the rapport, the
invitation for a zienswijze and the zienswijze itself, one per handhavingszaak. Its stage is
:class:`regie.rules.boeteprocedure.ProcedureState`; the terms (zienswijze, beslistermijn of
thirteen weeks) are derived from its dates by regie.rules.boeteprocedure, never stored
except the last day of the zienswijze term, which the college sets and the letter prints.

Imported at the end of regie.enforcement.models so Django registers it there."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from regie.core.access import ScopedQuerySet
from regie.core.audit import TrackedModel
from regie.core.roles import Permission
from regie.rules.boeteprocedure import ProcedureState, ZienswijzeWijze


class ProcedureStage(models.TextChoices):
    RAPPORT = ProcedureState.RAPPORT.value, _("Rapport verstuurd, zienswijze gevraagd")
    ZIENSWIJZE = ProcedureState.ZIENSWIJZE.value, _("Zienswijze gegeven")
    BESLOTEN = ProcedureState.BESLOTEN.value, _("Boetebesluit genomen")
    GESTOPT = ProcedureState.GESTOPT.value, _("Gestopt zonder boete")


class ZienswijzeWijzeChoice(models.TextChoices):
    SCHRIFTELIJK = ZienswijzeWijze.SCHRIFTELIJK.value, _("Schriftelijk")
    MONDELING = ZienswijzeWijze.MONDELING.value, _("Mondeling (gesprek)")


class Boeterapport(TrackedModel):
    person_path = "zaak__inburgeraar__"
    history_permission = Permission.HANDHAVING_VIEW

    zaak = models.OneToOneField(
        "enforcement.Handhavingszaak", on_delete=models.CASCADE, related_name="boeterapport"
    )
    stage = models.CharField(
        _("stand van de procedure"),
        max_length=12,
        choices=ProcedureStage.choices,
        default=ProcedureStage.RAPPORT,
    )
    # The rapport (Awb art. 5:48 lid 2, 5:53 lid 2): dated, what was found and when, by whom.
    rapport_op = models.DateField(_("dagtekening rapport"))
    overtreding_op = models.DateField(_("overtreding geconstateerd op"))
    feiten = models.TextField(_("feiten (in de brief)"), max_length=4000)
    verplichting = models.CharField(
        _("welke verplichting uit het PIP (in de brief)"), max_length=300
    )
    opgemaakt_door = models.CharField(_("opgemaakt door (naam en functie)"), max_length=150)
    opgemaakt_door_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Questioned about the overtreding before the rapport (Awb art. 5:10a): when, with cautie.
    verhoord_op = models.DateField(_("verhoord op"), null=True, blank=True)
    verhoor_cautie = models.BooleanField(_("cautie gegeven bij het verhoor"), default=False)
    # The invitation (Awb art. 5:50 lid 1, 5:53): last day the college set for a zienswijze.
    zienswijze_termijn_einde = models.DateField(_("zienswijze uiterlijk op"))
    # The zienswijze.
    zienswijze_op = models.DateField(_("zienswijze gegeven op"), null=True, blank=True)
    zienswijze_wijze = models.CharField(
        _("hoe"), max_length=12, choices=ZienswijzeWijzeChoice.choices, blank=True
    )
    zienswijze_inhoud = models.TextField(
        _("wat zei of schreef de inburgeraar"), blank=True, max_length=8000
    )
    gehoord_door = models.CharField(_("gehoord door"), max_length=150, blank=True)
    cautie = models.BooleanField(_("cautie gegeven vóór het gesprek"), default=False)
    nederlands_voldoende = models.BooleanField(
        _("spreekt voldoende Nederlands voor het gesprek"), default=True
    )
    tolk = models.CharField(_("tolk (naam of nummer, taal)"), max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("boeterapport")
        verbose_name_plural = _("boeterapporten")

    def __str__(self):
        return f"Rapport {self.zaak.kenmerk}"

    def audit_person_id(self):
        return self.zaak.inburgeraar_id
