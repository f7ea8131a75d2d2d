#!/usr/bin/env bash
# Tagger, lemmatiser and parser accuracy on the Universal Dependencies test
# files (gold tokens): `sitrep parse --conllu` re-analyses each file and the
# shared scorer prints UPOS, lemma, feats, UAS and LAS. Reads ../shared;
# skips when it is absent.  Usage: bench/parse_eval.sh [build/sitrep]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build/sitrep}
ud=../shared/data/ud
scorer=../shared/eval/conllu_eval.py
if [ ! -d "$ud" ] || [ ! -f "$scorer" ]; then
  echo "skip: $ud is absent"; exit 0
fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for pair in fr:fr_sequoia-ud-test fr:fr_gsd-ud-test en:en_ewt-ud-test; do
  lang=${pair%%:*}; name=${pair#*:}
  [ -f "$ud/$name.conllu" ] || { echo "skip: $ud/$name.conllu is absent"; continue; }
  "$bin" parse --lang "$lang" --conllu "$ud/$name.conllu" -o "$tmp/$name.conllu"
  echo "== $name"
  python3 "$scorer" "$ud/$name.conllu" "$tmp/$name.conllu"
done
