#!/usr/bin/env python3
"""Article-level realism checks of `sitrep extract` on FA-KES (English).

  bench/fakes_eval.py [--sitrep BIN] [--json OUT] [--events OUT] [--list N]

FA-KES (../shared/data/fa-kes/fakes_dev.csv) holds 408 English articles about
the Syrian war, each labelled by crowd workers with one date (m/d/yy), one
location (a governorate, lower case: "aleppo", "deir ezzor", "hasakeh"...) and
casualty counts: nb_civilians, nb_noncivilians, nb_children, nb_women.
Children and women are counted among the civilians, so the article's deaths
are read two ways and both are reported:
  civilians = nb_civilians
  total     = nb_civilians + nb_noncivilians
The `label` column (1 credible, 0 fake) is not used except to split figures.

For every article the script reports whether sitrep found no event; for the
articles with at least one event, whether one event lies in the labelled
governorate (ISO 3166-2 admin1, strict; and lenient, where "damascus" also
accepts Rif Dimashq, since the labels put Ghouta under Damascus); and, where
the labelled deaths are above zero, whether the event with the most
fatalities (best figure) equals them exactly or lies within 20 % of them.
Finally it lists the events whose fatalities look like a war's running total
(fatalities >= 1000, or an evidence sentence saying "since 20xx" / "since the
start"), with their evidence, for a reader to judge.

Skips cleanly (exit 0) when ../shared/data/fa-kes is absent.
"""
import argparse
import collections
import csv
import json
import os
import re
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(REPO, "..", "shared", "data", "fa-kes")

# Syria's 14 governorates, ISO 3166-2:SY.
GOVERNORATES = {
    "SY-DI": "Damascus", "SY-RD": "Rif Dimashq", "SY-QU": "Quneitra", "SY-DR": "Daraa",
    "SY-SU": "As-Suwayda", "SY-HI": "Homs", "SY-HM": "Hama", "SY-ID": "Idlib",
    "SY-HL": "Aleppo", "SY-RA": "Raqqa", "SY-DY": "Deir ez-Zor", "SY-HA": "Al-Hasakah",
    "SY-LA": "Latakia", "SY-TA": "Tartus",
}
# FA-KES location labels (and common spellings) to the codes above.
LOCATION_CODES = {
    "damascus": "SY-DI", "rif dimashq": "SY-RD", "rif damascus": "SY-RD",
    "damascus countryside": "SY-RD", "quneitra": "SY-QU", "daraa": "SY-DR", "deraa": "SY-DR",
    "suwayda": "SY-SU", "as-suwayda": "SY-SU", "sweida": "SY-SU", "homs": "SY-HI",
    "hama": "SY-HM", "idlib": "SY-ID", "aleppo": "SY-HL", "raqqa": "SY-RA",
    "deir ezzor": "SY-DY", "deir ez-zor": "SY-DY", "deir ezzour": "SY-DY", "hasakeh": "SY-HA",
    "hasakah": "SY-HA", "al-hasakah": "SY-HA", "lattakia": "SY-LA", "latakia": "SY-LA",
    "tartus": "SY-TA", "tartous": "SY-TA",
}
# Lenient reading: the labels file the Damascus suburbs (Ghouta) under Damascus.
LENIENT = {"SY-DI": {"SY-DI", "SY-RD"}}

RUNNING_TOTAL = re.compile(r"\bsince (?:(?:early |late |mid-?)?(?:19|20)\d\d|the (?:start|beginning|outbreak))\b",
                           re.IGNORECASE)


def iso_date(s):
    """FA-KES writes m/d/yy; returns YYYY-MM-DD or None."""
    m = re.fullmatch(r"\s*(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})\s*", s or "")
    if not m:
        return None
    month, day, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if year < 100:
        year += 2000
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def as_int(s):
    try:
        return int(float(s))
    except (TypeError, ValueError):
        return 0


def best(count):
    if not count:
        return None
    for k in ("best", "low", "high"):
        if count.get(k) is not None:
            return count[k]
    return None


def pct(n, d):
    return f"{100 * n / d:.1f} %" if d else "n/a"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sitrep", default=os.path.join(REPO, "build", "sitrep"))
    ap.add_argument("--data", default=os.path.join(DATA, "fakes_dev.csv"))
    ap.add_argument("--json", help="write the summary here")
    ap.add_argument("--events", help="keep the extracted events (JSON Lines) here")
    ap.add_argument("--list", type=int, default=40, help="running-total events to print (0: all)")
    a = ap.parse_args()

    if not os.path.isfile(a.data):
        print("skipped: ../shared/data/fa-kes not found")
        return 0

    with open(a.data, encoding="utf-8", errors="replace", newline="") as f:
        rows = list(csv.DictReader(f))
    articles, unknown_locations = [], collections.Counter()
    for n, r in enumerate(rows):
        doc = f"fakes_{n:03d}_{r.get('unit_id', '')}"
        text = "\n\n".join(x.strip() for x in (r.get("article_title"), r.get("article_content")) if x and x.strip())
        loc = (r.get("location") or "").strip().lower()
        code = LOCATION_CODES.get(loc)
        if loc and not code:
            unknown_locations[loc] += 1
        civ, noncivil = as_int(r.get("nb_civilians")), as_int(r.get("nb_noncivilians"))
        articles.append({"id": doc, "text": text, "date": iso_date(r.get("date")), "location": loc,
                         "admin1": code, "civilians": civ, "total": civ + noncivil,
                         "label": (r.get("label") or "").strip()})

    with tempfile.TemporaryDirectory() as tmp:
        docs = os.path.join(tmp, "docs.jsonl")
        out = a.events or os.path.join(tmp, "events.jsonl")
        with open(docs, "w", encoding="utf-8") as f:
            for d in articles:
                rec = {"id": d["id"], "text": d["text"], "lang": "en"}
                if d["date"]:
                    rec["date"] = d["date"]
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
        p = subprocess.run([a.sitrep, "extract", "-q", docs, "-o", out],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if p.returncode != 0:
            sys.stderr.write(p.stderr)
            print(f"sitrep extract failed with status {p.returncode}", file=sys.stderr)
            return 1
        events = collections.defaultdict(list)
        with open(out, encoding="utf-8") as f:
            for line in f:
                e = json.loads(line)
                for doc in e.get("docs") or []:
                    events[doc].append(e)

    by_id = {d["id"]: d for d in articles}
    n = len(articles)
    no_event = [d for d in articles if not events.get(d["id"])]
    with_ev = [d for d in articles if events.get(d["id"])]
    gov_rows = [d for d in with_ev if d["admin1"]]
    strict = lenient = 0
    for d in gov_rows:
        codes = {(e.get("location") or {}).get("admin1") for e in events[d["id"]]}
        if d["admin1"] in codes:
            strict += 1
        if codes & LENIENT.get(d["admin1"], {d["admin1"]}):
            lenient += 1

    deaths = {}
    for reading in ("civilians", "total"):
        rows_r = [d for d in with_ev if d[reading] > 0]
        exact = within = none = 0
        for d in rows_r:
            figures = [best(e.get("fatalities")) for e in events[d["id"]]]
            figures = [x for x in figures if x is not None]
            if not figures:
                none += 1
                continue
            top = max(figures)
            if top == d[reading]:
                exact += 1
            if abs(top - d[reading]) <= 0.2 * d[reading]:
                within += 1
        deaths[reading] = {"articles": len(rows_r), "exact": exact, "within_20pct": within,
                           "no_fatalities": none}

    totals = []
    for doc, evs in events.items():
        text = by_id[doc]["text"] if doc in by_id else ""
        for e in evs:
            fat = best(e.get("fatalities"))
            spans = [text[s["start"]:s["end"]] for s in e.get("evidence") or [] if s.get("doc") == doc]
            why = []
            if fat is not None and fat >= 1000:
                why.append("fatalities >= 1000")
            if any(RUNNING_TOTAL.search(s) for s in spans):
                why.append("'since ...' in evidence")
            if why:
                totals.append({"doc": doc, "event": e.get("id"), "sub_event_type": e.get("sub_event_type"),
                               "fatalities": fat, "why": why, "evidence": " | ".join(spans)})

    n_events = sum(len(v) for v in events.values())
    by_label = {}
    for lab in sorted({d["label"] for d in articles}):
        sub = [d for d in articles if d["label"] == lab]
        by_label[lab] = {"articles": len(sub), "no_event": sum(1 for d in sub if not events.get(d["id"]))}

    version = subprocess.run([a.sitrep, "--version"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             text=True).stdout.strip().replace("\n", "; ")
    print(f"FA-KES: {n} articles, {n_events} events, sitrep {a.sitrep} ({version})")
    print(f"{'figure':<60} {'n':>5} {'of':>5} {'share':>8}")
    def row(name, k, d):
        print(f"{name:<60} {k:>5} {d:>5} {pct(k, d):>8}")
    row("articles with no event", len(no_event), n)
    for lab, v in by_label.items():
        row(f"  of which label={lab} ({'credible' if lab == '1' else 'fake'})", v["no_event"], v["articles"])
    row("governorate matches (strict, >=1 event)", strict, len(gov_rows))
    row("governorate matches (Damascus also Rif Dimashq)", lenient, len(gov_rows))
    for reading, v in deaths.items():
        label = "nb_civilians" if reading == "civilians" else "nb_civilians+nb_noncivilians"
        row(f"top fatalities == {label}", v["exact"], v["articles"])
        row(f"top fatalities within 20% of {label}", v["within_20pct"], v["articles"])
        row(f"  events but no fatalities ({reading} > 0)", v["no_fatalities"], v["articles"])
    print(f"{'running-total suspects (events)':<60} {len(totals):>5}")
    if unknown_locations:
        print("unmapped locations: " + ", ".join(f"{k} ({v})" for k, v in unknown_locations.items()))
    if totals:
        print("\nrunning-total suspects:")
        for t in totals[: a.list or None]:
            print(f"- {t['doc']} {t['sub_event_type']} fatalities={t['fatalities']} [{'; '.join(t['why'])}]")
            print(f"    {t['evidence'][:600]}")
        if a.list and len(totals) > a.list:
            print(f"  ... {len(totals) - a.list} more (see --json)")

    if a.json:
        summary = {
            "articles": n, "events": n_events, "sitrep": a.sitrep, "sitrep_version": version,
            "no_event": {"count": len(no_event), "share": len(no_event) / n if n else None, "by_label": by_label},
            "governorate": {"articles": len(gov_rows), "strict": strict, "lenient_damascus": lenient,
                            "strict_share": strict / len(gov_rows) if gov_rows else None,
                            "lenient_share": lenient / len(gov_rows) if gov_rows else None},
            "deaths": {k: dict(v, exact_share=v["exact"] / v["articles"] if v["articles"] else None,
                               within_20pct_share=v["within_20pct"] / v["articles"] if v["articles"] else None)
                       for k, v in deaths.items()},
            "deaths_definition": {"civilians": "nb_civilians",
                                  "total": "nb_civilians + nb_noncivilians (children and women are within civilians)"},
            "running_total_suspects": totals,
            "unmapped_locations": dict(unknown_locations),
        }
        with open(a.json, "w", encoding="utf-8") as f:
            json.dump(summary, f, ensure_ascii=False, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
