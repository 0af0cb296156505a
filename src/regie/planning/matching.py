"""Maatje matching (PLANNING.md §1): pair newcomers with volunteers.

Each newcomer gets at most one volunteer and each volunteer at most ``capacity``
newcomers; only *allowed* pairs may be used. The objective is lexicographic: first the
number of matched newcomers, then the total pair score.

``solve_matching`` solves it exactly as a maximum flow of minimum cost on the bipartite
graph source → newcomer → volunteer → sink (OR-Tools ``SimpleMinCostFlow``), which is a
polynomial algorithm: maximum flow gives the lexicographic first goal by construction and
minimum cost (a constant minus the scaled score) the second. ``greedy_matching`` is the
baseline for benchmarks. ``check_matching`` lists every violated hard constraint of an
output and is used by tests and benchmarks.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from ortools.graph.python import min_cost_flow

from regie.planning.io import MatchingInstance, Newcomer, Volunteer, parse_matching

EARTH_RADIUS_KM = 6371.0
# Scores are optimised as integers in millionths: the distance term is irrational, and
# 1e-6 per pair keeps the rounding error of any total far below the 0.1 shown to people,
# while max weight × node count stays far inside int64 for the flow's cost scaling.
SCORE_SCALE = 1_000_000
_GENDER_WORD = {"m": "mannelijke", "v": "vrouwelijke", "x": "non-binaire"}
_LIST_MAX = 5  # ids listed in a reason; more would not help a coordinator


# --------------------------------------------------------------------------- pair rules


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km on a sphere of radius 6371.0 km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp = p2 - p1
    dl = math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def gender_ok(n: Newcomer, v: Volunteer) -> bool:
    """Both gender wishes are respected (a null wish accepts anyone)."""
    return (n.wants_gender is None or n.wants_gender == v.gender) and (
        v.wants_gender is None or v.wants_gender == n.gender
    )


def pair_allowed(n: Newcomer, v: Volunteer) -> bool:
    """The four rules of PLANNING.md §1, written plainly; the solvers use a faster index."""
    return (
        bool(set(n.languages) & set(v.languages))
        and gender_ok(n, v)
        and haversine_km(n.lat, n.lon, v.lat, v.lon) <= v.max_km
        and bool(set(n.availability) & set(v.availability))
    )


def pair_score(n: Newcomer, v: Volunteer, km: float | None = None) -> float:
    """Exact score of an allowed pair, higher is better."""
    if km is None:
        km = haversine_km(n.lat, n.lon, v.lat, v.lon)
    languages = set(n.languages) & set(v.languages)
    score = 10.0
    if languages - {"nl"}:
        score += 3
    score += 2 * min(3, len(set(n.interests) & set(v.interests)))
    score += min(3, len(set(n.availability) & set(v.availability)))
    # max_km == 0 only allows km == 0, the best distance possible: give the full 2 points
    # instead of dividing by zero.
    score += 2 * (1 - km / v.max_km) if v.max_km > 0 else 2.0
    return score


@dataclass(frozen=True)
class Pair:
    """An allowed (newcomer, volunteer) pair by index, with its distance and exact score."""

    n: int
    v: int
    km: float
    score: float

    @property
    def weight(self) -> int:
        return round(self.score * SCORE_SCALE)


def allowed_pairs(inst: MatchingInstance) -> list[Pair]:
    """All allowed pairs, newcomer-major in input order.

    Cheap set rules (language, availability, gender) are applied as set intersections on
    volunteer indices first, so that the haversine is computed only for the few
    survivors; this keeps 3,000 × 1,000 instances at a few seconds of pure Python.
    """
    vols = inst.volunteers
    by_lang: dict[str, set[int]] = {}
    by_slot: dict[str, set[int]] = {}
    by_gender: dict[str, set[int]] = {g: set() for g in ("m", "v", "x")}
    accepts: dict[str, set[int]] = {g: set() for g in ("m", "v", "x")}
    for j, v in enumerate(vols):
        for lang in v.languages:
            by_lang.setdefault(lang, set()).add(j)
        for slot in v.availability:
            by_slot.setdefault(slot, set()).add(j)
        by_gender[v.gender].add(j)
        for g in accepts:
            if v.wants_gender is None or v.wants_gender == g:
                accepts[g].add(j)
    pairs: list[Pair] = []
    for i, n in enumerate(inst.newcomers):
        langs: set[int] = set()
        for lang in n.languages:
            langs |= by_lang.get(lang, set())
        slots: set[int] = set()
        for slot in n.availability:
            slots |= by_slot.get(slot, set())
        cands = langs & slots & accepts[n.gender]
        if n.wants_gender is not None:
            cands &= by_gender[n.wants_gender]
        for j in sorted(cands):
            v = vols[j]
            km = haversine_km(n.lat, n.lon, v.lat, v.lon)
            if km <= v.max_km:
                pairs.append(Pair(i, j, km, pair_score(n, v, km)))
    return pairs


# --------------------------------------------------------------------------- solvers


def solve_matching(instance: dict[str, Any], time_limit_s: float = 30) -> dict[str, Any]:
    """Optimal matching: most newcomers matched, then highest total score.

    ``time_limit_s`` is accepted for symmetry with the week solver; the min-cost-flow
    algorithm is exact and polynomial and needs no limit (about a second for a city).
    """
    del time_limit_s
    inst = parse_matching(instance)
    pairs = allowed_pairs(inst)
    chosen = _flow_matching(inst, pairs)
    if chosen is None:
        # The flow solver only fails on overflow, which the scaling rules out; still, an
        # answer that breaks nothing is better than none.
        return _output(inst, pairs, _greedy_choice(inst, pairs), optimal=False)
    return _output(inst, pairs, chosen, optimal=True)


def _flow_matching(inst: MatchingInstance, pairs: list[Pair]) -> list[Pair] | None:
    n_new, n_vol = len(inst.newcomers), len(inst.volunteers)
    source, sink = n_new + n_vol, n_new + n_vol + 1
    if not pairs:
        return []
    flow = min_cost_flow.SimpleMinCostFlow()
    max_w = max(p.weight for p in pairs)
    # Cost max_w - weight is non-negative; every maximum flow carries the same number of
    # units F, so its cost F·max_w - Σweight is least exactly when the score is greatest.
    tails = [p.n for p in pairs]
    heads = [n_new + p.v for p in pairs]
    caps = [1] * len(pairs)
    costs = [max_w - p.weight for p in pairs]
    used_n = sorted({p.n for p in pairs})
    used_v = sorted({p.v for p in pairs})
    tails += [source] * len(used_n) + [n_new + j for j in used_v]
    heads += used_n + [sink] * len(used_v)
    caps += [1] * len(used_n) + [inst.volunteers[j].capacity for j in used_v]
    costs += [0] * (len(used_n) + len(used_v))
    flow.add_arcs_with_capacity_and_unit_cost(tails, heads, caps, costs)
    flow.set_node_supply(source, len(used_n))
    flow.set_node_supply(sink, -len(used_n))
    if flow.solve_max_flow_with_min_cost() != flow.OPTIMAL:
        return None
    return [p for a, p in enumerate(pairs) if flow.flow(a) > 0]


def greedy_matching(instance: dict[str, Any]) -> dict[str, Any]:
    """Baseline: take pairs by descending score while both sides still have room.

    ``optimal`` is true only in the trivial case that every newcomer with an allowed pair
    got matched to one of its best-scoring volunteers, which no solution can beat.
    """
    inst = parse_matching(instance)
    pairs = allowed_pairs(inst)
    chosen = _greedy_choice(inst, pairs)
    best: dict[int, float] = {}
    for p in pairs:
        best[p.n] = max(best.get(p.n, p.score), p.score)
    proven = len(chosen) == len(best) and all(p.weight == round(best[p.n] * SCORE_SCALE)
                                              for p in chosen)
    return _output(inst, pairs, chosen, optimal=proven)


def _greedy_choice(inst: MatchingInstance, pairs: list[Pair]) -> list[Pair]:
    room = [v.capacity for v in inst.volunteers]
    taken: set[int] = set()
    chosen = []
    for p in sorted(pairs, key=lambda p: (-p.weight, p.n, p.v)):
        if p.n not in taken and room[p.v] > 0:
            taken.add(p.n)
            room[p.v] -= 1
            chosen.append(p)
    return chosen


# --------------------------------------------------------------------------- output


def _output(
    inst: MatchingInstance, pairs: list[Pair], chosen: list[Pair], optimal: bool
) -> dict[str, Any]:
    chosen = sorted(chosen, key=lambda p: p.n)
    matched = {p.n for p in chosen}
    has_pair = {p.n for p in pairs}
    full_by_n: dict[int, list[int]] = {}
    for p in pairs:
        if p.n not in matched:
            full_by_n.setdefault(p.n, []).append(p.v)
    return {
        "pairs": [
            {
                "newcomer": inst.newcomers[p.n].id,
                "volunteer": inst.volunteers[p.v].id,
                "score": round(p.score, 1),
                "reasons": pair_reasons(inst.newcomers[p.n], inst.volunteers[p.v], p.km),
            }
            for p in chosen
        ],
        "unmatched": [
            {
                "newcomer": n.id,
                "reason": (
                    _full_reason(inst, full_by_n[i])
                    if i in has_pair
                    else no_pair_reason(inst, n)
                ),
            }
            for i, n in enumerate(inst.newcomers)
            if i not in matched
        ],
        "objective": {"matched": len(chosen), "score": round(sum(p.score for p in chosen), 1)},
        "optimal": optimal,
    }


def pair_reasons(n: Newcomer, v: Volunteer, km: float) -> list[str]:
    """Why a pair fits, in the words a coordinator uses (e.g. 'taal: ar', '1.8 km')."""
    reasons = []
    langs = [lang for lang in n.languages if lang in v.languages]
    reasons.append("taal: " + ", ".join(langs))
    interests = [i for i in n.interests if i in v.interests]
    if interests:
        reasons.append("interesse: " + ", ".join(interests))
    slots = [s for s in n.availability if s in v.availability]
    reasons.append("beschikbaar: " + ", ".join(slots))
    reasons.append(f"{km:.1f} km")
    return reasons


def _ids(items: list[str]) -> str:
    shown = ", ".join(items[:_LIST_MAX])
    return shown + (f" en {len(items) - _LIST_MAX} meer" if len(items) > _LIST_MAX else "")


def _or(words: tuple[str, ...] | list[str]) -> str:
    words = list(words)
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " of " + words[-1]


def _full_reason(inst: MatchingInstance, vols: list[int]) -> str:
    ids = [inst.volunteers[j].id for j in vols]
    return f"alle passende vrijwilligers zitten vol ({_ids(ids)})"


def no_pair_reason(inst: MatchingInstance, n: Newcomer) -> str:
    """Why a newcomer has no allowed volunteer at all, naming the rule that rules out the
    last candidates (language, then distance, then gender wish, then availability)."""
    if not n.languages:
        return "geen taal opgegeven"
    if not n.availability:
        return "geen beschikbaarheid opgegeven"
    langs = _or(n.languages)
    speak = [v for v in inst.volunteers if set(n.languages) & set(v.languages)]
    if not speak:
        return f"geen vrijwilliger die {langs} spreekt"
    dist = {v.id: haversine_km(n.lat, n.lon, v.lat, v.lon) for v in speak}
    near = [v for v in speak if dist[v.id] <= v.max_km]
    if not near:
        closest = min(speak, key=lambda v: (dist[v.id], v.id))
        return (
            f"geen vrijwilliger die {langs} spreekt binnen reisafstand; dichtstbijzijnde:"
            f" {closest.id} op {dist[closest.id]:.1f} km (wil max {closest.max_km:g} km)"
        )
    wished = [v for v in near if n.wants_gender is None or n.wants_gender == v.gender]
    if not wished:
        return (
            f"genderwens: geen {_GENDER_WORD[n.wants_gender or 'x']} vrijwilliger die"
            f" {langs} spreekt binnen reisafstand"
        )
    fitting = [v for v in wished if gender_ok(n, v)]
    if not fitting:
        return (
            f"genderwens van de vrijwilliger past niet: {_ids([v.id for v in wished])}"
            f" (spreekt {langs}, binnen reisafstand) wil alleen een ander geslacht"
        )
    offered = sorted({s for v in fitting for s in v.availability})
    return (
        f"geen gedeelde beschikbaarheid met {_ids([v.id for v in fitting])}"
        f" (zij kunnen: {', '.join(offered)}; nieuwkomer: {', '.join(n.availability)})"
    )


# --------------------------------------------------------------------------- checker


def check_matching(instance: dict[str, Any], output: Any) -> list[str]:
    """Every hard-constraint violation (and inconsistency) of a matching output.

    An empty list means the output is a valid solution of the instance in the format of
    PLANNING.md. The instance itself must be valid (``InstanceError`` otherwise).
    """
    inst = parse_matching(instance)
    problems: list[str] = []
    if not isinstance(output, dict):
        return ["output is geen JSON-object"]
    for key in ("pairs", "unmatched", "objective", "optimal"):
        if key not in output:
            problems.append(f"veld {key!r} ontbreekt")
    if problems:
        return problems
    n_idx = {n.id: i for i, n in enumerate(inst.newcomers)}
    v_idx = {v.id: j for j, v in enumerate(inst.volunteers)}
    load: dict[str, int] = {}
    seen: set[str] = set()
    total = 0.0
    for k, pair in enumerate(output["pairs"]):
        nid, vid = pair.get("newcomer"), pair.get("volunteer")
        if nid not in n_idx or vid not in v_idx:
            problems.append(f"pairs[{k}]: onbekende nieuwkomer of vrijwilliger {nid}/{vid}")
            continue
        if nid in seen:
            problems.append(f"pairs[{k}]: nieuwkomer {nid} heeft meer dan één maatje")
        seen.add(nid)
        load[vid] = load.get(vid, 0) + 1
        n, v = inst.newcomers[n_idx[nid]], inst.volunteers[v_idx[vid]]
        if not pair_allowed(n, v):
            problems.append(f"pairs[{k}]: paar {nid}-{vid} is niet toegestaan")
            continue
        score = pair_score(n, v)
        total += score
        if not isinstance(pair.get("score"), (int, float)) or abs(pair["score"] - score) > 0.051:
            problems.append(f"pairs[{k}]: score {pair.get('score')} wijkt af van {score:.3f}")
    for vid, count in load.items():
        cap = inst.volunteers[v_idx[vid]].capacity
        if count > cap:
            problems.append(f"vrijwilliger {vid} heeft {count} nieuwkomers, capaciteit {cap}")
    listed = [u.get("newcomer") for u in output["unmatched"]]
    expected = [n.id for n in inst.newcomers if n.id not in seen]
    if sorted(map(str, listed)) != sorted(expected):
        problems.append("unmatched bevat niet precies de niet-gekoppelde nieuwkomers")
    for u in output["unmatched"]:
        if not isinstance(u.get("reason"), str) or not u["reason"]:
            problems.append(f"unmatched {u.get('newcomer')}: reden ontbreekt")
    obj = output["objective"]
    if not isinstance(obj, dict) or obj.get("matched") != len(output["pairs"]):
        problems.append("objective.matched klopt niet met het aantal paren")
    elif not isinstance(obj.get("score"), (int, float)) or abs(obj["score"] - total) > 0.051:
        problems.append(f"objective.score {obj.get('score')} wijkt af van {total:.3f}")
    if not isinstance(output["optimal"], bool):
        problems.append("optimal moet true of false zijn")
    return problems
