#!/usr/bin/env bash
# Read-path performance (#4), katalog side by side with Raptor in one run:
# for each size N (default 10000 100000):
#   1. gen_catalog.py N | katalog convert → the N-dataset RDF/XML feed;
#   2. parse it: `katalog convert --from rdfxml --to ntriples` and
#      `rapper -q -i rdfxml -o ntriples`, both to /dev/null (the cheapest
#      writer, so the figure is the parser's), best of BENCH_REPS, with the
#      user CPU time of the best run beside the wall time; rdflib
#      (Graph.parse, format "xml", one run: it is slow) too when
#      N ≤ RDFLIB_MAX and Debian's rdflib is installed;
#   3. validate it: `katalog validate --json` (DCAT-AP-SE 3.0.1), best of
#      BENCH_REPS, compared with katalog's own parse time, and peak RSS;
#   4. import it into a fresh SQLite store (`katalog import`), then the same
#      file again (not read again: its digest matches), then the same
#      content as N-Triples (read, each dataset unchanged by its hash)
#      (N ≤ IMPORT_MAX).
# Wall time and peak RSS from /usr/bin/time. Prints Markdown on stdout.
#
# usage: scripts/bench-read.sh [SIZES…]
# env:   BENCH_REPS=3 IMPORT_MAX=10000 RDFLIB_MAX=20000 SHARED=../shared
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
shared=${SHARED:-$root/../shared}
reps=${BENCH_REPS:-3}
import_max=${IMPORT_MAX:-10000}
rdflib_max=${RDFLIB_MAX:-20000}
has_rdflib=0
/usr/bin/python3 -c 'import rdflib' 2>/dev/null && has_rdflib=1
if [ $# -eq 0 ]; then set -- 10000 100000; fi
for n in "$@"; do
  case "$n" in '' | *[!0-9]*) echo "bench-read: size $n is not a number" >&2; exit 2 ;; esac
done
for tool in rapper /usr/bin/python3 /usr/bin/time go; do
  command -v "$tool" >/dev/null || { echo "bench-read: $tool is missing (see ../shared/README.md)" >&2; exit 2; }
done
tmp=$(mktemp -d -t bench-read.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
log() { printf '[%s] %s\n' "$(date +%T)" "$*" >&2; }

log "building katalog"
go build -o "$tmp/katalog" ./cmd/katalog
k="$tmp/katalog"
has_validate=0
"$k" validate --help >/dev/null 2>&1 && has_validate=1

# best OUT CMD…: runs CMD BENCH_REPS times with stdout to OUT; prints the
# best "seconds peak-RSS-KB user-CPU-seconds". Exit status 1 of CMD
# (findings) is accepted. REPS=n overrides BENCH_REPS.
best() {
  local out=$1 bs="" bm="" bu=""
  shift
  for _ in $(seq "${REPS:-$reps}"); do
    /usr/bin/time -f '%e %M %U' -o "$tmp/time" "$@" >"$out" 2>"$tmp/stderr" || [ $? -eq 1 ] || {
      echo "bench-read: failed: $*" >&2; tail -n 20 "$tmp/stderr" >&2; return 1; }
    read -r s m u < <(tail -n 1 "$tmp/time")
    if [ -z "$bs" ] || awk -v a="$s" -v b="$bs" 'BEGIN { exit !(a < b) }'; then bs=$s bm=$m bu=$u; fi
  done
  echo "$bs $bm $bu"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a > 0 && b > 0) printf "%.1f×", b / a; else printf "–" }'; }
mb() { awk -v k="$1" 'BEGIN { printf "%.0f MB", k / 1024 }'; }

echo "## Read-path benchmark — $(date -u +%Y-%m-%dT%H:%MZ)"
echo
echo "Machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1); $(go version | cut -d' ' -f3-); $(rapper --version 2>/dev/null | head -n 1 | sed 's/^/Raptor /')$([ "$has_rdflib" = 1 ] && /usr/bin/python3 -c 'import rdflib; print(", rdflib", rdflib.__version__)' | tr -d '\n'). Best of $reps; load before: $(uptime | sed 's/.*load average/load average/')."
echo
echo "| datasets | RDF/XML | triples | katalog parse (wall, RSS, user CPU) | Raptor parse | Raptor ÷ katalog | rdflib parse | rdflib ÷ katalog | katalog validate | validate ÷ parse | findings |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
imports=()
for n in "$@"; do
  log "N=$n: generating the RDF/XML feed"
  /usr/bin/python3 "$shared/tools/gen_catalog.py" "$n" >"$tmp/in.nt"
  "$k" convert --from ntriples --to rdfxml "$tmp/in.nt" >"$tmp/feed.rdf"
  rm -f "$tmp/in.nt"
  size=$(awk -v b="$(stat -c %s "$tmp/feed.rdf")" 'BEGIN { printf "%.0f MB", b / 1e6 }')
  log "N=$n: katalog parse"
  read -r ks km ku <<<"$(best "$tmp/out" "$k" convert --from rdfxml --to ntriples "$tmp/feed.rdf")"
  triples=$(wc -l <"$tmp/out")
  rm -f "$tmp/out"
  log "N=$n: rapper parse"
  read -r rs rm ru <<<"$(best /dev/null rapper -q -i rdfxml -o ntriples "$tmp/feed.rdf")"
  lcell="–" lratio="–"
  if [ "$has_rdflib" = 1 ] && [ "$n" -le "$rdflib_max" ]; then
    log "N=$n: rdflib parse (one run)"
    read -r ls lm lu <<<"$(REPS=1 best /dev/null /usr/bin/python3 -c 'import rdflib, sys; g = rdflib.Graph(); g.parse(sys.argv[1], format="xml"); print(len(g))' "$tmp/feed.rdf")"
    lcell="$ls s, $(mb "$lm")"
    lratio=$(ratio "$ks" "$ls")
  fi
  vcell="–" vratio="–" findings="–"
  if [ "$has_validate" = 1 ]; then
    log "N=$n: katalog validate"
    read -r vs vm vu <<<"$(best "$tmp/report.json" "$k" validate --json "$tmp/feed.rdf")"
    vcell="$vs s, $(mb "$vm")"
    vratio=$(ratio "$ks" "$vs")
    findings=$(/usr/bin/python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print("%d errors, %d warnings" % (r["errors"], r["warnings"]))' "$tmp/report.json")
  fi
  echo "| $n | $size | $triples | $ks s, $(mb "$km"), ${ku} s | $rs s, $(mb "$rm"), ${ru} s | $(ratio "$ks" "$rs") | $lcell | $lratio | $vcell | $vratio | $findings |"
  if [ "$n" -le "$import_max" ]; then
    log "N=$n: import, twice"
    db="sqlite:$tmp/import-$n.db"
    printf 'org_nr,name\n2021006883,Myndigheten för digital förvaltning\n' >"$tmp/reg.csv"
    "$k" agencies import --db "$db" "$tmp/reg.csv" >/dev/null
    # gen_catalog's publishers are its own IRIs, not dataportal.se
    # organisation IRIs of other agencies, so one agency may import them all.
    cp "$tmp/feed.rdf" "$tmp/own.rdf"
    /usr/bin/time -f '%e %M' -o "$tmp/time" "$k" import --db "$db" --agency 2021006883 "$tmp/own.rdf" >"$tmp/first.txt" 2>"$tmp/stderr" || { cat "$tmp/stderr" >&2; exit 1; }
    read -r f1 m1 <"$tmp/time"
    /usr/bin/time -f '%e %M' -o "$tmp/time" "$k" import --db "$db" --agency 2021006883 "$tmp/own.rdf" >"$tmp/again.txt" 2>"$tmp/stderr" || { cat "$tmp/stderr" >&2; exit 1; }
    read -r f2 m2 <"$tmp/time"
    # The same content in other bytes (N-Triples): read again, every
    # dataset found unchanged by its content hash.
    "$k" convert --from rdfxml --to ntriples "$tmp/own.rdf" >"$tmp/own.nt"
    /usr/bin/time -f '%e %M' -o "$tmp/time" "$k" import --db "$db" --agency 2021006883 "$tmp/own.nt" >"$tmp/content.txt" 2>"$tmp/stderr" || { cat "$tmp/stderr" >&2; exit 1; }
    read -r f3 m3 <"$tmp/time"
    imports+=("| $n | $f1 s, $(mb "$m1"): $(cut -d: -f2- <"$tmp/first.txt" | tr -d '\n') | $f2 s, $(mb "$m2") ($(awk -v a="$f1" -v b="$f2" 'BEGIN { printf "%.2f", b / a }')×): $(cut -d: -f2- <"$tmp/again.txt" | tr -d '\n') | $f3 s, $(mb "$m3") ($(awk -v a="$f1" -v b="$f3" 'BEGIN { printf "%.2f", b / a }')×): $(cut -d: -f2- <"$tmp/content.txt" | tr -d '\n') |")
    rm -f "$tmp"/import-* "$tmp/own.rdf" "$tmp/own.nt"
  fi
  rm -f "$tmp/feed.rdf"
done
echo
echo "Load after: $(uptime | sed 's/.*load average/load average/')."
if [ ${#imports[@]} -gt 0 ]; then
  echo
  echo "| datasets | first import (whole process) | identical source again (÷ first) | same content as N-Triples (÷ first) |"
  echo "|---|---|---|---|"
  printf '%s\n' "${imports[@]}"
fi
