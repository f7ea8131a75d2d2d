#!/usr/bin/env bash
# Cold-ish load test of `sitrep serve` on the synthetic million-event store
# (bench/synth_store.py): under `wrk -t2 -c16`, every request asks another
# question (bench/serve_cold.lua draws the filters from many distinct values:
# countries, types, days, boxes), so the answer cache seldom holds the
# answer and the store computes nearly every one. Complements
# bench/serve_million.sh, whose fixed URLs are answered from the cache after
# their first request. Reports p50/p99 per endpoint family and the p99 as a
# multiple of a static file's p99 measured in the same run.
# Usage: bench/serve_cold.sh [SITREP_BINARY] [DB] [SECONDS]
# SERVE_ARGS: more options for `sitrep serve` (e.g. "--cache-mb 0").
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build/sitrep}; db=${2:-build/bench-million.db}; secs=${3:-10}
command -v wrk >/dev/null || { echo "skip: wrk is not installed (apt-get install wrk)"; exit 0; }
[ -f "$db" ] || { echo "skip: no store $db (make one with bench/synth_store.py)"; exit 0; }
port=$((20000 + RANDOM % 5000))
# shellcheck disable=SC2086
"$bin" serve --db "$db" --port "$port" ${SERVE_ARGS:-} >/dev/null 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/style.css" >/dev/null && break; sleep 0.1; done
summary() {  # label, wrk output
  python3 - "$1" "$2" "${ref:-}" <<'PY'
import re, sys
label, out, ref = sys.argv[1], sys.argv[2], sys.argv[3]
def ms(l):
    m = re.search(r"^\s*" + l + r"\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
    v, u = float(m.group(1)), m.group(2)
    return v / 1000 if u == "us" else v * 1000 if u == "s" else v
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
r = float(ref) if ref else ms("99%")
print(f"{label:<28} {ms('50%'):9.2f} {ms('99%'):9.2f} {rps:9.0f} {ms('99%') / r:8.1f}" + (f"  ({bad.group(1)} errors)" if bad else ""))
if not ref: print(f"REF {ms('99%')}", file=sys.stderr)
PY
}
printf "%-28s %9s %9s %9s %8s\n" workload p50_ms p99_ms req/s p99/ref
out=$(wrk -t2 -c16 -d"${secs}s" --latency "http://127.0.0.1:$port/style.css")
both=$(summary "static /style.css" "$out" 2>&1)
echo "$both" | grep -v '^REF'
ref=$(echo "$both" | sed -n 's/^REF //p')
for mode in pages stats geojson grid box; do
  out=$(COLD_MODE=$mode wrk -t2 -c16 -d"${secs}s" --latency -s bench/serve_cold.lua "http://127.0.0.1:$port")
  summary "cold $mode" "$out"
done
