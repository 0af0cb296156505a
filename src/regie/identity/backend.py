"""mozilla-django-oidc's OIDCAuthenticationBackend for many providers: the endpoints,
client and keys come from the IdentityProvider of the login, not from settings."""

from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from regie.core.authbackend import active_user
from regie.identity.accounts import sign_in

# Requests to a provider never hang a worker (connect and read, seconds).
TIMEOUT = 10


class ProviderBackend(OIDCAuthenticationBackend):
    """Only answers a login that names its provider (``identity_provider=``); password
    logins pass through to the next backend. On success ``request.regie_oidc`` holds
    the tokens and whether the provider did the second factor; on refusal it holds the
    Dutch reason."""

    def __init__(self, *args, **kwargs):
        # The parent reads one provider from settings; ours come per login.
        self.UserModel = get_user_model()
        self.provider = None

    @staticmethod
    def get_settings(attr, *args):
        if attr == "OIDC_TIMEOUT":
            return TIMEOUT
        from mozilla_django_oidc.utils import import_from_settings

        return import_from_settings(attr, *args)

    def configure(self, provider):
        self.provider = provider
        self.OIDC_OP_TOKEN_ENDPOINT = provider.token_endpoint
        self.OIDC_OP_USER_ENDPOINT = provider.userinfo_endpoint
        self.OIDC_OP_JWKS_ENDPOINT = provider.jwks_uri
        self.OIDC_RP_CLIENT_ID = provider.client_id
        self.OIDC_RP_CLIENT_SECRET = provider.client_secret
        self.OIDC_RP_SIGN_ALGO = provider.sign_algorithm
        self.OIDC_RP_IDP_SIGN_KEY = None

    def authenticate(self, request, identity_provider=None, **kwargs):
        if request is None or identity_provider is None:
            return None
        self.configure(identity_provider)
        request.regie_oidc = {}
        return super().authenticate(request, **kwargs)

    def verify_token(self, token, **kwargs):
        """The parent checks signature, expiry and nonce; the issuer and the audience are
        checked here (OpenID Connect Core 3.1.3.7)."""
        payload = super().verify_token(token, **kwargs)
        if payload.get("iss") != self.provider.issuer:
            raise SuspiciousOperation("ID token from another issuer")
        audience = payload.get("aud")
        audience = [audience] if isinstance(audience, str) else list(audience or [])
        if self.provider.client_id not in audience:
            raise SuspiciousOperation("ID token for another client")
        return payload

    def get_userinfo(self, access_token, id_token, payload):
        info = {}
        if self.OIDC_OP_USER_ENDPOINT:
            info = super().get_userinfo(access_token, id_token, payload)
            if info.get("sub") != payload.get("sub"):
                raise SuspiciousOperation("userinfo of another subject")
        # The ID token decides who and how (sub, acr, amr); userinfo may add claims.
        return {**info, **payload}

    def store_tokens(self, access_token, id_token):
        # Written to the session after login (the login may start a new session).
        self.request.regie_oidc["id_token"] = id_token

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        outcome = sign_in(self.provider, claims)
        if outcome.user is None:
            self.request.regie_oidc["refusal"] = outcome.refusal
            return None
        self.request.regie_oidc["two_factor"] = outcome.two_factor
        return outcome.user

    def get_user(self, user_id):
        # Django's rule: an inactive (blocked) account loses its session at once.
        return active_user(self, user_id)
