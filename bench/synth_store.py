#!/usr/bin/env python3
"""Writes a synthetic event store for load tests: N merged events (default
one million) over ten years, thirty countries and their provinces, every
ACLED event type, state forces, armed groups, civilians and protesters,
several sources with their claims. The events go straight into the tables
of a store that `sitrep` created (so its schema, indexes and the triggers
that keep the aggregates up to date apply), with no documents behind them:
for /api/events, /api/stats, /api/events.geojson and the grid, not for
/api/events/{id}'s reports.

Usage: bench/synth_store.py SITREP_BINARY DB [N] [SEED]
"""
import json, math, os, random, sqlite3, subprocess, sys, time

# country code, centre (lat, lon), spread in degrees, provinces (ISO 3166-2 suffixes), weight
COUNTRIES = [
    ("SY", 35.0, 38.5, 2.0, ["ID", "HL", "DY", "RA", "HM", "DI", "HA", "DR"], 18),
    ("IQ", 33.3, 43.7, 2.5, ["NI", "AN", "BG", "SD", "KI", "DI", "BA"], 10),
    ("YE", 15.5, 45.5, 2.0, ["TA", "HD", "MA", "SA", "AD", "SH"], 10),
    ("AF", 34.0, 66.0, 3.0, ["HEL", "KAN", "KAB", "NAN", "KDZ", "FRA"], 9),
    ("ML", 15.0, -2.0, 3.0, ["5", "6", "7", "4", "8"], 6),
    ("BF", 12.5, -1.5, 2.0, ["01", "02", "05", "06", "09"], 6),
    ("NE", 15.0, 6.0, 3.0, ["1", "2", "3", "6", "8"], 4),
    ("NG", 10.0, 8.0, 3.5, ["BO", "YO", "AD", "ZA", "KD", "PL"], 8),
    ("SO", 4.0, 45.5, 3.0, ["BN", "JH", "SH", "HI", "MU"], 7),
    ("CD", -1.5, 28.5, 2.0, ["NK", "SK", "IT", "TA"], 6),
    ("SD", 13.5, 28.0, 3.0, ["KH", "DW", "DS", "KN"], 4),
    ("SS", 7.5, 30.5, 2.0, ["EC", "JG", "UY", "WR"], 3),
    ("LY", 29.0, 17.0, 4.0, ["TB", "BA", "SR", "MI"], 3),
    ("EG", 28.5, 31.0, 2.5, ["SIN", "C", "ALX", "GZ"], 2),
    ("UA", 48.5, 35.0, 3.0, ["14", "09", "63", "65", "32"], 8),
    ("PS", 31.5, 34.8, 0.3, ["GZA", "HBN", "NBS"], 5),
    ("IL", 31.5, 34.9, 0.8, ["D", "M", "Z"], 2),
    ("LB", 33.8, 35.8, 0.5, ["JA", "BA", "AS"], 2),
    ("MM", 20.0, 96.0, 4.0, ["11", "13", "16", "01", "02"], 5),
    ("PK", 31.0, 70.0, 3.0, ["KP", "BA", "PB", "SD"], 4),
    ("IN", 23.0, 80.0, 5.0, ["JK", "MN", "CT", "JH"], 4),
    ("PH", 9.0, 124.0, 3.0, ["14", "10", "12"], 2),
    ("CO", 4.0, -74.0, 3.0, ["CAU", "ANT", "NAR", "ARA"], 3),
    ("MX", 22.0, -101.0, 5.0, ["GRO", "MIC", "JAL", "TAM"], 4),
    ("FR", 47.0, 2.5, 3.0, ["75", "13", "69", "33"], 3),
    ("ET", 9.0, 39.0, 3.0, ["TI", "AM", "OR", "AF"], 4),
    ("MZ", -13.0, 39.5, 2.0, ["P", "N"], 2),
    ("CM", 6.0, 11.5, 2.5, ["NW", "SW", "EN"], 3),
    ("CF", 6.5, 20.5, 2.5, ["BGF", "OP", "HK"], 2),
    ("TR", 38.5, 35.0, 4.0, ["21", "34", "06", "47"], 2),
]
TYPES = [  # event type, sub-event types, weight, fatality scale
    ("Battles", ["Armed clash", "Government regains territory", "Non-state actor overtakes territory"], 30, 6),
    ("Explosions/Remote violence", ["Air/drone strike", "Shelling/artillery/missile attack",
                                    "Remote explosive/landmine/IED", "Suicide bomb", "Grenade"], 28, 5),
    ("Violence against civilians", ["Attack", "Abduction/forced disappearance", "Sexual violence"], 18, 3),
    ("Protests", ["Peaceful protest", "Protest with intervention", "Excessive force against protesters"], 14, 0.3),
    ("Riots", ["Violent demonstration", "Mob violence"], 5, 0.5),
    ("Strategic developments", ["Arrests", "Agreement", "Looting/property destruction", "Other",
                                "Change to group/activity", "Headquarters or base established"], 5, 0.1),
]
GROUPS = ["ISIL", "HTS", "JNIM", "AQAP", "AL_SHABAAB", "TALIBAN", "BOKO_HARAM", "ISWAP", "SDF", "HOUTHI",
          "HAMAS", "HEZBOLLAH", "M23", "ADF", "RSF", "WAGNER", "PKK", "ELN", "CJNG", "FANO"]
SOURCES = [("SOHR", "l'Observatoire syrien des droits de l'homme"), ("AFP", "AFP"), ("REUTERS", "Reuters"),
           ("UN", "the United Nations"), ("MOD", "the ministry of defence"), ("OTHER", "local sources"),
           ("OTHER", "witnesses"), ("AP", "AP"), ("ACLED_PARTNER", "a monitoring group")]


def weighted(rng, items, weights):
    return rng.choices(items, weights=weights, k=1)[0]


def make_event(rng, i, day0):
    c = weighted(rng, COUNTRIES, [x[5] for x in COUNTRIES])
    cc, lat0, lon0, spread, provinces, _ = c
    et, subs, _, scale = weighted(rng, TYPES, [t[2] for t in TYPES])
    sub = rng.choice(subs)
    day = day0 + int(rng.triangular(0, 3652, 3000))  # more events in later years
    start = time.strftime("%Y-%m-%d", time.gmtime(day * 86400))
    prov = rng.choice(provinces)
    # Events cluster around a few hundred places per country.
    place = rng.randrange(200)
    prng = random.Random(hash((cc, place)) & 0xffffffff)
    lat = round(lat0 + prng.gauss(0, spread / 2), 5)
    lon = round(lon0 + prng.gauss(0, spread / 2), 5)
    located = rng.random() < 0.93
    if et == "Protests" or et == "Riots":
        a1, a2 = ("PROTESTERS" if et == "Protests" else "RIOTERS"), (cc + "_POL" if rng.random() < 0.4 else None)
    elif et == "Violence against civilians":
        a1, a2 = rng.choice(GROUPS + [cc + "_MIL", "UNKNOWN"]), "CIVILIANS"
    else:
        a1, a2 = rng.choice([cc + "_MIL"] + GROUPS[:12]), rng.choice(GROUPS + [cc + "_MIL", "CIVILIANS"])
    dead = int(rng.paretovariate(1.6) * scale) if rng.random() < 0.6 else 0
    best = {"low": dead, "best": dead, "high": dead} if dead else None
    nclaims = rng.choice([1, 1, 1, 2, 2, 3])
    claims = []
    for s, words in rng.sample(SOURCES, nclaims):
        claims.append({"source": s, "text": words, "fatalities": best, "injured": None, "destroyed": [],
                       "strikes": None})
    eid = "ev_%016x" % rng.getrandbits(64)
    background = rng.random() < 0.03
    ev = {
        "schema": "sitrep.event/1", "id": eid, "docs": ["synth_%d" % i], "event_type": et,
        "sub_event_type": sub, "date": {"start": start, "end": start, "precision": "day"},
        "location": {"name": "%s place %d" % (cc, place), "geonameid": None,
                     "lat": lat if located else None, "lon": lon if located else None,
                     "admin1": cc + "-" + prov, "admin1_name": "", "country": cc,
                     "precision": "place" if located else "country"},
        "actor1": {"id": a1, "text": ""}, "actor2": {"id": a2, "text": ""} if a2 else None,
        "fatalities": best, "injured": None, "destroyed": [], "strikes": None, "claims": claims,
        "evidence": [], "pipeline_version": "sitrep-pipeline/0.1.0",
    }
    if background:
        ev["background"] = True
    return ev


# The dimensions of event_stats as migrations 002 and 003 define them
# (src/store/sqlite_migrations.cc), to count a bulk load in one pass per
# dimension instead of through the per-row trigger.
DIMS = [
    ("all", "''", "1"),
    ("day", "e.date_start", "e.date_start IS NOT NULL"),
    ("tday", "e.date_start", "e.date_start IS NOT NULL AND NOT e.background"),
    ("type", "e.event_type", "1"),
    ("sub", "e.sub_event_type", "1"),
    ("admin1", "e.admin1", "e.admin1 IS NOT NULL AND e.admin1 <> ''"),
    ("actor", "e.actor1", "e.actor1 IS NOT NULL"),
    ("actor", "e.actor2", "e.actor2 IS NOT NULL AND e.actor2 IS NOT e.actor1"),
] + [("g%d" % level, "CAST(floor(e.lon / %r) AS INTEGER) || ':' || CAST(floor(e.lat / %r) AS INTEGER)" % (size, size),
      "e.lat IS NOT NULL AND e.lon IS NOT NULL") for level, size in enumerate([8.0, 2.0, 0.5, 0.125])]
# The slices of an event (SQL over e, and the events it applies to).
SLICES = [("''", "1"), ("'type:' || e.event_type", "1"), ("'actor:' || e.actor1", "e.actor1 IS NOT NULL"),
          ("'actor:' || e.actor2", "e.actor2 IS NOT NULL AND e.actor2 IS NOT e.actor1")]
MONTH_UPSERT = (" ON CONFLICT(country, event_type, month, dim, key) DO UPDATE SET n = n + excluded.n, "
                "fatalities = fatalities + excluded.fatalities, timeline = timeline + excluded.timeline")


def count_all(con):
    upsert = " ON CONFLICT(slice, dim, key) DO UPDATE SET n = n + excluded.n, fatalities = fatalities + excluded.fatalities"
    for slice_sql, who in SLICES:
        for dim, key, where in DIMS:
            con.execute(f"INSERT INTO event_stats SELECT {slice_sql}, '{dim}', {key}, count(*), sum(e.fatalities) "
                        f"FROM events e WHERE {who} AND {where} GROUP BY 1, 3" + upsert)
        con.execute(f"INSERT INTO event_stats SELECT slice, 'source', src, count(*), sum(fatalities) FROM "
                    f"(SELECT DISTINCT e.rowid, {slice_sql} AS slice, e.fatalities, json_extract(c.value, '$.source') AS src "
                    f"FROM events e, json_each(e.json, '$.claims') c WHERE {who}) GROUP BY 1, 3" + upsert)
        con.execute(f"INSERT INTO event_stats SELECT {slice_sql}, 'word', json_extract(c.value, '$.source') || char(31) || "
                    f"json_extract(c.value, '$.text'), count(*), sum(e.fatalities) FROM events e, json_each(e.json, '$.claims') c "
                    f"WHERE {who} AND COALESCE(json_extract(c.value, '$.text'), '') <> '' GROUP BY 1, 3" + upsert)
    head = ("INSERT INTO event_stats_month(country, event_type, month, dim, key, n, fatalities, timeline) "
            "SELECT COALESCE(e.country, ''), e.event_type, e.month, ")
    for dim, key, where in DIMS:
        if dim == "tday" or dim.startswith("g"):
            continue
        timeline = "sum(NOT e.background)" if dim == "day" else "0"
        con.execute(f"{head}'{dim}', {key}, count(*), sum(e.fatalities), {timeline} FROM events e WHERE {where} "
                    "GROUP BY 1, 2, 3, 5" + MONTH_UPSERT)
    con.execute("INSERT INTO event_stats_month(country, event_type, month, dim, key, n, fatalities, timeline) "
                "SELECT country, event_type, month, 'source', src, count(*), sum(fatalities), 0 FROM "
                "(SELECT DISTINCT e.rowid, COALESCE(e.country, '') AS country, e.event_type, e.month, e.fatalities, "
                "json_extract(c.value, '$.source') AS src FROM events e, json_each(e.json, '$.claims') c) "
                "GROUP BY 1, 2, 3, 5" + MONTH_UPSERT)
    con.execute(f"{head}'word', json_extract(c.value, '$.source') || char(31) || json_extract(c.value, '$.text'), "
                "count(*), sum(e.fatalities), 0 FROM events e, json_each(e.json, '$.claims') c "
                "WHERE COALESCE(json_extract(c.value, '$.text'), '') <> '' GROUP BY 1, 2, 3, 5" + MONTH_UPSERT)


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    binary, db = sys.argv[1], sys.argv[2]
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 1_000_000
    rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 13)
    if os.path.exists(db):
        sys.exit(db + " exists; remove it first")
    # sitrep creates the schema (an ingest of nothing).
    subprocess.run([binary, "ingest", "-q", "--db", db, os.devnull], stderr=subprocess.DEVNULL)
    con = sqlite3.connect(db)
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA synchronous = OFF")
    day0 = 16071  # 2014-01-01
    t = time.time()
    # The per-row trigger is set aside during the load and the counts made
    # in one pass per dimension at the end, then the trigger is restored.
    (trigger,) = con.execute("SELECT sql FROM sqlite_master WHERE name = 'events_stats_ai'").fetchone()
    if "event_stats_month" not in trigger:
        sys.exit("the store's schema is older than this script's counts: use a newer sitrep")
    con.execute("DROP TRIGGER events_stats_ai")
    con.execute("BEGIN")
    for i in range(n):
        e = make_event(rng, i, day0)
        loc = e["location"]
        cur = con.execute(
            "INSERT INTO events(event_id, event_type, sub_event_type, date_start, date_end, admin1, country,"
            " actor1, actor2, n_reports, n_docs, pipeline_version, data_version, outlets, reasons, updated_at,"
            " json, fatalities, background, lat, lon) VALUES (?,?,?,?,?,?,?,?,?,1,1,?,?,?,?,?,?,?,?,?,?)",
            (e["id"], e["event_type"], e["sub_event_type"], e["date"]["start"], e["date"]["end"], loc["admin1"],
             loc["country"], e["actor1"]["id"], e["actor2"]["id"] if e["actor2"] else None,
             e["pipeline_version"], "synthetic", "[]", "[]", int(t), json.dumps(e, ensure_ascii=False),
             e["fatalities"]["best"] if e["fatalities"] else 0, int(e.get("background", False)),
             loc["lat"], loc["lon"]))
        rowid = cur.lastrowid
        if loc["lat"] is not None:
            con.execute("INSERT INTO events_rtree(id, min_lon, max_lon, min_lat, max_lat) VALUES (?,?,?,?,?)",
                        (rowid, loc["lon"], loc["lon"], loc["lat"], loc["lat"]))
        for s in sorted({c["source"] for c in e["claims"]}):
            con.execute("INSERT OR IGNORE INTO event_sources(event_rowid, source) VALUES (?,?)", (rowid, s))
        if (i + 1) % 100_000 == 0:
            con.execute("COMMIT")
            con.execute("BEGIN")
            print(f"{i + 1} events, {time.time() - t:.0f} s", file=sys.stderr)
    count_all(con)
    con.execute(trigger)
    con.execute("COMMIT")
    print(f"counts made, {time.time() - t:.0f} s", file=sys.stderr)
    con.execute("ANALYZE")
    con.close()
    print(f"{n} events written to {db} in {time.time() - t:.0f} s")


if __name__ == "__main__":
    main()
