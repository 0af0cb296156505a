"""The pure decisions on a provider's claims."""

from regie.core.roles import Role
from regie.identity.claims import claim_values, kvk_matches, mapped_roles, two_factor_by_provider

MAPPING = [("regie-km", "klantmanager"), ("regie-beheer", "beheerder"), ("regie-km", "begeleider")]


def test_a_claim_comes_as_a_list_a_string_or_nothing():
    assert claim_values(["a", "b"]) == ["a", "b"]
    assert claim_values("a b,c") == ["a", "b", "c"]
    assert claim_values(None) == []
    assert claim_values(7) == ["7"]


def test_roles_come_only_from_exact_values_in_the_mapping():
    assert mapped_roles(["regie-km", "kantine"], MAPPING) == {Role.KLANTMANAGER, Role.BEGELEIDER}
    assert mapped_roles("regie-beheer", MAPPING) == {Role.BEHEERDER}
    assert mapped_roles(["REGIE-KM", "regie"], MAPPING) == frozenset()
    assert mapped_roles(None, MAPPING) == frozenset()


def test_two_factor_from_acr_or_amr():
    acr, amr = frozenset({"urn:mfa"}), frozenset({"mfa", "otp"})
    assert two_factor_by_provider({"acr": "urn:mfa"}, acr, amr)
    assert two_factor_by_provider({"amr": ["pwd", "otp"]}, acr, amr)
    assert not two_factor_by_provider({"acr": "urn:pwd", "amr": ["pwd"]}, acr, amr)
    assert not two_factor_by_provider({}, acr, amr)
    assert not two_factor_by_provider({"amr": ["otp"]}, frozenset(), frozenset())


def test_kvk_number_must_be_the_organisations_when_asked():
    claim = "urn:etoegang:1.9:EntityConcernedID:KvKnr"
    assert kvk_matches({}, "", "")
    assert kvk_matches({claim: "12345678"}, claim, "12345678")
    assert not kvk_matches({claim: "87654321"}, claim, "12345678")
    assert not kvk_matches({}, claim, "12345678")
