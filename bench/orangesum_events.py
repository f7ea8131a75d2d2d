#!/usr/bin/env python3
"""Events that `sitrep extract` finds in OrangeSum (French news, 2016-2020).

  bench/orangesum_events.py [--sitrep BIN] [--limit N] [--threads J]
                            [--sample 50] [--seed 7] [--sample-out PATH]
                            [--events OUT] [--json OUT]

OrangeSum (../shared/data/orangesum-fr/orangesum_parsed.jsonl.gz) is one JSON
object per line: id, date, title, heading, article. Almost none of it reports
political violence, so every event found is worth a look. Each record becomes
{"id": "os_ID", "text": title + heading + article, "date", "lang": "fr"} (the
date only when it reads as YYYY-MM-DD or YYYY-MM). The script prints events per
1,000 articles and the counts by event type and sub-event type, and writes a
seeded random sample of events (type, actors, place, date, fatalities and the
evidence sentences, cut from the article text by their code-point offsets) to
a Markdown file for hand inspection, with an empty verdict line per event.

Skips cleanly (exit 0) when ../shared/data/orangesum-fr is absent.
"""
import argparse
import collections
import gzip
import json
import os
import random
import re
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(REPO, "..", "shared", "data", "orangesum-fr", "orangesum_parsed.jsonl.gz")


def norm_date(s):
    m = re.match(r"\s*(\d{4})-(\d{2})(?:-(\d{2}))?", s or "")
    if not m:
        return None
    return m.group(0).strip()


def count_text(c):
    if not c:
        return "-"
    lo, be, hi = c.get("low"), c.get("best"), c.get("high")
    if lo == be == hi:
        return str(be)
    return f"{be} (low {lo}, high {hi})"


def actor_text(a):
    if not a:
        return "-"
    return f"{a.get('id')} (\"{a.get('text', '')}\")"


def date_text(d):
    if not d:
        return "-"
    s, e, p = d.get("start"), d.get("end"), d.get("precision")
    if s and e and s != e:
        return f"{s} to {e} ({p})"
    return f"{s or 'unknown'} ({p})"


def place_text(loc):
    if not loc:
        return "-"
    parts = [loc.get("name") or "?"]
    if loc.get("admin1_name"):
        parts.append(loc["admin1_name"])
    if loc.get("country"):
        parts.append(loc["country"])
    return ", ".join(parts) + f" [{loc.get('precision')}]"


def md_escape(s):
    return s.replace("\n", " ").replace("|", "\\|")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sitrep", default=os.path.join(REPO, "build", "sitrep"))
    ap.add_argument("--data", default=DATA)
    ap.add_argument("--limit", type=int, default=0, help="first N articles only (0: all)")
    ap.add_argument("--threads", "-j", type=int, default=2)
    ap.add_argument("--sample", type=int, default=50)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--sample-out", help="Markdown file for the sample")
    ap.add_argument("--events", help="keep the extracted events (JSON Lines) here")
    ap.add_argument("--json", help="write the summary here")
    a = ap.parse_args()

    if not os.path.isfile(a.data):
        print("skipped: ../shared/data/orangesum-fr not found")
        return 0

    texts = {}
    with tempfile.TemporaryDirectory() as tmp:
        docs = os.path.join(tmp, "docs.jsonl")
        out = a.events or os.path.join(tmp, "events.jsonl")
        n = 0
        with gzip.open(a.data, "rt", encoding="utf-8", errors="replace") as f, \
                open(docs, "w", encoding="utf-8") as w:
            for line in f:
                if a.limit and n >= a.limit:
                    break
                line = line.strip()
                if not line:
                    continue
                try:
                    r = json.loads(line)
                except json.JSONDecodeError:
                    continue
                text = "\n\n".join(x.strip() for x in (r.get("title"), r.get("heading"), r.get("article"))
                                   if isinstance(x, str) and x.strip())
                if not text:
                    continue
                doc = f"os_{r.get('id', n)}"
                rec = {"id": doc, "text": text, "lang": "fr"}
                date = norm_date(r.get("date"))
                if date:
                    rec["date"] = date
                w.write(json.dumps(rec, ensure_ascii=False) + "\n")
                texts[doc] = text
                n += 1
        p = subprocess.run([a.sitrep, "extract", "-q", "-j", str(a.threads), docs, "-o", out],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if p.returncode != 0:
            sys.stderr.write(p.stderr)
            print(f"sitrep extract failed with status {p.returncode}", file=sys.stderr)
            return 1
        with open(out, encoding="utf-8") as f:
            events = [json.loads(line) for line in f if line.strip()]

    docs_with = {d for e in events for d in (e.get("docs") or [])}
    types = collections.Counter(e.get("event_type") for e in events)
    subtypes = collections.Counter((e.get("event_type"), e.get("sub_event_type")) for e in events)
    per_k = 1000 * len(events) / n if n else 0.0

    version = subprocess.run([a.sitrep, "--version"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             text=True).stdout.strip().replace("\n", "; ")
    print(f"OrangeSum: {n} articles, {len(events)} events ({per_k:.1f} per 1,000 articles), "
          f"{len(docs_with)} articles with one or more; sitrep {a.sitrep} ({version})")
    print(f"\n{'event type':<34} {'events':>7} {'per 1,000':>10}")
    for t, c in types.most_common():
        print(f"{t:<34} {c:>7} {1000 * c / n:>10.2f}")
    print(f"\n{'event type / sub-event type':<70} {'events':>7}")
    for (t, s), c in subtypes.most_common():
        print(f"{t + ' / ' + s:<70} {c:>7}")

    rng = random.Random(a.seed)
    sample = rng.sample(events, min(a.sample, len(events)))
    if a.sample_out:
        with open(a.sample_out, "w", encoding="utf-8") as f:
            f.write(f"# OrangeSum: a random sample of {len(sample)} sitrep events\n\n")
            f.write(f"{n} articles, {len(events)} events ({per_k:.1f} per 1,000 articles), "
                    f"sample seed {a.seed}, {version}. Verdict: TRUE when the event is a specific, fresh "
                    f"political-violence or strategic-development occurrence of the right type "
                    f"under the codebook; otherwise FALSE, with the reason.\n\n")
            for i, e in enumerate(sample, 1):
                doc = (e.get("docs") or ["?"])[0]
                text = texts.get(doc, "")
                title = text.split("\n", 1)[0]
                f.write(f"## {i}. {e.get('event_type')} / {e.get('sub_event_type')} — {doc}\n\n")
                f.write(f"- article: {md_escape(title[:200])}\n")
                f.write(f"- actors: {actor_text(e.get('actor1'))} → {actor_text(e.get('actor2'))}\n")
                f.write(f"- place: {place_text(e.get('location'))}\n")
                f.write(f"- date: {date_text(e.get('date'))}\n")
                f.write(f"- fatalities: {count_text(e.get('fatalities'))}; injured: {count_text(e.get('injured'))}\n")
                for s in e.get("evidence") or []:
                    span = texts.get(s.get("doc"), "")[s.get("start", 0):s.get("end", 0)]
                    f.write(f"- evidence [{s.get('start')}:{s.get('end')}]: {md_escape(span)}\n")
                f.write("- verdict: \n\n")
    if a.json:
        with open(a.json, "w", encoding="utf-8") as f:
            json.dump({"articles": n, "events": len(events), "events_per_1000": per_k,
                       "articles_with_events": len(docs_with), "sitrep_version": version, "by_event_type": dict(types),
                       "by_sub_event_type": {f"{t} / {s}": c for (t, s), c in subtypes.items()},
                       "sample_seed": a.seed, "sample": [e.get("id") for e in sample]},
                      f, ensure_ascii=False, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
