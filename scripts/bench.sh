#!/usr/bin/env bash
# `make bench`: throughput benchmarks (skip cleanly without ../shared data).
set -euo pipefail
bin=$1; build=$2
cd "$(dirname "$0")/.."
for b in bench/*.sh; do [ -x "$b" ] && "$b" "$bin"; done
[ -x "$build/sitrep_bench" ] && "$build/sitrep_bench" || true
