"""Matching people to places (issue 20, point 3; format in docs/planning.md §3).

Each person gets at most one plek and each plek at most ``capacity`` persons; only
*allowed* pairs (regie.rules.plaatsing_matching.assess) may be used. The objective is the
maatje matching's: first the number of persons placed, then the total score.

``solve_plaatsing`` solves it exactly as a maximum flow of minimum cost (OR-Tools
``SimpleMinCostFlow``, as ``regie.planning.matching``); ``greedy_plaatsing`` is the
baseline; ``check_plaatsing`` lists every violated hard constraint of an output.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Any

from ortools.graph.python import min_cost_flow

from regie.planning.errors import InstanceError
from regie.rules import plaatsing_matching as rules

SCORE_SCALE = 1_000_000
_PERSON_FIELDS = {"id", "dutch_level", "lat", "lon", "lesson_days", "modes", "experience", "wishes"}
_PLACE_FIELDS = {"id", "required_level", "lat", "lon", "days", "capacity", "sectors"}
_TOP_FIELDS = {"persons", "places", "max_travel_minutes", "level_gap"}
_CODE_WORDS = {"taal": "taalniveau te laag", "reistijd": "reistijd te lang", "dagen": "botst met de lessen"}  # fmt: skip  # noqa: E501


@dataclass
class PlaatsingInstance:
    persons: list[rules.Person]
    places: list[rules.Place]
    max_travel_minutes: int
    level_gap: int


def _fail(path: str, message: str):
    raise InstanceError(path, message)


def _number(value, path: str, lo: float, hi: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        _fail(path, "moet een getal zijn")
    if not lo <= value <= hi:
        _fail(path, f"moet tussen {lo:g} en {hi:g} liggen")
    return float(value)


def _whole(value, path: str, lo: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < lo:
        _fail(path, f"moet een geheel getal ≥ {lo} zijn")
    return value


def _texts(value, path: str, allowed: tuple[str, ...] | None = None) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        _fail(path, "moet een lijst van teksten zijn")
    for k, v in enumerate(value):
        if allowed is not None and v not in allowed:
            _fail(f"{path}[{k}]", f"onbekende waarde {v!r} (kies uit {', '.join(allowed)})")
    return list(dict.fromkeys(value))


def _level(value, path: str) -> str:
    if value not in ("", *rules.LEVELS):
        _fail(path, f"onbekend taalniveau {value!r} (kies uit '', {', '.join(rules.LEVELS)})")
    return value


def _record(obj, path: str, fields: set[str]) -> dict:
    if not isinstance(obj, dict):
        _fail(path, "moet een object zijn")
    for key in obj:
        if key not in fields:
            _fail(f"{path}.{key}", "onbekend veld")
    for key in sorted(fields):
        if key not in obj:
            _fail(f"{path}.{key}", "ontbreekt")
    if not isinstance(obj["id"], str) or not obj["id"]:
        _fail(f"{path}.id", "moet een niet-lege tekst zijn")
    return obj


def parse_plaatsing(data: Any) -> PlaatsingInstance:
    """Read and validate an instance; every error names its field."""
    if not isinstance(data, dict):
        _fail("$", "moet een JSON-object zijn")
    for key in data:
        if key not in _TOP_FIELDS:
            _fail(key, "onbekend veld")
    for key in sorted(_TOP_FIELDS):
        if key not in data:
            _fail(key, "ontbreekt")
    persons, places = [], []
    for name, target in (("persons", persons), ("places", places)):
        if not isinstance(data[name], list):
            _fail(name, "moet een lijst zijn")
        seen: set[str] = set()
        for i, raw in enumerate(data[name]):
            path = f"{name}[{i}]"
            obj = _record(raw, path, _PERSON_FIELDS if name == "persons" else _PLACE_FIELDS)
            if obj["id"] in seen:
                _fail(f"{path}.id", f"dubbel id {obj['id']!r}")
            seen.add(obj["id"])
            lat = _number(obj["lat"], f"{path}.lat", -90, 90)
            lon = _number(obj["lon"], f"{path}.lon", -180, 180)
            if name == "persons":
                target.append(
                    rules.Person(
                        id=obj["id"],
                        dutch_level=_level(obj["dutch_level"], f"{path}.dutch_level"),
                        lat=lat,
                        lon=lon,
                        lesson_days=_texts(obj["lesson_days"], f"{path}.lesson_days", rules.DAYS),
                        modes=_texts(obj["modes"], f"{path}.modes", rules.MODES),
                        experience=_texts(obj["experience"], f"{path}.experience"),
                        wishes=_texts(obj["wishes"], f"{path}.wishes"),
                    )
                )
            else:
                target.append(
                    rules.Place(
                        id=obj["id"],
                        required_level=_level(obj["required_level"], f"{path}.required_level"),
                        lat=lat,
                        lon=lon,
                        days=_texts(obj["days"], f"{path}.days", rules.DAYS),
                        capacity=_whole(obj["capacity"], f"{path}.capacity"),
                        sectors=_texts(obj["sectors"], f"{path}.sectors", tuple(rules.SECTORS)),
                    )
                )
    return PlaatsingInstance(
        persons,
        places,
        _whole(data["max_travel_minutes"], "max_travel_minutes"),
        _whole(data["level_gap"], "level_gap"),
    )


@dataclass(frozen=True)
class Pair:
    p: int
    w: int
    score: float

    @property
    def weight(self) -> int:
        return round(self.score * SCORE_SCALE)


def assess(inst: PlaatsingInstance, i: int, j: int) -> rules.Assessment:
    return rules.assess(
        inst.persons[i],
        inst.places[j],
        max_travel_minutes=inst.max_travel_minutes,
        level_gap=inst.level_gap,
    )


def allowed_pairs(inst: PlaatsingInstance) -> tuple[list[Pair], dict[int, Counter]]:
    """All allowed pairs (places with a free seat only, scored by ``rules.verdict``, no
    text), and per person without any the count of places per blocking rule."""
    pairs: list[Pair] = []
    blocked: dict[int, Counter] = {}
    open_places = [(j, w) for j, w in enumerate(inst.places) if w.capacity > 0]
    for i, person in enumerate(inst.persons):
        counts: Counter = Counter()
        found = False
        for j, place in open_places:
            code, score, _ = rules.verdict(person, place, inst.max_travel_minutes, inst.level_gap)
            if code:
                counts[code] += 1
            else:
                pairs.append(Pair(i, j, score))
                found = True
        if not found:
            blocked[i] = counts
    return pairs, blocked


def solve_plaatsing(instance: dict[str, Any]) -> dict[str, Any]:
    """Optimal: most persons placed, then the highest total score (exact, polynomial)."""
    inst = parse_plaatsing(instance)
    pairs, blocked = allowed_pairs(inst)
    return _output(inst, pairs, blocked, _flow(inst, pairs), optimal=True)


def greedy_plaatsing(instance: dict[str, Any]) -> dict[str, Any]:
    """Baseline: take the pairs by descending score while both sides have room."""
    inst = parse_plaatsing(instance)
    pairs, blocked = allowed_pairs(inst)
    room = [w.capacity for w in inst.places]
    taken: set[int] = set()
    chosen = []
    for pair in sorted(pairs, key=lambda q: (-q.weight, q.p, q.w)):
        if pair.p not in taken and room[pair.w] > 0:
            taken.add(pair.p)
            room[pair.w] -= 1
            chosen.append(pair)
    return _output(inst, pairs, blocked, chosen, optimal=False)


def _flow(inst: PlaatsingInstance, pairs: list[Pair]) -> list[Pair]:
    if not pairs:
        return []
    n_p = len(inst.persons)
    source, sink = n_p + len(inst.places), n_p + len(inst.places) + 1
    flow = min_cost_flow.SimpleMinCostFlow()
    max_w = max(p.weight for p in pairs)
    # As in the maatje matching: every maximum flow carries the same number of units F,
    # so its cost F·max_w − Σweight is least exactly when the score is greatest.
    used_p = sorted({p.p for p in pairs})
    used_w = sorted({p.w for p in pairs})
    tails = [p.p for p in pairs] + [source] * len(used_p) + [n_p + j for j in used_w]
    heads = [n_p + p.w for p in pairs] + used_p + [sink] * len(used_w)
    caps = [1] * (len(pairs) + len(used_p)) + [inst.places[j].capacity for j in used_w]
    costs = [max_w - p.weight for p in pairs] + [0] * (len(used_p) + len(used_w))
    flow.add_arcs_with_capacity_and_unit_cost(tails, heads, caps, costs)
    flow.set_node_supply(source, len(used_p))
    flow.set_node_supply(sink, -len(used_p))
    if flow.solve_max_flow_with_min_cost() != flow.OPTIMAL:  # pragma: no cover - no overflow
        raise RuntimeError("min-cost flow failed")
    return [p for a, p in enumerate(pairs) if flow.flow(a) > 0]


def unplaced_reason(inst: PlaatsingInstance, i: int, mine: list[str], blocked) -> str:
    """Why a person got no plek, in words a job coach can act on; ``mine`` are the ids of
    the places the person was allowed on."""
    if mine:
        shown = ", ".join(mine[:5]) + (f" en {len(mine) - 5} meer" if len(mine) > 5 else "")
        return f"alle passende plekken zijn al verdeeld ({shown})"
    if not any(w.capacity > 0 for w in inst.places):
        return "geen plek met een vrije plaats"
    counts = blocked.get(i, Counter())
    parts = [
        f"{_CODE_WORDS[code]} bij {n} {'plek' if n == 1 else 'plekken'}"
        for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    return "geen passende plek: " + "; ".join(parts)


def _output(inst, pairs, blocked, chosen, optimal: bool) -> dict[str, Any]:
    chosen = sorted(chosen, key=lambda p: p.p)
    placed = {p.p for p in chosen}
    allowed_for: dict[int, list[str]] = {}
    for p in pairs:
        if p.p not in placed:
            allowed_for.setdefault(p.p, []).append(inst.places[p.w].id)
    return {
        "pairs": [
            {
                "person": inst.persons[p.p].id,
                "place": inst.places[p.w].id,
                "score": round(p.score, 1),
                "reasons": assess(inst, p.p, p.w).reasons,
            }
            for p in chosen
        ],
        "unplaced": [
            {
                "person": person.id,
                "reason": unplaced_reason(inst, i, allowed_for.get(i, []), blocked),
            }
            for i, person in enumerate(inst.persons)
            if i not in placed
        ],
        "objective": {"placed": len(chosen), "score": round(sum(p.score for p in chosen), 1)},
        "optimal": optimal,
    }


def check_plaatsing(instance: dict[str, Any], output: Any) -> list[str]:
    """Every hard-constraint violation or inconsistency of an output (empty when valid)."""
    inst = parse_plaatsing(instance)
    if not isinstance(output, dict) or not {"pairs", "unplaced", "objective"} <= set(output):
        return ["output mist pairs, unplaced of objective"]
    p_idx = {p.id: i for i, p in enumerate(inst.persons)}
    w_idx = {w.id: j for j, w in enumerate(inst.places)}
    problems: list[str] = []
    load: Counter = Counter()
    seen: set[str] = set()
    total = 0.0
    for k, pair in enumerate(output["pairs"]):
        pid, wid = pair.get("person"), pair.get("place")
        if pid not in p_idx or wid not in w_idx:
            problems.append(f"pairs[{k}]: onbekende persoon of plek {pid}/{wid}")
            continue
        if pid in seen:
            problems.append(f"pairs[{k}]: {pid} heeft meer dan één plek")
        seen.add(pid)
        load[wid] += 1
        a = assess(inst, p_idx[pid], w_idx[wid])
        if not a.allowed:
            problems.append(f"pairs[{k}]: {pid}-{wid} niet toegestaan: {a.blocked}")
            continue
        total += a.score
        if abs(pair.get("score", -1) - a.score) > 0.051:
            problems.append(f"pairs[{k}]: score {pair.get('score')} wijkt af van {a.score:.3f}")
    for wid, n in load.items():
        if n > inst.places[w_idx[wid]].capacity:
            problems.append(
                f"plek {wid} heeft {n} personen, capaciteit {inst.places[w_idx[wid]].capacity}"
            )  # noqa: E501
    listed = sorted(str(u.get("person")) for u in output["unplaced"])
    if listed != sorted(p.id for p in inst.persons if p.id not in seen):
        problems.append("unplaced bevat niet precies de niet-geplaatste personen")
    obj = output["objective"]
    if obj.get("placed") != len(output["pairs"]) or abs(obj.get("score", -1) - total) > 0.051:
        problems.append("objective klopt niet")
    return problems
