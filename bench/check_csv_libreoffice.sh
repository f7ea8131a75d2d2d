#!/usr/bin/env bash
# Checks that the ACLED CSV export opens in LibreOffice Calc exactly as
# Python's csv module reads it: LibreOffice (headless) imports the CSV as
# UTF-8 and writes it back; every row and cell must survive the round trip.
# Needs LibreOffice (apt-get install libreoffice-calc-nogui); skips without it.
# Usage: bench/check_csv_libreoffice.sh [SITREP_BINARY] [DB]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build/sitrep}; db=${2:-}
command -v soffice >/dev/null || { echo "skip: LibreOffice is not installed"; exit 0; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
if [ -z "$db" ]; then
  db=$tmp/sample.db
  "$bin" ingest -q data/sample --db "$db" >/dev/null
fi
"$bin" query --db "$db" --format csv -o "$tmp/events.csv"
# Filter options: comma, double quote, UTF-8 (76), first line 1; export the same way.
HOME=$tmp soffice --headless --infilter="CSV:44,34,76,1" \
  --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false' \
  --outdir "$tmp/lo" "$tmp/events.csv" >/dev/null 2>&1
python3 - "$tmp/events.csv" "$tmp/lo/events.csv" <<'PY'
import csv, sys
a = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))
b = list(csv.reader(open(sys.argv[2], encoding="utf-8", newline="")))
assert len(a) == len(b), f"{len(a)} rows written, LibreOffice read {len(b)}"
bad = 0
for i, (ra, rb) in enumerate(zip(a, b)):
    if len(ra) != len(rb):
        print(f"row {i}: {len(ra)} cells written, {len(rb)} read"); bad += 1; continue
    for j, (x, y) in enumerate(zip(ra, rb)):
        # Calc may reformat numbers (1.50 -> 1.5); compare numbers as numbers.
        try:
            same = float(x) == float(y)
        except ValueError:
            same = x == y
        if not same:
            print(f"row {i} col {a[0][j]}: {x!r} became {y!r}"); bad += 1
print(f"LibreOffice round trip: {len(a) - 1} events x {len(a[0])} columns, {bad} differences")
sys.exit(1 if bad else 0)
PY
