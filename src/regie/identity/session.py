"""What a provider login leaves in the session, and what the platform asks of it."""

from urllib.parse import urlencode

# Set at an OIDC login whose ID token shows a second factor (acr/amr): the TOTP step of
# Regie is then not asked (regie.core.middleware.TwoFactorMiddleware).
TWO_FACTOR_BY_PROVIDER = "regie_two_factor_by_provider"
PROVIDER = "regie_oidc_provider"
ID_TOKEN = "regie_oidc_id_token"  # noqa: S105 - a session key, not a secret
# state -> provider pk of the logins started in this session.
STATES = "regie_oidc_state_provider"


def two_factor_by_provider(request) -> bool:
    session = getattr(request, "session", None)
    return bool(session is not None and session.get(TWO_FACTOR_BY_PROVIDER))


def end_session_url(request, after: str) -> str:
    """The provider's end_session_endpoint (RP-Initiated Logout 1.0) for the session's
    provider login, or "" when there is none: call before the session is ended."""
    from regie.identity.models import IdentityProvider

    pk = request.session.get(PROVIDER)
    if not pk:
        return ""
    provider = IdentityProvider.objects.filter(pk=pk).first()
    if provider is None or not provider.end_session_endpoint:
        return ""
    params = {"client_id": provider.client_id, "post_logout_redirect_uri": after}
    if token := request.session.get(ID_TOKEN):
        params["id_token_hint"] = token
    separator = "&" if "?" in provider.end_session_endpoint else "?"
    return f"{provider.end_session_endpoint}{separator}{urlencode(params)}"


def local_passwords_refused(user) -> bool:
    """Whether the organisation of ``user`` has switched Regie's own passwords off."""
    from regie.identity.models import IdentityProvider

    if not user.organisation_id:
        return False
    return any(
        provider.in_use
        for provider in IdentityProvider.objects.filter(
            organisation_id=user.organisation_id, enabled=True, local_passwords_disabled=True
        ).prefetch_related("organisation__serves", "approved_municipalities")
    )


def login_buttons():
    from regie.identity.models import IdentityProvider

    return [
        provider
        for provider in IdentityProvider.objects.filter(enabled=True)
        .select_related("organisation")
        .prefetch_related("organisation__serves", "approved_municipalities")
        .order_by("organisation__name", "slug")
        if provider.in_use
    ]
