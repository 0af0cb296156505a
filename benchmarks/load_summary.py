"""Median and worst of repeated load-test runs (benchmarks/load_series.sh): per number of
users the p50, p95 and p99 of all requests (Locust's "Aggregated" row), throughput, errors
and the machine's load average before and after each run. Prints a Markdown table; it does
not pass or fail.

    .venv/bin/python benchmarks/load_summary.py var/load-series
    .venv/bin/python benchmarks/load_summary.py --cpu "<proc_cpu before>" "<after>" u200_stats.csv
"""

from __future__ import annotations

import csv
import statistics
import sys
from collections import defaultdict
from pathlib import Path


def read_run(folder: Path, users: str) -> dict | None:
    stats = folder / f"u{users}_stats.csv"
    if not stats.exists():
        return None
    with stats.open() as handle:
        for row in csv.DictReader(handle):
            if row["Name"] == "Aggregated":
                return {
                    "requests": int(row["Request Count"]),
                    "errors": int(row["Failure Count"]),
                    "rps": float(row["Requests/s"]),
                    "p50": float(row["50%"]),
                    "p95": float(row["95%"]),
                    "p99": float(row["99%"]),
                }
    return None


def main(root: Path) -> None:
    loads = {}
    for line in (root / "loadavg.txt").read_text().splitlines():
        users, run, rest = line.split(" ", 2)
        loads[(users, run)] = rest
    runs: dict[str, list[dict]] = defaultdict(list)
    for (users, run), load in loads.items():
        found = read_run(root / f"u{users}-r{run}", users)
        if found:
            runs[users].append({**found, "run": run, "load": load})
    print("| users | run | requests | req/s | p50 | p95 | p99 | errors | load before → after |")
    print("|---|---|---|---|---|---|---|---|---|")
    for users, rows in runs.items():
        for row in rows:
            print(
                f"| {users} | {row['run']} | {row['requests']:,} | {row['rps']:.2f} | "
                f"{row['p50']:.0f} | {row['p95']:.0f} | {row['p99']:.0f} | {row['errors']} | "
                f"{row['load'].replace('|', '→')} |"
            )
    print()
    print("| users | runs | p50 median / worst | p95 median / worst | p99 median / worst | err |")
    print("|---|---|---|---|---|---|")
    for users, rows in runs.items():
        cells = []
        for key in ("p50", "p95", "p99"):
            values = [row[key] for row in rows]
            cells.append(f"{statistics.median(values):.0f} / {max(values):.0f}")
        errors = sum(row["errors"] for row in rows)
        print(f"| {users} | {len(rows)} | {' | '.join(cells)} | {errors} |")


def cpu_per_request(before: str, after: str, stats: Path) -> str:
    """The CPU per request of one run from two readings of benchmarks/proc_cpu.py
    ("gunicorn=.. locust=.. machine=..") and the run's statistics: gunicorn's workers, the
    rest of the machine without Locust (PostgreSQL above all) and the machine's busy share."""
    first, last = (dict(part.split("=") for part in text.split()) for text in (before, after))
    used = {key: float(last[key]) - float(first[key]) for key in first}
    run = read_run(stats.parent, stats.name.removeprefix("u").removesuffix("_stats.csv"))
    if not run or not run["requests"]:
        return "CPU per request: no requests recorded"
    seconds = run["requests"] / run["rps"] if run["rps"] else 0
    rest = used["machine"] - used["gunicorn"] - used["locust"]
    busy = f", machine busy {used['machine'] / seconds / 2:.0%} of 2 cores" if seconds else ""
    return (
        f"CPU per request: gunicorn {1000 * used['gunicorn'] / run['requests']:.1f} ms, "
        f"rest without Locust {1000 * rest / run['requests']:.1f} ms "
        f"({run['requests']:,} requests{busy})"
    )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--cpu"]:
        print(cpu_per_request(sys.argv[2], sys.argv[3], Path(sys.argv[4])))
    else:
        main(Path(sys.argv[1] if len(sys.argv) > 1 else "var/load-series"))
