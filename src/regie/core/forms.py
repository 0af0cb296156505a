"""Forms of the platform: login, the second step, users and municipality rules."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from regie.core.models import Municipality, Team, User
from regie.core.roles import Role


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "De combinatie van gebruikersnaam en wachtwoord is onjuist. Na herhaalde "
            "mislukte pogingen wordt inloggen tijdelijk geblokkeerd."
        ),
        "inactive": _("Dit account is niet actief."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Gebruikersnaam")
        self.fields["password"].label = _("Wachtwoord")


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code uit uw authenticator-app"),
        min_length=6,
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class UserForm(forms.ModelForm):
    roles = forms.MultipleChoiceField(
        label=_("Rollen"), choices=Role.choices, widget=forms.CheckboxSelectMultiple
    )
    password = forms.CharField(
        label=_("Nieuw wachtwoord"),
        required=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text=_("Ten minste 12 tekens. Leeg laten om het wachtwoord niet te wijzigen."),
    )

    class Meta:
        model = User
        fields = [
            "username",
            "first_name",
            "last_name",
            "email",
            "organisation",
            "team",
            "is_active",
            "is_certified_toetsbegeleider",
            "is_senior",
        ]

    def __init__(self, *args, organisations, editor=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.editor = editor
        # The account's organisation before this change: an account that already reaches
        # another municipality is not the editor's to change either (issue 17, H1).
        self.original_organisation = self.instance.organisation if self.instance.pk else None
        self.fields["organisation"].queryset = organisations
        if editor is not None and self.instance.pk == editor.pk:
            # Nobody changes their own roles, organisation or active state: another
            # beheerder must do that (no self-escalation; docs/security.md).
            for name in ("roles", "organisation", "team", "is_active"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _(
                    "Uw eigen rollen en organisatie wijzigt een andere beheerder."
                )
        self.fields["organisation"].required = True
        self.fields["team"].queryset = Team.objects.filter(organisation__in=organisations)
        if self.instance.pk:
            self.fields["roles"].initial = sorted(self.instance.roles)
        else:
            self.fields["password"].required = True

    def clean(self):
        cleaned = super().clean()
        team, organisation = cleaned.get("team"), cleaned.get("organisation")
        if team and organisation and team.organisation_id != organisation.id:
            self.add_error("team", _("Het team hoort niet bij de gekozen organisatie."))
        if self.editor is not None:
            from regie.core.administration import municipalities_beyond, refusal

            for org in dict.fromkeys(o for o in (self.original_organisation, organisation) if o):
                beyond = municipalities_beyond(self.editor, org)
                if beyond:
                    self.add_error(None, refusal(org, beyond))
        password = cleaned.get("password")
        if password:
            try:
                validate_password(password, self.instance)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned


class MunicipalityRulesForm(forms.ModelForm):
    """The municipality's switches and its values for every configurable figure. Every
    local figure is a beleidsregel: the form says what room it takes beside the law
    (figure policy) and refuses a value past the statutory figure it may not exceed."""

    class Meta:
        model = Municipality
        fields = ["pip_deadline_from_housing"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from regie.core.localrules import local_rules_table
        from regie.rules.figures import POLICIES

        self.fields["pip_deadline_from_housing"].label = _(
            "Lokaal streven: PIP binnen een aantal weken na huisvesting (naast de wettelijke "
            "termijn, die blijft gelden)"
        )
        self.policies: dict[str, str] = {}
        for fig, value, _deviates in local_rules_table(self.instance):
            status = (
                _("lokaal beleid")
                if fig.status == "local"
                else _("niet geverifieerd in de wettekst: controleer")
            )
            policy = _(POLICIES[fig.policy]) if fig.policy else ""
            self.policies[fig.name] = policy
            self.fields[f"figure_{fig.name}"] = forms.DecimalField(
                label=f"{fig.description} ({fig.unit})",
                initial=value,
                min_value=0,
                max_digits=12,
                decimal_places=2,
                help_text=_("Standaard %(default)s; %(status)s. %(policy)s Bron: %(source)s")
                % {
                    "default": fig.value,
                    "status": status,
                    "policy": policy,
                    "source": fig.source,
                },
            )

    def clean(self):
        from regie.core.localrules import bound_problem

        data = super().clean()
        for name, value in list(data.items()):
            if name.startswith("figure_") and value is not None:
                problem = bound_problem(name.removeprefix("figure_"), value)
                if problem:
                    self.add_error(name, problem)
        return data

    def figure_values(self) -> dict[str, object]:
        return {
            name.removeprefix("figure_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("figure_")
        }


class AuditFilterForm(forms.Form):
    username = forms.CharField(
        label=_("Gebruiker"),
        required=False,
        max_length=150,
        help_text=_(
            "Gebruikersnaam; de huidige naam vindt ook regels van vóór een naamswijziging."
        ),
    )
    persoon = forms.CharField(
        label=_("Inburgeraar (naam of BSN)"),
        required=False,
        max_length=100,
        help_text=_("Achternaam, voor- en achternaam of BSN; alleen uw eigen gemeenten."),
    )
    inburgeraar = forms.IntegerField(label=_("Inburgeraar (nummer)"), required=False, min_value=1)
    action = forms.ChoiceField(label=_("Handeling"), required=False)
    date_from = forms.DateField(
        label=_("Vanaf"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Tot en met"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from regie.core.models import AuditAction

        self.fields["action"].choices = [("", _("Alle"))] + AuditAction.choices

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("De einddatum ligt vóór de begindatum."))
        return cleaned
