"""Forms for the registry. Validation messages are Dutch and name the field."""

from django import forms
from django.utils.translation import gettext_lazy as _

from regie.core.access import served_municipality_ids
from regie.core.models import Municipality, User
from regie.core.roles import Role
from regie.people.models import Household, Inburgeraar, StatusChoice

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class InburgeraarForm(forms.ModelForm):
    new_household = forms.CharField(
        label=_("Of: nieuw huishouden"),
        required=False,
        max_length=150,
        help_text=_("Naam van een nieuw huishouden, bijvoorbeeld 'Huishouden Haddad'."),
    )

    class Meta:
        model = Inburgeraar
        fields = [
            "first_name",
            "last_name",
            "bsn",
            "date_of_birth",
            "gender",
            "nationality",
            "languages",
            "interpreter_needed",
            "interpreter_language",
            "phone",
            "email",
            "street",
            "house_number",
            "postcode",
            "city",
            "municipality",
            "doelgroep",
            "regime",
            "kennisgeving_date",
            "brp_date",
            "housing_date",
            "household",
            "household_role",
            "klantmanager",
            "begeleider",
        ]
        widgets = {
            "date_of_birth": DATE_WIDGET,
            "kennisgeving_date": DATE_WIDGET,
            "brp_date": DATE_WIDGET,
            "housing_date": DATE_WIDGET,
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        municipalities = served_municipality_ids(user)
        self.fields["municipality"].queryset = Municipality.objects.filter(id__in=municipalities)
        self.fields["household"].queryset = Household.objects.filter(
            municipality__in=municipalities
        ).order_by("name")
        workers = User.objects.filter(
            is_active=True, organisation__serves__in=municipalities
        ).distinct()
        self.fields["klantmanager"].queryset = workers.filter(
            role_assignments__role=Role.KLANTMANAGER
        )
        self.fields["begeleider"].queryset = workers.filter(role_assignments__role=Role.BEGELEIDER)
        self.fields["bsn"].widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})
        for name in ("date_of_birth", "kennisgeving_date", "brp_date", "housing_date"):
            self.fields[name].input_formats = ["%Y-%m-%d", "%d-%m-%Y"]

    FIELDSETS = (
        (
            _("Persoon"),
            (
                "first_name",
                "last_name",
                "bsn",
                "date_of_birth",
                "gender",
                "nationality",
                "languages",
                "interpreter_needed",
                "interpreter_language",
            ),
        ),
        (_("Contact en adres"), ("phone", "email", "street", "house_number", "postcode", "city")),
        (
            _("Inburgering"),
            (
                "municipality",
                "doelgroep",
                "regime",
                "kennisgeving_date",
                "brp_date",
                "housing_date",
                "klantmanager",
                "begeleider",
            ),
        ),
        (_("Huishouden"), ("household", "new_household", "household_role")),
    )

    def fieldsets(self):
        return [(legend, [self[name] for name in names]) for legend, names in self.FIELDSETS]

    def clean_languages(self):
        raw = self.cleaned_data["languages"]
        codes = [c.strip().lower() for c in raw.replace(";", ",").split(",") if c.strip()]
        bad = [c for c in codes if not (c.isascii() and c.isalpha() and 2 <= len(c) <= 3)]
        if bad:
            raise forms.ValidationError(
                _("Gebruik taalcodes van 2 of 3 letters (zoals ar, ti, en); onbekend: %(bad)s"),
                params={"bad": ", ".join(bad)},
            )
        return ", ".join(codes)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("interpreter_needed") and not cleaned.get("interpreter_language"):
            self.add_error("interpreter_language", _("Vul in welke taal de tolk moet spreken."))
        household, new_household = cleaned.get("household"), cleaned.get("new_household")
        if household and new_household:
            self.add_error("new_household", _("Kies een bestaand huishouden óf maak een nieuw."))
        if (household or new_household) and not cleaned.get("household_role"):
            self.add_error("household_role", _("Kies de rol in het huishouden."))
        if household and cleaned.get("municipality") and (
            household.municipality_id != cleaned["municipality"].id
        ):
            self.add_error("household", _("Dit huishouden hoort bij een andere gemeente."))
        return cleaned

    def save(self, commit=True):
        name = self.cleaned_data.get("new_household")
        if name:
            self.instance.household = Household.objects.create(
                name=name, municipality=self.cleaned_data["municipality"]
            )
        return super().save(commit=commit)


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Nieuwe status"))
    reason = forms.CharField(
        label=_("Toelichting"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Verplicht bij ontheffing, vertrek of beëindiging."),
    )

    def __init__(self, *args, options, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = options


class HealthNoteForm(forms.Form):
    text = forms.CharField(
        label=_("Notitie over gezondheid"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
    )


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Zoek op naam of BSN"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Alle"))] + StatusChoice.choices
    )
    doelgroep = forms.ChoiceField(label=_("Doelgroep"), required=False)
    regime = forms.ChoiceField(label=_("Regime"), required=False)
    mine = forms.BooleanField(label=_("Alleen mijn caseload"), required=False)
    sort = forms.ChoiceField(
        label=_("Sorteer op"),
        required=False,
        choices=[
            ("name", _("Naam")),
            ("-kennisgeving", _("Kennisgeving (nieuwste eerst)")),
            ("kennisgeving", _("Kennisgeving (oudste eerst)")),
            ("status", _("Status")),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from regie.people.models import Doelgroep, RegimeChoice

        self.fields["doelgroep"].choices = [("", _("Alle"))] + Doelgroep.choices
        self.fields["regime"].choices = [("", _("Alle"))] + RegimeChoice.choices


class AccessGrantForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Gebruiker"), queryset=User.objects.none())
    bsn = forms.CharField(label=_("BSN van de inburgeraar"), max_length=11)
    reason = forms.CharField(label=_("Reden"), max_length=200)
    valid_until = forms.DateField(label=_("Geldig tot en met"), widget=DATE_WIDGET)

    def __init__(self, *args, users, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = users
