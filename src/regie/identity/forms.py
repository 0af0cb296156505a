"""The beheer form of an identity provider, with its role mapping as lines of text."""

import requests
from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from regie.core.roles import Role
from regie.identity.models import IdentityProvider, RoleMapping

DISCOVERY_TIMEOUT = 10
ENDPOINTS = (
    "authorization_endpoint",
    "token_endpoint",
    "userinfo_endpoint",
    "jwks_uri",
    "end_session_endpoint",
)


def parse_mapping(text: str) -> list[tuple[str, str]]:
    """Lines ``claimwaarde = rol``; raises ValidationError naming the wrong line."""
    by_label = {str(role.label).lower(): role.value for role in Role}
    roles = {role.value for role in Role} | set(by_label)
    result = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        value, sep, role = (part.strip() for part in line.rpartition("="))
        role = role.lower()
        if not sep or not value or role not in roles:
            raise forms.ValidationError(
                _(
                    "Regel %(number)s is niet te lezen: schrijf 'waarde in de claim = rol', "
                    "met als rol een van: %(roles)s."
                ),
                params={"number": number, "roles": ", ".join(r.value for r in Role)},
            )
        result.append((value[:200], by_label.get(role, role)))
    return sorted(set(result))


def _https_by_default(field, **kwargs):
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class ProviderForm(forms.ModelForm):
    client_secret = forms.CharField(
        label=_("Client secret"),
        required=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text=_("Wordt versleuteld bewaard en nooit getoond. Leeg laten: niet wijzigen."),
    )
    discover = forms.BooleanField(
        label=_("Eindpunten ophalen bij de issuer (.well-known/openid-configuration)"),
        required=False,
        initial=True,
    )
    mapping = forms.CharField(
        label=_("Rollen uit de claim"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Eén regel per waarde: 'waarde in de claim = rol', bijvoorbeeld "
            "'regie-klantmanagers = klantmanager'. Wie geen van deze waarden meekrijgt, "
            "kan niet inloggen en wordt geblokkeerd."
        ),
    )

    class Meta:
        model = IdentityProvider
        formfield_callback = _https_by_default
        fields = [
            "organisation",
            "slug",
            "label",
            "enabled",
            "issuer",
            "client_id",
            "client_secret",
            "discover",
            "authorization_endpoint",
            "token_endpoint",
            "userinfo_endpoint",
            "jwks_uri",
            "end_session_endpoint",
            "sign_algorithm",
            "scopes",
            "username_claim",
            "roles_claim",
            "mapping",
            "mfa_acr_values",
            "mfa_amr_values",
            "kvk_claim",
            "kvk_number",
            "local_passwords_disabled",
        ]

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        for name in ENDPOINTS[:2] + ENDPOINTS[3:4]:
            self.fields[name].required = False
        if self.instance.pk:
            self.initial["mapping"] = "\n".join(
                f"{m.claim_value} = {m.role}" for m in self.instance.role_mappings.all()
            )
            self.before = {
                name: getattr(self.instance, name)
                for name in self._meta.fields
                if name not in ("client_secret", "discover", "mapping")
            }
            self.mapping_before = sorted(
                self.instance.role_mappings.values_list("claim_value", "role")
            )
        else:
            self.before, self.mapping_before = {}, []

    def clean_mapping(self):
        return parse_mapping(self.cleaned_data["mapping"])

    def clean_kvk_number(self):
        value = self.cleaned_data["kvk_number"].strip()
        if value and not (value.isdigit() and len(value) == 8):
            raise forms.ValidationError(_("Een KvK-nummer heeft 8 cijfers."))
        return value

    def clean(self):
        data = super().clean()
        if data.get("kvk_claim") and not data.get("kvk_number"):
            self.add_error("kvk_number", _("Vul het KvK-nummer in dat de claim moet bevatten."))
        if not self.instance.client_secret_encrypted and not data.get("client_secret"):
            self.add_error("client_secret", _("Vul het client secret in."))
        issuer = data.get("issuer")
        if issuer and data.get("discover"):
            self._discover(issuer.rstrip("/"), data)
        for name in ("authorization_endpoint", "token_endpoint", "jwks_uri"):
            if not data.get(name) and name not in self.errors:
                self.add_error(
                    name,
                    _("Vul dit eindpunt in, of laat het ophalen bij de issuer."),
                )
        return data

    def _discover(self, issuer: str, data: dict) -> None:
        try:
            response = requests.get(
                f"{issuer}/.well-known/openid-configuration", timeout=DISCOVERY_TIMEOUT
            )
            response.raise_for_status()
            config = response.json()
        except (requests.RequestException, ValueError):
            self.add_error(
                "issuer",
                _(
                    "De configuratie van deze issuer kon niet worden opgehaald. Controleer "
                    "het adres, of vul de eindpunten zelf in."
                ),
            )
            return
        if str(config.get("issuer", "")).rstrip("/") != issuer:
            self.add_error(
                "issuer",
                _("De issuer meldt een ander adres: %(other)s.")
                % {"other": str(config.get("issuer", ""))[:200]},
            )
            return
        data["issuer"] = config["issuer"]
        for name in ENDPOINTS:
            value = str(config.get(name) or "")
            if value.startswith(("https://", "http://")):
                data[name] = value[:500]
                setattr(self.instance, name, value[:500])

    def save(self, commit=True):
        provider = super().save(commit=False)
        if self.cleaned_data.get("client_secret"):
            provider.client_secret = self.cleaned_data["client_secret"]
        provider.save()
        wanted = set(self.cleaned_data["mapping"])
        have = {(m.claim_value, m.role): m for m in provider.role_mappings.all()}
        for key, mapping in have.items():
            if key not in wanted:
                mapping.delete()
        for claim_value, role in sorted(wanted - have.keys()):
            RoleMapping.objects.create(provider=provider, claim_value=claim_value, role=role)
        self.mapping_after = sorted(wanted)
        return provider

    def summary(self) -> str:
        """What changed, for the audit log: names of fields, the mapping in full, never
        the secret itself."""
        changed = [name for name, old in self.before.items() if getattr(self.instance, name) != old]
        if self.cleaned_data.get("client_secret"):
            changed.append("client_secret")
        parts = [f"inlogdienst {self.instance.slug}"]
        if changed:
            parts.append("gewijzigd: " + ", ".join(changed))
        if self.mapping_before != self.mapping_after:
            parts.append("rollen: " + "; ".join(f"{v}={r}" for v, r in self.mapping_after) or "-")
        return " | ".join(parts)
