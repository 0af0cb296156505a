"""Property tests on random small instances: solvers keep every hard constraint, beat or
equal the greedy baseline, and reach the brute-force optimum on tiny instances."""

from __future__ import annotations

import itertools
import math
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from regie.planning.io import parse_matching, parse_week
from regie.planning.matching import (
    check_matching,
    greedy_matching,
    haversine_km,
    solve_matching,
)
from regie.planning.week import check_week, greedy_week, solve_week

# PLANNING_EXAMPLES=1000 runs a deeper search than the quick default.
EXAMPLES = int(os.environ.get("PLANNING_EXAMPLES", "40"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

LANGS = ["nl", "ar", "en", "ti"]
SLOTS = ["ma-avond", "di-middag", "za-ochtend"]
INTERESTS = ["koken", "fietsen", "wandelen"]


def _person(draw, pid):
    return {
        "id": pid,
        "languages": draw(st.lists(st.sampled_from(LANGS), min_size=1, max_size=2,
                                   unique=True)),
        "gender": draw(st.sampled_from(["m", "v", "x"])),
        "wants_gender": draw(st.sampled_from([None, None, "m", "v"])),
        "lat": draw(st.floats(51.95, 52.05)),
        "lon": draw(st.floats(4.95, 5.05)),
        "interests": draw(st.lists(st.sampled_from(INTERESTS), max_size=3, unique=True)),
        "availability": draw(st.lists(st.sampled_from(SLOTS), min_size=1, max_size=3,
                                      unique=True)),
    }


@st.composite
def matching_instances(draw, max_new=4, max_vol=3):
    newcomers = [_person(draw, f"n{i}") for i in range(draw(st.integers(0, max_new)))]
    volunteers = []
    for j in range(draw(st.integers(0, max_vol))):
        v = _person(draw, f"v{j}")
        v["capacity"] = draw(st.integers(0, 2))
        v["max_km"] = draw(st.sampled_from([2, 5, 10]))
        volunteers.append(v)
    return {"newcomers": newcomers, "volunteers": volunteers}


def _brute_force_matching(instance):
    """(matched, score) of the best assignment by enumerating every one."""
    inst = parse_matching(instance)
    options = []
    for n in inst.newcomers:
        mine = [None]
        for j, v in enumerate(inst.volunteers):
            km = haversine_km(n.lat, n.lon, v.lat, v.lon)
            if (set(n.languages) & set(v.languages)
                    and (n.wants_gender in (None, v.gender))
                    and (v.wants_gender in (None, n.gender))
                    and km <= v.max_km
                    and set(n.availability) & set(v.availability)):
                score = (10 + 3 * bool(set(n.languages) & set(v.languages) - {"nl"})
                         + 2 * min(3, len(set(n.interests) & set(v.interests)))
                         + min(3, len(set(n.availability) & set(v.availability)))
                         + 2 * (1 - km / v.max_km))
                mine.append((j, score))
        options.append(mine)
    best = (0, 0.0)
    for choice in itertools.product(*options):
        used = [c[0] for c in choice if c is not None]
        if any(used.count(j) > inst.volunteers[j].capacity for j in set(used)):
            continue
        value = (len(used), sum(c[1] for c in choice if c is not None))
        if value[0] > best[0] or (value[0] == best[0] and value[1] > best[1]):
            best = value
    return best


@SETTINGS
@given(matching_instances())
def test_matching_is_valid_and_optimal(instance):
    out = solve_matching(instance)
    greedy = greedy_matching(instance)
    assert check_matching(instance, out) == []
    assert check_matching(instance, greedy) == []
    assert out["optimal"] is True
    matched, score = _brute_force_matching(instance)
    assert out["objective"]["matched"] == matched
    assert abs(out["objective"]["score"] - round(score, 1)) <= 0.1
    g = greedy["objective"]
    assert (out["objective"]["matched"], out["objective"]["score"] + 0.1) >= (
        g["matched"], g["score"])


DAYS = ["ma", "di"]
TIMES = [f"{h:02d}:{m:02d}" for h in range(9, 14) for m in (0, 30)]


def _minutes(t):
    return int(t[:2]) * 60 + int(t[3:])


@st.composite
def week_instances(draw, max_part=3, max_sess=4):
    """Instances in PLANNING.md's format with docs/planning.md's additions mixed in: a hard
    ``hours_max``, ``times_per_week`` per activity and busy blocks that are sessions of an
    activity (an enrolment outside the plan)."""
    times = {a: draw(st.sampled_from([1, 1, 2])) for a in ("a", "b", "c")}
    sessions = []
    for k in range(draw(st.integers(0, max_sess))):
        start = draw(st.sampled_from(TIMES))
        length = draw(st.sampled_from([30, 45, 60, 90, 120]))
        end = _minutes(start) + length
        sessions.append({
            "id": f"s{k}", "activity": draw(st.sampled_from(["a", "b", "c"])),
            "themes": draw(st.lists(st.sampled_from(["t1", "t2", "t3"]), max_size=2,
                                    unique=True)),
            "day": draw(st.sampled_from(DAYS)), "start": start,
            "end": f"{end // 60:02d}:{end % 60:02d}",
            "capacity": draw(st.integers(0, 2)),
            "routes": draw(st.lists(st.sampled_from(["B1", "Z"]), min_size=1, unique=True)),
        })
        if times[sessions[-1]["activity"]] > 1 or draw(st.booleans()):
            sessions[-1]["times_per_week"] = times[sessions[-1]["activity"]]
    participants = []
    for i in range(draw(st.integers(0, max_part))):
        available = []
        for day in draw(st.lists(st.sampled_from(DAYS), min_size=1, unique=True)):
            a, b = sorted(draw(st.lists(st.sampled_from(TIMES + ["15:00"]), min_size=2,
                                        max_size=2, unique=True)), key=_minutes)
            if draw(st.booleans()):
                a, b = "08:00", "16:00"
            available.append({"day": day, "start": a, "end": b})
        busy = []
        if draw(st.booleans()):
            start = draw(st.sampled_from(TIMES))
            busy.append({"day": draw(st.sampled_from(DAYS)), "start": start,
                         "end": f"{_minutes(start) // 60 + 1:02d}:{start[3:]}",
                         "what": "taalles"})
            activity = draw(st.sampled_from([None, "a", "b"]))
            if activity:
                busy[-1]["activity"] = activity
        participants.append({
            "id": f"p{i}", "route": draw(st.sampled_from(["B1", "Z"])),
            "hours_target": draw(st.sampled_from([0.0, 1.0, 1.5, 2.5, 4.0])),
            "max_hours_per_day": draw(st.sampled_from([1.0, 1.5, 2.0, 8.0])),
            "themes_needed": draw(st.lists(st.sampled_from(["t1", "t2", "t3"]), max_size=3,
                                           unique=True)),
            "available": available, "busy": busy,
        })
        hours_max = draw(st.sampled_from([None, None, 0.5, 1.0, 2.0, 3.5]))
        if hours_max is not None:
            participants[-1]["hours_max"] = hours_max
    travel = draw(st.sampled_from([0, 15, 30]))
    return {"participants": participants, "sessions": sessions, "travel_minutes": travel}


def _brute_force_week(instance):
    """Best objective by enumerating every subset of sessions for every participant,
    with the rules of PLANNING.md written out independently of the solver."""
    inst = parse_week(instance)
    t = inst.travel_minutes

    def apart(a_start, a_end, b_start, b_end):
        return b_start >= a_end + t or a_start >= b_end + t

    options = []
    for p in inst.participants:
        ok_single = [
            s for s in inst.sessions
            if p.route in s.routes
            and any(w.day == s.day and w.start <= s.start and s.end <= w.end
                    for w in p.available)
            and all(b.day != s.day or apart(b.start, b.end, s.start, s.end) for b in p.busy)
        ]
        mine = []
        for r in range(len(ok_single) + 1):
            for subset in itertools.combinations(ok_single, r):
                times = {s.activity: s.times_per_week for s in inst.sessions}
                for b in p.busy:
                    if b.activity in times:
                        times[b.activity] -= 1
                if any(sum(1 for s in subset if s.activity == a) > times[a]
                       for a in {s.activity for s in subset}):
                    continue
                total = sum(s.end - s.start for s in subset)
                if p.hours_max is not None and total > math.floor(p.hours_max * 60 + 1e-9):
                    continue
                if any(a.day == b.day and not apart(a.start, a.end, b.start, b.end)
                       for a, b in itertools.combinations(subset, 2)):
                    continue
                per_day = {}
                for s in subset:
                    per_day[s.day] = per_day.get(s.day, 0) + s.end - s.start
                if any(m > math.floor(p.max_hours_per_day * 60 + 1e-9)
                       for m in per_day.values()):
                    continue
                themes = {x for s in subset for x in s.themes} & set(p.themes_needed)
                hours = sum(s.end - s.start for s in subset) / 60
                mine.append(([s.id for s in subset],
                             10 * len(themes) + min(p.hours_target, hours)))
        options.append(mine)
    caps = {s.id: s.capacity for s in inst.sessions}
    best = 0.0
    for choice in itertools.product(*options):
        used = [sid for ids, _ in choice for sid in ids]
        if any(used.count(sid) > caps[sid] for sid in set(used)):
            continue
        best = max(best, sum(v for _, v in choice))
    return best


@SETTINGS
@given(week_instances())
def test_week_is_valid_and_optimal(instance):
    out = solve_week(instance, time_limit_s=10)
    greedy = greedy_week(instance)
    assert check_week(instance, out) == []
    assert check_week(instance, greedy) == []
    assert out["objective"] >= greedy["objective"]
    assert out["optimal"] is True
    assert abs(out["objective"] - _brute_force_week(instance)) <= 0.006
    assert greedy["bound"] >= out["objective"] - 0.006


@settings(max_examples=max(1, EXAMPLES // 3), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(week_instances(max_part=6, max_sess=8))
def test_week_larger_random_instances_keep_every_rule(instance):
    out = solve_week(instance, time_limit_s=5)
    assert check_week(instance, out) == []
    assert out["objective"] >= greedy_week(instance)["objective"]
    assert out["bound"] >= out["objective"]


@settings(max_examples=max(1, EXAMPLES // 3), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(matching_instances(max_new=12, max_vol=6))
def test_matching_larger_random_instances_keep_every_rule(instance):
    out = solve_matching(instance)
    assert check_matching(instance, out) == []
    assert all(u["reason"] for u in out["unmatched"])
