"""Identity providers per organisation, the mapping of their roles claim onto Regie's
roles (kept as data, edited by the functioneel beheerder) and the link between a
provider's subject and a Regie account."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from regie.core.models import Municipality, Organisation
from regie.core.roles import Role
from regie.identity import secrets


class SignAlgorithm(models.TextChoices):
    RS256 = "RS256", "RS256"
    ES256 = "ES256", "ES256"


class IdentityProvider(models.Model):
    """One OpenID Connect provider through which the employees of one organisation log
    in: the gemeente's Azure AD / ADFS / Keycloak, or an eHerkenning broker."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="identity_providers",
        verbose_name=_("organisatie"),
    )
    slug = models.SlugField(
        _("korte naam"),
        unique=True,
        help_text=_("Komt in het adres van de inlogknop, bijvoorbeeld fijnder."),
    )
    label = models.CharField(
        _("tekst op de inlogknop"),
        max_length=100,
        blank=True,
        help_text=_("Leeg: de naam van de organisatie."),
    )
    enabled = models.BooleanField(_("in gebruik"), default=True)
    issuer = models.URLField(_("issuer"), max_length=500)
    client_id = models.CharField(_("client-id"), max_length=255)
    client_secret_encrypted = models.TextField(blank=True, editable=False)
    authorization_endpoint = models.URLField(_("authorization endpoint"), max_length=500)
    token_endpoint = models.URLField(_("token endpoint"), max_length=500)
    userinfo_endpoint = models.URLField(_("userinfo endpoint"), max_length=500, blank=True)
    jwks_uri = models.URLField(_("JWKS-adres"), max_length=500)
    end_session_endpoint = models.URLField(
        _("end session endpoint"),
        max_length=500,
        blank=True,
        help_text=_("Leeg: uitloggen beëindigt alleen de sessie in Regie."),
    )
    sign_algorithm = models.CharField(
        _("ondertekening van het ID-token"),
        max_length=10,
        choices=SignAlgorithm.choices,
        default=SignAlgorithm.RS256,
    )
    scopes = models.CharField(_("scopes"), max_length=300, default="openid email profile")
    username_claim = models.CharField(
        _("claim met de gebruikersnaam"), max_length=100, default="preferred_username"
    )
    roles_claim = models.CharField(
        _("claim met groepen of rollen"), max_length=100, default="roles"
    )
    kvk_claim = models.CharField(
        _("claim met het KvK-nummer"),
        max_length=150,
        blank=True,
        help_text=_("Voor eHerkenning via een broker. Leeg: geen controle op KvK-nummer."),
    )
    kvk_number = models.CharField(_("KvK-nummer van de organisatie"), max_length=8, blank=True)
    mfa_acr_values = models.CharField(
        _("acr-waarden die als tweestapsverificatie gelden"),
        max_length=500,
        blank=True,
        help_text=_("Gescheiden door spaties."),
    )
    mfa_amr_values = models.CharField(
        _("amr-waarden die als tweestapsverificatie gelden"),
        max_length=300,
        blank=True,
        default="mfa otp hwk",
        help_text=_("Gescheiden door spaties."),
    )
    local_passwords_disabled = models.BooleanField(
        _("wachtwoorden van Regie uitschakelen voor deze organisatie"), default=False
    )
    # Four eyes for an organisation working for several municipalities (like account
    # proposals, issue 17): the provider is in use only when a beheerder of each of them
    # has approved its current configuration. Every change starts the approvals anew.
    approved_municipalities = models.ManyToManyField(
        Municipality, blank=True, related_name="+", verbose_name=_("goedgekeurd door gemeenten")
    )

    class Meta:
        ordering = ["organisation__name", "slug"]
        verbose_name = _("identity provider")

    def __str__(self):
        return self.button_label

    @property
    def button_label(self) -> str:
        return self.label or self.organisation.name

    def awaiting(self) -> list[Municipality]:
        """The municipalities the organisation works for whose beheerder has not yet
        approved this configuration (prefetch organisation__serves and
        approved_municipalities for a list)."""
        approved = {m.pk for m in self.approved_municipalities.all()}
        return sorted(
            (m for m in self.organisation.serves.all() if m.pk not in approved),
            key=lambda m: m.name,
        )

    @property
    def in_use(self) -> bool:
        return self.enabled and not self.awaiting()

    @property
    def client_secret(self) -> str:
        return secrets.decrypt(self.client_secret_encrypted)

    @client_secret.setter
    def client_secret(self, value: str) -> None:
        self.client_secret_encrypted = secrets.encrypt(value) if value else ""

    @property
    def acr_set(self) -> frozenset[str]:
        return frozenset(self.mfa_acr_values.split())

    @property
    def amr_set(self) -> frozenset[str]:
        return frozenset(self.mfa_amr_values.split())


class RoleMapping(models.Model):
    """A value of the provider's roles claim that gives a Regie role."""

    provider = models.ForeignKey(
        IdentityProvider, on_delete=models.CASCADE, related_name="role_mappings"
    )
    claim_value = models.CharField(_("waarde in de claim"), max_length=200)
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices)

    class Meta:
        ordering = ["claim_value", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "claim_value", "role"], name="role_mapping_once"
            )
        ]

    def __str__(self):
        return f"{self.claim_value} = {self.role}"


class ExternalIdentity(models.Model):
    """Who a provider's ``sub`` is in Regie."""

    provider = models.ForeignKey(
        IdentityProvider, on_delete=models.CASCADE, related_name="identities"
    )
    subject = models.CharField(max_length=255)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="external_identities"
    )
    # Set when Regie blocked the account because the provider sent no role any more; a
    # later login with a role unblocks it. A block by the beheerder stays.
    blocked_by_provider = models.BooleanField(default=False)
    last_login_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["provider", "subject"], name="identity_once")
        ]

    def __str__(self):
        return f"{self.provider.slug}:{self.subject}"
