"""Tests for regie.rules.leerroute: route advice, route changes and hour norms."""

from datetime import date, timedelta

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from regie.rules.leerroute import (
    Leerroute,
    Opleidingsniveau,
    advise_leerroute,
    afschalen_a2_mogelijk,
    leerroute_change_allowed,
    leerroute_change_deadline,
    map_verplicht,
    z_route_norm,
)

routes = st.sampled_from(list(Leerroute))
levels = st.sampled_from(list(Opleidingsniveau))
toets = st.sampled_from([True, False, None])
START = date(2022, 3, 16)

# --- advice ------------------------------------------------------------------------------


def test_young_educated_person_who_wants_education_gets_onderwijsroute():
    advies = advise_leerroute(25, True, Opleidingsniveau.MBO, True, True)
    assert advies.route == Leerroute.ONDERWIJS
    assert any("art. 8" in r for r in advies.reasons)


def test_local_age_limit_blocks_onderwijsroute_but_the_law_does_not():
    advies = advise_leerroute(35, True, Opleidingsniveau.HBO_WO, True, True)
    assert advies.route == Leerroute.B1
    assert any("30 jaar" in r and "lokaal beleid" in r for r in advies.reasons)
    no_limit = advise_leerroute(
        35, True, Opleidingsniveau.HBO_WO, True, True, onderwijsroute_max_age=None
    )
    assert no_limit.route == Leerroute.ONDERWIJS


def test_age_limit_means_under_thirty():
    assert advise_leerroute(29, True, Opleidingsniveau.SECONDARY, True, True).route == (
        Leerroute.ONDERWIJS
    )
    assert advise_leerroute(30, True, Opleidingsniveau.SECONDARY, True, True).route == (
        Leerroute.B1
    )


def test_toets_says_b1_not_reachable_gives_z_route():
    advies = advise_leerroute(20, False, Opleidingsniveau.SECONDARY, True, True)
    assert advies.route == Leerroute.Z
    assert any("niet haalbaar" in r for r in advies.reasons)


def test_no_toets_and_illiterate_gives_z_route():
    advies = advise_leerroute(40, None, Opleidingsniveau.NONE, False, False)
    assert advies.route == Leerroute.Z
    assert any("geletterd" in r for r in advies.reasons)


def test_no_toets_with_secondary_schooling_gives_b1_with_caution():
    advies = advise_leerroute(40, None, Opleidingsniveau.SECONDARY, True, False)
    assert advies.route == Leerroute.B1
    assert any("geen uitslag" in r.lower() for r in advies.reasons)


def test_b1_reachable_but_illiterate_gets_b1_with_alfabetisering_note():
    advies = advise_leerroute(40, True, Opleidingsniveau.PRIMARY, False, False)
    assert advies.route == Leerroute.B1
    assert any("alfabetisering" in r for r in advies.reasons)


def test_negative_age_is_refused():
    with pytest.raises(ValueError):
        advise_leerroute(-1, True, Opleidingsniveau.MBO, True, True)


def test_labels_are_dutch():
    assert Leerroute.B1.label == "B1-route"
    assert Leerroute.Z.label.startswith("Zelfredzaamheidsroute")
    assert Opleidingsniveau.HBO_WO.label == "hbo of wo"
    assert Leerroute("onderwijs") is Leerroute.ONDERWIJS


@given(
    st.integers(min_value=16, max_value=70),
    toets,
    levels,
    st.booleans(),
    st.booleans(),
    st.one_of(st.none(), st.integers(min_value=18, max_value=67)),
)
def test_advice_properties(age, b1, level, literate, wants, max_age):
    advies = advise_leerroute(age, b1, level, literate, wants, onderwijsroute_max_age=max_age)
    assert advies.reasons
    assert all(isinstance(r, str) and r.strip() for r in advies.reasons)
    if advies.route == Leerroute.ONDERWIJS:
        assert wants and literate and b1 is not False
        assert level.rank >= Opleidingsniveau.SECONDARY.rank
        assert max_age is None or age < max_age
    if b1 is False:
        assert advies.route == Leerroute.Z
    if b1 is True and not wants:
        assert advies.route == Leerroute.B1
    if b1 is True:
        assert advies.route != Leerroute.Z


# --- route changes -----------------------------------------------------------------------


def test_change_deadline_is_eighteen_months_after_start():
    assert leerroute_change_deadline(START) == date(2023, 9, 15)


def test_change_within_eighteen_months_is_allowed():
    assert leerroute_change_allowed(Leerroute.B1, Leerroute.Z, START, date(2023, 9, 15), 0) == (
        True,
        "",
    )


def test_change_after_eighteen_months_is_refused():
    allowed, why = leerroute_change_allowed(Leerroute.B1, Leerroute.Z, START, date(2023, 9, 16), 0)
    assert not allowed
    assert "anderhalf jaar" in why and "5.4" in why


def test_onderwijsroute_to_b1_is_allowed_at_any_time():
    allowed, why = leerroute_change_allowed(
        Leerroute.ONDERWIJS, Leerroute.B1, START, date(2024, 12, 1), 0
    )
    assert allowed and why == ""


def test_b1_to_onderwijsroute_late_is_refused():
    allowed, _ = leerroute_change_allowed(
        Leerroute.B1, Leerroute.ONDERWIJS, START, date(2024, 12, 1), 0
    )
    assert not allowed


def test_local_limit_of_one_change():
    allowed, why = leerroute_change_allowed(Leerroute.Z, Leerroute.B1, START, date(2022, 6, 1), 1)
    assert not allowed
    assert "lokaal beleid" in why
    allowed, why = leerroute_change_allowed(
        Leerroute.Z, Leerroute.B1, START, date(2022, 6, 1), 1, max_changes=None
    )
    assert allowed and why == ""
    # The local limit is a beleidsregel: it never blocks onderwijsroute -> B1 (issue 18,
    # point 7; Besluit art. 5.4 lid 1), even after the eighteen months.
    for on in (date(2022, 6, 1), date(2025, 6, 1)):
        allowed, why = leerroute_change_allowed(Leerroute.ONDERWIJS, Leerroute.B1, START, on, 1)
        assert allowed and why == ""


def test_the_local_limit_yields_to_the_special_cases_of_the_law():
    # After a non-exempting education or in a bijzonder geval (art. 5.4 lid 2-3) the law
    # keeps a change open; the local cap does not close it.
    allowed, why = leerroute_change_allowed(
        Leerroute.B1, Leerroute.Z, START, date(2022, 6, 1), 1, bijzonder_geval=True
    )
    assert allowed and why == ""


def test_the_local_limit_can_be_deviated_from_with_a_reason():
    # Awb art. 4:84: the klantmanager records why the beleidsregel is not applied.
    allowed, why = leerroute_change_allowed(Leerroute.Z, Leerroute.B1, START, date(2022, 6, 1), 1)
    assert not allowed and "Awb art. 4:84" in why
    allowed, why = leerroute_change_allowed(
        Leerroute.Z, Leerroute.B1, START, date(2022, 6, 1), 1, afwijking_beleidsregel=True
    )
    assert allowed and why == ""
    # A deviation from local policy does not lift the statutory time limit.
    allowed, why = leerroute_change_allowed(
        Leerroute.Z, Leerroute.B1, START, date(2025, 1, 1), 1, afwijking_beleidsregel=True
    )
    assert not allowed and "anderhalf jaar" in why and "lokaal beleid" not in why


def test_both_reasons_are_given():
    allowed, why = leerroute_change_allowed(Leerroute.B1, Leerroute.Z, START, date(2025, 1, 1), 1)
    assert not allowed
    assert "lokaal beleid" in why and "anderhalf jaar" in why


def test_bijzonder_geval_lifts_the_time_limit():
    allowed, why = leerroute_change_allowed(
        Leerroute.B1, Leerroute.Z, START, date(2024, 6, 1), 0, bijzonder_geval=True
    )
    assert allowed and why == ""


def test_same_route_is_not_a_change():
    allowed, why = leerroute_change_allowed(Leerroute.B1, Leerroute.B1, START, START, 0)
    assert not allowed and "gelijk" in why


def test_negative_change_count_is_refused():
    with pytest.raises(ValueError):
        leerroute_change_allowed(Leerroute.B1, Leerroute.Z, START, START, -1)


@given(
    routes,
    routes,
    st.dates(min_value=date(2022, 1, 1), max_value=date(2040, 1, 1)),
    st.integers(min_value=0, max_value=1200),
    st.integers(min_value=0, max_value=3),
    st.one_of(st.none(), st.integers(min_value=0, max_value=3)),
)
def test_change_rules_properties(current, new, start, offset, done, max_changes):
    on = start + timedelta(days=offset)
    allowed, why = leerroute_change_allowed(current, new, start, on, done, max_changes)
    assert allowed == (why == "")
    if current == new:
        assert not allowed
        return
    within_time = on <= leerroute_change_deadline(start)
    onderwijs_to_b1 = (current, new) == (Leerroute.ONDERWIJS, Leerroute.B1)
    within_local = max_changes is None or done < max_changes or onderwijs_to_b1
    assert allowed == (within_local and (within_time or onderwijs_to_b1))


@given(
    routes,
    routes,
    st.dates(min_value=date(2022, 1, 1), max_value=date(2040, 1, 1)),
    st.integers(min_value=0, max_value=1200),
    st.integers(min_value=0, max_value=1200),
)
def test_change_allowed_later_implies_allowed_earlier(current, new, start, a, b):
    assume(a <= b)
    later, _ = leerroute_change_allowed(current, new, start, start + timedelta(days=b), 0, None)
    earlier, _ = leerroute_change_allowed(current, new, start, start + timedelta(days=a), 0, None)
    if later:
        assert earlier


# --- hour norms --------------------------------------------------------------------------


def test_z_route_norms():
    asiel = z_route_norm(asielstatushouder=True)
    assert (asiel.cursusuren, asiel.participatie_uren) == (800, 800)
    gezin = z_route_norm(asielstatushouder=False)
    assert (gezin.cursusuren, gezin.participatie_uren) == (800, 0)


def test_afschalen_to_a2_after_600_hours_and_effort():
    assert afschalen_a2_mogelijk(600, True) == (True, "")
    ok, why = afschalen_a2_mogelijk(599, True)
    assert not ok and "600" in why
    ok, why = afschalen_a2_mogelijk(700, False)
    assert not ok and "ingespannen" in why


def test_map_not_required_in_onderwijsroute():
    assert not map_verplicht(Leerroute.ONDERWIJS)
    assert map_verplicht(Leerroute.B1)
    assert map_verplicht(Leerroute.Z)
