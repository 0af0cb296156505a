"""Forms of the procedure before an art. 23 fine (Awb 5:48-5:53): the rapport with the
invitation for a zienswijze, and the zienswijze."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from regie.enforcement.forms import IN_BRIEF, date_field, text_field
from regie.enforcement.models_boeterapport import ZienswijzeWijzeChoice


class RapportForm(forms.Form):
    overtreding_op = date_field(_("Overtreding geconstateerd op"))
    verplichting = forms.CharField(
        label=_("Welke verplichting uit het PIP is niet nagekomen"),
        max_length=300,
        help_text=format_lazy(
            "{} {}", IN_BRIEF, _("Bijvoorbeeld: 'Naar alle lessen van de leerroute gaan.'")
        ),
    )
    feiten = text_field(
        _("Wat is er gebeurd (de feiten)"),
        help_text=format_lazy(
            "{} {}",
            IN_BRIEF,
            _("Wat is gezien of gemeld, en wanneer. Schrijf kort en eenvoudig, met 'u'."),
        ),
    )
    opgemaakt_door = forms.CharField(
        label=_("Rapport opgemaakt door (naam en functie)"), max_length=150, help_text=IN_BRIEF
    )
    rapport_op = date_field(_("Dagtekening van het rapport en de brief"))
    zienswijze_termijn_einde = date_field(
        _("Zienswijze uiterlijk op"),
        help_text=_("Ten minste de termijn van het lokaal beleid na de dagtekening."),
    )
    verhoord_op = date_field(
        _("Verhoord over de overtreding op (als dat zo is)"),
        required=False,
        help_text=_("Alleen invullen als de inburgeraar al is gehoord over de overtreding."),
    )
    verhoor_cautie = forms.BooleanField(
        label=_(
            "Vóór dat verhoor is verteld dat de inburgeraar niet hoeft te antwoorden "
            "(cautie, Awb art. 5:10a)"
        ),
        required=False,
    )


class ZienswijzeForm(forms.Form):
    op = date_field(_("Zienswijze gegeven op"), initial=timezone.localdate)
    wijze = forms.ChoiceField(
        label=_("Hoe"), choices=ZienswijzeWijzeChoice.choices, widget=forms.RadioSelect
    )
    inhoud = text_field(_("Wat zei of schreef de inburgeraar"), max_length=8000)
    gehoord_door = forms.CharField(
        label=_("Gesprek gevoerd door (alleen bij een gesprek)"), max_length=150, required=False
    )
    cautie = forms.BooleanField(
        label=_(
            "Vóór het gesprek is verteld dat de inburgeraar niet hoeft te antwoorden op vragen "
            "over de overtreding (cautie, Awb art. 5:10a)"
        ),
        required=False,
    )
    nederlands_voldoende = forms.TypedChoiceField(
        label=_("Spreekt de inburgeraar goed genoeg Nederlands voor het gesprek?"),
        choices=[("1", _("Ja")), ("0", _("Nee, er was een tolk"))],
        coerce=lambda v: v == "1",
        initial="1",
        widget=forms.RadioSelect,
        required=False,
        empty_value=True,
    )
    tolk = forms.CharField(
        label=_("Tolk (naam of nummer, taal)"),
        max_length=150,
        required=False,
        help_text=_(
            "Verplicht bij een gesprek als de inburgeraar onvoldoende Nederlands spreekt (Awb "
            "art. 5:50 lid 2)."
        ),
    )
