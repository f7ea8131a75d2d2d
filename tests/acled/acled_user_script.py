#!/usr/bin/env python3
"""An analyst's script for ACLED's API, standard library only.

It reads events page by page from ACLED's `acled/read` endpoint, as JSON
rows or as CSV, the way scripts written against ACLED do. Pointed at sitrep,
only BASE_URL changes: ACLED's "https://api.acleddata.com" becomes sitrep's
"http://127.0.0.1:8080/api" (the path `/acled/read`, the parameters and the
answer are the same). The credentials are sent as to ACLED; sitrep ignores
them.

    ACLED_BASE_URL=http://127.0.0.1:8080/api python3 acled_user_script.py
"""
import csv
import io
import json
import os
import sys
import urllib.parse
import urllib.request

BASE_URL = os.environ.get("ACLED_BASE_URL", "https://api.acleddata.com")
KEY = os.environ.get("ACLED_KEY", "your-access-key")
EMAIL = os.environ.get("ACLED_EMAIL", "you@example.org")
PAGE_SIZE = 5000


def _get(params):
    query = {"key": KEY, "email": EMAIL, **params}
    url = BASE_URL + "/acled/read?" + urllib.parse.urlencode(query)
    with urllib.request.urlopen(url, timeout=120) as response:
        return response.read()


def acled_read(page_size=PAGE_SIZE, **filters):
    """Every row matching `filters`, as dicts keyed by ACLED's column names."""
    rows, page = [], 1
    while True:
        body = json.loads(_get({**filters, "limit": page_size, "page": page}))
        if not body.get("success"):
            raise RuntimeError("ACLED API error: %r" % body.get("error"))
        rows.extend(body["data"])
        if body["count"] < page_size:
            return rows
        page += 1


def acled_read_csv(**filters):
    """The same rows as CSV text (export_type=csv), parsed by the csv module."""
    text = _get({**filters, "export_type": "csv", "limit": 0}).decode("utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


if __name__ == "__main__":
    events = acled_read(country="Syria", event_date="2023-01-01|2023-12-31",
                        event_date_where="BETWEEN")
    deaths = sum(int(e["fatalities"]) for e in events)
    print("%d events in Syria in 2023, %d reported fatalities" % (len(events), deaths))
    for e in events[:5]:
        print(e["event_date"], e["sub_event_type"], e["location"], e["actor1"], sep=" | ")
    sys.exit(0)
