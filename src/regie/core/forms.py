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
        "provider_only": _(
            "Medewerkers van %(organisation)s loggen in via hun eigen organisatie: gebruik "
            "de knop 'Inloggen via …'."
        ),
    }

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        from regie.identity.session import local_passwords_refused

        if local_passwords_refused(user):
            raise forms.ValidationError(
                self.error_messages["provider_only"],
                code="provider_only",
                params={"organisation": user.organisation},
            )

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
        # An account that reaches municipalities beyond the editor's own (before or after
        # this change) is not changed but proposed: ``concerned`` names whose beheerders
        # must approve it (issue 17, H1; core/administration.py).
        self.concerned = []
        if self.editor is not None:
            from regie.core.administration import concerned_municipalities, pending_proposal

            self.concerned = concerned_municipalities(
                self.editor, [o for o in (self.original_organisation, organisation) if o]
            )
            if self.concerned and pending_proposal(self.instance):
                self.add_error(
                    None,
                    _(
                        "Voor dit account wacht al een voorstel op goedkeuring. Wacht tot "
                        "daarover is beslist."
                    ),
                )
        password = cleaned.get("password")
        if password:
            try:
                validate_password(password, self.instance)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned


class ProposalDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Besluit"),
        choices=[("approve", _("Goedkeuren")), ("reject", _("Afwijzen"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=300,
        help_text=_("Verplicht bij afwijzen."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "reject" and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Geef de reden waarom u het voorstel afwijst."))
        return cleaned


class TeamMunicipalitiesForm(forms.Form):
    """The beheerder's own municipalities a team works for; the team's other
    municipalities are shown but not theirs to change."""

    municipalities = forms.ModelMultipleChoiceField(
        label=_("Gemeenten van dit team"),
        queryset=Municipality.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("De klantmanagers van het team zien de aanmeldingen van deze gemeenten."),
    )

    def __init__(self, *args, team, own, **kwargs):
        super().__init__(*args, **kwargs)
        served = list(team.organisation.serves.order_by("name"))
        set_now = list(team.municipalities.order_by("name"))
        # No municipalities set means every municipality the organisation serves: make
        # that explicit, so choosing one's own does not silently drop another's.
        self.current = set_now or served
        self.kept = [m for m in self.current if m.pk not in own]
        self.fields["municipalities"].queryset = Municipality.objects.filter(
            pk__in=[m.pk for m in served if m.pk in own]
        ).order_by("name")
        self.fields["municipalities"].initial = [m.pk for m in self.current if m.pk in own]

    def clean(self):
        cleaned = super().clean()
        if not self.kept and not cleaned.get("municipalities"):
            self.add_error("municipalities", _("Kies ten minste één gemeente."))
        return cleaned

    def result(self) -> list:
        return self.kept + list(self.cleaned_data["municipalities"])


class MunicipalityRulesForm(forms.ModelForm):
    """The municipality's switches and its values for every configurable figure. Every
    local figure is a beleidsregel: the form says what room it takes beside the law
    (figure policy) and refuses a value past the statutory figure it may not exceed."""

    class Meta:
        model = Municipality
        fields = ["pip_deadline_from_housing", "rechtbank_naam", "rechtbank_postadres"]
        widgets = {"rechtbank_postadres": forms.Textarea(attrs={"rows": 3})}

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
