#!/usr/bin/env python3
"""Checks that every actor id the lexicons can produce is one the ACLED export can name.

  check_actor_rows.py DATA_DIR

An id in data/lexicons/<lang>/actors.tsv, backed.tsv or data/lexicons/allies.tsv is either a
state-force pattern (ISO3_MIL, ISO3_POL, ISO3_GOV with a known alpha-3 code, or "*_ROLE" for the
story country's) or has a row in data/acled/actors.tsv; every alpha-3 code of nationalities.tsv
is a known country; no phrase of one file names two different ids. Exit status 1 with one line
per problem (file, line, reason). Written for this project's test suite.
"""
import os
import re
import sys
import unicodedata


def rows(path):
    """(line number, cells) of a TSV file's data rows, header skipped."""
    out, header = [], None
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, start=1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = cells
                continue
            out.append((n, dict(zip(header, cells))))
    return out


def fold(s):
    s = unicodedata.normalize("NFKD", s.lower())
    return "".join(c for c in s if not unicodedata.combining(c))


def main(data):
    lex = os.path.join(data, "lexicons")
    alpha3 = {r["alpha3"] for _, r in rows(os.path.join(lex, "country_codes.tsv"))}
    acled = {r["id"] for _, r in rows(os.path.join(data, "acled", "actors.tsv"))}
    problems = []

    def known(id_):
        if id_ in ("-", "") or id_ in acled:
            return True
        m = re.fullmatch(r"([A-Z]{3}|\*)_(MIL|POL|GOV)", id_)
        return bool(m) and (m.group(1) == "*" or m.group(1) in alpha3)

    files = [(os.path.join(lex, "allies.tsv"), "id")]
    for lang in sorted(os.listdir(lex)):
        if os.path.isdir(os.path.join(lex, lang)):
            files += [(os.path.join(lex, lang, "actors.tsv"), "id"), (os.path.join(lex, lang, "backed.tsv"), "id")]
    for path, col in files:
        if not os.path.exists(path):
            continue
        seen = {}
        for n, r in rows(path):
            id_ = r.get(col, "")
            if not known(id_):
                problems.append("%s:%d: id %r has no row in acled/actors.tsv and is no state-force pattern" % (path, n, id_))
            phrase = fold(r.get("phrase", ""))
            if phrase and phrase in seen and seen[phrase][1] != id_:
                problems.append("%s:%d: phrase %r names %s here and %s on line %d" %
                                (path, n, r["phrase"], id_, seen[phrase][1], seen[phrase][0]))
            seen.setdefault(phrase, (n, id_))
        if not seen and col == "id" and path.endswith("actors.tsv"):
            problems.append("%s: no rows" % path)
    for lang in sorted(os.listdir(lex)):
        path = os.path.join(lex, lang, "nationalities.tsv")
        if os.path.exists(path):
            for n, r in rows(path):
                if r["iso3"] != "*" and r["iso3"] not in alpha3:
                    problems.append("%s:%d: %r is no alpha-3 code of country_codes.tsv" % (path, n, r["iso3"]))
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1]))
