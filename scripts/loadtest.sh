#!/usr/bin/env bash
# Bounded load test of katalog (see docs/reliability.md): builds katalog and
# scripts/loadtest, then
#   1. SQLite, one instance: 10 agencies × 1000 datasets (gen_catalog.py),
#   2. PostgreSQL, two instances on one database (a fresh schema of
#      $KATALOG_TEST_POSTGRES_DSN; skipped when it is unset),
# each with CLIENTS clients for DURATION, loopback only, and prints Markdown.
# Usage: scripts/loadtest.sh   (env: CLIENTS=200 DURATION=60s AGENCIES=10 PER_AGENCY=1000)
set -euo pipefail
cd "$(dirname "$0")/.."
CLIENTS=${CLIENTS:-200}
DURATION=${DURATION:-60s}
AGENCIES=${AGENCIES:-10}
PER_AGENCY=${PER_AGENCY:-1000}
GEN=${GEN:-../shared/tools/gen_catalog.py}
TOKEN=loadtest-operator-token-$RANDOM$RANDOM$RANDOM
work=$(mktemp -d)
pids=()
schema=""
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [[ -n $schema ]]; then PGOPTIONS="-c client_min_messages=warning" psql -q "$KATALOG_TEST_POSTGRES_DSN" -c "DROP SCHEMA $schema CASCADE" >/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

go build -o "$work/katalog" ./cmd/katalog
go build -o "$work/loadtest" ./scripts/loadtest
python3 "$GEN" "$PER_AGENCY" > "$work/feed.nt"

# serve DB PORT: starts an instance and waits for /readyz. The rate limits
# are off: the 200 simulated clients share one loopback address and ten
# tokens, and would be throttled as one client (the limits have their own
# tests in internal/server).
serve() {
  KATALOG_ADMIN_TOKEN=$TOKEN KATALOG_RATE_LIMIT_PER_IP=0 KATALOG_RATE_LIMIT_PER_TOKEN=0 "$work/katalog" serve --db "$1" --addr "127.0.0.1:$2" --no-demo >"$work/serve-$2.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 100); do
    curl -fs "http://127.0.0.1:$2/readyz" >/dev/null && return 0
    sleep 0.1
  done
  echo "instance on :$2 did not become ready" >&2; cat "$work/serve-$2.log" >&2; exit 1
}
# freeport: an unused loopback port.
freeport() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

echo "## katalog load test ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, $(go version | cut -d' ' -f3))"
echo
p1=$(freeport)
serve "sqlite:$work/k.db" "$p1"
"$work/loadtest" -url "http://127.0.0.1:$p1" -token "$TOKEN" -setup -feed "$work/feed.nt" \
  -agencies "$AGENCIES" -clients "$CLIENTS" -duration "$DURATION" -title "SQLite, one instance"
kill "${pids[@]}"; wait 2>/dev/null || true; pids=()

if [[ -z ${KATALOG_TEST_POSTGRES_DSN:-} ]]; then
  echo "(PostgreSQL run skipped: KATALOG_TEST_POSTGRES_DSN is not set)"
  exit 0
fi
schema=katalog_load_$RANDOM$RANDOM
psql -q "$KATALOG_TEST_POSTGRES_DSN" -c "CREATE SCHEMA $schema" >/dev/null
sep='?'; [[ $KATALOG_TEST_POSTGRES_DSN == *\?* ]] && sep='&'
dsn="$KATALOG_TEST_POSTGRES_DSN${sep}search_path=$schema"
p1=$(freeport); serve "$dsn" "$p1"
p2=$(freeport); serve "$dsn" "$p2"
"$work/loadtest" -url "http://127.0.0.1:$p1,http://127.0.0.1:$p2" -token "$TOKEN" -setup -feed "$work/feed.nt" \
  -agencies "$AGENCIES" -clients "$CLIENTS" -duration "$DURATION" -title "PostgreSQL, two instances"
