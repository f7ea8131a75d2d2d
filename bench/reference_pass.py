#!/usr/bin/env python3
"""The benchmarks' reference pass: parse a JSON Lines file of documents and
split each text into words, the least any reader of it must do. Prints the
seconds it took; timed on the same machine in the same script as the pass
it is compared with, the ratio travels between machines better than either
absolute figure.

Usage: bench/reference_pass.py DOCS.jsonl
"""
import json
import sys
import time

t = time.perf_counter()
words = 0
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        words += len(json.loads(line)["text"].split())
print(f"{time.perf_counter() - t:.3f}")
