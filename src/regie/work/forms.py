"""Forms of participatie en werk. Dutch labels and errors; the placement rules (status,
capacity) are checked again in services.py."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from regie.core.models import Municipality
from regie.core.roles import PERMISSIONS, Permission
from regie.rules import work as rules
from regie.work.models import Plaatsing, PlaatsingStatus, Plek, Werkgever

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


class PlaatsingForm(forms.ModelForm):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            (PlaatsingStatus.VOORGESTELD.value, PlaatsingStatus.VOORGESTELD.label),
            (PlaatsingStatus.LOPEND.value, PlaatsingStatus.LOPEND.label),
        ],
    )

    class Meta:
        model = Plaatsing
        fields = ["plek", "start", "end", "hours_per_week", "days", "job_coach", "status"]
        widgets = {"start": DATE, "end": DATE}

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
        return data


class PlaatsingStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Nieuwe status"), choices=PlaatsingStatus.choices)
    on = forms.DateField(label=_("Datum"), widget=DATE, required=False)
    reason = forms.CharField(
        label=_("Reden van voortijdig stoppen"), widget=forms.Textarea, required=False
    )

    def __init__(self, *args, plaatsing=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.plaatsing = plaatsing
        allowed = rules.TRANSITIONS[plaatsing.status]
        self.fields["status"].choices = [c for c in PlaatsingStatus.choices if c[0] in allowed]

    def clean(self):
        data = super().clean()
        status = data.get("status")
        if status in rules.NEEDS_REASON and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Geef de reden van voortijdig stoppen."))
        if status in (PlaatsingStatus.AFGEROND, PlaatsingStatus.GESTOPT) and not data.get("on"):
            self.add_error("on", _("Vul de datum in waarop de plaatsing eindigde."))
        on = data.get("on")
        if on and on < self.plaatsing.start:
            self.add_error("on", _("De einddatum ligt vóór de startdatum."))
        return data
