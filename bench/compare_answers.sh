#!/usr/bin/env bash
# Asks two `sitrep serve` binaries the same API questions over the same
# store and compares the answers byte for byte: a faster store or server
# must answer exactly what the earlier one did. The store is opened by
# OLD first (read-only); NEW may then migrate it (run `NEW ingest` of
# nothing on it before, since `serve` opens read-only).
# Usage: bench/compare_answers.sh OLD_BINARY NEW_BINARY DB
set -euo pipefail
cd "$(dirname "$0")/.."
old=$1; new=$2; db=$3
urls=("/api/stats" "/api/stats?type=Battles" "/api/stats?type=battles" "/api/stats?actor=ISIL"
      "/api/stats?actor=isil" "/api/stats?country=SY&from=2022-01-01" "/api/stats?type=Protests&from=2019-03-15&to=2019-05-20"
      "/api/stats?admin1=SY-ID" "/api/stats?bbox=36,35,37,36"
      "/api/events?limit=50" "/api/events?limit=50&offset=1000&sort=-date" "/api/events?limit=20&sort=-fatalities"
      "/api/events?from=2019-01-01&to=2020-12-31&type=Battles&limit=50"
      "/api/events?from=2019-01-15&to=2019-02-10&limit=50&sort=-date"
      "/api/events?country=SY&sort=-date&limit=50" "/api/events?country=sy&limit=50&offset=300"
      "/api/events?actor=ISIL&limit=50" "/api/events?actor=HTS&limit=50&sort=-date&offset=70"
      "/api/events?actor=ISIL&type=Battles&limit=30" "/api/events?actor=SY_MIL&from=2021-06-01&limit=30"
      "/api/events?bbox=36,35,37,36&limit=50" "/api/events?bbox=36,35,37,36&limit=50&sort=-date"
      "/api/events?bbox=36.05,35.03,36.71,35.55&limit=40&offset=10" "/api/events?bbox=30,30,40,40&type=Protests&limit=25"
      "/api/events?bbox=-180,-90,180,90&limit=10" "/api/events?admin1=SY-ID&limit=10" "/api/events?sub_type=Grenade&limit=10"
      "/api/events.geojson?bbox=37.2,35.1,37.3,35.2&limit=1000" "/api/events.geojson?bbox=35,32,43,38&limit=500"
      "/api/events/grid?level=0" "/api/events/grid?level=2&bbox=35,32,43,38" "/api/events/grid?level=1&type=Protests"
      "/api/events/grid?level=2&bbox=35,32,43,38&actor=ISIL" "/api/events/grid?level=3&country=IQ&from=2020-01-01")
port_old=$((25000 + RANDOM % 2000)); port_new=$((port_old + 1))
"$old" serve --db "$db" --port "$port_old" >/dev/null 2>&1 &
pid_old=$!
trap 'kill $pid_old ${pid_new:-} 2>/dev/null' EXIT
for _ in $(seq 300); do curl -sf "http://127.0.0.1:$port_old/style.css" >/dev/null && break; sleep 0.1; done
dir=$(mktemp -d)
i=0
for u in "${urls[@]}"; do curl -s -m 300 "http://127.0.0.1:$port_old$u" > "$dir/old.$i" || echo "(curl failed: $?)" >> "$dir/old.$i"; i=$((i + 1)); done
kill $pid_old; wait $pid_old 2>/dev/null || true
t0=$(date +%s)
"$new" ingest -q --db "$db" /dev/null 2>/dev/null || true
echo "NEW opened (and migrated) the store in $(( $(date +%s) - t0 )) s"
"$new" serve --db "$db" --port "$port_new" --cache-mb 0 >/dev/null 2>&1 &
pid_new=$!
for _ in $(seq 300); do curl -sf "http://127.0.0.1:$port_new/style.css" >/dev/null && break; sleep 0.1; done
i=0; same=0; differ=0
for u in "${urls[@]}"; do
  curl -s -m 300 "http://127.0.0.1:$port_new$u" > "$dir/new.$i" || echo "(curl failed: $?)" >> "$dir/new.$i"
  if cmp -s "$dir/old.$i" "$dir/new.$i"; then same=$((same + 1)); else differ=$((differ + 1)); echo "differs: $u ($dir/old.$i $dir/new.$i)"; fi
  i=$((i + 1))
done
echo "$same answers identical, $differ different"
