#!/usr/bin/env bash
# `make asan`: the whole test suite built with AddressSanitizer and
# UndefinedBehaviorSanitizer (clang) in its own build folder, then run; any
# sanitizer report fails the test that triggered it. The GoogleTest binary
# runs as JOBS shards, one process each (CTest would start one process per
# test, and load the pipeline each time, which a sanitized build makes
# slow); the other CTest entries (the ACLED client, the fuzz corpora) run
# under CTest. The end-to-end checks of scripts/e2e.sh run on the sanitized
# binary too.
# Usage: scripts/asan.sh BUILD_DIR JOBS
set -uo pipefail
build=$1; jobs=$2
cd "$(dirname "$0")/.."
step() { printf '%-10s %s\n' "$1:" "$2"; }
scripts/setup.sh fuzz || exit 1
mkdir -p "$build"
if ! CC=clang-14 CXX=clang++-14 cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
     -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only" \
     -DSITREP_SANITIZE=ON >"$build/configure.log" 2>&1; then
  step configure "FAILED ($build/configure.log):"; tail -40 "$build/configure.log"; exit 1
fi
start=$(date +%s)
if ! env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL cmake --build "$build" -j"$jobs" \
     -- --no-print-directory >"$build/build.log" 2>&1; then
  step compile "FAILED (full output: $build/build.log); the errors:"
  grep -E -A4 'error:|Error [0-9]|undefined reference' "$build/build.log" | head -60
  exit 1
fi
step compile "sanitized build in $(( $(date +%s) - start )) s ($build/)"
# Tests that look for the compiled gazetteer in their build folder find make build's.
[ -f build/gazetteer.bin ] && ln -sf "$PWD/build/gazetteer.bin" "$build/gazetteer.bin"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
start=$(date +%s)
failed=0
for ((i = 0; i < jobs; i++)); do
  (cd "$build" && GTEST_TOTAL_SHARDS=$jobs GTEST_SHARD_INDEX=$i ./sitrep_tests >"shard$i.log" 2>&1) &
done
for ((i = 0; i < jobs; i++)); do wait -n || failed=1; done
passed=$(cat "$build"/shard*.log | grep -c '^\[       OK \]')
if [ $failed -ne 0 ]; then
  step asan "FAILED (unit tests: $build/shard*.log):"
  grep -h -E '^\[  FAILED  \]|ERROR: AddressSanitizer|ERROR: LeakSanitizer|runtime error|SUMMARY' "$build"/shard*.log | head -30
  exit 1
fi
if ! (cd "$build" && ctest --output-on-failure -j"$jobs" --timeout 1800 -R '^(acled_api_client|fuzz_corpus_)' >ctest.log 2>&1); then
  step asan "FAILED ($build/ctest.log):"
  grep -E 'Failed|ERROR: AddressSanitizer|runtime error|SUMMARY' "$build/ctest.log" | head -30
  exit 1
fi
step asan "$passed unit tests and $(grep -o '[0-9]* tests passed\|[0-9]*% tests passed.*' "$build/ctest.log" | head -1) under ASan+UBSan in $(( $(date +%s) - start )) s"
scripts/e2e.sh "$build/sitrep" || exit 1
