#!/usr/bin/env bash
# Syntax stage speed on one core: model load time, words per second of
# tagging + lemmatising + parsing per second of CPU time (gold tokens of the
# UD test files, so the input reading is not counted; wall-clock speed too,
# which a busy machine lowers) and peak resident memory.
# Reads ../shared; skips when it is absent.  Usage: bench/parse_speed.sh [build/sitrep]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build/sitrep}
ud=../shared/data/ud
if [ ! -d "$ud" ]; then echo "skip: $ud is absent"; exit 0; fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for pair in fr:fr_gsd-ud-test en:en_ewt-ud-test; do
  lang=${pair%%:*}; name=${pair#*:}
  [ -f "$ud/$name.conllu" ] || continue
  # Three rounds over the file (the first warms the caches); the last one is reported.
  cat "$ud/$name.conllu" "$ud/$name.conllu" "$ud/$name.conllu" > "$tmp/in.conllu"
  echo "== $lang ($name x3)"
  /usr/bin/time -f "peak RSS %M kB" "$bin" parse --lang "$lang" --conllu "$tmp/in.conllu" \
    --stats -o /dev/null
done
