#!/usr/bin/env bash
# Ingest benchmark on the OrangeSum corpus (36k French news articles, read
# from ../shared; skipped when absent): documents/s, database size, peak
# memory (/usr/bin/time -v), then the latency of a bounding-box + date
# query on the result (in-process time from --timing, and wall time of the
# whole command, median of N runs).
# Usage: bench/ingest_orangesum.sh SITREP_BINARY [BUILD_DIR]   (LIMIT=n to ingest only n documents,
# THREADS=n extraction threads)
set -euo pipefail
bin=$(realpath "$1")
cd "$(dirname "$0")/.."
src=../shared/data/orangesum-fr/orangesum_parsed.jsonl.gz
if [ ! -f "$src" ]; then echo "skip ingest_orangesum (no $src)"; exit 0; fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
limit=${LIMIT:-0}
python3 - "$src" "$limit" > "$tmp/docs.jsonl" <<'PY'
import gzip, json, sys
limit = int(sys.argv[2])
with gzip.open(sys.argv[1], "rt", encoding="utf-8") as f:
    for n, line in enumerate(f):
        if limit and n >= limit:
            break
        d = json.loads(line)
        text = "\n\n".join(x for x in (d.get("title"), d.get("heading"), d.get("article")) if x)
        print(json.dumps({"id": "orangesum-" + str(d["id"]), "date": d.get("date"), "lang": "fr", "text": text},
                         ensure_ascii=False))
PY
docs=$(wc -l < "$tmp/docs.jsonl")
mb=$(du -m "$tmp/docs.jsonl" | cut -f1)
# The reference, timed now on this machine: a plain Python pass that parses
# the same JSON Lines and splits the words (the ratio travels between
# machines better than documents/s).
ref=$(python3 bench/reference_pass.py "$tmp/docs.jsonl")
db="$tmp/bench.db"
/usr/bin/time -v "$bin" ingest -q ${THREADS:+-j "$THREADS"} "$tmp/docs.jsonl" --db "$db" 2> "$tmp/time.log" >/dev/null || { cat "$tmp/time.log"; exit 1; }
grep '^sitrep ingest' "$tmp/time.log"
secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$tmp/time.log")
rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tmp/time.log")
size=$(du -k "$db" | cut -f1)
awk -v d="$docs" -v s="$secs" -v m="$mb" -v r="$rss" -v z="$size" -v ref="$ref" 'BEGIN {
  printf "ingest: %d documents (%d MB) in %.1f s = %.0f documents/s, %.2f MB/s; peak RSS %.0f MB; database %.1f MB\n",
         d, m, s, d / s, m / s, r / 1024, z / 1024
  printf "reference pass (Python read and split): %.0f documents/s; ingest is %.3f of it (1/%.1f)\n",
         d / ref, ref / s, s / ref }'
# A second run over the same input must change nothing and skip the pipeline.
start=$(date +%s.%N)
"$bin" ingest -q "$tmp/docs.jsonl" --db "$db" 2>&1 | grep -o '[0-9]* new, [0-9]* replaced, [0-9]* unchanged'
echo "re-ingest (no-op): $(echo "$(date +%s.%N) - $start" | bc) s"
# Query latency: Syria and Iraq bounding box over the corpus years.
q=(query --db "$db" --bbox 35.5,29,48.5,37.5 --from 2016-01-01 --to 2020-12-31 --format jsonl --timing -o /dev/null)
runs=${RUNS:-20}
for i in $(seq "$runs"); do
  s=$(date +%s%N); "$bin" "${q[@]}" 2>> "$tmp/q.log"; e=$(date +%s%N)
  echo $(( (e - s) / 1000 )) >> "$tmp/wall.us"
done
inproc=$(grep -o 'in [0-9.]* ms' "$tmp/q.log" | awk '{print $2}' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
wall=$(sort -n "$tmp/wall.us" | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]/1000}')
events=$(tail -1 "$tmp/q.log" | grep -o '[0-9]* event(s)')
echo "query bbox+date: $events; median of $runs runs: $inproc ms in the store, $wall ms for the whole command"
# The same without the box (every located or unlocated event of the period).
"$bin" query --db "$db" --from 2016-01-01 --to 2020-12-31 --format jsonl --timing -o /dev/null 2>&1 | sed 's/^sitrep query:/query date only:/'
echo "(events carry coordinates only where the pipeline places them: the box may match none yet)"
