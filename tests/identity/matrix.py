"""URLs of the identity app for the role x URL matrix (tests/core/test_access_matrix.py):
an identity provider of world.uitvoerder, which the gemeente's beheerder administers."""

from django.urls import reverse

IDENTITY_NAMES = {"identity_provider_list", "identity_provider_create", "identity_provider_edit"}
IDENTITY_NAMES |= {"oidc_start", "identity_provider_approve"}


def make_identity_provider(organisation, slug="fijnder"):
    from regie.identity.models import IdentityProvider, RoleMapping

    provider = IdentityProvider(
        organisation=organisation,
        slug=slug,
        issuer="https://login.fijnder.example",
        client_id="regie",
        authorization_endpoint="https://login.fijnder.example/authorize",
        token_endpoint="https://login.fijnder.example/token",
        userinfo_endpoint="https://login.fijnder.example/userinfo",
        jwks_uri="https://login.fijnder.example/jwks",
    )
    provider.client_secret = "geheim-van-de-test"
    provider.save()
    provider.approved_municipalities.set(organisation.serves.all())
    RoleMapping.objects.create(provider=provider, claim_value="km", role="klantmanager")
    return provider


def identity_url(name, world) -> str:
    if name == "oidc_start":
        return reverse(name, args=[make_identity_provider(world.uitvoerder).slug])
    if name == "identity_provider_approve":
        return reverse(name, args=[1])  # POST only: a GET is refused before the lookup
    if name == "identity_provider_edit":
        return reverse(name, args=[make_identity_provider(world.uitvoerder).pk])
    return reverse(name)
