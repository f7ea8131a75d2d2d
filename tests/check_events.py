#!/usr/bin/env python3
"""Checks that a JSON Lines file of events follows the codebook's output format.

  check_events.py EVENTS.jsonl      exit 1 and one line per problem if any; 0 otherwise
Written for this project's test suite (standard library only).
"""
import json
import re
import sys

TYPES = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {"Air/drone strike", "Shelling/artillery/missile attack",
                                   "Remote explosive/landmine/IED", "Suicide bomb", "Grenade", "Chemical weapon"},
    "Violence against civilians": {"Attack", "Abduction/forced disappearance", "Sexual violence"},
    "Strategic developments": {"Non-violent transfer of territory", "Headquarters or base established",
                               "Looting/property destruction", "Arrests", "Agreement", "Other",
                               "Change to group/activity", "Disrupted weapons use"},
    "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
}
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
KINDS = {"vehicle", "armored", "facility", "weapon", "aircraft"}


def count_problems(c, where):
    if c is None:
        return []
    out = []
    if not isinstance(c, dict) or not isinstance(c.get("best"), int):
        return [f"{where}: count without an integer best"]
    lo, best, hi = c.get("low"), c["best"], c.get("high")
    if lo is not None and lo > best:
        out.append(f"{where}: low > best")
    if hi is not None and hi < best:
        out.append(f"{where}: high < best")
    return out


def problems(e):
    out = []
    if e.get("schema") != "sitrep.event/1":
        out.append("schema")
    if not e.get("id") or not e.get("docs"):
        out.append("id/docs")
    if e.get("sub_event_type") not in TYPES.get(e.get("event_type"), ()):
        out.append(f"type {e.get('event_type')}/{e.get('sub_event_type')}")
    d = e.get("date") or {}
    if d.get("precision") not in {"day", "range", "week", "month", "year", "unknown"}:
        out.append("date.precision")
    elif d["precision"] != "unknown":
        if not (DAY.match(str(d.get("start"))) and DAY.match(str(d.get("end")))) or d["start"] > d["end"]:
            out.append("date start/end")
    loc = e.get("location") or {}
    if loc.get("precision") not in {"place", "near", "admin1", "country", "unknown"}:
        out.append("location.precision")
    elif loc["precision"] != "unknown" and not (
            isinstance(loc.get("lat"), (int, float)) and -90 <= loc["lat"] <= 90
            and isinstance(loc.get("lon"), (int, float)) and -180 <= loc["lon"] <= 180):
        out.append("location lat/lon")
    for role in ("actor1", "actor2"):
        a = e.get(role)
        if a is not None and not (isinstance(a, dict) and a.get("id")):
            out.append(role)
    for k in ("fatalities", "injured", "strikes"):
        out += count_problems(e.get(k), k)
    for d in e.get("destroyed") or []:
        if d.get("kind") not in KINDS:
            out.append("destroyed.kind")
        out += count_problems(d, "destroyed")
    for c in e.get("claims") or []:
        if not c.get("source"):
            out.append("claim without source")
    ev = e.get("evidence") or []
    if not ev or any(not (isinstance(x.get("start"), int) and isinstance(x.get("end"), int)
                          and 0 <= x["start"] < x["end"]) for x in ev):
        out.append("evidence")
    return out


def main():
    bad = n = 0
    with open(sys.argv[1], encoding="utf-8") as f:
        for ln, line in enumerate(f, 1):
            if not line.strip():
                continue
            n += 1
            try:
                errs = problems(json.loads(line))
            except json.JSONDecodeError as x:
                errs = [f"not JSON: {x}"]
            for m in errs:
                print(f"line {ln}: {m}")
            bad += bool(errs)
    print(f"{n} events, {bad} with problems")
    return 1 if bad or n == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
