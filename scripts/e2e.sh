#!/usr/bin/env bash
# End-to-end checks run by `make test` after the unit tests: the bundled
# sample and (when ../shared is present) the seed articles go through
# `sitrep extract`, and the output is checked against the codebook.
set -uo pipefail
bin=$1
cd "$(dirname "$0")/.."
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pass=0; fail=0
check() {  # name, command...
  local name=$1; shift
  if "$@" >"$tmp/log" 2>&1; then pass=$((pass+1)); echo "ok   $name"
  else fail=$((fail+1)); echo "FAIL $name"; sed 's/^/     /' "$tmp/log" | tail -20; fi
}
check "sample extract" "$bin" extract data/sample -o "$tmp/sample.jsonl"
check "sample events follow the codebook" python3 tests/check_events.py "$tmp/sample.jsonl"
check "sample ingest" "$bin" ingest -q data/sample --db "$tmp/sample.db"
check "sample query as CSV loads in Python's csv module" sh -c "\"$bin\" query --db \"$tmp/sample.db\" --format csv -o \"$tmp/s.csv\" && python3 tests/check_exports.py csv \"$tmp/s.csv\""
check "sample query as GeoJSON is a valid FeatureCollection" sh -c "\"$bin\" query --db \"$tmp/sample.db\" --format geojson -o \"$tmp/s.geojson\" && python3 tests/check_exports.py geojson \"$tmp/s.geojson\""
check "stored sample events follow the codebook" sh -c "\"$bin\" query --db \"$tmp/sample.db\" --format jsonl -o \"$tmp/s.jsonl\" && python3 tests/check_events.py \"$tmp/s.jsonl\""
if [ -d ../shared/corpus/seeds ]; then
  python3 ../shared/eval/docs.py ../shared/corpus/seeds/manifest.jsonl > "$tmp/seeds.jsonl"
  check "seed extract" "$bin" extract "$tmp/seeds.jsonl" -o "$tmp/seeds.out.jsonl"
  check "seed events pass the shared validator" python3 ../shared/eval/validate.py "$tmp/seeds.out.jsonl"
  check "seed ingest" "$bin" ingest -q "$tmp/seeds.jsonl" --db "$tmp/seeds.db"
  "$bin" query --db "$tmp/seeds.db" --format jsonl -o "$tmp/seeds.q1.jsonl" 2>/dev/null || true
  check "seed re-ingest changes nothing" sh -c "\"$bin\" ingest -q \"$tmp/seeds.jsonl\" --db \"$tmp/seeds.db\" 2>&1 | grep -q ' 0 new, 0 replaced' && \"$bin\" query --db \"$tmp/seeds.db\" --format jsonl | cmp - \"$tmp/seeds.q1.jsonl\""
  check "stored seed events pass the shared validator" python3 ../shared/eval/validate.py "$tmp/seeds.q1.jsonl"
else
  echo "skip seed checks (../shared is absent)"
fi
echo "e2e: $pass passed, $fail failed"
[ $fail -eq 0 ]
