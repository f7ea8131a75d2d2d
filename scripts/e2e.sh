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
if [ -d ../shared/corpus/seeds ]; then
  python3 ../shared/eval/docs.py ../shared/corpus/seeds/manifest.jsonl > "$tmp/seeds.jsonl"
  check "seed extract" "$bin" extract "$tmp/seeds.jsonl" -o "$tmp/seeds.out.jsonl"
  check "seed events pass the shared validator" python3 ../shared/eval/validate.py "$tmp/seeds.out.jsonl"
else
  echo "skip seed checks (../shared is absent)"
fi
echo "e2e: $pass passed, $fail failed"
[ $fail -eq 0 ]
