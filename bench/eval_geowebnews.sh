#!/usr/bin/env bash
# GeoWebNews (English): toponym recognition and resolution of `sitrep places`,
# scored by ../shared/eval/score.py places. Skips when ../shared is absent.
# Usage: bench/eval_geowebnews.sh SITREP_BINARY [BUILD_DIR]
set -euo pipefail
bin=$1
cd "$(dirname "$0")/.."
gwn=../shared/data/geowebnews/GWN.xml
if [ ! -f "$gwn" ]; then echo "skip GeoWebNews (../shared absent)"; exit 0; fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
python3 ../shared/eval/gwn.py "$gwn" > "$tmp/docs.jsonl"
"$bin" places "$tmp/docs.jsonl" -o "$tmp/places.jsonl"
echo "== GeoWebNews (sitrep places)"
python3 ../shared/eval/score.py places --gold "$gwn" --pred "$tmp/places.jsonl"
