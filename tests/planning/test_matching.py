"""Maatje matching: hand-made instances with a known optimum."""

from __future__ import annotations

import pytest

from regie.planning.errors import InstanceError
from regie.planning.matching import (
    check_matching,
    greedy_matching,
    haversine_km,
    solve_matching,
)

from .test_support import example_matching, newcomer, volunteer

KM_PER_DEGREE_LAT = 6371.0 * 3.141592653589793 / 180  # 111.19... km along a meridian


def _pairs(out):
    return {(p["newcomer"], p["volunteer"]) for p in out["pairs"]}


def _reason(out, nid):
    return next(u["reason"] for u in out["unmatched"] if u["newcomer"] == nid)


def test_planning_md_example_worked_out():
    """The example of PLANNING.md §1 scores 17.6, not the 16.4 shown there.

    n1 (51.97, 6.72) and v1 (51.96, 6.70) are 1.7646 km apart (haversine, R = 6371.0):
    10 (allowed) + 3 (shared language ar, not nl) + 2 × 1 (shared interest koken)
    + 1 (shared slot ma-avond) + 2 × (1 − 1.7646 / 10) = 1.6471 → 17.6471, shown as 17.6.
    """
    instance = example_matching()
    out = solve_matching(instance)
    assert haversine_km(51.97, 6.72, 51.96, 6.70) == pytest.approx(1.76465, abs=1e-5)
    assert out == {
        "pairs": [{"newcomer": "n1", "volunteer": "v1", "score": 17.6,
                   "reasons": ["taal: ar", "interesse: koken", "beschikbaar: ma-avond",
                               "1.8 km"]}],
        "unmatched": [],
        "objective": {"matched": 1, "score": 17.6},
        "optimal": True,
    }
    assert check_matching(instance, out) == []


def test_more_matches_beat_a_higher_score():
    # n1 scores higher with v1 (shared interests), but only v1 fits n2: the optimum gives
    # n1 to v2 so that both are matched; greedy takes the best pair first and strands n2.
    instance = {
        "newcomers": [
            newcomer("n1", interests=["koken", "voetbal", "muziek"]),
            newcomer("n2", availability=["di-avond"]),
        ],
        "volunteers": [
            volunteer("v1", interests=["koken", "voetbal", "muziek"],
                      availability=["ma-avond", "di-avond"]),
            volunteer("v2"),
        ],
    }
    out = solve_matching(instance)
    assert _pairs(out) == {("n1", "v2"), ("n2", "v1")}
    assert out["objective"]["matched"] == 2 and out["optimal"] is True
    greedy = greedy_matching(instance)
    assert _pairs(greedy) == {("n1", "v1")}
    assert greedy["optimal"] is False
    assert _reason(greedy, "n2") == "alle passende vrijwilligers zitten vol (v1)"
    assert check_matching(instance, out) == [] and check_matching(instance, greedy) == []


def test_score_breaks_ties_between_equal_counts():
    instance = {
        "newcomers": [newcomer("n1", interests=["koken"]), newcomer("n2")],
        "volunteers": [volunteer("v1", interests=["koken"], capacity=1)],
    }
    out = solve_matching(instance)
    assert _pairs(out) == {("n1", "v1")}
    # 10 + 3 (ar) + 2 (koken) + 1 (ma-avond) + 2 × (1 − 0/10) = 18
    assert out["objective"] == {"matched": 1, "score": 18.0}


def test_capacity_and_full_reason():
    instance = {
        "newcomers": [newcomer(f"n{i}") for i in range(1, 4)],
        "volunteers": [volunteer("v1", capacity=2)],
    }
    out = solve_matching(instance)
    assert out["objective"]["matched"] == 2
    assert [u["reason"] for u in out["unmatched"]] == [
        "alle passende vrijwilligers zitten vol (v1)"
    ]
    assert check_matching(instance, out) == []


def test_capacity_zero_volunteer_counts_as_full():
    instance = {"newcomers": [newcomer("n1")], "volunteers": [volunteer("v1", capacity=0)]}
    out = solve_matching(instance)
    assert out["pairs"] == []
    assert "vol" in _reason(out, "n1")


def test_newcomer_gender_wish():
    instance = {"newcomers": [newcomer("n1", gender="v", wants_gender="v")],
                "volunteers": [volunteer("v1", gender="m")]}
    out = solve_matching(instance)
    assert out["pairs"] == []
    assert _reason(out, "n1").startswith("genderwens: geen vrouwelijke vrijwilliger")
    instance["volunteers"].append(volunteer("v2", gender="v"))
    assert _pairs(solve_matching(instance)) == {("n1", "v2")}


def test_volunteer_gender_wish():
    instance = {"newcomers": [newcomer("n1", gender="m")],
                "volunteers": [volunteer("v1", gender="v", wants_gender="v")]}
    out = solve_matching(instance)
    assert out["pairs"] == []
    assert _reason(out, "n1").startswith("genderwens van de vrijwilliger past niet: v1")
    instance["newcomers"][0]["gender"] = "v"
    assert _pairs(solve_matching(instance)) == {("n1", "v1")}


def test_distance_limit_is_inclusive():
    far = newcomer("n1", lat=52.0 + 2.0 / KM_PER_DEGREE_LAT)
    km = haversine_km(far["lat"], far["lon"], 52.0, 5.0)
    assert km == pytest.approx(2.0)
    allowed = {"newcomers": [far], "volunteers": [volunteer("v1", max_km=km)]}
    out = solve_matching(allowed)
    assert _pairs(out) == {("n1", "v1")}
    # exactly at max_km the distance term is 2 × (1 − 1) = 0: 10 + 3 + 0 + 1 + 0
    assert out["pairs"][0]["score"] == 14.0
    too_far = {"newcomers": [far], "volunteers": [volunteer("v1", max_km=km - 1e-6)]}
    out = solve_matching(too_far)
    assert out["pairs"] == []
    assert _reason(out, "n1").startswith(
        "geen vrijwilliger die ar spreekt binnen reisafstand; dichtstbijzijnde: v1 op 2.0 km"
    )


def test_no_shared_language_reason():
    instance = {"newcomers": [newcomer("n1", languages=["ti", "am"])],
                "volunteers": [volunteer("v1", languages=["nl", "en"])]}
    out = solve_matching(instance)
    assert _reason(out, "n1") == "geen vrijwilliger die ti of am spreekt"


def test_no_shared_availability_reason():
    instance = {"newcomers": [newcomer("n1", availability=["za-ochtend"])],
                "volunteers": [volunteer("v1", availability=["ma-avond", "di-middag"])]}
    out = solve_matching(instance)
    assert _reason(out, "n1") == (
        "geen gedeelde beschikbaarheid met v1 (zij kunnen: di-middag, ma-avond;"
        " nieuwkomer: za-ochtend)"
    )


def test_nl_only_language_earns_no_bonus_and_reasons_list_shared_items():
    instance = {
        "newcomers": [newcomer("n1", languages=["nl", "ti"], interests=["a", "b", "c", "d"],
                               availability=["ma-avond", "di-avond", "wo-avond", "do-avond"])],
        "volunteers": [volunteer("v1", languages=["nl"], interests=["a", "b", "c", "d"],
                                 availability=["ma-avond", "di-avond", "wo-avond",
                                               "do-avond"])],
    }
    out = solve_matching(instance)
    # 10 + 0 (only nl shared) + 2 × min(3, 4) + min(3, 4) + 2 × (1 − 0) = 21
    assert out["pairs"][0]["score"] == 21.0
    assert out["pairs"][0]["reasons"] == [
        "taal: nl", "interesse: a, b, c, d",
        "beschikbaar: ma-avond, di-avond, wo-avond, do-avond", "0.0 km",
    ]


def test_empty_instance():
    out = solve_matching({"newcomers": [], "volunteers": []})
    assert out == {"pairs": [], "unmatched": [], "objective": {"matched": 0, "score": 0.0},
                   "optimal": True}


def test_malformed_input_raises_instance_error():
    instance = example_matching()
    instance["newcomers"][0]["lat"] = "noord"
    with pytest.raises(InstanceError, match=r"newcomers\[0\]\.lat"):
        solve_matching(instance)


def test_checker_finds_violations():
    instance = {
        "newcomers": [newcomer("n1"), newcomer("n2"), newcomer("n3", languages=["ti"])],
        "volunteers": [volunteer("v1", capacity=1)],
    }
    out = solve_matching(instance)
    assert check_matching(instance, out) == []
    bad = {
        "pairs": [
            {"newcomer": "n1", "volunteer": "v1", "score": 16.0, "reasons": []},
            {"newcomer": "n2", "volunteer": "v1", "score": 16.0, "reasons": []},
            {"newcomer": "n3", "volunteer": "v1", "score": 16.0, "reasons": []},
        ],
        "unmatched": [],
        "objective": {"matched": 3, "score": 48.0},
        "optimal": True,
    }
    problems = check_matching(instance, bad)
    assert any("capaciteit 1" in p for p in problems)
    assert any("n3-v1 is niet toegestaan" in p for p in problems)
