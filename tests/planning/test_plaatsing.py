"""The solver of matching people to places (docs/planning.md §3): optimal against a
brute-force enumeration on random small instances, never below greedy, strictly above it
on a crafted instance, every answer valid, and malformed input naming its field."""

from __future__ import annotations

import itertools
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from regie.planning.errors import InstanceError
from regie.planning.plaatsing import (
    assess,
    check_plaatsing,
    greedy_plaatsing,
    parse_plaatsing,
    solve_plaatsing,
)
from tests.planning.test_properties import EXAMPLES

SETTINGS = settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
LEVELS = ["", "geen", "A0", "A1", "A2", "B1"]
DAYS = ["ma", "di", "wo", "do", "vr"]


def _person(i, level="A2", lat=51.97, lon=6.72, lessons=(), experience=(), wishes=()):
    return {
        "id": f"p{i}",
        "dutch_level": level,
        "lat": lat,
        "lon": lon,
        "lesson_days": list(lessons),
        "modes": ["fiets", "ov"],
        "experience": list(experience),
        "wishes": list(wishes),
    }


def _place(j, level="A1", lat=51.96, lon=6.70, days=(), capacity=1, sectors=()):
    return {
        "id": f"w{j}",
        "required_level": level,
        "lat": lat,
        "lon": lon,
        "days": list(days),
        "capacity": capacity,
        "sectors": list(sectors),
    }


def _instance(persons, places, minutes=45, gap=1):
    return {"persons": persons, "places": places, "max_travel_minutes": minutes, "level_gap": gap}


@st.composite
def instances(draw):
    persons = [
        _person(
            i,
            level=draw(st.sampled_from(LEVELS)),
            lat=draw(st.floats(51.90, 52.04)),
            lon=draw(st.floats(6.60, 6.80)),
            lessons=draw(st.lists(st.sampled_from(DAYS), max_size=3, unique=True)),
            experience=draw(st.lists(st.sampled_from(["kok", "monteur", "zorg"]), max_size=1)),
            wishes=draw(st.lists(st.sampled_from(["winkel", "tuin", "zorg"]), max_size=1)),
        )
        for i in range(draw(st.integers(0, 5)))
    ]
    places = [
        _place(
            j,
            level=draw(st.sampled_from(LEVELS)),
            lat=draw(st.floats(51.90, 52.04)),
            lon=draw(st.floats(6.60, 6.80)),
            days=draw(st.lists(st.sampled_from(DAYS), max_size=2, unique=True)),
            capacity=draw(st.integers(0, 2)),
            sectors=draw(st.lists(st.sampled_from(["horeca", "zorg", "groen"]), max_size=2)),
        )
        for j in range(draw(st.integers(0, 3)))
    ]
    return _instance(persons, places, draw(st.sampled_from([20, 30, 45])), draw(st.integers(0, 2)))


def brute_force(instance) -> tuple[int, float]:
    """(placed, score) of the best assignment, by enumerating every one."""
    inst = parse_plaatsing(instance)
    options = []
    for i in range(len(inst.persons)):
        row = [None]
        for j, place in enumerate(inst.places):
            if place.capacity > 0:
                a = assess(inst, i, j)
                if a.allowed:
                    row.append((j, a.score))
        options.append(row)
    best = (0, 0.0)
    for combo in itertools.product(*options):
        load = [0] * len(inst.places)
        for c in combo:
            if c is not None:
                load[c[0]] += 1
        if any(load[j] > inst.places[j].capacity for j in range(len(inst.places))):
            continue
        chosen = [c for c in combo if c is not None]
        value = (len(chosen), sum(s for _, s in chosen))
        if value[0] > best[0] or (value[0] == best[0] and value[1] > best[1] + 1e-9):
            best = value
    return best


@SETTINGS
@given(instances())
def test_solver_is_optimal_and_valid(instance):
    out = solve_plaatsing(instance)
    greedy = greedy_plaatsing(instance)
    assert check_plaatsing(instance, out) == []
    assert check_plaatsing(instance, greedy) == []
    placed, score = brute_force(instance)
    assert out["objective"]["placed"] == placed
    assert out["objective"]["score"] == pytest.approx(score, abs=0.051)
    assert (out["objective"]["placed"], out["objective"]["score"]) >= (
        greedy["objective"]["placed"],
        greedy["objective"]["score"] - 0.051,
    )


def test_greedy_is_worse_on_a_crafted_instance():
    # p1 fits both places, best at w1 (experience); p2 only fits w1 (lessons on wo clash
    # with w2). Greedy gives w1 to p1 and leaves p2 out; the optimum places both.
    instance = _instance(
        [_person(1, experience=["kok"]), _person(2, lessons=["wo"])],
        [_place(1, sectors=["horeca"]), _place(2, days=["wo"])],
    )
    greedy = greedy_plaatsing(instance)
    out = solve_plaatsing(instance)
    assert greedy["objective"]["placed"] == 1
    assert greedy["unplaced"] == [
        {"person": "p2", "reason": "alle passende plekken zijn al verdeeld (w1)"}
    ]
    assert out["objective"]["placed"] == 2
    assert {(p["person"], p["place"]) for p in out["pairs"]} == {("p1", "w2"), ("p2", "w1")}
    assert out["optimal"] is True and greedy["optimal"] is False


def test_unplaced_reason_counts_the_blocking_rules():
    instance = _instance(
        [_person(1, level="A0", lessons=["ma"])],
        [_place(1, level="B1"), _place(2, days=["ma"]), _place(3, lat=52.3), _place(4, capacity=0)],
    )
    out = solve_plaatsing(instance)
    assert out["unplaced"] == [
        {
            "person": "p1",
            "reason": "geen passende plek: botst met de lessen bij 1 plek; "
            "reistijd te lang bij 1 plek; taalniveau te laag bij 1 plek",
        }
    ]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda i: i["persons"][0].update(dutch_level="C1"), "persons[0].dutch_level"),
        (lambda i: i["persons"][0].update(lesson_days=["mon"]), "persons[0].lesson_days[0]"),
        (lambda i: i["persons"][0].update(modes=["auto"]), "persons[0].modes[0]"),
        (lambda i: i["places"][0].update(capacity=-1), "places[0].capacity"),
        (lambda i: i["places"][0].update(lat="x"), "places[0].lat"),
        (lambda i: i["places"][0].update(sectors=["ruimtevaart"]), "places[0].sectors[0]"),
        (lambda i: i["places"][0].pop("days"), "places[0].days"),
        (lambda i: i["places"][0].update(colour="rood"), "places[0].colour"),
        (lambda i: i.update(level_gap=1.5), "level_gap"),
        (lambda i: i["persons"].append(_person(1)), "persons[1].id"),
    ],
)
def test_malformed_input_names_its_field(change, field):
    instance = _instance([_person(1)], [_place(1)])
    change(instance)
    with pytest.raises(InstanceError) as error:
        solve_plaatsing(instance)
    assert error.value.field == field


def test_cli_solves_and_names_a_bad_field(tmp_path, capsys):
    from regie.planning.cli import main

    good = tmp_path / "in.json"
    good.write_text(json.dumps(_instance([_person(1)], [_place(1)])), encoding="utf-8")
    assert main(["plaatsing", str(good)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["objective"] == {"placed": 1, "score": 15.3}  # 10 + 3 + 3 × (1 − 10/45)
    bad = tmp_path / "bad.json"
    instance = _instance([_person(1)], [_place(1, level="C2")])
    bad.write_text(json.dumps(instance), encoding="utf-8")
    assert main(["plaatsing", str(bad), "--greedy"]) == 2
    assert "places[0].required_level" in capsys.readouterr().err
