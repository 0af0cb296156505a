from django import forms
from django.utils.translation import gettext_lazy as _

from regie.core.models import Municipality
from regie.monitoring.queries import Filters, aanbieder_choices
from regie.people.models import Doelgroep
from regie.plans.models import LeerrouteChoice


class FilterForm(forms.Form):
    gemeente = forms.TypedChoiceField(
        label=_("Gemeente"), required=False, coerce=int, empty_value=None
    )
    vanaf = forms.DateField(
        label=_("Kennisgeving vanaf"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    tot = forms.DateField(
        label=_("Kennisgeving tot en met"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    cohort = forms.IntegerField(
        label=_("Cohort (jaar)"), required=False, min_value=2000, max_value=2100
    )
    doelgroep = forms.ChoiceField(
        label=_("Doelgroep"),
        required=False,
        choices=[("", _("Alle doelgroepen")), *Doelgroep.choices],
    )
    leerroute = forms.ChoiceField(
        label=_("Leerroute"),
        required=False,
        choices=[("", _("Alle leerroutes")), *LeerrouteChoice.choices],
    )
    aanbieder = forms.TypedChoiceField(
        label=_("Aanbieder"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, data, municipality_ids, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.municipality_ids = list(municipality_ids)
        munis = Municipality.objects.filter(pk__in=self.municipality_ids).order_by("name")
        self.fields["gemeente"].choices = [("", _("Hele regio"))] + [(m.pk, m.name) for m in munis]
        self.fields["aanbieder"].choices = [("", _("Alle aanbieders"))] + aanbieder_choices(
            self.municipality_ids
        )

    def clean(self):
        data = super().clean()
        if data.get("vanaf") and data.get("tot") and data["vanaf"] > data["tot"]:
            self.add_error("tot", _("De einddatum ligt vóór de begindatum."))
        return data

    def filters(self) -> Filters:
        """The filters to apply; an invalid form filters on the municipalities only."""
        data = self.cleaned_data if self.is_valid() else {}
        ids = self.municipality_ids
        if data.get("gemeente"):
            ids = [data["gemeente"]]
        return Filters(
            municipality_ids=tuple(ids),
            period_from=data.get("vanaf"),
            period_to=data.get("tot"),
            cohort=data.get("cohort"),
            doelgroep=data.get("doelgroep", ""),
            leerroute=data.get("leerroute", ""),
            aanbieder_id=data.get("aanbieder"),
        )
