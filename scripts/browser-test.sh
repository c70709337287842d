#!/usr/bin/env bash
# Headless-browser test of katalog's pages: builds katalog, starts it with
# the demo data on a free loopback port, builds a trend report, and renders
# the dashboard (/), the latest report and an agency's scorecard in Debian's
# chromium. It checks that the indicators are in the rendered DOM and that
# the SVG charts were drawn, and saves screenshots under
# $ARTIFACTS (default: ci-artifacts in the repository).
#
# Without chromium it says so and exits 0, unless BROWSER_TEST_REQUIRED=1.
set -euo pipefail
cd "$(dirname "$0")/.."
chrome=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chrome" ]; then
  echo "browser-test: chromium is not installed (apt-get install chromium)" >&2
  [ "${BROWSER_TEST_REQUIRED:-0}" = 1 ] && exit 1
  exit 0
fi
artifacts=${ARTIFACTS:-$(pwd)/ci-artifacts}
mkdir -p "$artifacts"
tmp=$(mktemp -d -t browser-test.XXXXXX)
pid=""
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
fail() { echo "browser-test: FAIL: $*" >&2; [ -f "$tmp/serve.log" ] && tail -n 20 "$tmp/serve.log" >&2; exit 1; }

go build -o "$tmp/katalog" ./cmd/katalog
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export KATALOG_DB="sqlite:$tmp/k.db" KATALOG_ADDR="127.0.0.1:$port" KATALOG_ADMIN_TOKEN=browser-test-operator-token KATALOG_REPORT_DIR="$tmp/reports"
"$tmp/katalog" serve >"$tmp/serve.log" 2>&1 &
pid=$!
for _ in $(seq 100); do
  curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
  sleep 0.1
done
curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null || fail "katalog did not start"
# The demo is loaded: score every agency and build a report (the same
# database, while the service runs: SQLite in WAL mode allows it).
# Two reports a second apart, so the trend lines have two points.
"$tmp/katalog" report >"$tmp/report.txt" || fail "katalog report"
sleep 1.1
"$tmp/katalog" report >"$tmp/report.txt" || fail "katalog report"

render() { # name path: dump the DOM after scripts ran, and a screenshot
  local name=$1 url="http://127.0.0.1:$port$2"
  "$chrome" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --virtual-time-budget=3000 \
    --dump-dom "$url" >"$tmp/$name.html" 2>"$tmp/$name.err" || fail "chromium could not render $url"
  "$chrome" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --hide-scrollbars \
    --window-size=1280,2200 --screenshot="$artifacts/$name.png" "$url" >/dev/null 2>&1 || fail "screenshot of $url"
  [ -s "$artifacts/$name.png" ] || fail "empty screenshot of $url"
  echo "browser-test: $url rendered ($(wc -c <"$tmp/$name.html") bytes of DOM); screenshot $artifacts/$name.png"
}
want() { # name pattern description
  grep -Eq "$2" "$tmp/$1.html" || fail "$1: $3 (no match for $2)"
}

render dashboard /
want dashboard 'id="ind-publishes"' "the publishes indicator is on the dashboard"
want dashboard 'id="ind-api"' "the API indicator is on the dashboard"
want dashboard '<svg[^>]*>.*<(polyline|path)' "the trend charts were drawn"

render report /reports/latest.html
want report 'publishes|Publicerar' "the report lists its indicators"
want report '<svg' "the report has its SVG charts"
want report '<(rect|polyline|path)[^>]*>' "the report's charts have marks"

render scorecard /agencies/2021006883
want scorecard 'id="total"' "the scorecard shows the total"
want scorecard '<svg class="bars"' "the MQA bars were drawn"
want scorecard '<rect' "the MQA bars have marks"
echo "browser-test: ok"
