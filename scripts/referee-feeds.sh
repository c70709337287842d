#!/bin/bash
# referee-feeds.sh DIR [EXPECTED_COUNT]
#
# Runs the Jena referee (../shared/tools/referee/referee.sh, strict mode:
# parser warnings such as bad IRIs or language tags are errors) on every
# feed file in DIR, choosing the syntax from the suffix (.rdf .ttl .nt
# .jsonld), and checks that all files hold the same number of triples (or
# EXPECTED_COUNT, if given). Prints one line per file; exits 0 if all parse
# and agree, 1 otherwise, 2 on usage errors or when the referee cannot run.
set -u
dir="${1:-}"
want="${2:-}"
[ -d "$dir" ] || { echo "usage: $0 DIR [EXPECTED_COUNT]" >&2; exit 2; }
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
referee="${REFEREE:-$root/../shared/tools/referee/referee.sh}"
[ -f "$referee" ] || { echo "referee-feeds: no referee at $referee" >&2; exit 2; }
rc=0 n=0
for f in "$dir"/*; do
  case "$f" in
    *.rdf|*.xml) fmt=rdfxml ;;
    *.ttl) fmt=turtle ;;
    *.nt) fmt=ntriples ;;
    *.jsonld|*.json) fmt=jsonld ;;
    *) continue ;;
  esac
  n=$((n + 1))
  out="$(REFEREE_STRICT=1 bash "$referee" parse "$f" "$fmt" 2>&1)"
  code=$?
  if [ $code -eq 2 ]; then echo "referee-feeds: referee cannot run: $out" >&2; exit 2; fi
  count="$(printf '%s\n' "$out" | tail -n 1)"
  if [ $code -ne 0 ]; then
    echo "FAIL $f ($fmt): $out"
    rc=1
    continue
  fi
  echo "ok   $f ($fmt): $count triples"
  if [ -z "$want" ]; then
    want="$count"
  elif [ "$count" != "$want" ]; then
    echo "FAIL $f: $count triples, want $want"
    rc=1
  fi
done
[ $n -gt 0 ] || { echo "referee-feeds: no feed files in $dir" >&2; exit 2; }
exit $rc
