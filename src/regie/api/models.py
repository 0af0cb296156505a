"""API tokens for systems (a taalaanbieder's student administration, for example).

A token belongs to a user, normally a system user of the aanbieder's organisation with the
role aanbieder: through that user the token gets exactly the permissions and the scope of
the role (regie.core.roles), the same as in the UI. Only a SHA-256 hash of the token is
stored; the token itself is shown once when it is made (``regie api_token create``).
``scopes`` can narrow a token further to some permissions only.
"""

import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

PREFIX_LENGTH = 8


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("gebruiker"),
    )
    name = models.CharField(_("naam"), max_length=100)
    prefix = models.CharField(max_length=PREFIX_LENGTH, unique=True, editable=False)
    token_hash = models.CharField(max_length=64, editable=False)
    scopes = models.CharField(
        _("beperkt tot rechten"),
        max_length=500,
        blank=True,
        help_text=_("Komma-gescheiden rechten (bijv. aanbieder.report); leeg: alle rechten."),
    )
    expires_on = models.DateField(_("geldig tot en met"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("laatst gebruikt"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API-token")
        verbose_name_plural = _("API-tokens")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @classmethod
    def issue(cls, user, name: str, scopes: str = "", expires_on=None) -> tuple["ApiToken", str]:
        """Make a token; returns (record, the token text to hand over once)."""
        prefix = secrets.token_hex(PREFIX_LENGTH // 2)
        raw = f"{prefix}.{secrets.token_urlsafe(32)}"
        token = cls.objects.create(
            user=user,
            name=name,
            prefix=prefix,
            token_hash=_digest(raw),
            scopes=scopes,
            expires_on=expires_on,
        )
        return token, raw

    @classmethod
    def find(cls, raw: str) -> "ApiToken | None":
        prefix = raw.split(".", 1)[0][:PREFIX_LENGTH]
        token = (
            cls.objects.select_related("user", "user__organisation").filter(prefix=prefix).first()
        )
        if token is None or not hmac.compare_digest(token.token_hash, _digest(raw)):
            return None
        return token

    @property
    def usable(self) -> bool:
        if self.revoked_at is not None or not self.user.is_active:
            return False
        return self.expires_on is None or self.expires_on >= timezone.localdate()

    def allows(self, permission) -> bool:
        allowed = {s.strip() for s in self.scopes.split(",") if s.strip()}
        return not allowed or str(permission) in allowed
