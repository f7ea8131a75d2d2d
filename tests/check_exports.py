#!/usr/bin/env python3
"""Checks the exports of `sitrep query` with Python's standard library only.

  check_exports.py csv FILE       the ACLED CSV parses; prints its rows as a JSON list of objects
  check_exports.py geojson FILE   an RFC 7946 FeatureCollection with valid [lon, lat] points; prints
                                  the features' ids and coordinates as JSON
Exit status 1 with one line per problem when the file is wrong.
Written for this project's test suite.
"""
import csv
import json
import sys

ACLED = ("event_id_cnty event_date year time_precision disorder_type event_type sub_event_type actor1 "
         "assoc_actor_1 inter1 actor2 assoc_actor_2 inter2 interaction civilian_targeting iso region country "
         "admin1 admin2 admin3 location latitude longitude geo_precision source source_scale notes fatalities "
         "tags timestamp").split()


def check_csv(path):
    problems = []
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != ACLED:
        return [], ["header is not ACLED's column list: %r" % (rows[0] if rows else None)]
    out = []
    for n, row in enumerate(rows[1:], start=2):
        if len(row) != len(ACLED):
            problems.append("row %d has %d fields, not %d" % (n, len(row), len(ACLED)))
            continue
        rec = dict(zip(ACLED, row))
        if not rec["fatalities"].isdigit():
            problems.append("row %d: fatalities %r is not a whole number" % (n, rec["fatalities"]))
        for k in ("latitude", "longitude"):
            if rec[k]:
                float(rec[k])
        if rec["geo_precision"] not in ("", "1", "2", "3") or rec["time_precision"] not in ("", "1", "2", "3"):
            problems.append("row %d: precision codes out of range" % n)
        out.append(rec)
    return out, problems


def check_geojson(path):
    problems = []
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    if doc.get("type") != "FeatureCollection" or not isinstance(doc.get("features"), list):
        return [], ["not a FeatureCollection"]
    out = []
    for i, feat in enumerate(doc["features"]):
        if feat.get("type") != "Feature" or "properties" not in feat or "geometry" not in feat:
            problems.append("feature %d is not a Feature" % i)
            continue
        g = feat["geometry"]
        coords = None
        if g is not None:
            coords = g.get("coordinates")
            ok = (g.get("type") == "Point" and isinstance(coords, list) and len(coords) == 2
                  and all(isinstance(c, (int, float)) for c in coords)
                  and -180 <= coords[0] <= 180 and -90 <= coords[1] <= 90)
            if not ok:
                problems.append("feature %d: invalid point %r" % (i, g))
        out.append({"id": feat.get("id"), "coordinates": coords})
    return out, problems


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("csv", "geojson"):
        sys.exit(__doc__)
    out, problems = (check_csv if sys.argv[1] == "csv" else check_geojson)(sys.argv[2])
    for p in problems:
        print(p, file=sys.stderr)
    print(json.dumps(out, ensure_ascii=False))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
