"""Pure decisions on the claims a provider sends: which roles, whether the login counts
as two-factor, whether the KvK number belongs to the organisation. No database here."""

from collections.abc import Iterable

from regie.core.roles import Role


def claim_values(value) -> list[str]:
    """A roles/groups claim as a list of strings: providers send a JSON list, one string,
    or a space- or comma-separated string."""
    if value is None:
        return []
    if isinstance(value, str):
        return [part for part in value.replace(",", " ").split() if part]
    if isinstance(value, Iterable):
        return [str(part) for part in value if str(part)]
    return [str(value)]


def mapped_roles(value, mapping: Iterable[tuple[str, str]]) -> frozenset[Role]:
    """The Regie roles the claim gives through the beheerder's mapping (exact match)."""
    sent = set(claim_values(value))
    return frozenset(Role(role) for claim_value, role in mapping if claim_value in sent)


def two_factor_by_provider(claims: dict, acr_values: frozenset[str], amr_values: frozenset[str]):
    """True when the ID token's ``acr`` is one of ``acr_values`` or its ``amr`` names one
    of ``amr_values`` (RFC 8176: mfa, otp, hwk, ...)."""
    acr = claims.get("acr")
    if acr and str(acr) in acr_values:
        return True
    return bool(set(claim_values(claims.get("amr"))) & amr_values)


def kvk_matches(claims: dict, claim: str, kvk_number: str) -> bool:
    """No KvK claim configured: nothing to check. Otherwise the claim must carry exactly
    the organisation's 8-digit KvK number."""
    if not claim:
        return True
    return bool(kvk_number) and str(claims.get(claim, "")).strip() == kvk_number
