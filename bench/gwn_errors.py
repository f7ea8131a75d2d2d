#!/usr/bin/env python3
"""Error listing for `sitrep places` on GeoWebNews, to find classes of errors.

  gwn_errors.py GWN.xml PLACES.jsonl [--worst N] [--spurious N]

Prints (1) the resolution errors on found toponyms, worst distance first:
gold text, gold id and point, predicted id, name, feature and point, rule;
(2) the predictions that overlap no gold toponym with coordinates, grouped by
what GeoWebNews says of that span (a toponym without coordinates, e.g. a
demonym or a non-locational use, or nothing at all), most frequent text first;
(3) counts by predicted rule and feature. Matching follows score.py: a gold
toponym takes the first unused prediction that overlaps it.
"""
import argparse
import collections
import json
import math
import xml.etree.ElementTree as ET


def km(a, b, c, d):
    a, b, c, d = map(math.radians, (a, b, c, d))
    h = math.sin((c - a) / 2) ** 2 + math.cos(a) * math.cos(c) * math.sin((d - b) / 2) ** 2
    return 6371 * 2 * math.asin(min(1, math.sqrt(h)))


def load_gold(path):
    gold, other = {}, {}
    for n, art in enumerate(ET.parse(path).getroot().findall("article")):
        doc = art.get("file") or str(n)
        text = art.findtext("text") or ""
        rows, rest = [], []
        for t in art.find("toponyms"):
            s, e = int(t.findtext("start")), int(t.findtext("end"))
            lat, lon = t.findtext("latitude"), t.findtext("longitude")
            gid = t.findtext("geonamesID")
            kind = (t.findtext("type") or "") + ("/nonloc" if t.findtext("nonLocational") == "Yes" else "")
            if lat is None or lon is None:
                rest.append((s, e, kind))
            else:
                rows.append((s, e, float(lat), float(lon), int(gid) if gid and gid.isdigit() else None, text[s:e], kind))
        gold[doc], other[doc] = rows, rest
    return gold, other


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("gold")
    ap.add_argument("pred")
    ap.add_argument("--worst", type=int, default=60)
    ap.add_argument("--spurious", type=int, default=60)
    a = ap.parse_args()
    gold, other = load_gold(a.gold)
    pred = collections.defaultdict(list)
    for line in open(a.pred, encoding="utf-8"):
        r = json.loads(line)
        pred[str(r["doc"])].append(r)
    errors, spurious = [], collections.Counter()
    for doc, gs in gold.items():
        ps, used = pred.get(doc, []), set()
        for (s, e, lat, lon, gid, text, kind) in gs:
            k = next((k for k, p in enumerate(ps) if k not in used and p["start"] < e and p["end"] > s), None)
            if k is None:
                continue
            used.add(k)
            p = ps[k]
            d = km(lat, lon, p["lat"], p["lon"]) if p.get("lat") is not None else 20038.0
            if d > 161 or (gid is not None and p.get("geonameid") != gid):
                errors.append((d, doc, text, gid, lat, lon, p, kind))
        for k, p in enumerate(ps):
            if k in used:
                continue
            tag = next((kind for (s, e, kind) in other[doc] if p["start"] < e and p["end"] > s), "not a toponym")
            spurious[(tag, p["text"], p.get("name"), p.get("country"))] += 1
    errors.sort(key=lambda x: -x[0])
    far = sum(1 for x in errors if x[0] > 161)
    print(f"== {len(errors)} resolution errors ({far} beyond 161 km), worst first")
    for d, doc, text, gid, lat, lon, p, kind in errors[: a.worst]:
        print(f"{d:8.0f} km  doc {doc:>4}  {text!r:28} gold {gid} ({lat:.2f},{lon:.2f}) {kind:10} -> "
              f"{p.get('geonameid')} {p.get('name')!r} {p.get('feature')} {p.get('country')} "
              f"({p['lat']:.2f},{p['lon']:.2f}) [{p.get('rule')}]")
    by_tag = collections.Counter()
    for (tag, *_), n in spurious.items():
        by_tag[tag] += n
    print(f"\n== {sum(spurious.values())} predictions matching no gold toponym with coordinates: {dict(by_tag)}")
    for (tag, text, name, cc), n in spurious.most_common(a.spurious):
        print(f"{n:4}  {tag:18} {text!r:26} -> {name!r} {cc}")
    rules = collections.Counter(p.get("rule") for ps in pred.values() for p in ps)
    print(f"\n== predictions by rule: {dict(rules)}")


if __name__ == "__main__":
    main()
