#!/usr/bin/env bash
# Feed performance, katalog side by side with Raptor (rapper) and rdflib, in
# one run on one machine. For each size N (default 10000 100000):
#   1. gen_catalog.py N > cat-N.nt (≈34 triples per dataset, 300 publishers);
#   2. N-Triples → RDF/XML and → Turtle: katalog (`katalog convert`, or the
#      same reader→writer pipe in benchfeed while the CLI lacks it), rapper,
#      and rdflib (RDF/XML only, and only for N ≤ RDFLIB_MAX): wall time and
#      peak RSS from /usr/bin/time;
#   3. the Jena referee counts the triples of katalog's outputs (N ≤
#      REFEREE_MAX) and they must equal the input's line count;
#   4. scripts/bench/benchfeed -datasets N: the store → feed path (streamed,
#      and through the snapshot cache and HTTP server on loopback).
# Prints a Markdown report on stdout (progress on stderr).
#
# usage: scripts/bench-feeds.sh [SIZES…]
# env:   RDFLIB_MAX=10000 REFEREE_MAX=10000 BENCH_REPS=3 SHARED=../shared
#        BENCH_KEEP=DIR (keep the generated and converted files there)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
shared=${SHARED:-$root/../shared}
rdflib_max=${RDFLIB_MAX:-10000}
referee_max=${REFEREE_MAX:-10000}
reps=${BENCH_REPS:-3}
if [ $# -eq 0 ]; then set -- 10000 100000; fi
for n in "$@"; do
  case "$n" in '' | *[!0-9]*) echo "bench-feeds: size $n is not a number" >&2; exit 2 ;; esac
done
for tool in rapper /usr/bin/python3 /usr/bin/time go; do
  command -v "$tool" >/dev/null || { echo "bench-feeds: $tool is missing (see ../shared/README.md)" >&2; exit 2; }
done
/usr/bin/python3 -c 'import rdflib' 2>/dev/null || { echo "bench-feeds: Debian's python3-rdflib is missing" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/bench-feeds.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
log() { printf '[%s] %s\n' "$(date +%T)" "$*" >&2; }

log "building katalog and benchfeed"
go build -o "$tmp/katalog" ./cmd/katalog
go build -o "$tmp/benchfeed" ./scripts/bench/benchfeed

# katalog convert if the CLI has it (and it works), else benchfeed's pipe.
printf '<http://a.example/s> <http://a.example/p> "o" .\n' >"$tmp/probe.nt"
if "$tmp/katalog" convert --from ntriples --to rdfxml "$tmp/probe.nt" >"$tmp/probe.rdf" 2>/dev/null && grep -q 'rdf:RDF' "$tmp/probe.rdf"; then
  conv=("$tmp/katalog" convert)
  conv_name='`katalog convert --from ntriples --to FORMAT FILE`'
else
  conv=("$tmp/benchfeed" convert)
  conv_name='`benchfeed convert -from ntriples -to FORMAT FILE` (ntriples.Reader → codec writer; `katalog convert` was not available)'
fi

# timed OUT CMD…: runs CMD with stdout to OUT; prints "seconds peak-RSS-KB".
timed() {
  local out=$1
  shift
  if ! /usr/bin/time -f '%e %M' -o "$tmp/time" "$@" >"$out" 2>"$tmp/stderr"; then
    echo "bench-feeds: failed: $*" >&2
    tail -n 20 "$tmp/stderr" >&2
    return 1
  fi
  tail -n 1 "$tmp/time"
}

rdflib_xml='import sys, rdflib
g = rdflib.Graph()
g.parse(sys.argv[1], format="nt")
g.serialize(destination=sys.stdout.buffer, format="xml")'

# ratio A B: B/A with one decimal ("" if either is missing).
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a > 0 && b > 0) printf "%.1f×", b / a; else printf "–" }'; }
mtps() { awk -v n="$1" -v s="$2" 'BEGIN { if (s > 0) printf "%.2f M", n / s / 1e6; else printf "–" }'; }
mbof() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }
sizeof() { awk -v b="$(stat -c %s "$1")" 'BEGIN { printf "%.0f MB", b / 1e6 }'; }

rows=()
feedreports=()
checks=()
loads=()
for n in "$@"; do
  nt="$tmp/cat-$n.nt"
  log "N=$n: generating"
  /usr/bin/python3 "$shared/tools/gen_catalog.py" "$n" >"$nt"
  triples=$(wc -l <"$nt")
  loads+=("N=$n before the conversions: $(uptime | sed 's/.*load average/load average/')")

  for to in rdfxml turtle; do
    ext=rdf
    [ "$to" = turtle ] && ext=ttl
    log "N=$n → $to: katalog"
    t=$(timed "$tmp/katalog-$n.$ext" "${conv[@]}" --from ntriples --to "$to" "$nt")
    read -r ks km <<<"$t"
    log "N=$n → $to: rapper"
    t=$(timed "$tmp/rapper-$n.$ext" rapper -q -i ntriples -o "$to" "$nt")
    read -r rs rm <<<"$t"
    ps=""
    pm=""
    if [ "$to" = rdfxml ] && [ "$n" -le "$rdflib_max" ]; then
      log "N=$n → $to: rdflib"
      t=$(timed "$tmp/rdflib-$n.$ext" /usr/bin/python3 -c "$rdflib_xml" "$nt")
      read -r ps pm <<<"$t"
    fi
    if [ -n "$ps" ]; then
      pcell="$ps s, $(mbof "$pm") MB"
    elif [ "$to" = rdfxml ]; then
      pcell="not run (N > RDFLIB_MAX=$rdflib_max)"
    else
      pcell="not run (anchor: 408 s at 10k)"
    fi
    rows+=("| $n | $triples | N-Triples → $to | $ks s, $(mbof "$km") MB, $(sizeof "$tmp/katalog-$n.$ext") | $(mtps "$triples" "$ks") | $rs s, $(mbof "$rm") MB, $(sizeof "$tmp/rapper-$n.$ext") | $pcell | $(ratio "$ks" "$rs") | $(ratio "$ks" "$ps") |")

    if [ "$n" -le "$referee_max" ]; then
      log "N=$n → $to: Jena referee on katalog's output"
      got=$(bash "$shared/tools/referee/referee.sh" parse "$tmp/katalog-$n.$ext" "$to" 2>&1 | tail -n 1)
      if [ "$got" = "$triples" ]; then
        checks+=("- N=$n, katalog's $to: Jena counts $got triples = $triples input lines ✓")
      else
        checks+=("- N=$n, katalog's $to: Jena says \"$got\", input has $triples lines ✗")
      fi
    fi
  done
  if [ -n "${BENCH_KEEP:-}" ]; then
    mkdir -p "$BENCH_KEEP"
    cp "$tmp"/*-"$n".* "$BENCH_KEEP"/
  fi
  rm -f "$tmp"/*-"$n".*

  loads+=("N=$n before benchfeed: $(uptime | sed 's/.*load average/load average/')")
  log "N=$n: benchfeed (store → feed)"
  t=$(timed "$tmp/benchfeed-$n.md" "$tmp/benchfeed" -datasets "$n" -reps "$reps")
  read -r bs bm <<<"$t"
  feedreports+=("$(cat "$tmp/benchfeed-$n.md")"$'\n\n'"Whole benchfeed run (loading + child measuring process): $bs s; /usr/bin/time peak RSS (the largest of the two processes): $(mbof "$bm") MB.")
done

echo "## Feed benchmark — $(date -u +%Y-%m-%dT%H:%MZ)"
echo
echo "Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo) RAM, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1); $(go version | cut -d' ' -f3-); $(rapper --version 2>/dev/null | head -n 1 | sed 's/^/Raptor /'); rdflib $(/usr/bin/python3 -c 'import rdflib; print(rdflib.__version__)')."
echo
echo "Load (uptime) before each part:"
for l in "${loads[@]}"; do echo "- $l"; done
echo
echo "katalog conversion: $conv_name."
echo
echo "### N-Triples → RDF/XML and Turtle (wall time, peak RSS, output size)"
echo
echo "| datasets | triples | task | katalog | katalog triples/s | Raptor | rdflib | Raptor ÷ katalog | rdflib ÷ katalog |"
echo "|---|---|---|---|---|---|---|---|---|"
for r in "${rows[@]}"; do echo "$r"; done
echo
if [ ${#checks[@]} -gt 0 ]; then
  echo "Checks (Jena referee):"
  for c in "${checks[@]}"; do echo "$c"; done
  echo
fi
echo "### Store → feed (scripts/bench/benchfeed)"
echo
for f in "${feedreports[@]}"; do
  echo "$f"
  echo
done
