#!/bin/sh
# Load test on loopback: gunicorn (production settings) against the PostgreSQL database in
# DATABASE_URL, filled with `regie demo --scale N`, then Locust headless at 50 and 200
# concurrent users, each run bounded in time. Users are spawned at SPAWN_RATE per second
# with a ready session (benchmarks/load_sessions.py; LOGIN=1 makes them log in through the
# form instead: a login costs about half a CPU-second of Argon2 on this machine); the
# statistics are reset when all are spawned, so the figures are the steady state.
# Needs `pip install -e ".[bench]"`.
#
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/regie_bench_100k benchmarks/run_load.sh
set -eu
cd "$(dirname "$0")/.."
: "${DATABASE_URL:?set DATABASE_URL to the benchmark database}"
RUN_TIME="${RUN_TIME:-100s}"
USERS="${USERS:-50 200}"
PORT="${PORT:-8765}"
WORKERS="${WORKERS:-4}"
OUT="${OUT:-var/load}"
mkdir -p "$OUT"

# Production settings, but http on loopback; the rate limits are per client address and
# every virtual user comes from 127.0.0.1, so they are raised for the test only.
export SECRET_KEY="${SECRET_KEY:-load-test-only}" ALLOWED_HOSTS=127.0.0.1 \
  SECURE_SSL_REDIRECT=0 SECURE_COOKIES=0 STATIC_MANIFEST=0 LOG_LEVEL=WARNING \
  RATE_LIMIT_LOGIN=100000/60 RATE_LIMIT_API=100000/60 DEBUG=0

.venv/bin/gunicorn regie.wsgi --bind "127.0.0.1:$PORT" --workers "$WORKERS" \
  --access-logfile /dev/null --error-logfile "$OUT/gunicorn.log" --pid "$OUT/gunicorn.pid" &
GUNICORN=$!
trap 'kill $GUNICORN 2>/dev/null || true' EXIT INT TERM
sleep 3
if [ -z "${LOGIN:-}" ]; then
  PYTHONPATH=src .venv/bin/python benchmarks/load_sessions.py 40 > "$OUT/sessions.json"
  export SESSIONS="$OUT/sessions.json"
fi

for users in $USERS; do
  echo "== $users users, $RUN_TIME"
  .venv/bin/locust -f benchmarks/locustfile.py --headless --host "http://127.0.0.1:$PORT" \
    --users "$users" --spawn-rate "${SPAWN_RATE:-5}" --run-time "$RUN_TIME" \
    --stop-timeout 10 --reset-stats --csv "$OUT/u$users" --only-summary > "$OUT/u$users.log" 2>&1 &
  LOCUST=$!
  # CPU per request (issue 25): gunicorn's workers and the whole machine, read from /proc
  # when every user is spawned (when Locust resets its statistics) and at the end, divided
  # by the requests of the statistics.
  sleep $(( users / ${SPAWN_RATE:-5} + 1 ))
  before=$(.venv/bin/python benchmarks/proc_cpu.py gunicorn locust)
  wait $LOCUST || true
  after=$(.venv/bin/python benchmarks/proc_cpu.py gunicorn locust)
  tail -n 30 "$OUT/u$users.log"
  .venv/bin/python benchmarks/load_summary.py --cpu "$before" "$after" "$OUT/u${users}_stats.csv" \
    | tee "$OUT/u${users}_cpu.txt"
done
