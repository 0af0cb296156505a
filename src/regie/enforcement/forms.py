"""Forms of handhaving, bezwaar and beroep. They check the shape of the input; the rules
of each step (dates against the decision, amounts against the maximum, the hearing) are in
services.py, whose errors the views put back on these forms."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from regie.core.bekendmaking import BekendmakingWijze
from regie.enforcement.models import (
    Appellant,
    BeroepStage,
    BeroepUitkomst,
    HoorAfzien,
    Instantie,
    Signaalbron,
    Uitkomst,
    VerwijtbaarheidChoice,
    Wijze,
)
from regie.enforcement.states import HoorzittingState
from regie.rules.calendar import is_werkdag

# Every free-text field says whether the person will read it (form says which text appears
# in the letter; internal notes never reach a letter).
IN_BRIEF = _("Deze tekst komt in de brief.")
INTERN = _("Alleen intern, komt niet in de brief.")

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_INPUT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def date_field(label, required=True, help_text="", initial=None):
    return forms.DateField(
        label=label, required=required, widget=DATE_INPUT, help_text=help_text, initial=initial
    )


def text_field(label, required=True, rows=4, help_text="", max_length=4000):
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=help_text,
    )


def apply_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: field errors on their field (when the
    form has it), the rest at the top."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            target = name if name in form.fields else None
            for item in errors:
                form.add_error(target, item.message % item.params if item.params else item.message)
    else:
        for message in error.messages:
            form.add_error(None, message)


class SignaalForm(forms.Form):
    bron = forms.ChoiceField(label=_("Signaal"), choices=Signaalbron.choices)
    signaal_op = date_field(_("Datum van het signaal"), initial=timezone.localdate)
    omschrijving = text_field(
        _("Wat is er gebeurd (interne notitie)"),
        help_text=format_lazy(
            "{} {}",
            INTERN,
            _("Bijvoorbeeld: niet verschenen op de toets van 12 maart, zonder bericht."),
        ),
    )
    vorige_zaak = forms.TypedChoiceField(
        label=_("Eerdere boete (alleen bij een gemiste nadere termijn)"),
        required=False,
        coerce=int,
        empty_value=None,
    )

    def __init__(self, *args, previous=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vorige_zaak"].choices = [("", _("— geen —"))] + [
            (zaak.pk, zaak.kenmerk) for zaak in previous
        ]


def telefoon_field(help_text):
    return forms.CharField(
        label=_("Telefoonnummer"),
        max_length=20,
        help_text=help_text,
        validators=[
            RegexValidator(
                r"^\+?[0-9 ()-]{10,20}$",
                _("Vul een telefoonnummer in, bijvoorbeeld 0543 123 456 of +31 543 123 456."),
            )
        ],
    )


class WaarschuwingForm(forms.Form):
    """The waarschuwing letter: what happened, what to do, where and when, and whom to
    call. For art. 22 (brede intake, leerbaarheidstoets) the new invitation is an
    appointment, so its day, time and place are required."""

    waarschuwing_op = date_field(_("Datum van de waarschuwing"), initial=timezone.localdate)
    dagtekening_reden = text_field(
        _("Reden voor een dagtekening vóór vandaag"),
        required=False,
        rows=2,
        help_text=_("Alleen nodig als het besluit een eerdere datum krijgt dan vandaag."),
    )
    brief_wat_gebeurd = text_field(
        _("Wat is er gebeurd"),
        rows=3,
        max_length=2000,
        help_text=format_lazy(
            "{} {}", IN_BRIEF, _("Schrijf kort en eenvoudig, met 'u'. Geen interne gegevens.")
        ),
    )
    brief_opdracht = text_field(
        _("Wat moet de inburgeraar doen"),
        rows=3,
        max_length=2000,
        help_text=format_lazy(
            "{} {}",
            IN_BRIEF,
            _("Bijvoorbeeld: Kom naar de leerbaarheidstoets. Neem uw identiteitsbewijs mee."),
        ),
    )
    nieuwe_afspraak_op = date_field(
        _("Datum van de nieuwe afspraak"),
        required=False,
        help_text=format_lazy(
            "{} {}", IN_BRIEF, _("De nieuwe uitnodiging, bijvoorbeeld voor de leerbaarheidstoets.")
        ),
    )
    nieuwe_afspraak_tijd = forms.TimeField(
        label=_("Tijd van de nieuwe afspraak"),
        required=False,
        widget=TIME_INPUT,
        help_text=IN_BRIEF,
    )
    afspraak_locatie = forms.CharField(
        label=_("Plaats van de nieuwe afspraak"),
        required=False,
        max_length=300,
        help_text=format_lazy(
            "{} {}", IN_BRIEF, _("Naam van het gebouw, straat en huisnummer, plaats.")
        ),
    )
    nieuwe_termijn_einde = date_field(
        _("Nieuwe termijn tot en met"),
        help_text=format_lazy(
            "{} {}",
            IN_BRIEF,
            _("Wet inburgering 2021 art. 14 lid 1: een nieuwe termijn na de waarschuwing."),
        ),
    )
    contact_naam = forms.CharField(
        label=_("Contactpersoon"),
        max_length=100,
        help_text=format_lazy(
            "{} {}", IN_BRIEF, _("Wie belt de inburgeraar als hij niet kan komen of vragen heeft?")
        ),
    )
    contact_telefoon = telefoon_field(IN_BRIEF)

    def __init__(self, *args, afspraak_verplicht=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.afspraak_verplicht = afspraak_verplicht
        if afspraak_verplicht:
            for name in ("nieuwe_afspraak_op", "nieuwe_afspraak_tijd", "afspraak_locatie"):
                self.fields[name].required = True

    def clean(self):
        data = super().clean()
        afspraak = [
            data.get(name)
            for name in ("nieuwe_afspraak_op", "nieuwe_afspraak_tijd", "afspraak_locatie")
        ]
        if any(afspraak) and not all(afspraak):
            raise ValidationError(
                _(
                    "Vul bij een nieuwe afspraak de datum, de tijd en de plaats in: die staan "
                    "alle drie in de brief."
                )
            )
        # The person must be able to come, and to reach the gemeente on the last day.
        if data.get("nieuwe_afspraak_op") and not is_werkdag(data["nieuwe_afspraak_op"]):
            self.add_error(
                "nieuwe_afspraak_op",
                _("Deze dag is een zaterdag, zondag of feestdag. Kies een werkdag."),
            )
        if data.get("nieuwe_termijn_einde") and not is_werkdag(data["nieuwe_termijn_einde"]):
            self.add_error(
                "nieuwe_termijn_einde",
                _(
                    "Deze dag is een zaterdag, zondag of feestdag. Kies een werkdag, zodat de "
                    "inburgeraar u op de laatste dag kan bereiken."
                ),
            )
        return data


class BoeteForm(forms.Form):
    overtreding_vastgesteld_op = date_field(
        _("Overtreding vastgesteld op"), initial=timezone.localdate
    )
    verwijtbaarheid = forms.ChoiceField(
        label=_("Verwijtbaarheid"),
        required=False,
        choices=[("", _("— kies —"))] + VerwijtbaarheidChoice.choices,
        help_text=_("Alleen bij artikel 23 (Besluit inburgering 2021 art. 7.1 lid 4)."),
    )
    brief_toelichting = text_field(
        _("Toelichting voor de brief"),
        rows=4,
        help_text=format_lazy(
            "{} {}",
            IN_BRIEF,
            _(
                "Waarom krijgt de inburgeraar deze boete? Schrijf kort en eenvoudig, met 'u'. "
                "Geen interne gegevens."
            ),
        ),
    )
    verwijtbaarheid_toelichting = text_field(
        _("Interne notitie over de verwijtbaarheid"),
        help_text=format_lazy(
            "{} {}",
            INTERN,
            _("Waarom is de overtreding de inburgeraar te verwijten, en in welke mate?"),
        ),
    )
    bijstand_verlaagd = forms.BooleanField(
        label=_(
            "De bijstand is al verlaagd voor dezelfde gedraging (Wet inburgering 2021 art. 27)"
        ),
        required=False,
    )
    boetebesluit_op = date_field(_("Dagtekening van het boetebesluit"), initial=timezone.localdate)
    dagtekening_reden = text_field(
        _("Reden voor een dagtekening vóór vandaag"),
        required=False,
        rows=2,
        help_text=_("Alleen nodig als het besluit een eerdere datum krijgt dan vandaag."),
    )
    nadere_termijn_einde = date_field(
        _("Nadere termijn tot en met (alleen artikel 22)"),
        required=False,
        help_text=_("Ten hoogste twee maanden (Wet inburgering 2021 art. 22 lid 2)."),
    )
    bedrag = forms.DecimalField(
        label=_("Bedrag in euro"),
        required=False,
        min_value=0,
        max_digits=8,
        decimal_places=2,
        help_text=_("Leeg laten: het berekende maximum. Lager mag alleen met een reden."),
    )
    matiging_reden = text_field(
        _("Reden voor een lager bedrag"), required=False, rows=2, help_text=IN_BRIEF
    )
    contact_naam = forms.CharField(
        label=_("Contactpersoon voor een betalingsregeling"),
        max_length=100,
        help_text=format_lazy(
            "{} {}",
            IN_BRIEF,
            _("Bij wie vraagt de inburgeraar een betalingsregeling aan of stelt hij vragen?"),
        ),
    )
    contact_telefoon = telefoon_field(IN_BRIEF)


class DatumForm(forms.Form):
    datum = date_field(_("Datum"), initial=timezone.localdate)


class BekendmakingForm(forms.Form):
    """'Verzonden / uitgereikt': the day the besluit was sent or handed over, and how."""

    datum = date_field(_("Verzonden of uitgereikt op"), initial=timezone.localdate)
    wijze = forms.ChoiceField(label=_("Hoe"), choices=BekendmakingWijze.choices)


class AfsluitForm(forms.Form):
    datum = date_field(_("Datum"), initial=timezone.localdate)
    reden = text_field(_("Reden"), rows=3, help_text=INTERN)


class BezwaarForm(forms.Form):
    besluit = forms.ChoiceField(label=_("Besluit waartegen het bezwaar is gericht"))
    ontvangen_op = date_field(_("Ontvangen op"), initial=timezone.localdate)
    wijze = forms.ChoiceField(label=_("Hoe ontvangen"), choices=Wijze.choices)
    ter_post_bezorgd_op = date_field(
        _("Ter post bezorgd op (poststempel)"),
        required=False,
        help_text=_("Alleen bij post: telt voor de tijdigheid (Awb art. 6:9 lid 2)."),
    )
    gronden = text_field(_("Gronden van het bezwaar"), rows=5)
    adviescommissie = forms.BooleanField(
        label=_("Advies van een bezwaarcommissie (beslistermijn 12 weken, Awb art. 7:13)"),
        required=False,
    )

    def __init__(self, *args, besluiten=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["besluit"].choices = [("", _("— kies —"))] + [
            (b.key, b.label) for b in besluiten
        ]


class AdviesForm(forms.Form):
    advies_uitkomst = forms.ChoiceField(
        label=_("Geadviseerde uitkomst"),
        choices=[("", _("— kies —"))]
        + [c for c in Uitkomst.choices if c[0] != Uitkomst.INGETROKKEN],
    )
    advies = text_field(_("Advies aan de jurist"), rows=8, help_text=INTERN)


class HoorzittingForm(forms.Form):
    datum = date_field(_("Datum"))
    tijd = forms.TimeField(label=_("Tijd"), required=False, widget=TIME_INPUT)
    locatie = forms.CharField(label=_("Plaats of link"), required=False, max_length=200)


class HoorverslagForm(forms.Form):
    stand = forms.ChoiceField(
        label=_("Hoe ging het"),
        choices=[
            (HoorzittingState.GEHOUDEN.value, _("Gehouden")),
            (HoorzittingState.NIET_VERSCHENEN.value, _("Niet verschenen")),
            (HoorzittingState.GEANNULEERD.value, _("Geannuleerd")),
        ],
    )
    aanwezigen = forms.CharField(label=_("Aanwezigen"), required=False, max_length=300)
    verslag = text_field(_("Verslag"), required=False, rows=8, help_text=INTERN)


class VerdagingForm(forms.Form):
    weken = forms.IntegerField(
        label=_("Verdagen met (weken)"),
        min_value=1,
        max_value=6,
        help_text=_("Eén keer, ten hoogste zes weken (Awb art. 7:10 lid 3)."),
    )
    reden = text_field(_("Reden"), rows=3)


class BeslissingForm(forms.Form):
    uitkomst = forms.ChoiceField(
        label=_("Uitkomst"),
        choices=[("", _("— kies —"))]
        + [c for c in Uitkomst.choices if c[0] != Uitkomst.INGETROKKEN],
    )
    motivering = text_field(_("Motivering"), rows=8, help_text=IN_BRIEF)
    hoor_afzien_grond = forms.ChoiceField(
        label=_("Afzien van horen (alleen als er niet is gehoord)"),
        required=False,
        choices=[("", _("— niet van toepassing: de inburgeraar is gehoord —"))]
        + HoorAfzien.choices,
    )
    verschoonbaar = forms.BooleanField(
        label=_("De termijnoverschrijding is verschoonbaar (Awb art. 6:11)"), required=False
    )
    verschoonbaar_reden = text_field(_("Waarom verschoonbaar"), required=False, rows=2)
    beslist_op = date_field(_("Datum van de beslissing"), initial=timezone.localdate)
    dagtekening_reden = text_field(
        _("Reden voor een dagtekening vóór vandaag"),
        required=False,
        rows=2,
        help_text=_("Alleen nodig als het besluit een eerdere datum krijgt dan vandaag."),
    )


class BeroepForm(forms.Form):
    instantie = forms.ChoiceField(label=_("Instantie"), choices=Instantie.choices)
    appellant = forms.ChoiceField(label=_("Ingesteld door"), choices=Appellant.choices)
    ingesteld_op = date_field(_("Ingesteld op"))
    zaaknummer = forms.CharField(label=_("Zaaknummer"), required=False, max_length=40)
    beroepschrift_ontvangen_op = date_field(
        _("Beroepschrift van de rechter ontvangen op"),
        required=False,
        help_text=_("Binnen vier weken daarna stuurt het college de stukken (Awb art. 8:42)."),
    )
    hoger_beroep_van = forms.TypedChoiceField(
        label=_("Hoger beroep tegen de uitspraak van"),
        required=False,
        coerce=int,
        empty_value=None,
    )

    def __init__(self, *args, uitspraken=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hoger_beroep_van"].choices = [("", _("— niet van toepassing —"))] + [
            (b.pk, f"{b.get_instantie_display()} {b.zaaknummer}".strip()) for b in uitspraken
        ]


class BeroepUpdateForm(forms.Form):
    stand = forms.ChoiceField(label=_("Stand"), choices=BeroepStage.choices)
    zaaknummer = forms.CharField(label=_("Zaaknummer"), required=False, max_length=40)
    beroepschrift_ontvangen_op = date_field(
        _("Beroepschrift van de rechter ontvangen op"), required=False
    )
    zitting_op = date_field(_("Datum zitting"), required=False)
    uitspraak_op = date_field(_("Datum uitspraak"), required=False)
    uitkomst = forms.ChoiceField(
        label=_("Uitkomst"), required=False, choices=[("", "—")] + BeroepUitkomst.choices
    )
    toelichting = text_field(_("Toelichting"), required=False, rows=3)


class PeriodForm(forms.Form):
    van = date_field(_("Van"))
    tot = date_field(_("Tot en met"))
    gemeente = forms.TypedChoiceField(
        label=_("Gemeente"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, municipalities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].choices = [("", _("Alle gemeenten"))] + [
            (m.pk, m.name) for m in municipalities
        ]

    def clean(self):
        data = super().clean()
        if data.get("van") and data.get("tot") and data["van"] > data["tot"]:
            raise ValidationError(_("De begindatum ligt na de einddatum."))
        return data
