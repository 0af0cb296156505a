"""Forms of the PIP concept (with its goals as a formset) and the voortgangsgesprek. The
checks that need the PIP's history (advice, leerroute change) call services.py."""

from __future__ import annotations

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.forms import inlineformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regie.plans import services
from regie.plans.models import (
    DoelStatus,
    GesprekStatus,
    Levensgebied,
    ParticipatieDoel,
    PIPDoel,
    PIPVersie,
    Voortgangsgesprek,
)
from regie.rules.leerroute import PVT_MIN_UREN

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PIPVersieForm(forms.ModelForm):
    participatie_doelen = forms.MultipleChoiceField(
        label=_("Doelen participatie"),
        choices=ParticipatieDoel.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = PIPVersie
        fields = [
            "leerroute",
            "route_toelichting",
            "aanbieder",
            "duur_maanden",
            "lesuren_per_week",
            "intensiteit_toelichting",
            "pvt_afspraken",
            "map_afspraken",
            "knm_afspraken",
            "pvt_uren",
            "map_uren",
            "randvoorwaarden",
            "ondersteuning",
            "aantal_voortgangsgesprekken",
            "voortgang_frequentie_weken",
            "voortgang_afspraken",
            "participatie_doelen",
            "participatie_uren_per_week",
            "participatie_toelichting",
            "bijstand",
            "participatiewet",
            "tegenprestatie",
            "arbeidsverplichtingen",
            "financiele_ontzorging",
            "wijzigingsreden",
            "bijzonder_geval",
            "afwijking_beleidsregel",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in (
                "route_toelichting",
                "intensiteit_toelichting",
                "pvt_afspraken",
                "map_afspraken",
                "knm_afspraken",
                "randvoorwaarden",
                "ondersteuning",
                "voortgang_afspraken",
                "participatiewet",
                "participatie_toelichting",
                "wijzigingsreden",
                "afwijking_beleidsregel",
            )
        }

    def __init__(self, *args, person, advice, has_vastgesteld: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        self.advice = advice
        self.has_vastgesteld = has_vastgesteld
        self.fields["aanbieder"].queryset = services.contracted_aanbieders(person)
        self.fields["aanbieder"].empty_label = _("— kies de aanbieder —")
        self.fields["leerroute"].choices = [("", _("— kies een leerroute —"))] + list(
            self.fields["leerroute"].choices
        )[1:]
        self.fields["duur_maanden"].validators += [MinValueValidator(1), MaxValueValidator(60)]
        self.fields["duur_maanden"].widget.attrs.update(min=1, max=60)
        self.fields["lesuren_per_week"].validators += [MinValueValidator(0), MaxValueValidator(40)]
        self.fields["voortgang_frequentie_weken"].validators += [
            MinValueValidator(1),
            MaxValueValidator(52),
        ]
        self.fields["aantal_voortgangsgesprekken"].validators += [
            MinValueValidator(1),
            MaxValueValidator(100),
        ]
        self.fields["participatie_uren_per_week"].validators += [MaxValueValidator(40)]
        self.fields["pvt_uren"].validators += [MaxValueValidator(500)]
        self.fields["map_uren"].validators += [MaxValueValidator(500)]
        self.positie = person.rechtspositie
        if self.positie.zelfbetaler:
            # Wi 2021 art. 19: the person arranges and pays the leerroute; the college
            # neither picks an aanbieder nor sets lesson hours (art. 15 lid 2, 16 lid 1).
            for name in ("aanbieder", "duur_maanden", "lesuren_per_week"):
                del self.fields[name]
            self.fields["intensiteit_toelichting"].help_text = _(
                "Deze inburgeraar regelt en betaalt de leerroute zelf (Wet inburgering 2021 "
                "art. 19): de gemeente kiest geen aanbieder en stelt geen lesuren vast. Noteer "
                "hier eventueel wat de inburgeraar zelf heeft geregeld."
            )
        if self.instance.bijstand:
            self.fields["participatiewet"].help_text = _(
                "Verplicht: de inburgeraar ontvangt bijstand. Bijvoorbeeld re-integratie en "
                "de arbeidsverplichtingen."
            )
        if not has_vastgesteld:
            # A first PIP has no previous version to explain or change from.
            del self.fields["wijzigingsreden"]
            del self.fields["bijzonder_geval"]
            del self.fields["afwijking_beleidsregel"]

    fieldsets_spec = (
        (_("Leerroute"), ("leerroute", "route_toelichting", "aanbieder")),
        (
            _("Duur en intensiteit"),
            ("duur_maanden", "lesuren_per_week", "intensiteit_toelichting"),
        ),
        (
            _("PVT, MAP en KNM"),
            ("pvt_uren", "pvt_afspraken", "map_uren", "map_afspraken", "knm_afspraken"),
        ),
        (_("Randvoorwaarden en ondersteuning"), ("randvoorwaarden", "ondersteuning")),
        (
            _("Voortgang"),
            ("aantal_voortgangsgesprekken", "voortgang_frequentie_weken", "voortgang_afspraken"),
        ),
        (
            _("Duaal traject: participatie en werk"),
            ("participatie_doelen", "participatie_uren_per_week", "participatie_toelichting"),
        ),
        (
            _("Participatiewet (bijstand)"),
            (
                "bijstand",
                "participatiewet",
                "tegenprestatie",
                "arbeidsverplichtingen",
                "financiele_ontzorging",
            ),
        ),
        (
            _("Wijziging van het PIP"),
            ("wijzigingsreden", "bijzonder_geval", "afwijking_beleidsregel"),
        ),
    )

    def fieldsets(self):
        for legend, names in self.fieldsets_spec:
            fields = [self[name] for name in names if name in self.fields]
            if fields:
                yield legend, fields

    def clean(self):
        data = super().clean()
        if ParticipatieDoel.PLAATSING in (data.get("participatie_doelen") or []) and not data.get(
            "participatie_uren_per_week"
        ):
            self.add_error(
                "participatie_uren_per_week",
                _("Vul in hoeveel uur per week de werkplek of het vrijwilligerswerk moet zijn."),
            )
        route = data.get("leerroute") or ""
        reasons = (data.get("route_toelichting") or "").strip()
        if route and not reasons and services.deviates_from_advice(route, self.advice):
            self.add_error("route_toelichting", services.deviation_message(self.advice))
        no_map = _("In de onderwijsroute is er geen MAP (Wet inburgering 2021 art. 8 lid 3).")
        if route == "onderwijs" and (data.get("map_afspraken") or "").strip():
            self.add_error("map_afspraken", no_map)
        if route == "onderwijs" and data.get("map_uren"):
            self.add_error("map_uren", no_map)
        pvt_uren = data.get("pvt_uren")
        if pvt_uren is not None and pvt_uren < PVT_MIN_UREN:
            self.add_error("pvt_uren", services.pvt_too_short())
        if self.positie.zelfbetaler:
            self.instance.aanbieder = None
            self.instance.duur_maanden = None
            self.instance.lesuren_per_week = None
        if data.get("bijstand") and not (data.get("participatiewet") or "").strip():
            self.add_error("participatiewet", _("Beschrijf de onderdelen van de Participatiewet."))
        if data.get("financiele_ontzorging"):
            if not data.get("bijstand"):
                self.add_error(
                    "financiele_ontzorging",
                    _("Financiële ontzorging hoort bij een bijstandsuitkering."),
                )
            elif not self.positie.ontzorging:
                self.add_error("financiele_ontzorging", services.NO_ONTZORGING)
        if self.has_vastgesteld:
            change_reason = (data.get("wijzigingsreden") or "").strip()
            if not change_reason:
                self.add_error("wijzigingsreden", _("Geef aan waarom het PIP wordt gewijzigd."))
            pip = self.instance.pip
            current = services.current_versie(pip)
            if route and current and route != current.leerroute:
                allowed, why = services.route_change_check(
                    self.person,
                    pip,
                    route,
                    timezone.localdate(),
                    bool(data.get("bijzonder_geval")),
                    afwijking_beleidsregel=bool((data.get("afwijking_beleidsregel") or "").strip()),
                )
                if not allowed:
                    self.add_error("leerroute", why)
                elif not reasons:
                    self.add_error(
                        "route_toelichting",
                        _("Een nieuwe leerroute moet worden gemotiveerd."),
                    )
        return data


class VaststellenForm(forms.Form):
    """The dagtekening of the beschikking: today, or an earlier day with a reason."""

    dagtekening = forms.DateField(label=_("Dagtekening"), widget=DATE_INPUT)
    dagtekening_reden = forms.CharField(
        label=_("Reden voor een dagtekening vóór vandaag"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Alleen nodig als het besluit een eerdere datum krijgt dan vandaag."),
    )

    def clean(self):
        from regie.core.bekendmaking import dagtekening_errors

        data = super().clean()
        if data.get("dagtekening"):
            for error in dagtekening_errors(
                data["dagtekening"], data.get("dagtekening_reden") or ""
            ):
                self.add_error("dagtekening_reden", error)
        return data


class BekendmakingForm(forms.Form):
    """'Verzonden / uitgereikt': the day the besluit was sent or handed over, and how."""

    bekendgemaakt_op = forms.DateField(
        label=_("Verzonden of uitgereikt op"),
        widget=DATE_INPUT,
        help_text=_("De bezwaartermijn begint de dag daarna (Awb art. 6:8)."),
    )
    wijze = forms.ChoiceField(label=_("Hoe"), choices=())

    def __init__(self, *args, **kwargs):
        from regie.core.bekendmaking import BekendmakingWijze

        super().__init__(*args, **kwargs)
        self.fields["wijze"].choices = BekendmakingWijze.choices


class RowTextarea(forms.Textarea):
    """A textarea of a formset row without the HTML 'required' attribute: the row may stay
    empty (it is skipped), so an empty row must not look invalid before anything is typed;
    a used row without text gets the form's own error."""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].pop("required", None)
        return context


class PIPDoelForm(forms.ModelForm):
    class Meta:
        model = PIPDoel
        fields = ["levensgebied", "omschrijving", "wie", "streefdatum", "status"]
        widgets = {
            "omschrijving": RowTextarea(attrs={"rows": 2}),
            "streefdatum": DATE_INPUT,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["levensgebied"].choices = [("", _("— kies —"))] + list(
            self.fields["levensgebied"].choices
        )[1:]
        # Without a 'wie' the usual partners of the levensgebied are filled in.
        self.fields["wie"].required = False
        self.fields["wie"].help_text = ""
        self.fields["omschrijving"].error_messages["required"] = _(
            "Beschrijf het doel, of maak de hele regel leeg."
        )

    def clean(self):
        data = super().clean()
        gebied = data.get("levensgebied")
        if not (data.get("wie") or "").strip() and gebied in services.GOAL_WHO:
            data["wie"] = str(services.GOAL_WHO[gebied])
            self.instance.wie = data["wie"]
        return data

    def has_changed(self) -> bool:
        """A new row counts when it has a goal text or a streefdatum, also when that text
        is the unchanged proposal from the intake; a row without either is skipped (the
        proposed levensgebied and 'wie' alone do not make a goal)."""
        if self.instance.pk is not None or not self.is_bound:
            return super().has_changed()
        text = (self.data.get(self.add_prefix("omschrijving")) or "").strip()
        day = (self.data.get(self.add_prefix("streefdatum")) or "").strip()
        return bool(text or day)

    def gebied_label(self) -> str:
        """The levensgebied of this row as a label, for the row's legend."""
        value = self["levensgebied"].value()
        return str(Levensgebied(value).label) if value in Levensgebied.values else ""


def doel_formset(extra: int):
    return inlineformset_factory(
        PIPVersie,
        PIPDoel,
        form=PIPDoelForm,
        extra=extra,
        can_delete=True,
        can_delete_extra=False,
        max_num=40,
        validate_max=True,
    )


class GesprekForm(forms.ModelForm):
    volgend_gesprek = forms.DateField(
        label=_("volgend gesprek plannen op"),
        required=False,
        widget=DATE_INPUT,
        help_text=_("Voorgesteld volgens de frequentie in het PIP; u kunt de datum aanpassen."),
    )

    class Meta:
        model = Voortgangsgesprek
        fields = ["status", "datum", "deelnemers", "verslag", "plan_wijzigingen"]
        widgets = {
            "datum": DATE_INPUT,
            "verslag": forms.Textarea(attrs={"rows": 6}),
            "plan_wijzigingen": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self):
        data = super().clean()
        status = data.get("status")
        day = data.get("datum")
        today = timezone.localdate()
        if status == GesprekStatus.GEHOUDEN:
            if day and day > today:
                self.add_error("datum", _("Een gehouden gesprek kan niet in de toekomst liggen."))
            if not (data.get("verslag") or "").strip():
                self.add_error("verslag", _("Schrijf een verslag van het gesprek."))
            if not (data.get("deelnemers") or "").strip():
                self.add_error("deelnemers", _("Vul in wie aan het gesprek deelnamen."))
            following = data.get("volgend_gesprek")
            if following and day and following <= day:
                self.add_error("volgend_gesprek", _("Het volgende gesprek ligt na dit gesprek."))
        return data


class DoelVoortgangForm(forms.Form):
    status = forms.ChoiceField(
        label=_("stand"),
        choices=[("", _("— niet besproken —"))] + list(DoelStatus.choices),
        required=False,
    )
    toelichting = forms.CharField(
        label=_("toelichting"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, doel: PIPDoel, **kwargs):
        super().__init__(*args, **kwargs)
        self.doel = doel
        self.fields["status"].label = _("Stand van: %(doel)s") % {"doel": doel.omschrijving[:80]}
