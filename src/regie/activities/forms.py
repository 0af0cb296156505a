"""Forms of the activities app. Errors are Dutch; multiple choices are checkbox groups
(a fieldset with a legend, see includes/field.html)."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.forms import BaseModelFormSet, modelformset_factory
from django.utils.translation import gettext_lazy as _

from regie.activities.models import (
    Activity,
    AttendanceStatus,
    Availability,
    DagdeelStatus,
    Kind,
    MapTraject,
    MapUren,
    PvtDagdeel,
    PvtTraject,
    RouteGroup,
    Session,
    TargetDoelgroep,
    Theme,
)
from regie.core.models import Municipality, Organisation
from regie.people.labels import person_label


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class ActivityForm(forms.ModelForm):
    themes = forms.MultipleChoiceField(
        label=_("Thema's"), choices=Theme.choices, widget=forms.CheckboxSelectMultiple
    )
    routes = forms.MultipleChoiceField(
        label=_("Voor leerroutes en groepen"),
        choices=RouteGroup.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    doelgroepen = forms.MultipleChoiceField(
        label=_("Alleen voor doelgroepen (leeg: iedereen)"),
        choices=TargetDoelgroep.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Activity
        fields = [
            "name",
            "description",
            "themes",
            "routes",
            "doelgroepen",
            "organiser",
            "coordinator_organisation",
            "municipality",
            "location",
            "cost",
            "cost_note",
            "times_per_week",
            "active",
        ]

    def __init__(self, *args, user, kind=Kind.ACTIVITEIT, **kwargs):
        super().__init__(*args, **kwargs)
        from regie.core.access import served_municipality_ids

        served = served_municipality_ids(user)
        self.fields["municipality"].queryset = Municipality.objects.filter(pk__in=served)
        orgs = Organisation.objects.filter(serves__in=served).distinct()
        self.fields["organiser"].queryset = orgs
        self.fields["coordinator_organisation"].queryset = orgs
        self.kind = kind
        self.user = user
        if kind == Kind.TAALLES:
            self.fields["name"].label = _("Naam van de lesgroep")
            self.fields["organiser"].label = _("Aanbieder")
            self.fields["themes"].required = False
            self.fields["themes"].initial = [Theme.TAAL]
            for name in ("cost", "cost_note", "times_per_week"):
                del self.fields[name]
            from regie.core.roles import Role

            if user.has_role(Role.AANBIEDER) and not user.has_role(Role.COORDINATOR):
                # An aanbieder keeps its own timetables only.
                self.fields["organiser"].queryset = orgs.filter(pk=user.organisation_id)
                self.fields["organiser"].initial = user.organisation_id
        if not self.instance.pk and user.organisation_id:
            self.fields["coordinator_organisation"].initial = user.organisation_id
        if "times_per_week" in self.fields:
            self.fields["times_per_week"].required = False

    def clean_times_per_week(self):
        # Left empty: once a week, as most activities.
        return self.cleaned_data.get("times_per_week") or 1

    def save(self, commit=True):
        self.instance.kind = self.kind
        return super().save(commit)


class SessionForm(forms.ModelForm):
    class Meta:
        model = Session
        fields = ["weekday", "start", "end", "capacity", "valid_from", "valid_until"]
        widgets = {
            "start": TimeInput(),
            "end": TimeInput(),
            "valid_from": DateInput(),
            "valid_until": DateInput(),
        }


class EnrolForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Inburgeraar"), queryset=None)
    session = forms.ModelChoiceField(label=_("Sessie"), queryset=None, required=False)
    start_date = forms.DateField(label=_("Vanaf"), widget=DateInput())

    def __init__(self, *args, persons, activity, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = persons
        self.fields["person"].label_from_instance = person_label
        self.activity = activity
        if activity.is_lesson:
            del self.fields["session"]
        else:
            self.fields["session"].queryset = activity.sessions.all()
            self.fields["session"].required = True


class PersonEnrolForm(forms.Form):
    """The klantmanager or begeleider enrols one person in a session of the menukaart,
    together with the person (seed §2.5)."""

    session = forms.ChoiceField(label=_("Activiteit en moment"))
    start_date = forms.DateField(label=_("Vanaf"), widget=DateInput())

    def __init__(self, *args, sessions, taken, **kwargs):
        super().__init__(*args, **kwargs)
        self.sessions = {s.pk: s for s in sessions}
        self.fields["session"].choices = [("", _("Kies een activiteit"))] + [
            (
                s.pk,
                _("%(activity)s, %(day)s %(start)s–%(end)s (%(n)s van %(c)s plaatsen bezet)")
                % {
                    "activity": s.activity.name,
                    "day": s.get_weekday_display(),
                    "start": f"{s.start:%H:%M}",
                    "end": f"{s.end:%H:%M}",
                    "n": taken.get(s.pk, 0),
                    "c": s.capacity,
                },
            )
            for s in sessions
        ]
        self.fields["session"].error_messages["required"] = _("Kies een activiteit.")

    def clean_session(self):
        try:
            return self.sessions[int(self.cleaned_data["session"])]
        except (KeyError, ValueError, TypeError) as error:
            raise forms.ValidationError(_("Kies een activiteit uit de lijst.")) from error


class AvailabilityForm(forms.ModelForm):
    class Meta:
        model = Availability
        fields = ["weekday", "start", "end", "reason"]
        widgets = {"start": TimeInput(), "end": TimeInput()}

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end <= start:
            self.add_error("end", _("De eindtijd moet later zijn dan de begintijd."))
        return data


class BaseAvailabilityFormSet(BaseModelFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        seen = []
        for form in self.forms:
            if not form.cleaned_data or form.cleaned_data.get("DELETE"):
                continue
            data = form.cleaned_data
            for other in seen:
                if (
                    other["weekday"] == data["weekday"]
                    and other["start"] < data["end"]
                    and data["start"] < other["end"]
                ):
                    raise ValidationError(_("Twee blokken op dezelfde dag overlappen."))
            seen.append(data)


AvailabilityFormSet = modelformset_factory(
    Availability,
    form=AvailabilityForm,
    formset=BaseAvailabilityFormSet,
    extra=2,
    can_delete=True,
)


class PlanForm(forms.Form):
    """The planner's choices for one person's proposal, prefilled from the PIP."""

    route = forms.ChoiceField(label=_("Leerroute of groep"), choices=RouteGroup.choices)
    themes = forms.MultipleChoiceField(
        label=_("Thema's uit het PIP"),
        choices=Theme.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    hours_target = forms.DecimalField(
        label=_("Uren per week in totaal (doel en grens)"),
        min_value=Decimal("0.5"),
        max_value=Decimal(40),
        decimal_places=1,
        localize=True,  # "11,5" as a Dutch planner types it
        help_text=_(
            "De lessen en activiteiten waarvoor de inburgeraar al is ingeschreven tellen mee. "
            "Regie plant nooit meer uren dan dit."
        ),
    )
    max_hours_per_day = forms.DecimalField(
        label=_("Hoogstens uren per dag"),
        min_value=Decimal(1),
        max_value=Decimal(10),
        decimal_places=1,
        localize=True,
    )
    valid_from = forms.DateField(
        label=_("Ingangsdatum"),
        widget=DateInput(),
        help_text=_("Het programma geldt vanaf deze dag, elke week."),
    )


class GroupPlanForm(forms.Form):
    persons = forms.ModelMultipleChoiceField(
        label=_("Inburgeraars"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    valid_from = forms.DateField(label=_("Ingangsdatum"), widget=DateInput())

    def __init__(self, *args, persons, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["persons"].queryset = persons
        self.fields["persons"].label_from_instance = person_label


class AddSessionForm(forms.Form):
    session = forms.ModelChoiceField(label=_("Sessie toevoegen"), queryset=None)

    def __init__(self, *args, sessions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = Session.objects.filter(pk__in=[s.pk for s in sessions])
        labels = {s.pk: s for s in sessions}
        self.fields["session"].label_from_instance = lambda s: str(labels.get(s.pk, s))


ATTENDANCE_CHOICES = AttendanceStatus.choices


class PvtForm(forms.ModelForm):
    class Meta:
        model = PvtTraject
        fields = ["signed_on", "duo_reported_on"]
        widgets = {"signed_on": DateInput(), "duo_reported_on": DateInput()}

    def clean(self):
        data = super().clean()
        signed, reported = data.get("signed_on"), data.get("duo_reported_on")
        if reported and not signed:
            self.add_error(
                "duo_reported_on", _("Meld pas aan DUO nadat de verklaring is ondertekend.")
            )
        elif reported and signed and reported < signed:
            self.add_error(
                "duo_reported_on", _("De melding kan niet vóór de ondertekening liggen.")
            )
        return data


class DagdeelForm(forms.ModelForm):
    class Meta:
        model = PvtDagdeel
        fields = ["date", "hours", "topic", "by_municipality", "status"]
        widgets = {"date": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = DagdeelStatus.choices
        self.fields["hours"].min_value = Decimal("0.5")

    def clean(self):
        data = super().clean()
        if data.get("status") == DagdeelStatus.AANWEZIG and not data.get("date"):
            self.add_error("date", _("Vul de datum in van een gevolgd dagdeel."))
        hours = data.get("hours")
        if hours is not None and (hours <= 0 or hours > 8):
            self.add_error("hours", _("Een dagdeel duurt meer dan 0 en hoogstens 8 uur."))
        return data


class MapUrenForm(forms.ModelForm):
    class Meta:
        model = MapUren
        fields = ["date", "hours", "description"]
        widgets = {"date": DateInput()}

    def clean_hours(self):
        hours = self.cleaned_data["hours"]
        if hours > 12:
            raise ValidationError(_("Hoogstens 12 uur per regel."))
        return hours


class MapEindgesprekForm(forms.ModelForm):
    class Meta:
        model = MapTraject
        fields = ["eindgesprek_on", "eindgesprek_notes"]
        widgets = {"eindgesprek_on": DateInput()}
