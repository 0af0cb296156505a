"""Benchmark of the planning solvers against their greedy baselines.

Generates the seeded region and city instances of planning_instances.py, runs solver
and greedy baseline on each, checks every answer with the hard-constraint checkers, and
prints a Markdown table: objective of solver and greedy, the proven bound, whether the
solver proved optimality, both times and their ratio. Times are wall-clock on this
machine; the load average is printed too, because other work on the machine slows the
time-limited week solver.

Usage: ``PYTHONPATH=src python benchmarks/planning_bench.py [--sizes region city]
[--time-limit 60] [--seed 1]``
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from plaatsing_instances import PLAATSING_SIZES, plaatsing_instance  # noqa: E402
from planning_instances import SIZES, matching_instance, week_instance  # noqa: E402

from regie.planning.matching import check_matching, greedy_matching, solve_matching  # noqa: E402
from regie.planning.plaatsing import (  # noqa: E402
    check_plaatsing,
    greedy_plaatsing,
    solve_plaatsing,
)
from regie.planning.week import check_week, greedy_week, solve_week  # noqa: E402


def _timed(fn: Any, *args: Any) -> tuple[dict[str, Any], float]:
    start = time.perf_counter()
    result = fn(*args)
    return result, time.perf_counter() - start


def _row(name: str, solver: dict[str, Any], greedy: dict[str, Any], bound: str,
         t_solver: float, t_greedy: float, fmt: Any) -> str:
    ratio = t_solver / t_greedy if t_greedy > 0 else float("inf")
    return (f"| {name} | {fmt(solver)} | {fmt(greedy)} | {bound} | "
            f"{'ja' if solver['optimal'] else 'nee'} | {t_solver:.1f} s | {t_greedy:.1f} s | "
            f"{ratio:.1f}× |")


def run(sizes: list[str], time_limit: float, seed: int) -> int:
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}; load average before: "
          f"{', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"time limit {time_limit:g} s per solve, seed {seed}\n")
    print("| instance | solver | greedy | proven bound | optimal? | time solver | "
          "time greedy | solver/greedy time |")
    print("|---|---|---|---|---|---|---|---|")
    problems = 0
    for size in sizes:
        inst = matching_instance(size, seed)
        greedy, t_greedy = _timed(greedy_matching, inst)
        solver, t_solver = _timed(solve_matching, inst, time_limit)
        for label, out in (("solver", solver), ("greedy", greedy)):
            for problem in check_matching(inst, out):
                problems += 1
                print(f"VIOLATION matching {size} {label}: {problem}", file=sys.stderr)
        size_label = f"{SIZES[size]['newcomers']}/{SIZES[size]['volunteers']}"
        bound = (f"{solver['objective']['matched']} / {solver['objective']['score']:.1f}"
                 if solver["optimal"] else "–")
        print(_row(f"matching {size} ({size_label})", solver, greedy, bound, t_solver,
                   t_greedy, lambda o: f"{o['objective']['matched']} / "
                                       f"{o['objective']['score']:.1f}"), flush=True)
        inst = week_instance(size, seed)
        greedy, t_greedy = _timed(greedy_week, inst)
        solver, t_solver = _timed(solve_week, inst, time_limit)
        for label, out in (("solver", solver), ("greedy", greedy)):
            for problem in check_week(inst, out):
                problems += 1
                print(f"VIOLATION week {size} {label}: {problem}", file=sys.stderr)
        size_label = f"{SIZES[size]['participants']}/{SIZES[size]['sessions']}"
        gap = 100 * (solver["bound"] - solver["objective"]) / max(1e-9, solver["bound"])
        print(_row(f"week {size} ({size_label})", solver, greedy,
                   f"{solver['bound']:.2f} (gap {gap:.2f}%)", t_solver, t_greedy,
                   lambda o: f"{o['objective']:.2f}"), flush=True)
        inst = plaatsing_instance(size, seed)
        greedy, t_greedy = _timed(greedy_plaatsing, inst)
        solver, t_solver = _timed(solve_plaatsing, inst)
        for label, out in (("solver", solver), ("greedy", greedy)):
            for problem in check_plaatsing(inst, out):
                problems += 1
                print(f"VIOLATION plaatsing {size} {label}: {problem}", file=sys.stderr)
        persons, places = PLAATSING_SIZES[size]
        objective = solver["objective"]
        print(_row(f"plaatsing {size} ({persons}/{places})", solver, greedy,
                   f"{objective['placed']} / {objective['score']:.1f}", t_solver, t_greedy,
                   lambda o: f"{o['objective']['placed']} / {o['objective']['score']:.1f}"),
              flush=True)
        g = greedy["objective"]
        print(f"<!-- plaatsing {size}: optimal/greedy placed "
              f"{objective['placed'] / max(1, g['placed']):.3f}, score "
              f"{objective['score'] / max(1e-9, g['score']):.3f} -->", flush=True)
    print(f"\nload average after: {', '.join(f'{x:.1f}' for x in os.getloadavg())}; "
          f"hard-constraint violations: {problems}")
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", choices=sorted(SIZES), default=["region", "city"])
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    return run(args.sizes, args.time_limit, args.seed)


if __name__ == "__main__":
    raise SystemExit(main())
