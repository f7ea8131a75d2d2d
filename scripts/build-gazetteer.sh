#!/usr/bin/env bash
# Compiles the gazetteer into BUILD/gazetteer.bin when its inputs changed.
# Usage: scripts/build-gazetteer.sh SITREP_BINARY BUILD_DIR
set -euo pipefail
bin=$1; build=$2
cd "$(dirname "$0")/.."
"$bin" --help 2>/dev/null | grep -q '^  gazetteer' || exit 0   # no gazetteer stage in this build
out="$build/gazetteer.bin"
inputs=(data/gazetteer/supplement.tsv data/gazetteer/countries.tsv package.json node_modules/.sitrep-stamp /usr/share/dict/american-english /usr/share/dict/french "$bin")
if [ -f "$out" ]; then
  stale=0
  for i in "${inputs[@]}"; do [ -e "$i" ] && [ "$i" -nt "$out" ] && stale=1; done
  [ $stale -eq 0 ] && exit 0
fi
echo "building the gazetteer -> $out"
"$bin" gazetteer build --output "$out"
