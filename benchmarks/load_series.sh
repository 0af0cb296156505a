#!/bin/sh
# The load test repeated: RUNS runs at each number of users in USERS (default five at 200 and
# five at 300), one gunicorn for all, the machine's load average recorded before and after
# every run. benchmarks/load_summary.py prints median and worst of the runs per user count.
# Needs `pip install -e ".[bench]"`.
#
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/regie_bench_100k benchmarks/load_series.sh
#   .venv/bin/python benchmarks/load_summary.py var/load-series
set -eu
cd "$(dirname "$0")/.."
: "${DATABASE_URL:?set DATABASE_URL to the benchmark database}"
RUNS="${RUNS:-5}"
USERS="${USERS:-200 300}"
OUT="${OUT:-var/load-series}"
mkdir -p "$OUT"
: > "$OUT/loadavg.txt"
for users in $USERS; do
  i=1
  while [ "$i" -le "$RUNS" ]; do
    before=$(cut -d' ' -f1-3 /proc/loadavg)
    USERS="$users" OUT="$OUT/u${users}-r$i" benchmarks/run_load.sh > "$OUT/u${users}-r$i.log" 2>&1
    after=$(cut -d' ' -f1-3 /proc/loadavg)
    echo "$users $i $before | $after" >> "$OUT/loadavg.txt"
    echo "== $users users, run $i: load before $before, after $after"
    i=$((i + 1))
  done
done
