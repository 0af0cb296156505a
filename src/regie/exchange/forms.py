"""Forms of the aanbieder portal, the klantmanager's referral pages and the exchange
pages. Labels and errors in Dutch; decisions in services.py."""

from django import forms
from django.conf import settings
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from regie.exchange.models import (
    Afwezigheid,
    ExamenNiveau,
    Examenresultaat,
    Vaardigheid,
    Voortgangsmeting,
)
from regie.people.models import EindeReden

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class VerwijzingForm(forms.Form):
    aanbieder = forms.ModelChoiceField(queryset=None, label=_("Aanbieder"))
    toelichting = forms.CharField(
        label=_("Toelichting voor de aanbieder"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Praktische afspraken, zoals lesdagen of een tolk. Geen medische gegevens."),
    )

    def __init__(self, *args, aanbieders, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aanbieder"].queryset = aanbieders


class PortalZoekForm(forms.Form):
    """Search and filters of the participants in the aanbieder portal."""

    q = forms.CharField(label=_("Zoek op naam"), required=False, max_length=100)
    gemeente = forms.TypedChoiceField(label=_("Gemeente"), required=False, coerce=int)
    zonder_lesuren = forms.BooleanField(required=False)

    def __init__(self, *args, municipalities, last_month, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].choices = [("", _("Alle"))] + [
            (m.pk, m.name) for m in municipalities
        ]
        self.fields["gemeente"].empty_value = None
        self.fields["zonder_lesuren"].label = _(
            "Alleen deelnemers zonder lesuren over %(maand)s"
        ) % {"maand": formats.date_format(last_month, "F Y")}


class AccepterenForm(forms.Form):
    start_date = forms.DateField(label=_("Startdatum"), widget=DATE_WIDGET)


class AfwijzenForm(forms.Form):
    afwijzingsreden = forms.CharField(
        label=_("Reden van afwijzing"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class BeeindigenForm(forms.Form):
    end_date = forms.DateField(label=_("Einddatum"), widget=DATE_WIDGET)
    einde_reden = forms.ChoiceField(label=_("Reden"), choices=EindeReden.choices)


class LesurenForm(forms.Form):
    maand = forms.CharField(
        label=_("Maand"), max_length=7, widget=forms.TextInput(attrs={"type": "month"})
    )
    uren_aangeboden = forms.DecimalField(
        label=_("Uren aangeboden"), min_value=0, max_value=200, decimal_places=1
    )
    uren_aanwezig = forms.DecimalField(
        label=_("Uren aanwezig"), min_value=0, max_value=200, decimal_places=1
    )


class AfwezigheidForm(forms.ModelForm):
    class Meta:
        model = Afwezigheid
        fields = ["datum", "uren", "reden", "toelichting"]
        widgets = {"datum": DATE_WIDGET}


class VoortgangsmetingForm(forms.ModelForm):
    class Meta:
        model = Voortgangsmeting
        fields = ["datum", "vaardigheid", "niveau", "toelichting"]
        widgets = {"datum": DATE_WIDGET}


class ExamenresultaatForm(forms.ModelForm):
    niveau = forms.ChoiceField(
        label=_("Niveau"),
        required=False,
        choices=[("", _("geen (KNM)")), *ExamenNiveau.choices],
    )

    class Meta:
        model = Examenresultaat
        fields = ["datum", "onderdeel", "niveau", "uitslag"]
        widgets = {"datum": DATE_WIDGET}

    def clean(self):
        data = super().clean()
        knm = data.get("onderdeel") == "knm"
        if knm and data.get("niveau"):
            self.add_error("niveau", _("KNM heeft geen niveau; kies 'geen'."))
        if data.get("onderdeel") and not knm and not data.get("niveau"):
            self.add_error("niveau", _("Kies B1 of A2 voor een taalonderdeel."))
        return data


class AfschaalverzoekForm(forms.Form):
    onderdeel = forms.ChoiceField(label=_("Onderdeel"), choices=Vaardigheid.choices)
    motivering = forms.CharField(
        label=_("Motivering"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Waaruit blijkt dat de inburgeraar zich voldoende heeft ingespannen?"),
    )


class AfschaalBesluitForm(forms.Form):
    besluit = forms.ChoiceField(
        label=_("Besluit"),
        choices=[("toekennen", _("Toekennen")), ("afwijzen", _("Afwijzen"))],
        widget=forms.RadioSelect,
    )
    besluit_toelichting = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class UploadForm(forms.Form):
    bestand = forms.FileField(
        label=_("Bestand (CSV of XLSX)"),
        help_text=_("Kolommen: inburgeraar, maand, uren_aangeboden, uren_aanwezig."),
    )

    def clean_bestand(self):
        bestand = self.cleaned_data["bestand"]
        limit = getattr(settings, "REGIE_UPLOAD_MAX_BYTES", 5 * 1024 * 1024)
        if bestand.size > limit:
            raise forms.ValidationError(_("Het bestand is te groot."))
        return bestand


class DuoImportForm(UploadForm):
    bestand = forms.FileField(
        label=_("Bestand met DUO-signalen (CSV, XLSX of JSON)"),
        help_text=_("Het formaat staat in docs/exchange.md."),
    )


class DuoTerugmeldingForm(UploadForm):
    bestand = forms.FileField(
        label=_("Terugmelding van DUO (CSV, XLSX of JSON)"),
        help_text=_(
            "Kolommen: kenmerk, soort, bsn, datum, sleutel, resultaat (bevestigd). Het formaat "
            "staat in docs/exchange.md."
        ),
    )


class DuoExportForm(forms.Form):
    gemeente = forms.ModelChoiceField(queryset=None, label=_("Gemeente"))
    formaat = forms.ChoiceField(
        label=_("Formaat"), choices=[("csv", "CSV"), ("json", "JSON")], initial="csv"
    )

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = municipalities


class CbsExportForm(forms.Form):
    gemeente = forms.ModelChoiceField(queryset=None, label=_("Gemeente"))

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = municipalities


class OverdrachtImportForm(DuoExportForm):
    bestand = forms.FileField(label=_("Overdrachtsdossier (JSON)"))
    inschrijving_op = forms.DateField(
        label=_("Datum van inschrijving in de BRP van deze gemeente"),
        help_text=_(
            "Uit de BRP. Het nieuwe PIP moet uiterlijk 10 weken na deze datum zijn vastgesteld "
            "(Besluit inburgering 2021 art. 5.3 lid 3)."
        ),
        widget=DATE_WIDGET,
    )
    formaat = None

    def clean_inschrijving_op(self):
        from django.utils import timezone

        day = self.cleaned_data["inschrijving_op"]
        if day > timezone.localdate():
            raise forms.ValidationError(
                _("De datum van inschrijving kan niet in de toekomst liggen.")
            )
        return day


class OverschrijdingForm(forms.Form):
    datum = forms.DateField(label=_("Datum vaststelling"), widget=DATE_WIDGET)
    toelichting = forms.CharField(
        label=_("Waarom verwijtbaar"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class OverdrachtExportForm(forms.Form):
    vertrokken = forms.BooleanField(
        label=_("Zet de status op 'vertrokken'"), required=False, initial=True
    )
