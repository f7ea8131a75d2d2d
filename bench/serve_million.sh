#!/usr/bin/env bash
# Load test of `sitrep serve` on a synthetic store of a million events
# (bench/synth_store.py; built once, then reused): p50/p99 latency and
# requests/s of the API's filtered pages, the stats, GeoJSON of a zoomed
# view and the map's grid, under `wrk -t2 -c16` on loopback. The same run
# measures a static file of the page as the reference: each endpoint's p99
# is also given as a multiple of the static file's.
# Usage: bench/serve_million.sh [SITREP_BINARY] [DB] [SECONDS] [EVENTS]
# SERVE_ARGS: more options for `sitrep serve` (e.g. "--cache-mb 0": every
# answer computed, none served again from the answer cache).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build/sitrep}; db=${2:-build/bench-million.db}; secs=${3:-10}; n=${4:-1000000}
command -v wrk >/dev/null || { echo "skip: wrk is not installed (apt-get install wrk)"; exit 0; }
[ -f "$db" ] || python3 bench/synth_store.py "$bin" "$db" "$n"
port=$((20000 + RANDOM % 5000))
# shellcheck disable=SC2086
"$bin" serve --db "$db" --port "$port" ${SERVE_ARGS:-} >/dev/null 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/style.css" >/dev/null && break; sleep 0.1; done
echo "events in the store: $(curl -s "http://127.0.0.1:$port/api/events?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')"
urls=("/style.css"
      "/api/stats"
      "/api/stats?type=Battles"
      "/api/events?limit=50"
      "/api/events?from=2019-01-01&to=2020-12-31&type=Battles&limit=50"
      "/api/events?country=SY&sort=-date&limit=50"
      "/api/events?actor=ISIL&limit=50"
      "/api/events?bbox=36,35,37,36&limit=50"
      "/api/events.geojson?bbox=37.2,35.1,37.3,35.2&limit=1000"
      "/api/events/grid?level=0"
      "/api/events/grid?level=2&bbox=35,32,43,38"
      "/api/events/grid?level=1&type=Protests"
      "/api/events/grid?level=2&bbox=35,32,43,38&actor=ISIL"
      "/api/stats?actor=ISIL"
      "/api/stats?country=SY&from=2022-01-01")
printf "%-66s %9s %9s %9s %8s\n" endpoint p50_ms p99_ms req/s p99/ref
ref=""
for u in "${urls[@]}"; do
  out=$(wrk -t2 -c16 -d"${secs}s" --latency "http://127.0.0.1:$port$u")
  python3 - "$u" "$ref" <<PY >> /tmp/serve_million.$$ || true
import re, sys
out = """$out"""
def ms(label):
    m = re.search(r"^\s*" + label + r"\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
    v, unit = float(m.group(1)), m.group(2)
    return v / 1000 if unit == "us" else v * 1000 if unit == "s" else v
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
ref = float(sys.argv[2]) if sys.argv[2] else ms("99%")
print(f"{sys.argv[1]:<66} {ms('50%'):9.2f} {ms('99%'):9.2f} {rps:9.0f} {ms('99%') / ref:8.1f}" + (f"  ({bad.group(1)} errors)" if bad else ""))
print(f"REF {ms('99%')}")
PY
  line=$(grep -v '^REF' /tmp/serve_million.$$ | tail -1); echo "$line"
  [ -n "$ref" ] || ref=$(grep '^REF' /tmp/serve_million.$$ | head -1 | cut -d' ' -f2)
done
rm -f /tmp/serve_million.$$
