#!/usr/bin/env bash
# Headless-browser test of katalog's pages, for a workstation: runs the Go
# browser test (internal/server TestBrowserPagesAreAccessible), which builds a
# populated katalog on loopback, loads every page in chromium at 1366 and 390
# px, checks each with axe-core (WCAG 2.1 A and AA: wcag2a, wcag2aa, wcag21a,
# wcag21aa; no violation allowed), refuses sideways scrolling, and saves
# screenshots under $ARTIFACTS (default: ci-artifacts in the repository).
#
# axe-core is installed from npm into a temporary folder (never the
# repository) unless KATALOG_AXE_JS names an axe.min.js. Without chromium or
# npm the test skips and this script exits 0, unless BROWSER_TEST_REQUIRED=1.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"
export ARTIFACTS=${ARTIFACTS:-$(pwd)/ci-artifacts}
mkdir -p "$ARTIFACTS"
tmp=$(mktemp -d -t browser-test.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
if [ -z "${KATALOG_AXE_JS:-}" ] && command -v npm >/dev/null; then
  npm install --prefix "$tmp" --no-audit --no-fund --silent axe-core@4.14.1
  export KATALOG_AXE_JS="$tmp/node_modules/axe-core/axe.min.js"
fi
go test -count=1 -run 'TestBrowserPagesAreAccessible' -v ./internal/server | grep -v -E ' (INFO|WARN) '
echo "browser-test: screenshots in $ARTIFACTS"
