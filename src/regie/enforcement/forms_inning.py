"""Forms of collecting a fine (issue 19): the bank's statement file, aanmaning,
dwangbevel, and requests for a betalingsregeling or kwijtschelding with their decision."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regie.core.uploads import validate_upload
from regie.enforcement.camt import MAX_BYTES
from regie.enforcement.forms import IN_BRIEF, INTERN, date_field, text_field
from regie.enforcement.models import VerzoekSoort


class CamtForm(forms.Form):
    bestand = forms.FileField(
        label=_("Bankafschrift (CAMT.053, XML)"),
        help_text=_(
            "Het dagafschrift van de betaalrekening van de gemeente, zoals de bank het levert "
            "(ISO 20022 camt.053.001.02). Het hele bestand wordt ingelezen, of niets."
        ),
    )

    def clean_bestand(self):
        return validate_upload(self.cleaned_data["bestand"], {"xml"}, MAX_BYTES)


class VerzendForm(forms.Form):
    datum = date_field(
        _("Dagtekening en verzending"),
        initial=timezone.localdate,
        help_text=_("Verstuur de brief op deze dag: de termijn in de brief telt vanaf die dag."),
    )


class BetekeningForm(forms.Form):
    datum = date_field(_("Betekend door de deurwaarder op"), initial=timezone.localdate)


class VerzoekForm(forms.Form):
    soort = forms.ChoiceField(label=_("Soort verzoek"), choices=VerzoekSoort.choices)
    ontvangen_op = date_field(_("Ontvangen op"), initial=timezone.localdate)
    verzoek = text_field(_("Wat vraagt de inburgeraar en waarom"), help_text=INTERN)


class BeslissingForm(forms.Form):
    uitkomst = forms.ChoiceField(
        label=_("Beslissing"),
        choices=[("toegekend", _("Toekennen")), ("afgewezen", _("Afwijzen"))],
        widget=forms.RadioSelect,
    )
    beslist_op = date_field(_("Dagtekening"), initial=timezone.localdate)
    reden = text_field(_("Reden"), help_text=IN_BRIEF)
    aantal_termijnen = forms.IntegerField(
        label=_("Aantal maandtermijnen (betalingsregeling)"),
        required=False,
        min_value=1,
        max_value=120,
    )
    eerste_termijn = date_field(_("Eerste termijn op (betalingsregeling)"), required=False)
    afwijking_reden = text_field(
        _("Reden om van het maximum aantal termijnen af te wijken"),
        required=False,
        rows=2,
        help_text=INTERN,
    )
    bedrag = forms.DecimalField(
        label=_("Bedrag dat wordt kwijtgescholden (kwijtschelding)"),
        required=False,
        min_value=0,
        max_digits=8,
        decimal_places=2,
    )
