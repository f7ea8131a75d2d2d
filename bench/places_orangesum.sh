#!/usr/bin/env bash
# Place finder throughput on OrangeSum (French news): MB/s of text, peak
# memory and the gazetteer load time. Peak memory is read two ways that must
# agree: /usr/bin/time -v (Maximum resident set size, kB) and the process's
# own getrusage() printed on the `sitrep places:` line. Documents stream
# through, so the peak is the compiled gazetteer (read whole into memory)
# plus a few MB, whatever the corpus size. Skips when
# ../shared is absent. Usage: bench/places_orangesum.sh SITREP_BINARY [BUILD_DIR]
set -euo pipefail
bin=$1
cd "$(dirname "$0")/.."
src=../shared/data/orangesum-fr/orangesum_parsed.jsonl.gz
if [ ! -f "$src" ]; then echo "skip OrangeSum places benchmark (../shared absent)"; exit 0; fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
zcat "$src" | python3 -c '
import json, sys
for line in sys.stdin:
    r = json.loads(line)
    text = "\n".join(x for x in (r.get("title"), r.get("heading"), r.get("article")) if x)
    print(json.dumps({"id": str(r.get("id")), "text": text, "date": r.get("date"), "lang": "fr"}, ensure_ascii=False))
' > "$tmp/docs.jsonl"
mb=$(python3 -c "import json,sys; print(sum(len(json.loads(l)['text'].encode()) for l in open(sys.argv[1]))/1e6)" "$tmp/docs.jsonl")
echo "== gazetteer load"
"$bin" gazetteer info | grep -E "version|places|load_ms"
echo "== sitrep places on OrangeSum ($mb MB of text)"
/usr/bin/time -v "$bin" places "$tmp/docs.jsonl" -o "$tmp/places.jsonl" 2> "$tmp/time.txt" || { cat "$tmp/time.txt"; exit 1; }
secs=$(grep "Elapsed (wall" "$tmp/time.txt" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
rss=$(grep "Maximum resident" "$tmp/time.txt" | awk '{print $NF}')
echo "gazetteer file: $(( $(stat -c %s "${2:-build}/gazetteer.bin" 2>/dev/null || echo 0) / 1048576 )) MB"
grep "sitrep places:" "$tmp/time.txt" || true
python3 -c "import sys; mb,s,rss=float(sys.argv[1]),float(sys.argv[2]),int(sys.argv[3]); print(f'{mb/s:.2f} MB/s end to end ({s:.1f} s, includes reading and tokenising), peak RSS {rss/1024:.0f} MB')" "$mb" "$secs" "$rss"
