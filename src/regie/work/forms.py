"""Forms of participatie en werk. Dutch labels and errors; the placement rules (status,
capacity) are checked again in services.py."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from regie.activities.models import Weekday
from regie.core.models import Municipality
from regie.core.roles import PERMISSIONS, Permission
from regie.rules import work as rules
from regie.work.models import (
    Evaluatie,
    Plaatsing,
    PlaatsingStatus,
    Plek,
    StopReden,
    Uitstroom,
    UitstroomSoort,
    Werkgever,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class WerkgeverForm(forms.ModelForm):
    class Meta:
        model = Werkgever
        fields = [
            "name",
            "municipality",
            "kvk_number",
            "contact_name",
            "phone",
            "email",
            "address",
            "place",
            "sbi_code",
            "sector",
            "accessibility",
            "lat",
            "lon",
            "active",
        ]

    def __init__(self, *args, municipality_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.filter(pk__in=municipality_ids)


class PlekForm(forms.ModelForm):
    class Meta:
        model = Plek
        fields = [
            "title",
            "soort",
            "language_level",
            "hours_per_week",
            "days",
            "capacity",
            "supervisor",
            "with_training",
            "proefplaatsing",
            "loonkostensubsidie",
            "no_risk_polis",
            "agreement_notes",
            "active",
        ]


def job_coaches(user):
    """Colleagues in the user's organisation who may manage placements."""
    roles = [r.value for r in PERMISSIONS[Permission.WORK_MANAGE]]
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            organisation=user.organisation_id,
            role_assignments__role__in=roles,
        )
        .distinct()
        .order_by("first_name", "last_name")
    )


TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class PlaatsingForm(forms.ModelForm):
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Vaste werkdagen"),
        choices=Weekday.choices,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Met vaste dagen en tijden komt de plaatsing als vast blok in het weekprogramma."
        ),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            (PlaatsingStatus.VOORGESTELD.value, PlaatsingStatus.VOORGESTELD.label),
            (PlaatsingStatus.LOPEND.value, PlaatsingStatus.LOPEND.label),
        ],
    )

    class Meta:
        model = Plaatsing
        fields = [
            "plek",
            "start",
            "end",
            "hours_per_week",
            "days",
            "weekdays",
            "start_time",
            "end_time",
            "job_coach",
            "status",
        ]
        widgets = {"start": DATE, "end": DATE, "start_time": TIME, "end_time": TIME}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plek"].queryset = (
            Plek.objects.for_user(user).filter(active=True).select_related("werkgever")
        )
        self.fields["job_coach"].queryset = job_coaches(user)
        self.fields["job_coach"].label_from_instance = lambda u: u.get_full_name() or u.username

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("De einddatum ligt vóór de startdatum."))
        begin, until, days = data.get("start_time"), data.get("end_time"), data.get("weekdays")
        if (begin is None) != (until is None):
            self.add_error(
                "end_time", _("Vul zowel de begintijd als de eindtijd in, of geen van beide.")
            )
        elif begin and until and until <= begin:
            self.add_error("end_time", _("De eindtijd ligt niet na de begintijd."))
        elif begin and not days:
            self.add_error("weekdays", _("Kies de dagen waarop deze tijden gelden."))
        elif days and not begin:
            self.add_error("start_time", _("Vul de begin- en eindtijd van de werkdagen in."))
        return data


class PlaatsingStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Nieuwe status"), choices=PlaatsingStatus.choices)
    on = forms.DateField(label=_("Datum"), widget=DATE, required=False)
    reden = forms.ChoiceField(
        label=_("Reden van voortijdig stoppen"),
        choices=[("", "—")] + StopReden.choices,
        required=False,
    )
    reason = forms.CharField(
        label=_("Toelichting"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )

    def __init__(self, *args, plaatsing=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.plaatsing = plaatsing
        allowed = rules.TRANSITIONS[plaatsing.status]
        self.fields["status"].choices = [c for c in PlaatsingStatus.choices if c[0] in allowed]

    def clean(self):
        data = super().clean()
        status = data.get("status")
        problem = rules.stop_problem(status, data.get("reden") or "", data.get("reason") or "")
        if problem == "reden":
            self.add_error("reden", _("Kies de reden van voortijdig stoppen."))
        elif problem == "toelichting":
            self.add_error("reason", _("Licht de reden 'Andere reden' toe."))
        if status in (PlaatsingStatus.AFGEROND, PlaatsingStatus.GESTOPT) and not data.get("on"):
            self.add_error("on", _("Vul de datum in waarop de plaatsing eindigde."))
        on = data.get("on")
        if on and on < self.plaatsing.start:
            self.add_error("on", _("De einddatum ligt vóór de startdatum."))
        return data


class EvaluatieForm(forms.ModelForm):
    class Meta:
        model = Evaluatie
        fields = ["datum", "aanwezigheid", "voortgang", "vaardigheden", "oordeel_werkgever"]
        widgets = {
            "datum": DATE,
            "aanwezigheid": forms.RadioSelect,
            "voortgang": forms.RadioSelect,
            "vaardigheden": forms.Textarea(attrs={"rows": 3}),
            "oordeel_werkgever": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, plaatsing=None, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.plaatsing = plaatsing
        self.today = today

    def clean_datum(self):
        datum = self.cleaned_data["datum"]
        if datum < self.plaatsing.start:
            raise forms.ValidationError(_("De evaluatie ligt vóór de start van de plaatsing."))
        if self.today and datum > self.today:
            raise forms.ValidationError(_("Een evaluatie kan niet in de toekomst liggen."))
        return datum


# Which fields belong to which kind of outflow; the others are cleared on save.
UITSTROOM_FIELDS = {
    UitstroomSoort.BETAALD_WERK: ("uren_per_week", "contract", "sector", "werkgever"),
    UitstroomSoort.ONDERWIJS: ("opleiding", "niveau"),
    UitstroomSoort.UIT_BIJSTAND: ("bijstand",),
    UitstroomSoort.VERHUIZING: (),
    UitstroomSoort.EINDE_PLICHT: ("einde_plicht",),
}
UITSTROOM_REQUIRED = {
    "uren_per_week": _("Vul het aantal uren per week in."),
    "contract": _("Kies de soort contract."),
    "opleiding": _("Vul de opleiding in."),
    "niveau": _("Kies het niveau van de opleiding."),
    "bijstand": _("Kies of de bijstand volledig of gedeeltelijk stopt."),
    "einde_plicht": _("Kies waarom de inburgeringsplicht eindigt."),
}


class UitstroomForm(forms.ModelForm):
    class Meta:
        model = Uitstroom
        fields = [
            "soort",
            "datum",
            "uren_per_week",
            "contract",
            "sector",
            "werkgever",
            "opleiding",
            "niveau",
            "bijstand",
            "einde_plicht",
            "toelichting",
        ]
        widgets = {"datum": DATE, "toelichting": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user=None, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["werkgever"].queryset = Werkgever.objects.for_user(user)
        self.fields["werkgever"].help_text = _("Alleen als de werkgever in het register staat.")
        for name, text in (
            ("uren_per_week", _("Verplicht bij betaald werk.")),
            ("contract", _("Verplicht bij betaald werk.")),
            ("opleiding", _("Verplicht bij onderwijs.")),
            ("niveau", _("Verplicht bij onderwijs.")),
            ("bijstand", _("Verplicht bij uit de bijstand.")),
            ("einde_plicht", _("Verplicht bij einde van de inburgeringsplicht.")),
        ):
            self.fields[name].help_text = text

    def clean(self):
        data = super().clean()
        soort = data.get("soort")
        if soort not in UITSTROOM_FIELDS:
            return data
        wanted = UITSTROOM_FIELDS[soort]
        for name in wanted:
            if name in UITSTROOM_REQUIRED and not data.get(name):
                self.add_error(name, UITSTROOM_REQUIRED[name])
        for name in {n for names in UITSTROOM_FIELDS.values() for n in names} - set(wanted):
            data[name] = None if name in ("uren_per_week", "werkgever") else ""
        datum = data.get("datum")
        if datum and self.today and datum > self.today + timedelta(days=92):
            self.add_error("datum", _("Leg uitstroom vast tot hoogstens drie maanden vooruit."))
        return data
