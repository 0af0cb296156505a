"""Forms of the ontzorging, payment runs, money training, budget and forecast. Field
checks (IBAN, positive amounts, dates) live here; checks across records (overlapping
items, four eyes, idempotency) in services.py."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from django import forms
from django.db import models
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from schwifty.exceptions import SchwiftyException

from regie.core.localrules import local_value
from regie.finance.models import (
    LEERROUTE_LABELS,
    BetaalPost,
    Betaalrekening,
    Contract,
    ContractSoort,
    Crediteur,
    DeelnameStatus,
    Financiering,
    FundingAllocation,
    Geldtraining,
    GeldtrainingDeelname,
    Ontzorging,
    PostSoort,
    Scenario,
    Verlenging,
    bic_problem,
    normalise_iban,
)
from regie.finance.templatetags.finance import euro
from regie.rules.deadlines import add_months
from regie.rules.figures import figure
from regie.rules.leerroute import Leerroute
from regie.rules.ontzorging import month_start

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+$")  # 1.912 or 12.345.678 (Dutch thousands)


def parse_money(text: str) -> Decimal:
    """An amount as people type it in the Netherlands: "1.912,50", "1912,50", "1912.50",
    "€ 1.912", "1912" all mean what they say. A comma is the decimal separator, a point
    groups thousands — unless the point is the only separator and is not followed by
    exactly three digits ("1912.50", "12.5"), as a number pasted from elsewhere.
    Raises ValueError for anything else ("1,2,3", "1.91.2", "12a")."""
    value = text.strip().replace("€", "").replace("\u00a0", "").replace(" ", "")
    value = value.removeprefix("EUR").removesuffix(",-").removesuffix(",--")
    sign = ""
    if value[:1] in ("-", "\u2212"):
        sign, value = "-", value[1:]
    if not value or not re.fullmatch(r"[0-9.,]+", value):
        raise ValueError(text)
    if "," in value:
        whole, _sep, cents = value.rpartition(",")
        if "," in whole or not cents.isdigit():
            raise ValueError(text)
        if "." in whole and not _GROUPED.match(whole):
            raise ValueError(text)
        number = f"{whole.replace('.', '')}.{cents}"
    elif value.count(".") > 1 or _GROUPED.match(value):
        if not _GROUPED.match(value):
            raise ValueError(text)
        number = value.replace(".", "")
    else:
        number = value
    if not number.strip(".") or number.startswith(".") or number.endswith("."):
        raise ValueError(text)
    try:
        return Decimal(sign + number)
    except InvalidOperation:
        raise ValueError(text) from None


def money_text(value) -> str:
    """A Decimal as it goes back into a money field: "1912,50" (no grouping, easy to
    edit, parsed back by :func:`parse_money`)."""
    return f"{Decimal(value):.2f}".replace(".", ",")


class MoneyInput(forms.TextInput):
    def __init__(self, attrs=None):
        super().__init__({"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
            return money_text(value)
        return super().format_value(value)


class MoneyField(forms.DecimalField):
    """One field for every amount of money: accepts Dutch input ("1.912,50", "1912,50")
    and "1912.50", rounds to cents, and explains errors in Dutch."""

    widget = MoneyInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_digits", 12)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("localize", False)
        super().__init__(*args, **kwargs)
        self.error_messages.update(
            {
                "invalid": _("Vul een bedrag in euro's in, bijvoorbeeld 1.912,50 of 1912,50."),
                "max_decimal_places": _("Een bedrag heeft hoogstens twee cijfers achter de komma."),
                "max_digits": _("Dit bedrag is te groot."),
                "max_whole_digits": _("Dit bedrag is te groot."),
                "min_value": _("Het bedrag moet groter zijn dan nul."),
            }
        )

    def widget_attrs(self, widget):
        # No number-input attributes (step, min, max): the field takes text.
        return forms.Field.widget_attrs(self, widget)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal):
            return value
        try:
            return parse_money(str(value))
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


def money_formfield(db_field, **kwargs):
    """ModelForm hook: every DecimalField of a finance model becomes a MoneyField."""
    if isinstance(db_field, models.DecimalField):
        return db_field.formfield(form_class=MoneyField, **kwargs)
    return db_field.formfield(**kwargs)


class ConfirmAmountMixin:
    """Above a plausible bound (a local figure) the form asks for confirmation: a
    checkbox "Ik heb het bedrag gecontroleerd" appears with a Dutch message, and the
    amount is saved only once it is ticked. ``amount_bounds`` maps a field to the name
    of its figure in regie.rules.figures; pass ``municipality`` for the local value."""

    amount_bounds: dict[str, str] = {}
    CONFIRM = "bedrag_gecontroleerd"

    def setup_bounds(self, municipality) -> None:
        self._bounds = {
            name: (figure, local_value(municipality, figure))
            for name, figure in self.amount_bounds.items()
            if name in self.fields
        }
        above = [name for name in self._bounds if self.is_bound and self._above(name)]
        if above:
            # Right below the amount, where the message about it is.
            confirm = forms.BooleanField(label=_("Ik heb het bedrag gecontroleerd"), required=False)
            fields = {}
            for name, field in self.fields.items():
                fields[name] = field
                if name == above[0]:
                    fields[self.CONFIRM] = confirm
            self.fields = fields

    def _above(self, name) -> bool:
        raw = self.data.get(self.add_prefix(name), "")
        try:
            amount = parse_money(str(raw))
        except ValueError:
            return False
        return amount > self._bounds[name][1]

    def clean(self):
        data = super().clean()
        self.check_bounds(data)
        return data

    def check_bounds(self, data) -> None:
        if data.get(self.CONFIRM):
            return
        for name, (figure_name, bound) in self._bounds.items():
            amount = data.get(name)
            if amount is not None and amount > bound:
                self.add_error(
                    name,
                    _(
                        "%(bedrag)s is meer dan %(grens)s %(eenheid)s, de grens die uw gemeente "
                        "voor een plausibel bedrag hanteert (lokaal beleid). Klopt het bedrag? "
                        "Vink dan 'Ik heb het bedrag gecontroleerd' aan en sla opnieuw op."
                    )
                    % {
                        "bedrag": euro(amount),
                        "grens": euro(bound),
                        "eenheid": figure(figure_name).unit.removeprefix("euro "),
                    },
                )


class IbanCleanMixin:
    def clean_iban(self):
        value = self.cleaned_data.get("iban", "")
        try:
            return normalise_iban(value)
        except SchwiftyException:
            return value  # the model validator reports it

    def clean_bic(self):
        return (self.cleaned_data.get("bic") or "").replace(" ", "").upper()


class OntzorgingForm(ConfirmAmountMixin, forms.ModelForm):
    uitkering = MoneyField(
        label=_("netto uitkering per maand"), max_digits=9, min_value=Decimal("0.01")
    )
    amount_bounds = {"uitkering": "uitkering_plausibel_max"}

    class Meta:
        model = Ontzorging
        fields = ["beschikking_datum", "beschikking_kenmerk", "machtiging_datum", "start_date"]
        widgets = {
            "beschikking_datum": DATE_INPUT,
            "machtiging_datum": DATE_INPUT,
            "start_date": DATE_INPUT,
        }

    def __init__(self, *args, municipality=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # Start, end and benefit change only through their own dated steps.
            del self.fields["start_date"]
            del self.fields["uitkering"]
        self.setup_bounds(municipality)


class VerlengingForm(forms.Form):
    nieuwe_einde = forms.DateField(label=_("nieuwe einddatum"), widget=DATE_INPUT)
    grondslag = forms.ChoiceField(
        label=_("grondslag"),
        choices=Verlenging._meta.get_field("grondslag").choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Na de zes maanden van artikel 56a Participatiewet kan de gemeente alleen "
            "doorgaan met een besluit op grond van artikel 57 Participatiewet of met "
            "toestemming van de inburgeraar voor vrijwillig budgetbeheer."
        ),
    )
    grondslag_op = forms.DateField(
        label=_("datum van het besluit of de toestemming"), widget=DATE_INPUT
    )
    kenmerk = forms.CharField(
        label=_("kenmerk van het besluit"),
        max_length=60,
        required=False,
        help_text=_("Bij een besluit: het kenmerk uit het zaaksysteem."),
    )
    reden = forms.CharField(
        label=_("reden van de verlenging"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Lokaal beleid: verlengen kan tot de inburgeraar zelfredzaam is."),
    )


class UitkeringForm(ConfirmAmountMixin, forms.Form):
    bedrag = MoneyField(
        label=_("netto uitkering per maand"), max_digits=9, min_value=Decimal("0.01")
    )
    geldig_vanaf = forms.DateField(label=_("geldig vanaf"), widget=DATE_INPUT)
    toelichting = forms.CharField(label=_("toelichting"), max_length=200, required=False)
    amount_bounds = {"bedrag": "uitkering_plausibel_max"}

    def __init__(self, *args, municipality=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_bounds(municipality)


class UitkeringCorrectieForm(ConfirmAmountMixin, forms.Form):
    nieuw_bedrag = MoneyField(
        label=_("juiste bedrag per maand"), max_digits=9, min_value=Decimal("0.01")
    )
    reden = forms.CharField(
        label=_("reden van de correctie"),
        max_length=300,
        help_text=_("Bijvoorbeeld: tikfout, het bedrag op de beschikking is 1.912,50."),
    )
    amount_bounds = {"nieuw_bedrag": "uitkering_plausibel_max"}

    def __init__(self, *args, municipality=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_bounds(municipality)


def soorten_for(municipality):
    return PostSoort.objects.filter(
        Q(municipality__isnull=True) | Q(municipality=municipality), actief=True
    )


def creditors_for(municipality):
    """The active creditors of the register a post of ``municipality`` may pick: its own
    and the shared ones."""
    return Crediteur.objects.filter(
        Q(municipality__isnull=True) | Q(municipality=municipality), actief=True
    ).order_by("soort", "naam")


class CrediteurForm(IbanCleanMixin, forms.ModelForm):
    gedeeld = forms.BooleanField(
        label=_("voor alle gemeenten (gedeeld register)"),
        required=False,
        help_text=_("Bijvoorbeeld een landelijke zorgverzekeraar."),
    )

    class Meta:
        model = Crediteur
        fields = ["soort", "naam", "iban", "bic", "actief"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gedeeld"].initial = self.instance.pk and self.instance.municipality_id is None

    def clean(self):
        data = super().clean()
        problem = bic_problem(data.get("iban", ""), data.get("bic", ""))
        if problem:
            self.add_error("bic", problem)
        return data


class BetaalPostForm(IbanCleanMixin, ConfirmAmountMixin, forms.ModelForm):
    amount_bounds = {"bedrag": "vaste_last_plausibel_max"}

    class Meta:
        model = BetaalPost
        fields = [
            "soort",
            "register",
            "crediteur",
            "iban",
            "bic",
            "bedrag",
            "frequentie",
            "kenmerk",
            "geldig_vanaf",
            "geldig_tot",
        ]
        widgets = {
            "geldig_vanaf": DATE_INPUT,
            "geldig_tot": DATE_INPUT,
        }
        formfield_callback = money_formfield

    def __init__(self, *args, municipality=None, change=False, correct=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["soort"].queryset = soorten_for(municipality)
        if correct:
            del self.fields["soort"]
            del self.fields["geldig_vanaf"]
            del self.fields["geldig_tot"]
            self.fields["reden"] = forms.CharField(
                label=_("reden van de correctie"),
                max_length=300,
                help_text=_("Bijvoorbeeld: IBAN verkeerd overgenomen van het huurcontract."),
            )
        register = self.fields["register"]
        register.queryset = creditors_for(municipality)
        register.empty_label = _("— eenmalige crediteur: vul naam, IBAN en BIC hieronder in —")
        register.label_from_instance = lambda c: f"{c.naam} ({c.get_soort_display()}) – {c.iban}"
        register.help_text = _(
            "Kies de crediteur uit het crediteurenregister; naam, IBAN en BIC komen dan uit "
            "het register. Staat hij er niet in, vul hem dan hieronder eenmalig in."
        )
        for name in ("crediteur", "iban"):
            self.fields[name].required = False
            self.fields[name].help_text = ""
        self.fields["bic"].help_text = _("Alleen nodig bij een buitenlands IBAN.")
        if change:
            del self.fields["soort"]
            del self.fields["geldig_tot"]
            self.fields["geldig_vanaf"].label = _("wijziging gaat in op")
            self.fields["geldig_vanaf"].help_text = _("De eerste dag van een maand.")

        self.setup_bounds(municipality)

    def clean(self):
        data = super().clean()
        start, until = data.get("geldig_vanaf"), data.get("geldig_tot")
        if start and until and until < start:
            self.add_error("geldig_tot", _("De einddatum ligt vóór de begindatum."))
        creditor = data.get("register")
        if creditor is not None:
            data["crediteur"], data["iban"], data["bic"] = (
                creditor.naam,
                creditor.iban,
                creditor.bic,
            )
            for name in ("crediteur", "iban", "bic"):
                setattr(self.instance, name, data[name])
                self.errors.pop(name, None)
        else:
            if not data.get("crediteur") and "crediteur" not in self.errors:
                self.add_error(
                    "crediteur", _("Kies een crediteur uit het register of vul de naam in.")
                )
            if not data.get("iban") and "iban" not in self.errors:
                self.add_error("iban", _("Vul het IBAN van de crediteur in."))
            problem = bic_problem(data.get("iban", ""), data.get("bic", ""))
            if problem:
                self.add_error("bic", problem)
        return data


class PostEndForm(forms.Form):
    geldig_tot = forms.DateField(label=_("laatste dag van de post"), widget=DATE_INPUT)


class AfbouwForm(forms.ModelForm):
    overdragen = forms.BooleanField(
        label=_("de inburgeraar beheert vanaf de overdrachtsdatum zelf zijn geld"), required=False
    )
    overdracht_datum = forms.DateField(
        label=_("datum van de overdracht"), widget=DATE_INPUT, required=False
    )

    class Meta:
        model = Ontzorging
        fields = [*Ontzorging.CHECKLIST, "overdracht_toelichting"]
        widgets = {"overdracht_toelichting": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        data = super().clean()
        if data.get("overdragen") and not data.get("overdracht_datum"):
            self.add_error("overdracht_datum", _("Vul de datum van de overdracht in."))
        return data


class DeelnameForm(forms.ModelForm):
    class Meta:
        model = GeldtrainingDeelname
        fields = [
            "training",
            "status",
            "aanwezig",
            "eigen_administratie",
            "afgerond_op",
            "individuele_hulp",
            "toelichting",
        ]
        widgets = {"afgerond_op": DATE_INPUT, "toelichting": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, municipality=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["training"].queryset = Geldtraining.objects.filter(municipality=municipality)
        if self.instance.pk:
            self.fields["training"].disabled = True

    def clean(self):
        data = super().clean()
        training = data.get("training")
        attended = data.get("aanwezig")
        if training and attended is not None and attended > training.bijeenkomsten:
            self.add_error(
                "aanwezig",
                _("De groep heeft maar %(n)s bijeenkomsten.") % {"n": training.bijeenkomsten},
            )
        status, done_on = data.get("status"), data.get("afgerond_op")
        if status == DeelnameStatus.AFGEROND and not done_on:
            self.add_error("afgerond_op", _("Vul in wanneer de training is afgerond."))
        if done_on and status != DeelnameStatus.AFGEROND:
            self.add_error("afgerond_op", _("Alleen invullen als de training is afgerond."))
        return data


def month_choices(today: date, back: int = 12, ahead: int = 2) -> list[tuple[str, str]]:
    first = month_start(today)
    months = [add_months(first, offset) for offset in range(-back, ahead + 1)]
    return [(f"{m:%Y-%m}", date_format(m, "F Y")) for m in months]


class RunCreateForm(forms.Form):
    gemeente = forms.ModelChoiceField(label=_("gemeente"), queryset=None, empty_label=None)
    maand = forms.ChoiceField(label=_("maand"))

    def __init__(self, *args, municipalities, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = municipalities
        self.fields["maand"].choices = month_choices(today)
        self.fields["maand"].initial = self.initial.get("maand") or f"{month_start(today):%Y-%m}"

    def clean_maand(self):
        year, month = self.cleaned_data["maand"].split("-")
        return date(int(year), int(month), 1)


class GeldtrainingForm(forms.ModelForm):
    class Meta:
        model = Geldtraining
        fields = ["municipality", "naam", "uitvoerder", "startdatum", "bijeenkomsten"]
        widgets = {"startdatum": DATE_INPUT}

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities
        self.fields["municipality"].empty_label = None


class CancelForm(forms.Form):
    reden = forms.CharField(label=_("reden van de annulering"), max_length=300)


class FinancieringForm(forms.ModelForm):
    class Meta:
        model = Financiering
        fields = ["jaar", "soort", "bedrag", "omschrijving"]
        formfield_callback = money_formfield


class FundingAllocationForm(forms.ModelForm):
    """Part of a funding stream for one activity of the municipalities the user serves."""

    class Meta:
        model = FundingAllocation
        fields = ["activity", "amount", "note"]
        formfield_callback = money_formfield

    def __init__(self, *args, activities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity"].queryset = activities
        self.fields["activity"].label_from_instance = lambda a: f"{a.name} ({a.municipality})"

    def clean_activity(self):
        activity = self.cleaned_data["activity"]
        taken = FundingAllocation.objects.filter(
            funding=self.instance.funding_id, activity=activity
        ).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(
                _(
                    "Deze activiteit heeft al een toewijzing uit deze financieringsbron; pas "
                    "die aan."
                )
            )
        return activity


LEERROUTE_CHOICES = [
    ("", "—"),
    *((route.value, LEERROUTE_LABELS[route.value]) for route in Leerroute),
]


class ContractForm(forms.ModelForm):
    leerroute = forms.ChoiceField(label=_("leerroute"), choices=LEERROUTE_CHOICES, required=False)

    class Meta:
        model = Contract
        fields = [
            "jaar",
            "partij",
            "organisatie",
            "soort",
            "ten_laste_van",
            "bedrag",
            "leerroute",
            "prijs_per_traject",
            "gerealiseerd",
            "toelichting",
        ]
        formfield_callback = money_formfield

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["organisatie"].queryset = organisations
        self.fields["bedrag"].help_text = _("Voor alles behalve een leerroute.")
        self.fields["prijs_per_traject"].help_text = _("Alleen voor een leerroute.")
        self.fields["soort"].help_text = _(
            "%(leerroute)s: de verplichting volgt uit het aantal gestarte trajecten."
        ) % {"leerroute": ContractSoort.LEERROUTE.label}


class ScenarioForm(forms.ModelForm):
    class Meta:
        model = Scenario
        fields = [
            "naam",
            "prijsjaar",
            "eerste_jaar",
            "aantal_jaren",
            "instroom",
            "instroom_factor_pct",
            "aandeel_onderwijs_pct",
            "aandeel_b1_pct",
            "aandeel_z_pct",
            "volgorde",
        ]


class BetaalrekeningForm(IbanCleanMixin, forms.ModelForm):
    class Meta:
        model = Betaalrekening
        fields = ["naam", "iban", "bic"]


class PostSoortForm(forms.ModelForm):
    class Meta:
        model = PostSoort
        fields = ["naam", "volgorde"]
