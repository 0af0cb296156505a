"""CPU seconds (user + system) used so far by the processes whose command name starts
with one of the given names (e.g. ``gunicorn postgres``), summed per name, from /proc.
``machine`` is the busy CPU time of the whole machine (/proc/stat, all cores). run_load.sh
reads it before and after a Locust run and divides by the requests served: the CPU per
request of the web server (gunicorn's workers live through the run) and of the rest of the
machine without Locust (PostgreSQL above all: its backends end when Django reconnects, so
their own /proc entries would undercount it).

    python benchmarks/proc_cpu.py gunicorn locust  ->  gunicorn=812.31 locust=40.20 machine=1402.1
"""

from __future__ import annotations

import os
import sys


def cpu_seconds(names: list[str]) -> dict[str, float]:
    tick = os.sysconf("SC_CLK_TCK")
    totals = dict.fromkeys(names, 0.0)
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/stat") as handle:
                stat = handle.read()
        except OSError:  # the process ended meanwhile
            continue
        command = stat[stat.index("(") + 1 : stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2 :].split()
        for name in names:
            if command.startswith(name):
                # utime and stime are fields 14 and 15 of stat (11 and 12 after the name).
                totals[name] += (int(fields[11]) + int(fields[12])) / tick
    with open("/proc/stat") as handle:
        user, nice, system, _idle, _iowait, irq, softirq, steal = map(
            int, handle.readline().split()[1:9]
        )
    totals["machine"] = (user + nice + system + irq + softirq + steal) / tick
    return totals


if __name__ == "__main__":
    print(" ".join(f"{k}={v:.2f}" for k, v in cpu_seconds(sys.argv[1:]).items()))
