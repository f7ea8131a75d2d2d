#!/usr/bin/env bash
# Scale-out on one machine: PostgreSQL/PostGIS as the shared store, NATS
# JetStream as the work queue, `sitrep worker`s consuming it (README "A team").
#  1. documents/s of one worker and of two workers (WORKERS_DOCS documents each run);
#  2. the must-show: three workers on DOCS documents, one killed with kill -9
#     midway; afterwards every document is stored exactly once and the events
#     (ids and every field) equal a single-process SQLite `sitrep ingest`;
#  3. /api/events and /api/stats p99 from `sitrep serve` on PostgreSQL with
#     the million-event synthetic store (bench/synth_store.py, copied by
#     `sitrep migrate`), under wrk -t2 -c16, when wrk is installed.
# Documents: OrangeSum (../shared, French news) when present, else generated
# bulletins. Throwaway servers on free loopback ports in a temporary folder,
# stopped by pid at the end (PostgreSQL runs as `nobody` when we are root).
# Usage: bench/teams_scaleout.sh [SITREP_BINARY] [BUILD_DIR]
#   DOCS=20000 WORKERS_DOCS=3000 EVENTS=1000000 SECS=10 (EVENTS=0 skips step 3,
#   SERVE_ONLY=1 runs step 3 alone)
set -euo pipefail
bin=$(realpath "${1:-build/sitrep}")
build=$(realpath "${2:-build}")
cd "$(dirname "$0")/.."
docs_n=${DOCS:-20000}; wdocs=${WORKERS_DOCS:-3000}; events_n=${EVENTS:-1000000}; secs=${SECS:-10}
pgbin=${SITREP_PG_BIN:-/usr/lib/postgresql/15/bin}
for need in "$pgbin/initdb" "$pgbin/pg_ctl" "$pgbin/psql" nats-server; do
  command -v "$need" >/dev/null || { echo "skip teams_scaleout: $need is missing (make build installs it)"; exit 0; }
done
tmp=$(mktemp -d /tmp/sitrep_teams.XXXXXX)
pg_pid=""; nats_pid=""; pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -n "$nats_pid" ] && kill "$nats_pid" 2>/dev/null || true
  [ -n "$pg_pid" ] && kill -INT "$pg_pid" 2>/dev/null || true
  for _ in $(seq 100); do { [ -n "$pg_pid" ] && kill -0 "$pg_pid" 2>/dev/null; } || break; sleep 0.1; done
  rm -rf "$tmp"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# --- the documents
src=../shared/data/orangesum-fr/orangesum_parsed.jsonl.gz
python3 - "$src" "$docs_n" > "$tmp/docs.jsonl" <<'PY'
import gzip, json, os, random, sys
src, n = sys.argv[1], int(sys.argv[2])
if os.path.exists(src):
    with gzip.open(src, "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i >= n:
                break
            d = json.loads(line)
            text = "\n\n".join(x for x in (d.get("title"), d.get("heading"), d.get("article")) if x)
            print(json.dumps({"id": "orangesum-" + str(d["id"]), "date": d.get("date"), "lang": "fr",
                              "text": text}, ensure_ascii=False))
    sys.exit(0)
rng = random.Random(14)
towns = ["Alep", "Homs", "Idleb", "Gao", "Kidal", "Mopti", "Kharkiv", "Donetsk", "Mossoul", "Kirkouk"]
for i in range(n):
    t = rng.choice(towns); d = f"2021-{1 + i % 12:02d}-{1 + i % 28:02d}"
    text = (f"Bulletin {i}. Des combats ont opposé l'armée aux rebelles près de {t} samedi, "
            f"faisant {rng.randint(2, 30)} morts selon une ONG. Des frappes aériennes ont visé un "
            f"dépôt à {rng.choice(towns)}. Le marché a rouvert lundi.")
    print(json.dumps({"id": f"gen-{i}", "date": d, "lang": "fr", "text": text}, ensure_ascii=False))
PY
corpus=$([ -f "$src" ] && echo OrangeSum || echo "generated bulletins")
echo "documents: $(wc -l < "$tmp/docs.jsonl") ($corpus)"
head -n "$wdocs" "$tmp/docs.jsonl" > "$tmp/wdocs.jsonl"

# --- the servers
chown nobody "$tmp" 2>/dev/null || true
as=""; [ "$(id -u)" -eq 0 ] && as="runuser -u nobody --"
pg_port=$(free_port)
$as "$pgbin/initdb" -D "$tmp/pg" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
$as "$pgbin/pg_ctl" -D "$tmp/pg" -l "$tmp/pg.log" -w -o "-p $pg_port -k $tmp -c listen_addresses=127.0.0.1 -c max_connections=100 -c shared_buffers=512MB" start >/dev/null
pg_pid=$(head -1 "$tmp/pg/postmaster.pid")
psql() { "$pgbin/psql" -X -q -A -t -h 127.0.0.1 -p "$pg_port" -U postgres "$@"; }
newdb() { psql -d postgres -c "CREATE DATABASE $1" >/dev/null; echo "postgresql://postgres@127.0.0.1:$pg_port/$1"; }
nats_port=$(free_port)
mkdir -p "$tmp/nats"
nats-server -js -a 127.0.0.1 -p "$nats_port" -sd "$tmp/nats" > "$tmp/nats.log" 2>&1 &
nats_pid=$!
nats="nats://127.0.0.1:$nats_port"
for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$nats_port) 2>/dev/null && break; sleep 0.1; done
docs_in() { psql -d "$1" -c "SELECT count(*) FROM documents" 2>/dev/null || echo 0; }

# Runs N workers (-j1 each) over queue Q into database D until the queue is
# empty; prints documents/s.
run_workers() {
  local n=$1 q=$2 db=$3 input=$4 total
  total=$(wc -l < "$input")
  "$bin" submit -q "$input" --nats "$nats" --queue "$q" 2>/dev/null
  local start; start=$(date +%s.%N)
  local ws=()
  for i in $(seq "$n"); do
    "$bin" worker -q -j1 --nats "$nats" --queue "$q" --db "postgresql://postgres@127.0.0.1:$pg_port/$db" \
      --idle-exit 3 > "$tmp/$q.$i.log" 2>&1 &
    ws+=($!)
  done
  while [ "$(docs_in "$db")" -lt "$total" ]; do sleep 0.5; done
  local end; end=$(date +%s.%N)
  for w in "${ws[@]}"; do wait "$w"; done
  python3 -c "print(f'{$total / ($end - $start):.1f}')"
}

# --- 1. documents/s, one and two workers (SERVE_ONLY=1 skips 1 and 2)
[ -n "${SERVE_ONLY:-}" ] || for n in 1 2; do
  newdb "tp$n" >/dev/null
  "$bin" ingest -q --db "postgresql://postgres@127.0.0.1:$pg_port/tp$n" /dev/null 2>/dev/null || true  # schema
  rate=$(run_workers "$n" "tp$n" "tp$n" "$tmp/wdocs.jsonl")
  echo "workers: $n (-j1 each), $wdocs documents: $rate documents/s"
done

# --- 2. the must-show: three workers, one killed with kill -9
[ -n "${SERVE_ONLY:-}" ] || {
echo "reference: single-process SQLite ingest of the same $(wc -l < "$tmp/docs.jsonl") documents"
t0=$(date +%s.%N)
"$bin" ingest -q "$tmp/docs.jsonl" --db "$tmp/ref.db" 2>&1 | grep '^sitrep ingest' | tail -1
t1=$(date +%s.%N)
python3 -c "print(f'  {$(wc -l < "$tmp/docs.jsonl") / ($t1 - $t0):.1f} documents/s (sitrep ingest, all cores)')"
url=$(newdb crash)
"$bin" ingest -q --db "$url" /dev/null 2>/dev/null || true
"$bin" submit -q "$tmp/docs.jsonl" --nats "$nats" --queue crash 2>&1 | sed 's/^/  /'
total=$(wc -l < "$tmp/docs.jsonl")
for i in 1 2 3; do
  "$bin" worker -q -j1 --nats "$nats" --queue crash --db "$url" --ack-wait 10 --idle-exit 15 > "$tmp/crash.$i.log" 2>&1 &
  pids+=($!)
done
while [ "$(docs_in crash)" -lt $((total / 3)) ]; do sleep 0.2; done
kill -9 "${pids[1]}"
echo "  kill -9 of worker 2 (pid ${pids[1]}) with $(docs_in crash) of $total documents stored"
wait "${pids[1]}" 2>/dev/null || true
wait "${pids[0]}"; wait "${pids[2]}"
pids=()
sed 's/^/  worker 1: /' "$tmp/crash.1.log" | tail -1; sed 's/^/  worker 3: /' "$tmp/crash.3.log" | tail -1
psql -d crash -c "SELECT 'documents stored: ' || count(*) || ', distinct ids: ' || count(DISTINCT doc_id) FROM documents" | sed 's/^/  /'
"$bin" query --format jsonl --db "$tmp/ref.db" > "$tmp/ref.jsonl"
"$bin" query --format jsonl --db "$url" > "$tmp/pg.jsonl"
python3 - "$tmp/ref.jsonl" "$tmp/pg.jsonl" <<'PY'
import json, sys
def load(p):
    return {e["id"]: e for e in map(json.loads, open(p, encoding="utf-8"))}
a, b = load(sys.argv[1]), load(sys.argv[2])
same = sum(1 for k in a if k in b and a[k] == b[k])
print(f"  events: SQLite {len(a)}, PostgreSQL {len(b)}; same id and every field: {same}; "
      f"only in SQLite: {len(a.keys() - b.keys())}; only in PostgreSQL: {len(b.keys() - a.keys())}; "
      f"same id, a field differs: {sum(1 for k in a if k in b and a[k] != b[k])}")
print("  RESULT: " + ("identical" if a == b else "DIFFERENT"))
PY
}

# --- 3. serving from PostgreSQL: the million-event synthetic store
[ "$events_n" -gt 0 ] || exit 0
command -v wrk >/dev/null || { echo "skip serving: wrk is not installed"; exit 0; }
synth="$build/bench-million.db"
[ "$events_n" -eq 1000000 ] || synth="$tmp/synth.db"
[ -f "$synth" ] || python3 bench/synth_store.py "$bin" "$synth" "$events_n" >/dev/null
murl=$(newdb million)
t0=$(date +%s)
"$bin" migrate -q --from "$synth" --to "$murl" 2>&1 | sed 's/^/  /'
echo "  sitrep migrate of $events_n events: $(( $(date +%s) - t0 )) s"
psql -d million -c "VACUUM ANALYZE" >/dev/null
port=$(free_port)
"$bin" serve --db "$murl" --port "$port" > "$tmp/serve.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/style.css" >/dev/null && break; sleep 0.1; done
printf "  %-66s %9s %9s %8s\n" endpoint p50_ms p99_ms req/s
for u in "/api/events?limit=50" \
         "/api/events?from=2019-01-01&to=2020-12-31&type=Battles&limit=50" \
         "/api/events?country=SY&sort=-date&limit=50" \
         "/api/events?country=SY&from=2020-01-15&limit=50" \
         "/api/events?bbox=36,35,37,36&limit=50" \
         "/api/stats" \
         "/api/stats?type=Battles" \
         "/api/stats?country=SY&from=2020-01-01" \
         "/api/stats?country=SY&type=Battles&from=2019-03-15&to=2020-06-10"; do
  out=$(wrk -t2 -c16 -d"${secs}s" --timeout 30s --latency "http://127.0.0.1:$port$u")
  python3 - "$u" <<PY
import re, sys
out = """$out"""
def ms(label):
    m = re.search(r"^\s*" + label + r"\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
    if not m: return float("nan")
    v, unit = float(m.group(1)), m.group(2)
    return v / 1000 if unit == "us" else v * 1000 if unit == "s" else v
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
late = re.search(r"timeout (\d+)", out)
print(f"  {sys.argv[1]:<66} {ms('50%'):9.1f} {ms('99%'):9.1f} {rps:8.1f}" + (f"  ({bad.group(1)} errors)" if bad else "")
      + (f"  ({late.group(1)} timed out)" if late and int(late.group(1)) else ""))
PY
done
