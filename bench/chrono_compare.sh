#!/usr/bin/env bash
# sitrep timex against chrono-node (French and English parsers) on
# testdata/timex/cases.tsv. Needs node and `npm install` (chrono-node is a
# devDependency in package.json). VERBOSE=1 lists the rows where they differ.
# Usage: bench/chrono_compare.sh [build/sitrep]
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d node_modules/chrono-node ]; then
  echo "skip: chrono-node is not installed (run: npm install)"; exit 0
fi
node bench/chrono_compare.mjs "${1:-$PWD/build/sitrep}"
