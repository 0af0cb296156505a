"""Integraal weekprogramma (PLANNING.md §2): choose each participant's sessions for a week.

Hard rules: the participant's route is in the session's routes; the session lies wholly
inside one available window; it keeps ``travel_minutes`` away from every busy block and
every other chosen session; at most ``capacity`` participants per session; at most
``max_hours_per_day`` hours per day; every activity name at most once per week. Additions
(docs/planning.md): at most ``hours_max`` hours in the week, an activity at most its
``times_per_week`` (default 1), busy blocks of an activity counting towards it.
Objective: Σ over participants of 10 × (distinct needed themes covered) +
min(hours_target, hours chosen).

The OR-Tools CP-SAT model has a variable only for (participant, session) pairs that pass
every single-pair rule, so only the coupling rules remain in it: capacity, clashes (as
maximal cliques of the interval graph per participant and day), hours per day and the
activity rule. The objective is scaled to whole seconds, which makes it exact for session
times in minutes and hour targets given to the second. ``solve_week`` combines that model
with heuristics and a neighbourhood search (see its docstring); ``greedy_week`` is the
baseline; ``check_week`` lists every hard-constraint violation of an output and is used by
tests and benchmarks.
"""

from __future__ import annotations

import math
import random
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from ortools.graph.python import max_flow
from ortools.sat.python import cp_model

from regie.planning.io import DAYS, Participant, Session, WeekInstance, parse_week

# Objective unit: one second of programme. A covered theme is worth 10 hours.
SECONDS_PER_HOUR = 3600
THEME_VALUE = 10 * SECONDS_PER_HOUR
_DAY_ORDER = {d: i for i, d in enumerate(DAYS)}
_LIST_MAX = 3  # sessions named in one missing reason


# --------------------------------------------------------------------------- single-pair rules


def clashes(start1: int, end1: int, start2: int, end2: int, travel: int) -> bool:
    """Two blocks on the same day are closer than ``travel`` minutes (or overlap).

    Starting exactly ``travel`` minutes after the other one ends is allowed.
    """
    return start2 < end1 + travel and start1 < end2 + travel


def _inside_window(p: Participant, s: Session) -> bool:
    return any(w.day == s.day and w.start <= s.start and s.end <= w.end for w in p.available)


def _busy_clash(p: Participant, s: Session, travel: int) -> list[str]:
    return [
        b.what
        for b in p.busy
        if b.day == s.day and clashes(b.start, b.end, s.start, s.end, travel)
    ]


def day_limit_minutes(p: Participant) -> int:
    """Whole minutes allowed per day; sessions last whole minutes, so this is exact."""
    return math.floor(p.max_hours_per_day * 60 + 1e-9)


def target_seconds(p: Participant) -> int:
    return round(p.hours_target * SECONDS_PER_HOUR)


def week_limit_minutes(p: Participant) -> int | None:
    """Whole minutes allowed in the week (``hours_max``), or None without a bound."""
    if p.hours_max is None:
        return None
    return math.floor(p.hours_max * 60 + 1e-9)


def dutch_hours(hours: float) -> str:
    """Hours as a Dutch number in reasons: 2.5 -> "2,5"."""
    return f"{hours:g}".replace(".", ",")


def activity_allowance(inst: WeekInstance, p: Participant) -> dict[str, int]:
    """How often p may still attend each activity this week: its ``times_per_week`` minus
    the busy blocks that are already sessions of it (enrolments outside the plan)."""
    allowed = {s.activity: s.times_per_week for s in inst.sessions}
    for b in p.busy:
        if b.activity and b.activity in allowed:
            allowed[b.activity] -= 1
    return allowed


@dataclass
class Prepared:
    """The instance with, per participant, the sessions that pass every single-pair rule."""

    inst: WeekInstance
    cands: list[list[int]]  # session indices per participant, by day then start
    limit: list[int]  # minutes per day per participant
    target: list[int]  # hours_target in seconds
    by_theme: list[dict[str, list[int]]] = field(default_factory=list)  # needed theme -> cands
    offer: dict[str, list[int]] = field(default_factory=dict)  # theme -> all its sessions
    dur: list[int] = field(default_factory=list)  # minutes per session
    # Per participant, aligned with cands: the needed themes a candidate carries, as bits
    # (bit i = themes_needed[i]); heuristics then count new themes with one AND.
    masks: list[list[int]] = field(default_factory=list)
    week_limit: list[int | None] = field(default_factory=list)  # hours_max in minutes
    allow: list[dict[str, int]] = field(default_factory=list)  # activity -> times left

    def __post_init__(self) -> None:
        self.dur = [s.minutes for s in self.inst.sessions]
        self.week_limit = [week_limit_minutes(p) for p in self.inst.participants]
        self.allow = [activity_allowance(self.inst, p) for p in self.inst.participants]
        self.masks = []
        for p, cands in enumerate(self.cands):
            bit = {t: 1 << i for i, t in enumerate(self.inst.participants[p].themes_needed)
                   if t in self.by_theme[p]}
            self.masks.append([
                sum(bit.get(t, 0) for t in self.inst.sessions[k].themes) for k in cands
            ])

    def reachable_seconds(self, p: int) -> int:
        """Most seconds participant p can get from its candidates, ignoring clashes."""
        sessions = self.inst.sessions
        per_day: dict[str, int] = defaultdict(int)
        for k in self.cands[p]:
            per_day[sessions[k].day] += self.dur[k]
        minutes = sum(min(self.limit[p], m) for m in per_day.values())
        if self.week_limit[p] is not None:
            minutes = min(minutes, self.week_limit[p])
        return 60 * minutes


def prepare(inst: WeekInstance) -> Prepared:
    """Filter (participant, session) pairs on route, window, busy blocks, day limit, week
    limit (``hours_max``), the activity's times per week left and capacity > 0. Sessions
    are indexed by (route, day) so each participant only looks at the sessions of its own
    route on days it is available."""
    index: dict[tuple[str, str], list[int]] = defaultdict(list)
    for k, s in enumerate(inst.sessions):
        if s.capacity > 0:
            for route in s.routes:
                index[(route, s.day)].append(k)
    cands, limits, targets, themes = [], [], [], []
    travel = inst.travel_minutes
    sessions = inst.sessions
    for p in inst.participants:
        limit = day_limit_minutes(p)
        week_limit = week_limit_minutes(p)
        if week_limit is not None:
            limit = min(limit, week_limit)
        allowed = activity_allowance(inst, p)
        mine: set[int] = set()
        for w in p.available:
            busy = [(b.start - travel, b.end + travel) for b in p.busy if b.day == w.day]
            for k in index.get((p.route, w.day), ()):
                s = sessions[k]
                if (
                    w.start <= s.start
                    and s.end <= w.end
                    and s.end - s.start <= limit
                    and allowed[s.activity] > 0
                    and not any(s.start < b_end and b_start < s.end for b_start, b_end in busy)
                ):
                    mine.add(k)
        ordered = sorted(mine, key=lambda k: _session_key(inst.sessions[k]))
        cands.append(ordered)
        limits.append(day_limit_minutes(p))
        targets.append(target_seconds(p))
        by_theme = {
            t: [k for k in ordered if t in inst.sessions[k].themes] for t in p.themes_needed
        }
        themes.append({t: ks for t, ks in by_theme.items() if ks})
    offer: dict[str, list[int]] = defaultdict(list)
    for k, s in enumerate(inst.sessions):
        for t in s.themes:
            offer[t].append(k)
    return Prepared(inst, cands, limits, targets, themes, dict(offer))


def _session_key(s: Session) -> tuple[int, int, int, str]:
    return (_DAY_ORDER[s.day], s.start, s.end, s.id)


def clash_cliques(sessions: list[Session], travel: int) -> list[list[int]]:
    """Maximal sets of mutually clashing sessions (positions in ``sessions``), per day.

    With each session stretched to [start, end + travel), two sessions clash exactly when
    their stretched intervals overlap, so the clash graph is an interval graph and its
    maximal cliques come from one sweep. One at-most-one per clique is both smaller and
    stronger than one constraint per clashing pair.
    """
    cliques: list[list[int]] = []
    by_day: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(sessions):
        by_day[s.day].append(i)
    for members in by_day.values():
        if len(members) < 2:
            continue
        events = []
        for i in members:
            events.append((sessions[i].start, 1, i))
            events.append((sessions[i].end + travel, 0, i))
        # Ends sort before starts at the same minute: the stretched intervals are half-open.
        events.sort()
        active: set[int] = set()
        grown = False
        for _, is_start, i in events:
            if is_start:
                active.add(i)
                grown = True
            else:
                if grown and len(active) > 1:
                    cliques.append(sorted(active))
                grown = False
                active.discard(i)
    return cliques


# --------------------------------------------------------------------------- solution state


class Plan:
    """A (partial) week plan with the bookkeeping needed to add sessions safely."""

    def __init__(self, prep: Prepared) -> None:
        self.prep = prep
        n = len(prep.inst.participants)
        self.chosen: list[list[int]] = [[] for _ in range(n)]
        self.load = [0] * len(prep.inst.sessions)
        # Running totals per participant, so that heuristics test a session in O(day).
        self.covered = [0] * n  # bits of needed themes covered
        self.minutes = [0] * n
        self.activities: list[dict[str, int]] = [defaultdict(int) for _ in range(n)]
        self.by_day: list[dict[str, list[int]]] = [defaultdict(list) for _ in range(n)]
        self.day_minutes: list[dict[str, int]] = [defaultdict(int) for _ in range(n)]
        self._bits = [
            {t: 1 << i for i, t in enumerate(part.themes_needed)}
            for part in prep.inst.participants
        ]

    def can_add(self, p: int, k: int) -> bool:
        s = self.prep.inst.sessions[k]
        if self.load[k] >= s.capacity:
            return False
        if self.activities[p][s.activity] >= self.prep.allow[p][s.activity]:
            return False
        if self.day_minutes[p][s.day] + self.prep.dur[k] > self.prep.limit[p]:
            return False
        week_limit = self.prep.week_limit[p]
        if week_limit is not None and self.minutes[p] + self.prep.dur[k] > week_limit:
            return False
        travel = self.prep.inst.travel_minutes
        sessions = self.prep.inst.sessions
        return not any(
            clashes(sessions[c].start, sessions[c].end, s.start, s.end, travel)
            for c in self.by_day[p][s.day]
        )

    def add(self, p: int, k: int) -> None:
        s = self.prep.inst.sessions[k]
        self.chosen[p].append(k)
        self.load[k] += 1
        self.minutes[p] += self.prep.dur[k]
        self.activities[p][s.activity] += 1
        self.by_day[p][s.day].append(k)
        self.day_minutes[p][s.day] += self.prep.dur[k]
        for t in s.themes:
            self.covered[p] |= self._bits[p].get(t, 0)

    def clear(self, p: int) -> None:
        """Take every session away from p again."""
        for k in self.chosen[p]:
            self.load[k] -= 1
        self.chosen[p] = []
        self.covered[p] = 0
        self.minutes[p] = 0
        self.activities[p] = defaultdict(int)
        self.by_day[p] = defaultdict(list)
        self.day_minutes[p] = defaultdict(int)

    def value(self, p: int) -> int:
        """Participant p's objective contribution in seconds."""
        themes = self.covered[p].bit_count()
        return THEME_VALUE * themes + min(self.prep.target[p], 60 * self.minutes[p])

    def total(self) -> int:
        return sum(self.value(p) for p in range(len(self.chosen)))

    def fill(self, p: int) -> None:
        """Add sessions to p while one still raises the objective, best gain first."""
        while (k := self.best_addition(p)) is not None:
            self.add(p, k)

    def best_addition(
        self, p: int, themes_only: bool = False, pressure: list[float] | None = None
    ) -> int | None:
        """The candidate whose addition raises p's value most, or None if none does.

        Ties go to the shorter session (it blocks less of the day), then to the session
        under less pressure (``pressure``, else its current load), which leaves contested
        seats to others. With ``themes_only`` only new themes count as gain.
        """
        sessions = self.prep.inst.sessions
        dur = self.prep.dur
        uncovered = ~self.covered[p]
        room = self.prep.target[p] - 60 * self.minutes[p]
        best, best_key = None, None
        for k, mask in zip(self.prep.cands[p], self.prep.masks[p], strict=True):
            new_themes = (mask & uncovered).bit_count()
            if themes_only and not new_themes:
                continue
            hours = max(0, min(60 * dur[k], room))
            gain = THEME_VALUE * new_themes + (0 if themes_only else hours)
            if gain <= 0:
                continue
            load = pressure[k] if pressure is not None else self.load[k] / sessions[k].capacity
            if themes_only:
                key: tuple[float, ...] = (-new_themes, load, -hours, k)
            else:
                key = (-gain, dur[k], load, k)
            if (best_key is None or key < best_key) and self.can_add(p, k):
                best, best_key = k, key
        return best


def _trivial_bound(prep: Prepared) -> int:
    """Every coverable theme and as many hours as the candidates allow, in seconds."""
    return sum(
        THEME_VALUE * len(prep.by_theme[p]) + min(prep.target[p], prep.reachable_seconds(p))
        for p in range(len(prep.cands))
    )


# --------------------------------------------------------------------------- solvers


def greedy_week(instance: dict[str, Any]) -> dict[str, Any]:
    """Baseline: participants in input order each take their best-gain sessions in turn.

    ``bound`` is ``flow_bound`` (capacity-aware, ignoring clashes and the day limits);
    ``optimal`` is true only when it is reached.
    """
    prep = prepare(parse_week(instance))
    plan = _greedy_plan(prep)
    value = plan.total()
    bound = max(flow_bound(prep), value)
    return _output(prep, plan, value, bound, optimal=value == bound)


def _greedy_plan(prep: Prepared) -> Plan:
    plan = Plan(prep)
    for p in range(len(prep.cands)):
        plan.fill(p)
    return plan


def _fair_plan(prep: Prepared) -> Plan:
    """A stronger start for CP-SAT than the baseline: themes first, shared out fairly.

    Themes are worth far more than hours, so first every participant in turn (fewest
    theme options first) takes one session that covers a new theme, round after round,
    preferring sessions few others can use; only then are hours filled up. This avoids
    the baseline's fault of early participants taking seats that later ones needed for
    a theme.
    """
    sessions = prep.inst.sessions
    demand = [0] * len(sessions)
    for cands in prep.cands:
        for k in cands:
            demand[k] += 1
    pressure = [demand[k] / max(1, s.capacity) for k, s in enumerate(sessions)]
    plan = Plan(prep)
    order = sorted(range(len(prep.cands)),
                   key=lambda p: (sum(map(len, prep.by_theme[p].values())), p))
    active = [p for p in order if prep.by_theme[p]]
    while active:
        still = []
        for p in active:
            k = plan.best_addition(p, themes_only=True, pressure=pressure)
            if k is not None:
                plan.add(p, k)
                still.append(p)
        active = still
    for p in order:
        while (k := plan.best_addition(p, pressure=pressure)) is not None:
            plan.add(p, k)
    return plan


def solve_week(
    instance: dict[str, Any], time_limit_s: float = 30, workers: int = 2
) -> dict[str, Any]:
    """CP-SAT solution with a proven upper bound; ``optimal`` only when proven.

    Starts from the better of the baseline and a fairer heuristic plan, and improves it
    by neighbourhood search: small CP-SAT models re-plan a group of competing
    participants at a time while everyone else stays fixed. Up to ``MAX_MODEL_PAIRS``
    candidate pairs (a region) one CP-SAT model of the whole week is also solved, before
    and after that search; ``bound`` is then CP-SAT's proven bound. Bigger instances (a
    city) get ``flow_bound``. The answer is never worse than the baseline, and
    ``time_limit_s`` covers the whole call.
    """
    started = time.monotonic()
    deadline = started + float(time_limit_s)
    prep = prepare(parse_week(instance))
    greedy = _greedy_plan(prep)
    fair = _fair_plan(prep)
    plan = fair if fair.total() >= greedy.total() else greedy
    bound = flow_bound(prep)
    proven = False
    if sum(map(len, prep.cands)) <= MAX_MODEL_PAIRS:
        # First a short full solve, which settles small instances at once; then the
        # neighbourhood search, which finds good plans much faster than one big model
        # (most of all on a busy machine); then the full model again from that plan,
        # to tighten the bound or prove optimality.
        budget = deadline - time.monotonic()
        plan, bound, proven = _solve_full(prep, plan, bound, 0.2 * budget, workers)
        if not proven:
            _neighbourhood_search(prep, plan, started + 0.6 * float(time_limit_s), workers)
            plan, bound, proven = _solve_full(
                prep, plan, bound, deadline - time.monotonic(), workers
            )
    else:
        _neighbourhood_search(prep, plan, deadline, workers)
    if not proven:
        # A time-limited solution may still have room for a free improvement.
        for p in range(len(prep.cands)):
            plan.fill(p)
    value = plan.total()
    bound = max(bound, value)
    return _output(prep, plan, value, bound, optimal=proven or value == bound)


def _solve_full(
    prep: Prepared, plan: Plan, bound: int, time_limit_s: float, workers: int
) -> tuple[Plan, int, bool]:
    """One CP-SAT model of the whole week, hinted with ``plan``.

    Returns the better plan, the tighter of ``bound`` and CP-SAT's bound, and whether
    CP-SAT proved optimality.
    """
    everyone = list(range(len(prep.cands)))
    capacity = [s.capacity for s in prep.inst.sessions]
    built = _Model(prep, everyone, prep.cands, capacity)
    built.hint(plan)
    solver = cp_model.CpSolver()
    _configure(solver.parameters, time_limit_s, workers)
    status = solver.solve(built.model)
    if status == cp_model.MODEL_INVALID:  # a bug in the model, never the user's input
        raise RuntimeError(built.model.validate())
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return plan, bound, False
    found = Plan(prep)
    for p, chosen in zip(everyone, built.read(solver), strict=True):
        for k in chosen:
            found.add(p, k)
    best = found if found.total() >= plan.total() else plan
    bound = min(bound, math.floor(solver.best_objective_bound + 1e-6))
    return best, bound, status == cp_model.OPTIMAL


# Above this many (participant, session) pairs one model of the whole week gets too big
# to build and presolve within a minute on two cores: a region has ~20k, a city ~900k.
MAX_MODEL_PAIRS = 60_000
_NB_MEMBERS = 20  # participants re-planned together in one neighbourhood
_NB_SESSIONS = 4  # contested sessions per seed participant whose attendees join
_NB_SPARE = 3  # alternative sessions with free seats per needed theme (and for hours)
_NB_TIME_S = 1.0  # CP-SAT time per neighbourhood
_NB_PATIENCE = 200  # neighbourhoods in a row without gain before the search gives up


def _configure(params: Any, time_limit_s: float, workers: int) -> None:
    """Solver parameters, chosen by measurement on the benchmark instances (2 cores).

    A full linearisation (level 2) puts the theme clauses in the LP relaxation, which
    makes the bound near-tight (region: optimum 13,334, LP 13,363, against 13,560 at
    level 1). With two workers the one full-problem worker is "max_lp" (the default
    "default_lp" keeps the weaker level-1 LP) and the other runs LNS from the hint.
    """
    params.max_time_in_seconds = max(0.5, time_limit_s)
    params.num_workers = max(1, int(workers))
    params.random_seed = 1
    params.linearization_level = 2
    if params.num_workers > 1:
        params.subsolvers.append("max_lp")


def _neighbourhood_search(prep: Prepared, plan: Plan, deadline: float, workers: int) -> None:
    """Improve ``plan`` in place by re-planning groups of competing participants.

    A group starts from participants below their own ceiling (a coverable theme missing
    or hours short) and takes in the people sitting in the full sessions they would need.
    Its CP-SAT model offers each member its current sessions, those contested sessions
    and a few alternatives with free seats, with the seats everyone else holds fixed, so
    that e.g. one member moves to another kletsplek and frees the seat another needs.
    """
    rng = random.Random(1)
    sessions = prep.inst.sessions
    n = len(prep.cands)
    ceiling = [
        THEME_VALUE * len(prep.by_theme[p]) + min(prep.target[p], prep.reachable_seconds(p))
        for p in range(n)
    ]
    idle = 0
    while time.monotonic() < deadline - 1.0 and idle < _NB_PATIENCE:
        short = [p for p in range(n) if plan.value(p) < ceiling[p]]
        if not short:
            return
        idle += 1
        attendees: dict[int, list[int]] = defaultdict(list)
        for q, chosen in enumerate(plan.chosen):
            for k in chosen:
                attendees[k].append(q)
        members: dict[int, None] = {}
        focus: set[int] = set()
        for p0 in rng.sample(short, min(len(short), _NB_MEMBERS)):
            if len(members) >= _NB_MEMBERS:
                break
            members[p0] = None
            missing = ~plan.covered[p0]
            wanted = [k for k, mask in zip(prep.cands[p0], prep.masks[p0], strict=True)
                      if mask & missing and k not in plan.chosen[p0]]
            if not wanted:  # themes complete or impossible: it is about hours
                wanted = [k for k in prep.cands[p0] if k not in plan.chosen[p0]]
            full = [k for k in wanted if plan.load[k] >= sessions[k].capacity]
            for k in rng.sample(full, min(len(full), _NB_SESSIONS)):
                focus.add(k)
                for q in attendees[k]:
                    members[q] = None
            focus.update(rng.sample(wanted, min(len(wanted), _NB_SESSIONS)))
        group = list(members)
        cands = [_sub_candidates(prep, plan, q, focus, rng) for q in group]
        capacity = list(plan.load)
        for q in group:
            for k in plan.chosen[q]:
                capacity[k] -= 1
        capacity = [s.capacity - used for s, used in zip(sessions, capacity, strict=True)]
        built = _Model(prep, group, cands, capacity)
        built.hint(plan)
        solver = cp_model.CpSolver()
        _configure(solver.parameters, min(_NB_TIME_S, deadline - time.monotonic() - 1.0),
                   workers)
        before = sum(plan.value(q) for q in group)
        status = solver.solve(built.model)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) and solver.objective_value > before:
            idle = 0
            for q, chosen in zip(group, built.read(solver), strict=True):
                plan.clear(q)
                for k in chosen:
                    plan.add(q, k)


def _sub_candidates(
    prep: Prepared, plan: Plan, q: int, focus: set[int], rng: random.Random
) -> list[int]:
    """Member q's sessions in a neighbourhood model (see ``_neighbourhood_search``)."""
    sessions = prep.inst.sessions
    keep = set(plan.chosen[q])
    spare_by_theme: dict[int, list[int]] = defaultdict(list)
    for k, mask in zip(prep.cands[q], prep.masks[q], strict=True):
        if k in focus:
            keep.add(k)
        elif plan.load[k] < sessions[k].capacity:
            spare_by_theme[mask].append(k)
    for ks in spare_by_theme.values():
        keep.update(rng.sample(ks, min(len(ks), _NB_SPARE)))
    return [k for k in prep.cands[q] if k in keep]


def flow_bound(prep: Prepared) -> int:
    """An upper bound in seconds that respects session capacity, by maximum flows.

    Per theme: at most as many participants cover it as a bipartite matching of
    participants needing it to seats in sessions carrying it allows. Hours: at most what
    a flow of each participant's reachable, capped hours into session seat-minutes
    allows. Every feasible plan gives such flows, so their sum bounds the optimum; it
    is never above the trivial bound (which ignores capacity).
    """
    sessions = prep.inst.sessions
    n_part, n_sess = len(prep.cands), len(sessions)
    source, sink = n_part + n_sess, n_part + n_sess + 1
    per_theme: dict[str, list[tuple[int, list[int]]]] = defaultdict(list)
    for p in range(n_part):
        for theme, ks in prep.by_theme[p].items():
            per_theme[theme].append((p, ks))
    covered = 0
    for members in per_theme.values():
        flow = max_flow.SimpleMaxFlow()
        used: set[int] = set()
        tails, heads, caps = [], [], []
        for p, ks in members:
            tails.append(source)
            heads.append(p)
            caps.append(1)
            for k in ks:
                tails.append(p)
                heads.append(n_part + k)
                caps.append(1)
                used.add(k)
        for k in used:
            tails.append(n_part + k)
            heads.append(sink)
            caps.append(sessions[k].capacity)
        flow.add_arcs_with_capacity(tails, heads, caps)
        if flow.solve(source, sink) != flow.OPTIMAL:
            return _trivial_bound(prep)
        covered += flow.optimal_flow()
    flow = max_flow.SimpleMaxFlow()
    tails, heads, caps = [], [], []
    used = set()
    for p, cands in enumerate(prep.cands):
        if not cands:
            continue
        tails.append(source)
        heads.append(p)
        caps.append(min(prep.target[p], prep.reachable_seconds(p)))
        for k in cands:
            tails.append(p)
            heads.append(n_part + k)
            caps.append(60 * sessions[k].minutes)
            used.add(k)
    for k in used:
        tails.append(n_part + k)
        heads.append(sink)
        caps.append(60 * sessions[k].minutes * sessions[k].capacity)
    flow.add_arcs_with_capacity(tails, heads, caps)
    if tails and flow.solve(source, sink) != flow.OPTIMAL:
        return _trivial_bound(prep)
    hours = flow.optimal_flow() if tails else 0
    return min(_trivial_bound(prep), THEME_VALUE * covered + hours)


class _Model:
    """A CP-SAT model re-planning ``members`` on the given candidates and seats.

    ``capacity[k]`` is what session k has left for the members: the whole capacity for
    the full model, what everyone else leaves over for a neighbourhood.
    """

    def __init__(
        self, prep: Prepared, members: list[int], cands: list[list[int]], capacity: list[int]
    ) -> None:
        self.prep = prep
        self.members = members
        self.cands = cands
        self.model = cp_model.CpModel()
        self.x: list[list[cp_model.IntVar]] = []
        self.covered: list[dict[str, cp_model.IntVar]] = []
        self.hours: list[cp_model.IntVar | None] = []
        self._build(capacity)

    def _build(self, capacity: list[int]) -> None:
        prep, model = self.prep, self.model
        sessions = prep.inst.sessions
        users: dict[int, list[cp_model.IntVar]] = defaultdict(list)
        objective = []
        for p, cands in zip(self.members, self.cands, strict=True):
            xs = [model.new_bool_var(f"x_{p}_{k}") for k in cands]
            self.x.append(xs)
            for k, var in zip(cands, xs, strict=True):
                users[k].append(var)
            mine = [sessions[k] for k in cands]
            for clique in clash_cliques(mine, prep.inst.travel_minutes):
                model.add_at_most_one(xs[i] for i in clique)
            by_activity: dict[str, list[cp_model.IntVar]] = defaultdict(list)
            by_day: dict[str, list[int]] = defaultdict(list)
            for i, s in enumerate(mine):
                by_activity[s.activity].append(xs[i])
                by_day[s.day].append(i)
            for activity, group in by_activity.items():
                times = prep.allow[p][activity]
                if len(group) > times:
                    if times == 1:
                        model.add_at_most_one(group)
                    else:
                        model.add(sum(group) <= times)
            day_seconds = []
            for members in by_day.values():
                minutes = sum(mine[i].minutes for i in members)
                day_seconds.append(60 * min(minutes, prep.limit[p]))
                if minutes > prep.limit[p]:
                    model.add(sum(mine[i].minutes * xs[i] for i in members) <= prep.limit[p])
            covered = {}
            for theme in prep.by_theme[p]:
                carriers = [xs[i] for i, s in enumerate(mine) if theme in s.themes]
                if not carriers:
                    continue
                var = model.new_bool_var(f"c_{p}_{theme}")
                # covered ≤ Σ x, as a linear constraint (see _configure on the LP).
                model.add(sum(carriers) >= var)
                objective.append(THEME_VALUE * var)
                covered[theme] = var
            self.covered.append(covered)
            seconds = sum(60 * s.minutes * var for s, var in zip(mine, xs, strict=True))
            week_limit = prep.week_limit[p]
            if week_limit is not None and sum(day_seconds) > 60 * week_limit:
                model.add(sum(s.minutes * var for s, var in zip(mine, xs, strict=True))
                          <= week_limit)
                day_seconds = [min(sum(day_seconds), 60 * week_limit)]
            if sum(day_seconds) <= prep.target[p]:
                # The target can never be passed, so hours count in full: no extra variable.
                objective.append(seconds)
                self.hours.append(None)
            else:
                hours = model.new_int_var(0, prep.target[p], f"h_{p}")
                model.add(hours <= seconds)
                objective.append(hours)
                self.hours.append(hours)
        for k, vars_k in users.items():
            if len(vars_k) > capacity[k]:
                model.add(sum(vars_k) <= capacity[k])
        model.maximize(sum(objective))

    def hint(self, plan: Plan) -> None:
        """Hint every variable, so CP-SAT starts from this complete solution."""
        sessions = self.prep.inst.sessions
        for m, p in enumerate(self.members):
            chosen = set(plan.chosen[p])
            for k, var in zip(self.cands[m], self.x[m], strict=True):
                self.model.add_hint(var, k in chosen)
            themes = {t for k in chosen for t in sessions[k].themes}
            for theme, var in self.covered[m].items():
                self.model.add_hint(var, theme in themes)
            hours = self.hours[m]
            if hours is not None:
                seconds = 60 * sum(sessions[k].minutes for k in chosen)
                self.model.add_hint(hours, min(seconds, self.prep.target[p]))

    def read(self, solver: cp_model.CpSolver) -> list[list[int]]:
        """The sessions chosen for each member, in the order of ``members``."""
        return [
            [k for k, var in zip(cands, xs, strict=True) if solver.boolean_value(var)]
            for cands, xs in zip(self.cands, self.x, strict=True)
        ]


# --------------------------------------------------------------------------- output


def _hours(seconds: int | float) -> float:
    return round(seconds / SECONDS_PER_HOUR, 2)


def _output(prep: Prepared, plan: Plan, value: int, bound: int, optimal: bool) -> dict[str, Any]:
    inst = prep.inst
    sessions = inst.sessions
    schedules = []
    for p, part in enumerate(inst.participants):
        chosen = sorted(plan.chosen[p], key=lambda k: _session_key(sessions[k]))
        themes = {t for k in chosen for t in sessions[k].themes}
        covered = [t for t in part.themes_needed if t in themes]
        missing = [t for t in part.themes_needed if t not in themes]
        schedules.append(
            {
                "participant": part.id,
                "sessions": [sessions[k].id for k in chosen],
                "hours": _hours(60 * sum(sessions[k].minutes for k in chosen)),
                "themes_covered": covered,
                "themes_missing": missing,
                "missing_reason": {t: missing_reason(plan, p, t) for t in missing},
            }
        )
    objective = _hours(value)
    # A bound is rounded up, so that rounding never makes it claim too much.
    shown_bound = objective if optimal else math.ceil(bound / 36 - 1e-9) / 100
    return {
        "schedules": schedules,
        "objective": objective,
        "bound": max(shown_bound, objective),
        "optimal": optimal,
    }


def missing_reason(plan: Plan, p: int, theme: str) -> str:
    """Why participant p has no session with ``theme``, in words a coordinator can act on.

    Rules are tried in order (offer, route, availability, busy blocks, day limit) and the
    one that rules out the last sessions is named; if sessions remain, it says what blocks
    each of them in this plan (full, clash with a chosen session, activity, day limit).
    """
    inst = plan.prep.inst
    sessions = inst.sessions
    part = inst.participants[p]
    travel = inst.travel_minutes
    offered = plan.prep.offer.get(theme, [])
    if not offered:
        return "geen sessie met dit thema in het aanbod"
    on_route = [k for k in offered if part.route in sessions[k].routes]
    if not on_route:
        routes = sorted({r for k in offered for r in sessions[k].routes})
        return f"route past niet (sessies met dit thema zijn voor route {', '.join(routes)})"
    inside = [k for k in on_route if _inside_window(part, sessions[k])]
    if not inside:
        return "geen sessie binnen beschikbaarheid"
    free = [k for k in inside if not _busy_clash(part, sessions[k], travel)]
    if not free:
        whats = sorted({w for k in inside for w in _busy_clash(part, sessions[k], travel)})
        return "botst met " + " en ".join(whats)
    short = [k for k in free if sessions[k].minutes <= plan.prep.limit[p]]
    if not short:
        return f"sessies duren langer dan max {dutch_hours(part.max_hours_per_day)} uur per dag"
    week_limit = plan.prep.week_limit[p]
    if week_limit is not None:
        short = [k for k in short if sessions[k].minutes <= week_limit]
        if not short:
            return (f"sessies duren langer dan hoogstens {dutch_hours(part.hours_max)} uur"
                    " per week")
    allowed = plan.prep.allow[p]
    left = [k for k in short if allowed[sessions[k].activity] > 0]
    if not left:
        names = sorted({sessions[k].activity for k in short})
        return "al ingeschreven voor " + " en ".join(names)
    short = left
    if all(plan.load[k] >= sessions[k].capacity for k in short):
        return "alle sessies vol"
    blockers = [f"{sessions[k].id} {_blocker(plan, p, k)}" for k in short]
    more = len(blockers) - _LIST_MAX
    text = "past niet in het plan: " + "; ".join(blockers[:_LIST_MAX])
    return text + (f"; en {more} meer" if more > 0 else "")


def _blocker(plan: Plan, p: int, k: int) -> str:
    inst = plan.prep.inst
    s = inst.sessions[k]
    if plan.load[k] >= s.capacity:
        return "vol"
    mine = [inst.sessions[c] for c in plan.chosen[p]]
    for other in mine:
        if other.day == s.day and clashes(other.start, other.end, s.start, s.end,
                                          inst.travel_minutes):
            return f"botst met gekozen {other.id} ({other.activity})"
    same = [other for other in mine if other.activity == s.activity]
    if len(same) >= plan.prep.allow[p][s.activity]:
        ids = ", ".join(o.id for o in same)
        return f"activiteit {s.activity} al gekozen ({ids})"
    if sum(o.minutes for o in mine if o.day == s.day) + s.minutes > plan.prep.limit[p]:
        return f"max uren per dag bereikt op {s.day}"
    week_limit = plan.prep.week_limit[p]
    if week_limit is not None and sum(o.minutes for o in mine) + s.minutes > week_limit:
        return f"hoogstens {dutch_hours(inst.participants[p].hours_max)} uur per week bereikt"
    return "niet gekozen"


# --------------------------------------------------------------------------- checker


def check_week(instance: dict[str, Any], output: Any) -> list[str]:
    """Every hard-constraint violation (and inconsistency) of a week output.

    An empty list means the output is a valid solution in the format of PLANNING.md. The
    instance itself must be valid (``InstanceError`` otherwise).
    """
    inst = parse_week(instance)
    travel = inst.travel_minutes
    if not isinstance(output, dict):
        return ["output is geen JSON-object"]
    problems = [f"veld {key!r} ontbreekt" for key in ("schedules", "objective", "bound",
                                                      "optimal") if key not in output]
    if problems:
        return problems
    parts = {p.id: p for p in inst.participants}
    sess = {s.id: s for s in inst.sessions}
    load: dict[str, int] = defaultdict(int)
    seen: set[str] = set()
    total = 0.0
    for q, sched in enumerate(output["schedules"]):
        pid = sched.get("participant")
        if pid not in parts:
            problems.append(f"schedules[{q}]: onbekende deelnemer {pid!r}")
            continue
        if pid in seen:
            problems.append(f"deelnemer {pid} staat meer dan eens in schedules")
        seen.add(pid)
        part = parts[pid]
        ids = sched.get("sessions", [])
        if len(set(ids)) != len(ids):
            problems.append(f"{pid}: een sessie staat dubbel")
        chosen = []
        for sid in ids:
            if sid not in sess:
                problems.append(f"{pid}: onbekende sessie {sid!r}")
                continue
            s = sess[sid]
            chosen.append(s)
            load[sid] += 1
            if part.route not in s.routes:
                problems.append(f"{pid}/{sid}: route {part.route} niet toegestaan")
            if not _inside_window(part, s):
                problems.append(f"{pid}/{sid}: niet binnen een beschikbaarheidsblok")
            for what in _busy_clash(part, s, travel):
                problems.append(f"{pid}/{sid}: botst met {what} (of reistijd)")
        for i, a in enumerate(chosen):
            for b in chosen[i + 1:]:
                if a.day == b.day and clashes(a.start, a.end, b.start, b.end, travel):
                    problems.append(f"{pid}: {a.id} en {b.id} botsen (of te weinig reistijd)")
        allowed = activity_allowance(inst, part)
        counts: dict[str, int] = defaultdict(int)
        for s in chosen:
            counts[s.activity] += 1
        for activity, count in counts.items():
            if count > allowed[activity]:
                times = next(s.times_per_week for s in chosen if s.activity == activity)
                often = "eens" if times == 1 else f"{times} keer"
                problems.append(f"{pid}: activiteit {activity} meer dan {often} per week"
                                " (inschrijvingen buiten het plan tellen mee)")
        per_day: dict[str, int] = defaultdict(int)
        for s in chosen:
            per_day[s.day] += s.minutes
        for day, minutes in per_day.items():
            if minutes > day_limit_minutes(part):
                problems.append(f"{pid}: {minutes / 60:g} uur op {day}, max "
                                f"{part.max_hours_per_day:g}")
        minutes = sum(s.minutes for s in chosen)
        week_limit = week_limit_minutes(part)
        if week_limit is not None and minutes > week_limit:
            problems.append(f"{pid}: {dutch_hours(minutes / 60)} uur in de week, hoogstens "
                            f"{dutch_hours(part.hours_max)}")
        if abs(sched.get("hours", -1) - minutes / 60) > 0.006:
            problems.append(f"{pid}: hours {sched.get('hours')} klopt niet ({minutes / 60:g})")
        themes = {t for s in chosen for t in s.themes}
        covered = [t for t in part.themes_needed if t in themes]
        missing = [t for t in part.themes_needed if t not in themes]
        if sched.get("themes_covered") != covered or sched.get("themes_missing") != missing:
            problems.append(f"{pid}: themes_covered/themes_missing kloppen niet")
        if set(sched.get("missing_reason", {})) != set(missing):
            problems.append(f"{pid}: missing_reason hoort precies de ontbrekende thema's te noemen")
        total += 10 * len(covered) + min(target_seconds(part), 60 * minutes) / SECONDS_PER_HOUR
    for p in inst.participants:
        if p.id not in seen:
            problems.append(f"deelnemer {p.id} ontbreekt in schedules")
    for sid, count in load.items():
        if sid in sess and count > sess[sid].capacity:
            problems.append(f"sessie {sid}: {count} deelnemers, capaciteit {sess[sid].capacity}")
    objective, bound = output["objective"], output["bound"]
    if not isinstance(objective, (int, float)) or abs(objective - total) > 0.006:
        problems.append(f"objective {objective} klopt niet (herberekend {total:.4f})")
    if not isinstance(bound, (int, float)) or bound < total - 0.006:
        problems.append(f"bound {bound} is lager dan de doelwaarde {total:.4f}")
    elif output["optimal"] is True and abs(bound - objective) > 0.006:
        problems.append("optimal is true maar bound verschilt van objective")
    if not isinstance(output["optimal"], bool):
        problems.append("optimal moet true of false zijn")
    return problems
