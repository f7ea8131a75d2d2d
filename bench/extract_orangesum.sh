#!/usr/bin/env bash
# Full `sitrep extract` over OrangeSum (../shared/data/orangesum-fr): French
# news of 2016-2020, almost all of it reporting no violence. Reports
# documents/s, MB/s of article text, peak memory, and events per 1,000
# articles (the false-positive rate on non-violent news), with a sample of
# the events and their triggers for inspection.
# Usage: bench/extract_orangesum.sh [SITREP_BINARY] [LIMIT] [THREADS]
# Skips cleanly when the data is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build/sitrep}
limit=${2:-0}
threads=${3:-1}
src=../shared/data/orangesum-fr/orangesum_parsed.jsonl.gz
if [ ! -f "$src" ]; then echo "skip: $src is absent"; exit 0; fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
# Each record becomes {"id","text": title + heading + article,"date","lang":"fr"}.
{ zcat "$src" 2>/dev/null || true; } | python3 -c '
import json, sys
limit = int(sys.argv[1])
for n, line in enumerate(sys.stdin):
    if limit and n >= limit: break
    r = json.loads(line)
    text = "\n\n".join(x for x in (r.get("title"), r.get("heading"), r.get("article")) if x)
    print(json.dumps({"id": "os_" + str(r["id"]), "text": text, "date": r.get("date", ""), "lang": "fr"}, ensure_ascii=False))
' "$limit" > "$tmp/docs.jsonl"
docs=$(wc -l < "$tmp/docs.jsonl")
bytes=$(wc -c < "$tmp/docs.jsonl")
# The reference: a plain Python pass that parses the same JSON Lines and
# splits the words, timed on this machine now, so the ratio below travels
# between machines better than the absolute figures.
ref=$(python3 bench/reference_pass.py "$tmp/docs.jsonl")
/usr/bin/time -v "$bin" extract -q --explain -j "$threads" "$tmp/docs.jsonl" -o "$tmp/events.jsonl" 2> "$tmp/time.txt" || { cat "$tmp/time.txt"; exit 1; }
cp "$tmp/events.jsonl" "${EVENTS_OUT:-/dev/null}"
python3 - "$tmp/time.txt" "$tmp/events.jsonl" "$docs" "$bytes" "$threads" "$ref" <<'PY'
import json, re, sys, collections, random
timef, eventsf, docs, size = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
ref = float(sys.argv[6])
t = open(timef).read()
wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", t)
secs = (int(wall.group(1) or 0) * 3600 + int(wall.group(2)) * 60 + float(wall.group(3))) if wall else float("nan")
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1))
events = [json.loads(l) for l in open(eventsf)]
with_events = len({e["docs"][0] for e in events})
print(f"documents        {docs} ({sys.argv[5]} thread(s))")
print(f"input            {size / 1e6:.1f} MB (JSON Lines)")
print(f"wall time        {secs:.1f} s")
print(f"throughput       {docs / secs:.0f} documents/s, {size / 1e6 / secs:.2f} MB/s")
print(f"reference pass   {size / 1e6 / ref:.1f} MB/s (Python: parse the JSON Lines, split the words)")
print(f"ratio            {ref / secs:.3f} of the reference pass's speed (1/{secs / ref:.1f})")
print(f"peak memory      {rss / 1024:.0f} MB")
print(f"events           {len(events)} ({1000 * len(events) / docs:.1f} per 1,000 articles; {with_events} articles with one or more)")
types = collections.Counter(e["sub_event_type"] for e in events)
print("by type          " + ", ".join(f"{k}: {v}" for k, v in types.most_common()))
trig = collections.Counter(e["explain"]["trigger"].lower() for e in events)
print("top triggers     " + ", ".join(f"{k} ({v})" for k, v in trig.most_common(15)))
random.seed(7)
for e in random.sample(events, min(12, len(events))):
    a1 = (e["actor1"] or {}).get("id"); a2 = (e["actor2"] or {}).get("id")
    print(f"  sample {e['docs'][0]}: {e['sub_event_type']} [{e['explain']['trigger']}] {a1}/{a2} @ {e['location']['name']}")
PY
