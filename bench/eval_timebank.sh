#!/usr/bin/env bash
# French TimeBank: how many DATE/TIME expressions `sitrep timex` finds and how
# many of their normalised values it gets right. Reads ../shared; skips when
# it is absent.  Usage: bench/eval_timebank.sh [build/sitrep]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build/sitrep}
shared=../shared
if [ ! -d "$shared/data/fr-timebank/tml" ] || [ ! -f "$shared/eval/timebank.py" ]; then
  echo "skip: $shared/data/fr-timebank is absent"; exit 0
fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
python3 "$shared/eval/timebank.py" "$shared/data/fr-timebank/tml" "$tmp"
"$bin" timex "$tmp/docs.jsonl" -o "$tmp/pred.jsonl"
python3 "$shared/eval/score.py" timex --gold "$tmp/timex_gold.jsonl" --pred "$tmp/pred.jsonl"
if [ -n "${KEEP:-}" ]; then cp "$tmp"/*.jsonl "$KEEP"/; fi
