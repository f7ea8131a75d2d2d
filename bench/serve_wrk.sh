#!/usr/bin/env bash
# Load test of `sitrep serve` with wrk (loopback only, bounded in time):
# builds (or reuses) a database from OrangeSum, then measures requests/s and
# latency percentiles of a filtered /api/events.
# Usage: bench/serve_wrk.sh [SITREP_BINARY] [DB] [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build/sitrep}; db=${2:-build/bench-orangesum.db}; secs=${3:-15}
data=../shared/data/orangesum-fr/orangesum_parsed.jsonl.gz
command -v wrk >/dev/null || { echo "skip: wrk is not installed (apt-get install wrk)"; exit 0; }
if [ ! -f "$db" ]; then
  [ -f "$data" ] || { echo "skip: $data is absent"; exit 0; }
  echo "building $db from OrangeSum"
  zcat "$data" | python3 -c '
import json, sys
for line in sys.stdin:
    r = json.loads(line)
    text = "\n\n".join(x for x in (r.get("title"), r.get("heading"), r.get("article")) if x)
    print(json.dumps({"id": "os-" + str(r["id"]), "text": text, "date": r.get("date", "")[:10], "lang": "fr"}, ensure_ascii=False))
' | "$bin" ingest -q --db "$db" - >/dev/null
fi
port=$((20000 + RANDOM % 5000))
"$bin" serve --db "$db" --port "$port" >/dev/null 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/api/stats" >/dev/null && break; sleep 0.1; done
"$bin" query --db "$db" --limit 0 --format jsonl 2>/dev/null | wc -l | xargs echo "events in the database:"
for url in "/api/events?from=2017-01-01&to=2018-12-31&type=Battles&limit=50" \
           "/api/events?bbox=35,32,43,38&limit=50" \
           "/api/events.geojson?from=2016-01-01&to=2020-12-31"; do
  echo "== wrk -t2 -c16 -d${secs}s --latency $url"
  wrk -t2 -c16 -d"${secs}s" --latency "http://127.0.0.1:$port$url" | grep -E "Requests/sec|Latency|50%|90%|99%|Non-2xx|Socket errors" || true
done
