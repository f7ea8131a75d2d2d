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
