#!/usr/bin/env bash
# Compiles the gazetteer into BUILD/gazetteer.bin when its inputs changed,
# with one line of output (the builder's own goes to BUILD/gazetteer.log).
# Usage: scripts/build-gazetteer.sh SITREP_BINARY BUILD_DIR
set -euo pipefail
bin=$1; build=$2
cd "$(dirname "$0")/.."
"$bin" --help 2>/dev/null | grep -q '^  gazetteer' || exit 0   # no gazetteer stage in this build
out="$build/gazetteer.bin"
inputs=(data/gazetteer/supplement.tsv data/gazetteer/regions.tsv data/gazetteer/countries.tsv package.json node_modules/.sitrep-stamp /usr/share/dict/american-english /usr/share/dict/french "$bin")
if [ -f "$out" ]; then
  stale=0
  for i in "${inputs[@]}"; do [ -e "$i" ] && [ "$i" -nt "$out" ] && stale=1; done
  if [ $stale -eq 0 ]; then printf '%-10s %s\n' "gazetteer:" "up to date ($out)"; exit 0; fi
fi
start=$(date +%s)
if ! "$bin" gazetteer build --output "$out" >"$build/gazetteer.log" 2>&1; then
  printf '%-10s %s\n' "gazetteer:" "FAILED ($build/gazetteer.log):"
  tail -20 "$build/gazetteer.log"
  exit 1
fi
printf '%-10s %s\n' "gazetteer:" "built $out in $(( $(date +%s) - start )) s (output: $build/gazetteer.log)"
