#!/usr/bin/env python3
"""GET /api/acled/read against `sitrep query --format csv`.

Builds a store from the project's sample articles, serves it on loopback,
and runs acled_user_script.py (a client written for ACLED's API) with only
its base URL changed. For each filter, the client's rows must be the rows of
`sitrep query --format csv` given the same filter as CLI flags: same events,
same order, every ACLED column equal. Usage: acled_api_test.py SITREP_BINARY
"""
import csv
import importlib.util
import io
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SITREP = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build/sitrep"))
failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cli_rows(db, flags):
    out = subprocess.run([SITREP, "query", "--db", db, "--format", "csv", *flags],
                         check=True, capture_output=True).stdout.decode("utf-8")
    return out, list(csv.DictReader(io.StringIO(out, newline="")))


def alpha2_by_name():
    """ACLED country name -> ISO alpha-2, from the export's own table."""
    names = {}
    with open(os.path.join(ROOT, "data/acled/countries.tsv"), encoding="utf-8") as f:
        rows = [l.rstrip("\n").split("\t") for l in f if not l.startswith("#")]
    for cells in rows[1:]:
        names[cells[3]] = cells[0]
    return names


def load_client(base_url):
    os.environ["ACLED_BASE_URL"] = base_url
    spec = importlib.util.spec_from_file_location("acled_user_script",
                                                  os.path.join(HERE, "acled_user_script.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def same_rows(api_rows, cli):
    """The API rows carry every CSV column with the CSV's value, in the CSV's order."""
    if len(api_rows) != len(cli):
        return False
    return all(all(a.get(k) == v for k, v in c.items()) for a, c in zip(api_rows, cli))


def main():
    tmp = tempfile.mkdtemp(prefix="sitrep-acled-")
    db = os.path.join(tmp, "acled.db")
    subprocess.run([SITREP, "ingest", "-q", os.path.join(ROOT, "data/sample"), "--db", db],
                   check=True, capture_output=True)
    port = free_port()
    server = subprocess.Popen([SITREP, "serve", "--db", db, "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = "http://127.0.0.1:%d" % port
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/api/stats", timeout=2)
                break
            except OSError:
                time.sleep(0.1)
        client = load_client(base + "/api")
        run(client, db, base)
    finally:
        server.terminate()
        server.wait(timeout=10)
        subprocess.run(["rm", "-rf", tmp])
    print("acled api: %d failure(s)" % len(failures))
    return 1 if failures else 0


def run(client, db, base):
    text_all, everything = cli_rows(db, [])
    check(len(everything) >= 3, "the sample store has events (%d)" % len(everything))
    first = everything[0]
    dated = sorted(r["event_date"] for r in everything if r["event_date"])
    # From the earliest event date, an event starting by `upto` is one whose
    # interval meets [earliest, upto]: ACLED's BETWEEN on event_date and the
    # CLI's --from/--to then select the same events.
    upto = dated[len(dated) // 2]
    country_code = alpha2_by_name()
    cases = [
        ("no filter", {}, []),
        ("country", {"country": first["country"]}, ["--country", country_code.get(first["country"], "")]),
        ("iso", {"iso": first["iso"]}, ["--country", country_code.get(first["country"], "")]),
        ("event_type", {"event_type": first["event_type"]}, ["--type", first["event_type"]]),
        ("sub_event_type", {"sub_event_type": first["sub_event_type"]}, ["--sub-type", first["sub_event_type"]]),
        ("event_date BETWEEN", {"event_date": dated[0] + "|" + upto, "event_date_where": "BETWEEN"},
         ["--from", dated[0], "--to", upto]),
        ("country and event_type", {"country": first["country"], "event_type": first["event_type"]},
         ["--country", country_code.get(first["country"], ""), "--type", first["event_type"]]),
    ]
    for name, params, flags in cases:
        _, cli = cli_rows(db, flags)
        paged = client.acled_read(page_size=2, **params)
        check(same_rows(paged, cli), "%s: %d JSON rows, two per page, are the CLI's %d CSV rows"
              % (name, len(paged), len(cli)))
        check(same_rows(client.acled_read_csv(**params), cli),
              "%s: export_type=csv gives the CLI's CSV rows" % name)
    check(all(r["event_date"] <= upto for r in client.acled_read(event_date=upto, event_date_where="<=")),
          "event_date_where=<= keeps earlier dates only")

    # Asked for ACLED's columns only, the CSV is the CLI's, byte for byte.
    fields = "|".join(everything[0].keys())
    same = client._get({"fields": fields, "export_type": "csv", "limit": 0}).decode("utf-8")
    check(same == text_all, "fields=<ACLED's columns>&export_type=csv is byte for byte the CLI's CSV")

    # sitrep's own columns come after ACLED's, under names ACLED never uses.
    row = client.acled_read()[0]
    extra = [k for k in row if k not in everything[0]]
    check(extra == ["sitrep_claims", "sitrep_evidence", "sitrep_documents"], "extra columns: %s" % extra)
    event = json.load(urllib.request.urlopen(base + "/api/events/" + row["event_id_cnty"]))
    check(row["sitrep_documents"] == event["docs"] and row["sitrep_claims"] == event["claims"],
          "sitrep_documents and sitrep_claims are the event's own")
    body = json.loads(client._get({"limit": 1}))
    check(body["status"] == 200 and body["success"] is True and body["count"] == 1
          and body["sitrep_total_count"] == len(everything), "ACLED's answer shape: status, success, count, data")

    # An unknown parameter is refused with a reason, as ACLED's clients expect an error.
    try:
        client._get({"countryy": "Syria"})
        check(False, "an unknown parameter is refused")
    except urllib.error.HTTPError as e:
        err = json.loads(e.read())
        check(e.code == 400 and err["success"] is False and "countryy" in err["error"]["message"],
              "an unknown parameter answers 400 with a reason: %s" % err["error"]["message"])


if __name__ == "__main__":
    sys.exit(main())
