"""Forms for the brede intake and the leerbaarheidstoets. Messages are Dutch and name the
field; the decisions behind them live in services.py."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regie.core.access import served_municipality_ids
from regie.core.models import User
from regie.core.roles import Role
from regie.intake import services
from regie.intake.models import (
    BredeIntake,
    IntakeGesprek,
    IntakeGezondheid,
    ToetsOntheffingsgrond,
    ToetsStatus,
)

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y"]
TEXT = forms.Textarea(attrs={"rows": 3})


def not_in_future(value, what):
    if value and value > timezone.localdate():
        raise ValidationError(_("%(what)s kan niet in de toekomst liggen.") % {"what": what})
    return value


def workers_for(person):
    """Klantmanagers and begeleiders working for the person's municipality."""
    return (
        User.objects.filter(
            is_active=True,
            organisation__serves=person.municipality_id,
            role_assignments__role__in=[Role.KLANTMANAGER, Role.BEGELEIDER],
        )
        .distinct()
        .prefetch_related("role_assignments")
        .order_by("last_name", "first_name", "username")
    )


class IntakeForm(forms.ModelForm):
    FIELDSETS = (
        (
            _("Gesprek zonder partner of anderen (verplicht vóór het afronden)"),
            ("alone_offered_on", "alone_wanted"),
        ),
        (_("Wonen"), ("housing",)),
        (_("Financiën"), ("income_source", "has_debts", "finances")),
        (
            _("Leer- en werkachtergrond"),
            (
                "opleidingsniveau",
                "years_of_schooling",
                "diplomas",
                "work_experience",
                "languages",
                "geletterdheid",
                "dutch_level",
                "wants_education",
                "work_options",
            ),
        ),
        (_("Sociaal netwerk en zelfredzaamheid"), ("social_network", "self_reliance")),
        (
            _("Persoonlijke omstandigheden"),
            (
                "has_partner",
                "partner_notes",
                "children_count",
                "childcare_needed",
                "childcare_notes",
            ),
        ),
    )

    class Meta:
        model = BredeIntake
        fields = [
            "alone_offered_on",
            "alone_wanted",
            "housing",
            "income_source",
            "has_debts",
            "finances",
            "opleidingsniveau",
            "years_of_schooling",
            "diplomas",
            "work_experience",
            "languages",
            "geletterdheid",
            "dutch_level",
            "wants_education",
            "work_options",
            "social_network",
            "self_reliance",
            "has_partner",
            "partner_notes",
            "children_count",
            "childcare_needed",
            "childcare_notes",
        ]
        widgets = {
            "alone_offered_on": DATE_WIDGET,
            **{
                name: TEXT
                for name in (
                    "housing",
                    "finances",
                    "diplomas",
                    "work_experience",
                    "languages",
                    "work_options",
                    "social_network",
                    "self_reliance",
                    "partner_notes",
                    "childcare_notes",
                )
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["alone_offered_on"].input_formats = DATE_FORMATS
        # Optional while saving a draft, but needed to complete the intake: say so, or the
        # "(niet verplicht)" in the label misleads (WCAG 3.3.2).
        for name in ("opleidingsniveau", "geletterdheid"):
            self.fields[name].help_text = _("Nodig om de brede intake af te ronden.")

    def clean_alone_offered_on(self):
        return not_in_future(self.cleaned_data.get("alone_offered_on"), _("Deze datum"))

    def clean_years_of_schooling(self):
        years = self.cleaned_data.get("years_of_schooling")
        if years is not None and years > 30:
            raise ValidationError(_("Vul een aantal jaren van 0 tot en met 30 in."))
        return years

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("childcare_needed") and not cleaned.get("children_count"):
            self.add_error(
                "children_count", _("Vul het aantal kinderen in als kinderopvang nodig is.")
            )
        return cleaned

    def fieldsets(self):
        return [(legend, [self[name] for name in names]) for legend, names in self.FIELDSETS]


class IntakeHealthForm(forms.ModelForm):
    prefix = "gezondheid"

    class Meta:
        model = IntakeGezondheid
        fields = ["physical", "mental", "impact"]
        widgets = {"physical": TEXT, "mental": TEXT, "impact": TEXT}


class WorkerLabelMixin:
    @staticmethod
    def worker_label(user) -> str:
        roles = [str(Role(r).label) for r in sorted(user.roles)]
        if user.is_senior:
            roles.append(str(_("senior")))
        return f"{user} ({', '.join(roles)})" if roles else str(user)


class GesprekForm(WorkerLabelMixin, forms.ModelForm):
    class Meta:
        model = IntakeGesprek
        fields = [
            "date",
            "participants",
            "other_participants",
            "interpreter_used",
            "interpreter_language",
            "notes",
        ]
        widgets = {
            "date": DATE_WIDGET,
            "participants": forms.CheckboxSelectMultiple,
            "notes": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].input_formats = DATE_FORMATS
        participants = self.fields["participants"]
        participants.queryset = workers_for(person)
        participants.label_from_instance = self.worker_label
        participants.required = True
        participants.error_messages["required"] = _("Kies wie namens de gemeente deelnam.")

    def clean_date(self):
        return not_in_future(self.cleaned_data.get("date"), _("De datum van het gesprek"))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("interpreter_used") and not cleaned.get("interpreter_language"):
            self.add_error("interpreter_language", _("Vul in in welke taal de tolk tolkte."))
        return cleaned


CORRECTION_REASON = forms.CharField(
    label=_("Reden van de correctie"),
    max_length=2000,
    widget=forms.Textarea(attrs={"rows": 2}),
    help_text=_(
        "Bijvoorbeeld: de senior begeleider was er wel bij maar is vergeten. De reden "
        "komt met de oude en nieuwe waarden in de historie."
    ),
    error_messages={"required": _("Geef de reden van de correctie; die komt in de historie.")},
)


class GesprekCorrectionForm(GesprekForm):
    """A recorded gesprek corrected: the same fields, and a required reason."""

    correctie_reden = CORRECTION_REASON

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, person=person, **kwargs)
        self.initial["correctie_reden"] = ""
        # Someone who took part and has since left stays choosable.
        participants = self.fields["participants"]
        if self.instance.pk:
            ids = list(self.instance.participants.values_list("pk", flat=True))
            participants.queryset = (
                User.objects.filter(Q(pk__in=workers_for(person).values("pk")) | Q(pk__in=ids))
                .prefetch_related("role_assignments")
                .order_by("last_name", "first_name", "username")
            )


class ToetsbegeleiderField(forms.ModelChoiceField):
    default_error_messages = {
        "invalid_choice": _("Alleen een gecertificeerde toetsbegeleider kan de toets afnemen."),
    }


class ToetsPlanForm(forms.Form):
    date = forms.DateField(label=_("Datum van de toets"), widget=DATE_WIDGET)
    toetsbegeleider = ToetsbegeleiderField(
        label=_("Toetsbegeleider"),
        queryset=User.objects.none(),
        help_text=_("Alleen gecertificeerde toetsbegeleiders."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].input_formats = DATE_FORMATS
        self.fields["toetsbegeleider"].queryset = (
            User.objects.filter(
                is_active=True,
                is_certified_toetsbegeleider=True,
                organisation__serves__in=served_municipality_ids(user),
            )
            .distinct()
            .order_by("last_name", "first_name", "username")
        )
        if user.is_certified_toetsbegeleider and not self.is_bound:
            self.initial.setdefault("toetsbegeleider", user.pk)

    def clean_toetsbegeleider(self):
        toetsbegeleider = self.cleaned_data["toetsbegeleider"]
        try:
            services.check_toetsbegeleider(toetsbegeleider)
        except ValidationError as error:
            raise ValidationError(error.message_dict["toetsbegeleider"]) from None
        return toetsbegeleider


class ToetsExemptionForm(forms.Form):
    exemption_reason = forms.ChoiceField(
        label=_("Grond voor ontheffing"),
        choices=ToetsOntheffingsgrond.choices,
        help_text=_("Wet inburgering 2021 art. 14 lid 6."),
    )
    date = forms.DateField(label=_("Datum"), widget=DATE_WIDGET)
    notes = forms.CharField(label=_("Toelichting"), required=False, widget=TEXT, max_length=2000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].input_formats = DATE_FORMATS

    def clean_date(self):
        return not_in_future(self.cleaned_data.get("date"), _("De datum"))


B1_CHOICES = [("", _("Geen uitslag")), ("ja", _("Ja, B1 is haalbaar")), ("nee", _("Nee"))]


class ToetsResultForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Wat gebeurde er?"),
        choices=[
            (ToetsStatus.AFGENOMEN.value, _("De toets is afgenomen")),
            (ToetsStatus.NIET_VERSCHENEN.value, _("De inburgeraar is niet verschenen")),
        ],
    )
    date = forms.DateField(label=_("Datum"), widget=DATE_WIDGET)
    b1_haalbaar = forms.ChoiceField(
        label=_("Uitslag: is B1 haalbaar binnen de termijn?"), choices=B1_CHOICES, required=False
    )
    outcome = forms.CharField(
        label=_("Uitslag en advies, toelichting"), required=False, widget=TEXT, max_length=4000
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].input_formats = DATE_FORMATS

    def clean_date(self):
        return not_in_future(self.cleaned_data.get("date"), _("De datum"))

    def clean_b1_haalbaar(self):
        return {"ja": True, "nee": False}.get(self.cleaned_data.get("b1_haalbaar"))

    def clean(self):
        cleaned = super().clean()
        if "status" in cleaned and "b1_haalbaar" in cleaned:
            for field, message in services.toets_result_problems(
                cleaned["status"], cleaned["b1_haalbaar"]
            ).items():
                self.add_error(field, message)
        return cleaned


class ToetsCorrectionForm(ToetsResultForm):
    """The recorded result of a toets corrected, with a required reason."""

    correctie_reden = CORRECTION_REASON


class OproepForm(forms.Form):
    """An oproep for the brede intake: the appointment and the term (Wi art. 14 lid 1)."""

    afspraak_op = forms.DateField(label=_("Datum van de afspraak"), widget=DATE_WIDGET)
    afspraak_tijd = forms.TimeField(
        label=_("Tijd"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    locatie = forms.CharField(label=_("Plaats van de afspraak"), max_length=200)
    termijn_einde = forms.DateField(
        label=_("Termijn tot en met"),
        widget=DATE_WIDGET,
        help_text=_("De dag waarop de inburgeraar uiterlijk aan de brede intake moet meedoen."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("afspraak_op", "termijn_einde"):
            self.fields[name].input_formats = DATE_FORMATS
