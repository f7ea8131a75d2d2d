#!/usr/bin/env bash
# `make demo`: runs the main job on the bundled sample and prints a summary.
set -euo pipefail
bin=$1
cd "$(dirname "$0")/.."
mkdir -p out
echo "== sitrep extract data/sample (French and English articles written for this project)"
"$bin" extract data/sample -o out/demo-events.jsonl
"$bin" summary out/demo-events.jsonl
echo "events written to out/demo-events.jsonl"
echo
echo "== sitrep ingest data/sample --db sitrep.db (the event store; a second run changes nothing)"
"$bin" ingest -q data/sample --db sitrep.db
"$bin" query --db sitrep.db
echo "try: $bin query --db sitrep.db --format csv | --format geojson | --text frappes ; $bin explain EVENT_ID --db sitrep.db"
echo
port=${SITREP_PORT:-8080}
if [ -n "${SITREP_DEMO_NO_SERVE:-}" ] || [ -n "${CI:-}" ]; then
  echo "(not serving: CI or SITREP_DEMO_NO_SERVE set) run: $bin serve --db sitrep.db --port $port"
  exit 0
fi
echo "== sitrep serve --db sitrep.db: the map and the API (Ctrl-C stops)"
exec "$bin" serve --db sitrep.db --port "$port"
