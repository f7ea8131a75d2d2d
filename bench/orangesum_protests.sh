#!/usr/bin/env bash
# Protests and riots found in OrangeSum (../shared/data/orangesum-fr: French
# news of 2016-2020): how many Protests and Riots events `sitrep extract`
# reports, by sub-event type, and a random sample of them (fixed seed) with
# their evidence sentence, to be judged by hand for precision.
# Usage: bench/orangesum_protests.sh [SITREP_BINARY] [SAMPLE] [SEED] [LIMIT]
# SAMPLE defaults to 30, SEED to 12, LIMIT (articles, 0 = all) to 0.
# EVENTS_OUT=file keeps the events. Skips cleanly when the data is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build/sitrep}
sample=${2:-30}
seed=${3:-12}
limit=${4:-0}
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
"$bin" extract -q --explain "$tmp/docs.jsonl" -o "$tmp/events.jsonl"
cp "$tmp/events.jsonl" "${EVENTS_OUT:-/dev/null}"
python3 - "$tmp/docs.jsonl" "$tmp/events.jsonl" "$sample" "$seed" <<'PY'
import collections, json, random, sys
docsf, eventsf, sample, seed = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
events = [json.loads(l) for l in open(eventsf)]
crowd = [e for e in events if e["event_type"] in ("Protests", "Riots")]
docs = {}
need = {e["docs"][0] for e in crowd}
for line in open(docsf):
    d = json.loads(line)
    if d["id"] in need: docs[d["id"]] = d
def cp_slice(text, start, end):
    return text[start:end]  # evidence offsets are code points, as Python slices are
print(f"articles          {sum(1 for _ in open(docsf))}")
print(f"events            {len(events)}")
print(f"protests + riots  {len(crowd)} in {len(need)} articles")
for k, v in collections.Counter(e["sub_event_type"] for e in crowd).most_common():
    print(f"  {k:38s} {v}")
random.seed(seed)
picked = random.sample(crowd, min(sample, len(crowd)))
print(f"\nsample of {len(picked)} (seed {seed}): judge each by hand against the codebook")
for i, e in enumerate(picked, 1):
    d = docs[e["docs"][0]]
    ev = e["evidence"][0]
    sent = " ".join(cp_slice(d["text"], ev["start"], ev["end"]).split())
    a1 = (e.get("actor1") or {}).get("id")
    a2 = (e.get("actor2") or {}).get("id")
    loc = e["location"].get("name")
    print(f"{i:2d}. {e['docs'][0]} {e['date'].get('start')} {e['sub_event_type']} | {a1} / {a2} | {loc}")
    print(f"    trigger '{e['explain']['trigger']}': {sent[:400]}")
PY
