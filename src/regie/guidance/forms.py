"""Forms of maatschappelijke begeleiding. Dutch labels and errors; the decisions (consent,
VOG, matching) are checked again in services.py."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regie.core.models import Organisation
from regie.core.roles import Permission
from regie.guidance import rules
from regie.guidance.models import (
    ChecklistItemType,
    ChecklistStatus,
    ConsentGiver,
    GuidanceSettings,
    MatchingProfile,
    Partner,
    PartnerContact,
    ReferralOutcome,
    ShareCategory,
    Theme,
    Volunteer,
)
from regie.guidance.models import (
    ConsentForm as ConsentFormChoice,
)
from regie.people.forms import LanguagesField
from regie.people.languages import LANGUAGES
from regie.people.languages import choices as language_choices

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# Roles without HEALTH_VIEW cannot record or share health data (AVG art. 9).
WITHOUT_HEALTH = [c for c in ShareCategory.choices if c[0] != ShareCategory.GEZONDHEID]
SLOT_CHOICES = [(slot, rules.slot_label(slot)) for slot in rules.SLOTS]


class ChecklistRowForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ChecklistStatus.choices)
    due_date = forms.DateField(label=_("Streefdatum"), required=False, widget=DATE)
    done_date = forms.DateField(label=_("Geregeld op"), required=False, widget=DATE)
    note = forms.CharField(label=_("Notitie"), required=False, max_length=200)

    def __init__(self, *args, item_type=None, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.item_type = item_type
        self.today = today or timezone.localdate()
        for field in self.fields.values():
            field.label = f"{field.label} – {item_type.name}" if item_type else field.label

    def clean(self):
        from regie.guidance.services import checklist_problems

        data = super().clean()
        for name, message in checklist_problems(
            data.get("status"), data.get("due_date"), data.get("done_date"), self.today
        ).items():
            self.add_error(name, message)
        return data


class ConsentForm(forms.Form):
    partner = forms.ModelChoiceField(label=_("Partner"), queryset=Partner.objects.none())
    scope = forms.MultipleChoiceField(
        label=_("Wat mag gedeeld worden"),
        choices=ShareCategory.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    purpose = forms.CharField(
        label=_("Doel van het delen"),
        max_length=200,
        help_text=_("Bijvoorbeeld: aanmelding voor de interventietraining van GGNet."),
    )
    given_on = forms.DateField(label=_("Datum toestemming"), widget=DATE)
    given_by = forms.ChoiceField(label=_("Toestemming gegeven door"), choices=ConsentGiver.choices)
    given_by_name = forms.CharField(
        label=_("Naam vertegenwoordiger"), max_length=100, required=False
    )
    form = forms.ChoiceField(label=_("Vorm"), choices=ConsentFormChoice.choices)
    valid_until = forms.DateField(label=_("Geldig tot en met"), required=False, widget=DATE)

    def __init__(self, *args, partners=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if partners is not None:
            self.fields["partner"].queryset = partners
        if user is not None and not user.can(Permission.HEALTH_VIEW):
            self.fields["scope"].choices = WITHOUT_HEALTH


class ReferralForm(forms.Form):
    partner = forms.ModelChoiceField(label=_("Partner"), queryset=Partner.objects.none())
    theme = forms.ChoiceField(label=_("Thema"), choices=Theme.choices)
    reason = forms.CharField(label=_("Hulpvraag"), widget=forms.Textarea(attrs={"rows": 3}))
    shared = forms.MultipleChoiceField(
        label=_("Wat wordt gedeeld"),
        choices=ShareCategory.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Alleen wat de toestemming van de inburgeraar toelaat."),
    )
    shared_note = forms.CharField(
        label=_("Wat is gedeeld (toelichting)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    referred_on = forms.DateField(label=_("Verwezen op"), widget=DATE)
    follow_up_on = forms.DateField(
        label=_("Vervolgafspraak (nabellen)"), required=False, widget=DATE
    )

    def __init__(self, *args, partners=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if partners is not None:
            self.fields["partner"].queryset = partners
        if user is not None and not user.can(Permission.HEALTH_VIEW):
            self.fields["shared"].choices = WITHOUT_HEALTH


class ReferralUpdateForm(forms.Form):
    follow_up_on = forms.DateField(
        label=_("Vervolgafspraak (nabellen)"), required=False, widget=DATE
    )
    outcome = forms.ChoiceField(label=_("Uitkomst"), choices=ReferralOutcome.choices)
    outcome_note = forms.CharField(
        label=_("Toelichting uitkomst"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class SlotsField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        super().__init__(choices=SLOT_CHOICES, **kwargs)


class MatchingProfileForm(forms.ModelForm):
    availability = SlotsField(label=_("Beschikbaar"), required=False)

    class Meta:
        model = MatchingProfile
        fields = [
            "wants_maatje",
            "wants_gender",
            "interests",
            "availability",
            "lat",
            "lon",
            "note",
        ]
        help_texts = {
            "lat": _(
                "Ongeveer, zonder adres op te zoeken. Leeg laten: het centrum van de gemeente "
                "wordt gebruikt."
            ),
        }

    def clean_interests(self):
        return ", ".join(rules.split_codes(self.cleaned_data.get("interests")))

    def clean(self):
        data = super().clean()
        if (data.get("lat") is None) != (data.get("lon") is None):
            raise forms.ValidationError(
                _("Vul breedte- en lengtegraad allebei in, of allebei niet.")
            )
        if data.get("wants_maatje") and not data.get("availability"):
            self.add_error(
                "availability", _("Kies ten minste één moment waarop de nieuwkomer kan.")
            )
        return data


class VolunteerForm(forms.ModelForm):
    availability = SlotsField(label=_("Beschikbaar"))
    languages = LanguagesField(label=_("Talen"), required=True)

    class Meta:
        model = Volunteer
        fields = [
            "first_name",
            "last_name",
            "phone",
            "email",
            "municipality",
            "gender",
            "wants_gender",
            "languages",
            "interests",
            "availability",
            "capacity",
            "max_km",
            "address",
            "lat",
            "lon",
            "vog_date",
            "active",
            "notes",
        ]
        widgets = {"vog_date": DATE, "notes": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "vog_date": _(
                "Datum van de Verklaring Omtrent het Gedrag. Zonder geldige VOG wordt de "
                "vrijwilliger niet gekoppeld."
            ),
            "lat": _("Ongeveer; leeg laten: het centrum van de gemeente wordt gebruikt."),
        }

    def __init__(self, *args, municipalities=None, **kwargs):
        super().__init__(*args, **kwargs)
        if municipalities is not None:
            self.fields["municipality"].queryset = municipalities
        self.fields["languages"].error_messages["required"] = _("Kies ten minste één taal.")
        stored = rules.split_codes(self.instance.languages) if self.instance.pk else []
        if stored:
            self.initial["languages"] = stored
        unknown = [c for c in stored if c not in LANGUAGES]
        if unknown:
            self.fields["languages"].choices = language_choices() + [(c, c) for c in unknown]

    def clean_languages(self):
        return ", ".join(self.cleaned_data.get("languages") or [])

    def clean_interests(self):
        return ", ".join(rules.split_codes(self.cleaned_data.get("interests")))

    def clean_vog_date(self):
        value = self.cleaned_data.get("vog_date")
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("De VOG-datum kan niet in de toekomst liggen."))
        return value

    def clean(self):
        data = super().clean()
        if (data.get("lat") is None) != (data.get("lon") is None):
            raise forms.ValidationError(
                _("Vul breedte- en lengtegraad allebei in, of allebei niet.")
            )
        return data


class RunForm(forms.Form):
    """Confirming a pair asks for the start date; rejecting for a reason."""

    start_date = forms.DateField(label=_("Startdatum"), required=False, widget=DATE)
    reject_reason = forms.CharField(label=_("Reden van afwijzen"), required=False, max_length=200)


class MaatjeLinkForm(forms.Form):
    """The begeleider (or coördinator) links one newcomer with a volunteer of the pool."""

    volunteer = forms.TypedChoiceField(
        label=_("Maatje"), coerce=int, widget=forms.RadioSelect, empty_value=None
    )
    start_date = forms.DateField(label=_("Startdatum"), widget=DATE)

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = {v.pk: v for v in candidates}
        self.fields["volunteer"].choices = [(v.pk, v.full_name) for v in candidates]
        self.fields["volunteer"].error_messages["required"] = _("Kies een maatje.")

    def clean_volunteer(self):
        return self.candidates[self.cleaned_data["volunteer"]]


class MeetingForm(forms.Form):
    date = forms.DateField(label=_("Datum ontmoeting"), widget=DATE)
    note = forms.CharField(label=_("Korte notitie"), required=False, max_length=200)


class EndMatchForm(forms.Form):
    end_date = forms.DateField(label=_("Einddatum"), widget=DATE)
    end_reason = forms.CharField(label=_("Reden van beëindigen"), max_length=200)


class PartnerForm(forms.ModelForm):
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    themes = forms.MultipleChoiceField(
        label=_("Thema's"), choices=Theme.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Partner
        fields = [
            "organisation",
            "themes",
            "offer",
            "website",
            "phone",
            "email",
            "accepts_referrals",
            "active",
        ]
        widgets = {"offer": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["organisation"].queryset = organisations
        if self.instance.pk:
            self.fields["organisation"].disabled = True
            self.initial.setdefault("themes", self.instance.theme_values())


class PartnerContactForm(forms.ModelForm):
    class Meta:
        model = PartnerContact
        fields = ["name", "function", "phone", "email"]


class GuidanceSettingsForm(forms.ModelForm):
    class Meta:
        model = GuidanceSettings
        fields = ["vog_max_age_years"]


class ChecklistItemTypeForm(forms.ModelForm):
    class Meta:
        model = ChecklistItemType
        fields = ["name", "help_text", "due_weeks", "order", "active"]


def organisations_without_partner(user_served):
    return Organisation.objects.filter(
        serves__in=user_served, partner_profile__isnull=True
    ).distinct()
