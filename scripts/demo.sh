#!/usr/bin/env bash
# `make demo`: runs the main job on the bundled sample and shows it on one
# screen: one line per step, the table of the stored events, what to try
# next; then serves the map (unless SITREP_DEMO_NO_SERVE or CI is set).
# Messages of the steps go to out/demo.log.
set -euo pipefail
bin=$1
cd "$(dirname "$0")/.."
mkdir -p out
log=out/demo.log
: >"$log"
step() { printf '%-10s %s\n' "$1:" "$2"; }
more() { printf '%-10s %s\n' "" "$1"; }
# Runs a step with its messages in the log; prints its last message, or the log when it fails.
run() {
  local name=$1; shift
  if ! "$@" 2>>"$log" >/dev/null; then
    step "$name" "FAILED:"; tail -20 "$log"; exit 1
  fi
}
run extract "$bin" extract data/sample -o out/demo-events.jsonl
step extract "$(grep '^sitrep extract:' "$log" | tail -1 | sed 's/^sitrep extract: //') -> out/demo-events.jsonl (articles written for this project)"
run ingest "$bin" ingest -q data/sample --db sitrep.db
step ingest "$(grep '^sitrep ingest:' "$log" | tail -2 | head -1 | sed 's/^sitrep ingest: //')"
step store "$(grep '^sitrep ingest:' "$log" | tail -1 | sed 's/^sitrep ingest: //')"
echo
"$bin" query --db sitrep.db
echo
port=${SITREP_PORT:-8080}
url="http://127.0.0.1:$port"
step try "$bin query --db sitrep.db --format csv     (ACLED's columns: docs/acled-export.md)"
more "$bin explain EVENT_ID --db sitrep.db         (reports, evidence, why they were merged)"
more "$bin --help                                  (every command, by task)"
if [ -n "${SITREP_DEMO_NO_SERVE:-}" ] || [ -n "${CI:-}" ]; then
  step serve "not started (CI or SITREP_DEMO_NO_SERVE); run: $bin serve --db sitrep.db --port $port"
  exit 0
fi
step serve "$url/ the map; $url/api/acled/read?country=Syria ACLED's API (docs/acled-api.md); Ctrl-C stops"
exec "$bin" serve --db sitrep.db --port "$port" 2>>"$log"
