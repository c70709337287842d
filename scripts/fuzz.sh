#!/usr/bin/env bash
# Runs every Go fuzz target of the module, bounded: a number of executions
# each (a count, not a duration: a duration can end while a worker is inside
# a slow input, which Go's fuzzer reports as "context deadline exceeded"),
# and at most 3 minutes per target.
# usage: scripts/fuzz.sh [EXECS]   (default 30000x)
set -euo pipefail
cd "$(dirname "$0")/.."
d=${1:-30000x}
log=$(mktemp)
trap 'rm -f "$log"' EXIT
grep -rl --include='*_test.go' '^func Fuzz' . | while read -r f; do
  pkg=./$(dirname "${f#./}")
  for target in $(grep -o '^func Fuzz[A-Za-z0-9_]*' "$f" | sed 's/^func //'); do
    echo "fuzz $pkg $target ($d)"
    timeout 180 go test -run '^$' -fuzz "^${target}\$" -fuzztime "$d" "$pkg" >"$log" 2>&1 || { cat "$log"; exit 1; }
  done
done
