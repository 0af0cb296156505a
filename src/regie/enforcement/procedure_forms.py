"""Forms of the bezwaar procedure's steps (regie.enforcement.services.procedure). Shape
only; the rules of each step are in the service, whose errors the views put back here."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regie.enforcement.bezwaar_states import OpschortingState, VoorzieningState
from regie.enforcement.forms import IN_BRIEF, INTERN, date_field, text_field


class HerstelForm(forms.Form):
    verzuim = text_field(
        _("Wat ontbreekt er in het bezwaar"),
        rows=3,
        help_text=_("Bijvoorbeeld: uw handtekening. Deze tekst komt in de brief."),
    )
    verzocht_op = date_field(_("Verzoek verstuurd op"), initial=timezone.localdate)
    hersteltermijn_einde = date_field(
        _("Hersteltermijn tot en met"),
        help_text=_("Geef een redelijke termijn, meestal twee weken (Awb art. 6:6)."),
    )


class HerstelEindeForm(forms.Form):
    stand = forms.ChoiceField(
        label=_("Wat is er gebeurd"),
        choices=[
            (OpschortingState.HERSTELD.value, _("Het verzuim is hersteld")),
            (OpschortingState.VERSTREKEN.value, _("De hersteltermijn is ongebruikt verstreken")),
        ],
    )
    op = date_field(_("Hersteld op"), required=False)


class UitstelForm(forms.Form):
    tot_en_met = date_field(_("Beslissen uiterlijk op"))
    instemming_op = date_field(_("Instemming van de indiener ontvangen op"))
    instemming_hoe = forms.CharField(
        label=_("Hoe stemde de indiener in"),
        max_length=200,
        help_text=_("Bijvoorbeeld: per e-mail. Deze tekst komt in de brief."),
    )
    reden = text_field(_("Reden van het uitstel"), rows=3, help_text=IN_BRIEF)


class CommissieForm(forms.Form):
    naam = forms.CharField(label=_("Naam van de commissie"), max_length=200, help_text=IN_BRIEF)
    mededeling_op = date_field(_("Mededeling verstuurd op"), initial=timezone.localdate)


class CommissieAdviesForm(forms.Form):
    advies_op = date_field(_("Advies uitgebracht op"))
    advies = text_field(_("Advies van de commissie"), rows=6, help_text=INTERN)


class HoordersForm(forms.Form):
    hoorders = forms.ModelMultipleChoiceField(
        label=_("Wie hoort de inburgeraar"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Niemand die het besluit heeft voorbereid, genomen of verstuurd (Awb art. 7:5)."
        ),
    )

    def __init__(self, *args, users=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hoorders"].queryset = users


class IngebrekestellingForm(forms.Form):
    ontvangen_op = date_field(_("Ingebrekestelling ontvangen op"))


class VoorzieningForm(forms.Form):
    verzocht_op = date_field(_("Verzoek ingediend op"))
    zaaknummer = forms.CharField(label=_("Zaaknummer"), max_length=40, required=False)


class VoorzieningUitspraakForm(forms.Form):
    stand = forms.ChoiceField(
        label=_("Uitspraak"),
        choices=[
            (VoorzieningState.TOEGEWEZEN.value, _("Toegewezen")),
            (VoorzieningState.AFGEWEZEN.value, _("Afgewezen")),
            (VoorzieningState.INGETROKKEN.value, _("Ingetrokken")),
        ],
    )
    uitspraak_op = date_field(_("Datum uitspraak"))
    schorsing = forms.BooleanField(
        label=_("De rechter schorst het besluit"),
        required=False,
        help_text=_("Dan stopt alles wat uit het besluit volgt: betaling, aanmaning, invordering."),
    )
    geschorst_tot = date_field(
        _("Geschorst tot en met"),
        required=False,
        help_text=_("Leeg laten als de rechter geen einddatum noemt."),
    )
    toelichting = text_field(_("Wat besliste de rechter"), rows=4, required=False, help_text=INTERN)
