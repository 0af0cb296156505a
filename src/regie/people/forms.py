"""Forms for the registry. Validation messages are Dutch and name the field."""

from django import forms
from django.utils.translation import gettext_lazy as _

from regie.core.access import served_municipality_ids
from regie.core.models import Municipality, User
from regie.core.roles import Role
from regie.people import languages as language_list
from regie.people.labels import household_label, with_address
from regie.people.models import Household, HouseholdRole, Inburgeraar, StatusChoice

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class LanguagesField(forms.MultipleChoiceField):
    """Spoken languages chosen from the ISO 639 list with Dutch names (checkboxes: usable
    with keyboard and screen reader); stored as codes, "ar, ti"."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.setdefault("choices", language_list.choices)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value):
        """Checked codes; a value typed or sent as text ("Tigrinya, Arabisch", "AR; en")
        is read as names or codes, so it is understood rather than refused."""
        values = super().to_python(value)
        known = {str(code) for code, _label in self.choices}
        codes, unknown = [], []
        for raw in values:
            parts = [raw] if raw in known else language_list.split(raw)
            for part in parts:
                code = part if part in known else language_list.to_code(part)
                if code and code not in codes:
                    codes.append(code)
                elif not code:
                    unknown.append(part)
        if unknown:
            raise forms.ValidationError(
                _("Onbekende taal: %(bad)s. Kies de talen uit de lijst."),
                params={"bad": ", ".join(unknown)},
            )
        return codes


class InburgeraarForm(forms.ModelForm):
    languages = LanguagesField(
        label=_("Gesproken talen"),
        help_text=_("Vink alle talen aan die de persoon spreekt."),
    )
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
            "verblijfsvergunning",
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
        self.user = user
        municipalities = served_municipality_ids(user)
        self.fields["municipality"].queryset = Municipality.objects.filter(id__in=municipalities)
        self.fields["household"].queryset = with_address(
            Household.objects.filter(municipality__in=municipalities).order_by("name", "pk")
        )
        self.fields["household"].label_from_instance = household_label
        workers = User.objects.filter(
            is_active=True, organisation__serves__in=municipalities
        ).distinct()
        self.fields["klantmanager"].queryset = workers.filter(
            role_assignments__role=Role.KLANTMANAGER
        )
        self.fields["begeleider"].queryset = workers.filter(role_assignments__role=Role.BEGELEIDER)
        self.fields["bsn"].widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})
        stored = language_list.split(self.instance.languages) if self.instance.pk else []
        if self.instance.pk:
            self.initial["languages"] = stored
        # A code stored before the list existed stays choosable, so saving loses nothing.
        unknown = [c for c in stored if c not in language_list.LANGUAGES]
        if unknown:
            self.fields["languages"].choices = language_list.choices() + [(c, c) for c in unknown]
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
                "verblijfsvergunning",
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
        sets = [(legend, [self[name] for name in names]) for legend, names in self.FIELDSETS]
        if "reason" in self.fields:
            sets.append((_("Waarom deze wijziging"), [self["reason"]]))
        return sets

    def add_reason_field(self):
        """On a change of a registered person: why (a correction, a move, ...). Required
        as soon as something changes; it goes into the file's correction history."""
        self.fields["reason"] = forms.CharField(
            label=_("Reden van de wijziging"),
            required=False,
            max_length=1000,
            widget=forms.Textarea(attrs={"rows": 2}),
            help_text=_(
                "Bijvoorbeeld: geboortedatum verkeerd overgenomen uit de kennisgeving. "
                "De reden komt in de geschiedenis van het dossier."
            ),
        )

    def changed_fields(self) -> list[str]:
        return [name for name in self.changed_data if name != "reason"]

    def clean_languages(self):
        codes = ", ".join(self.cleaned_data["languages"])
        if len(codes) > Inburgeraar._meta.get_field("languages").max_length:
            raise forms.ValidationError(_("Kies minder talen (ten hoogste twintig)."))
        return codes

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("interpreter_needed") and not cleaned.get("interpreter_language"):
            self.add_error("interpreter_language", _("Vul in welke taal de tolk moet spreken."))
        household, new_household = cleaned.get("household"), cleaned.get("new_household")
        if household and new_household:
            self.add_error("new_household", _("Kies een bestaand huishouden óf maak een nieuw."))
        if (household or new_household) and not cleaned.get("household_role"):
            self.add_error("household_role", _("Kies de rol in het huishouden."))
        if (
            household
            and cleaned.get("municipality")
            and (household.municipality_id != cleaned["municipality"].id)
        ):
            self.add_error("household", _("Dit huishouden hoort bij een andere gemeente."))
        self._check_duplicate_bsn(cleaned)
        if (
            "reason" in self.fields
            and self.changed_fields()
            and not cleaned.get("reason", "").strip()
        ):
            self.add_error(
                "reason",
                _("Geef de reden van de wijziging: die komt in de geschiedenis van het dossier."),
            )
        return cleaned

    def _check_duplicate_bsn(self, cleaned):
        """One registration per BSN and municipality. When the existing file is one the
        user may see, the message says so; when it is outside their scope (issue 17,
        finding 10) the message only says the BSN cannot be registered here and to ask the
        beheerder: the registration must fail either way, so the refusal itself tells the
        user no more than they need to avoid a duplicate, and it is logged on the existing
        person's trail (their AVG inzage shows who tried to register their BSN)."""
        bsn, municipality = cleaned.get("bsn"), cleaned.get("municipality")
        if not bsn or municipality is None or "bsn" in self.errors:
            return
        from regie.rules.bsn import normalise_bsn

        existing = (
            Inburgeraar.objects.filter(municipality=municipality, bsn=normalise_bsn(bsn))
            .exclude(pk=self.instance.pk)
            .values_list("pk", flat=True)
            .first()
        )
        if existing is None:
            return
        if Inburgeraar.objects.for_user(self.user).filter(pk=existing).exists():
            self.add_error("bsn", _("Er staat in deze gemeente al een inburgeraar met dit BSN."))
            return
        from regie.core import audit
        from regie.core.models import AuditAction

        audit.log(
            AuditAction.SEARCH,
            inburgeraar_id=existing,
            object_type="inburgeraar",
            description="inschrijving geweigerd: BSN al ingeschreven, dossier buiten eigen scope",
        )
        self.add_error(
            "bsn",
            _(
                "Dit BSN kan in deze gemeente niet worden ingeschreven. Neem contact op met de "
                "functioneel beheerder; uw poging is vastgelegd."
            ),
        )

    def save(self, commit=True):
        name = self.cleaned_data.get("new_household")
        if name:
            self.instance.household = Household.objects.create(
                name=name, municipality=self.cleaned_data["municipality"]
            )
        return super().save(commit=commit)


class HouseholdForm(forms.Form):
    """Correct a household: its name, each member's role, or a member who does not belong
    to it; with the reason, required as soon as something changes."""

    name = forms.CharField(label=_("Naam huishouden"), max_length=150)
    reason = forms.CharField(
        label=_("Reden van de wijziging"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("De reden komt in de geschiedenis van het dossier van ieder lid."),
    )

    def __init__(self, *args, household, members, **kwargs):
        super().__init__(*args, initial={"name": household.name}, **kwargs)
        self.household, self.members = household, members
        for member in members:
            self.fields[f"role_{member.pk}"] = forms.ChoiceField(
                label=_("Rol van %(name)s") % {"name": member.full_name},
                choices=HouseholdRole.choices,
                initial=member.household_role or HouseholdRole.OVERIG,
            )
            self.fields[f"remove_{member.pk}"] = forms.BooleanField(
                label=_("%(name)s hoort niet bij dit huishouden") % {"name": member.full_name},
                required=False,
            )

    def member_rows(self):
        return [(m, self[f"role_{m.pk}"], self[f"remove_{m.pk}"]) for m in self.members]

    def changes(self) -> list[tuple[Inburgeraar | None, str, str]]:
        """(member or None for the household, field, readable change) for what changed."""
        data, found = self.cleaned_data, []
        if data["name"].strip() != self.household.name:
            found.append((None, "name", f"{self.household.name} → {data['name'].strip()}"))
        for m in self.members:
            if data.get(f"remove_{m.pk}"):
                found.append((m, "household", _("%(name)s uit het huishouden") % {"name": m}))
            elif data[f"role_{m.pk}"] != m.household_role:
                old = m.get_household_role_display() or "—"
                new = HouseholdRole(data[f"role_{m.pk}"]).label
                found.append((m, "household_role", f"{m}: {old} → {new}"))
        return found

    def clean(self):
        cleaned = super().clean()
        if self.is_valid_so_far() and self.changes() and not cleaned.get("reason", "").strip():
            self.add_error(
                "reason",
                _("Geef de reden van de wijziging: die komt in de geschiedenis van het dossier."),
            )
        return cleaned

    def is_valid_so_far(self) -> bool:
        return "name" in self.cleaned_data and all(
            f"role_{m.pk}" in self.cleaned_data for m in self.members
        )


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


class DuoBesluitForm(forms.Form):
    """A decision of DUO as the klantmanager reads it from DUO's letter or the portal."""

    soort = forms.ChoiceField(label=_("Soort besluit"))
    volledig = forms.BooleanField(
        label=_("Volledig (geldt voor de hele inburgeringsplicht)"), required=False, initial=True
    )
    onderdelen = forms.MultipleChoiceField(
        label=_("Onderdelen (bij een gedeeltelijke ontheffing of vrijstelling)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    besluit_op = forms.DateField(label=_("Datum van het besluit"), widget=DATE_WIDGET)
    ingang_op = forms.DateField(label=_("Ingangsdatum"), widget=DATE_WIDGET)
    duo_kenmerk = forms.CharField(label=_("Kenmerk van DUO"), max_length=40)
    nieuwe_einddatum = forms.DateField(
        label=_("Nieuwe einddatum van de termijn (bij verlenging of nieuwe termijn)"),
        required=False,
        widget=DATE_WIDGET,
    )
    advies_kenmerk = forms.CharField(
        label=_("Kenmerk van het advies van het college (bij ontheffing)"),
        max_length=60,
        required=False,
        help_text=_("Het documentnummer van het advies in het zaaksysteem."),
    )
    advies_op = forms.DateField(label=_("Datum van het advies"), required=False, widget=DATE_WIDGET)
    advies_document = forms.FileField(
        label=_("Advies van het college (pdf, bij ontheffing)"),
        required=False,
        help_text=_("Het advies zelf (Besluit inburgering 2021 art. 2.8 lid 2), als pdf."),
    )
    toelichting = forms.CharField(
        label=_("Toelichting"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        from regie.people.models import DuoBesluitSoort, OnderdeelChoice

        self.person = person
        self.fields["soort"].choices = DuoBesluitSoort.choices
        self.fields["onderdelen"].choices = OnderdeelChoice.choices

    def clean_advies_document(self):
        from regie.core.uploads import validate_upload

        bestand = self.cleaned_data.get("advies_document")
        if not bestand:
            return None
        validate_upload(bestand, {"pdf"})
        bestand.seek(0)
        return {"naam": bestand.name[-120:], "inhoud": bestand.read()}

    def clean(self):
        from django.utils import timezone

        from regie.people.termijn import besluit_problems

        data = super().clean()
        if data.get("besluit_op") and data["besluit_op"] > timezone.localdate():
            self.add_error(
                "besluit_op", _("De datum van het besluit kan niet in de toekomst liggen.")
            )
        if not self.errors:
            for field, messages in besluit_problems(self.person, data).items():
                for message in messages:
                    self.add_error(field if field in self.fields else None, message)
        return data
