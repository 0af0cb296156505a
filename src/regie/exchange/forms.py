"""Forms of the aanbieder portal, the klantmanager's referral pages and the exchange
pages. Labels and errors in Dutch; decisions in services.py."""

import re

from django import forms
from django.conf import settings
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from regie.core.models import Municipality
from regie.exchange.models import (
    Afwezigheid,
    BrpKoppeling,
    ExamenNiveau,
    Examenresultaat,
    Vaardigheid,
    Voortgangsmeting,
)
from regie.people.models import EindeReden
from regie.rules.bsn import is_valid_bsn, normalise_bsn

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


class BrpOphalenForm(forms.Form):
    """The first step of registering by BSN: which BSN, in which municipality's BRP."""

    bsn = forms.CharField(
        label=_("BSN"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    municipality = forms.ModelChoiceField(queryset=None, label=_("BRP van gemeente"))

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.filter(
            pk__in=[m.pk for m in municipalities]
        ).order_by("name")
        if len(municipalities) == 1:
            self.fields["municipality"].initial = municipalities[0].pk
            self.fields["municipality"].widget = forms.HiddenInput()

    def clean_bsn(self):
        bsn = normalise_bsn(self.cleaned_data["bsn"])
        if not is_valid_bsn(bsn):
            raise forms.ValidationError(_("Dit is geen geldig BSN (9 cijfers, elfproef)."))
        return bsn


class BrpKoppelingForm(forms.ModelForm):
    """The functioneel beheerder's settings of a municipality's BRP connection. The API key
    is a secret: never shown back; left empty it stays as it is."""

    api_key = forms.CharField(
        label=_("API-sleutel"),
        required=False,
        max_length=500,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
    )
    api_key_wissen = forms.BooleanField(label=_("API-sleutel wissen"), required=False)
    endpoint = forms.URLField(
        label=_("Adres van de BRP API"),
        assume_scheme="https",
        max_length=200,
        help_text=_("Zonder /personen, bijvoorbeeld https://brp.gemeente.nl/haalcentraal/api/brp"),
    )

    class Meta:
        model = BrpKoppeling
        fields = [
            "actief",
            "endpoint",
            "api_key_header",
            "api_key",
            "extra_headers",
            "client_certificaat",
            "client_sleutel",
            "timeout",
        ]
        widgets = {"extra_headers": forms.Textarea(attrs={"rows": 4})}

    field_order = ["actief", "endpoint", "api_key_header", "api_key", "api_key_wissen"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._stored_key = self.instance.api_key if self.instance.pk else ""
        self.initial["api_key"] = ""
        if self._stored_key:
            self.fields["api_key"].help_text = _(
                "Er is een sleutel ingesteld. Laat dit veld leeg om hem te houden."
            )

    def clean_api_key_header(self):
        value = self.cleaned_data["api_key_header"].strip()
        if value and not re.fullmatch(r"[A-Za-z0-9-]{1,60}", value):
            raise forms.ValidationError(_("Een headernaam bestaat uit letters, cijfers en '-'."))
        return value

    def clean_extra_headers(self):
        value = self.cleaned_data["extra_headers"]
        for number, line in enumerate(value.splitlines(), start=1):
            if not line.strip():
                continue
            name, sep, header_value = line.partition(":")
            if (
                not sep
                or not re.fullmatch(r"[A-Za-z0-9-]{1,60}", name.strip())
                or not header_value.strip()
                or any(ord(c) < 32 for c in header_value)
            ):
                raise forms.ValidationError(
                    _("Regel %(n)s: schrijf 'Naam: waarde' (de naam met letters, cijfers en '-').")
                    % {"n": number}
                )
        return value

    def clean_timeout(self):
        value = self.cleaned_data["timeout"]
        if not 1 <= value <= 60:
            raise forms.ValidationError(_("Kies een wachttijd van 1 tot 60 seconden."))
        return value

    def clean(self):
        data = super().clean()
        if data.get("api_key_wissen"):
            data["api_key"] = ""
        elif not data.get("api_key"):
            data["api_key"] = self._stored_key
        return data

    def save(self, commit=True):
        self.instance.api_key = self.cleaned_data["api_key"]
        return super().save(commit)
