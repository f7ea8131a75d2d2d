#!/usr/bin/env bash
# `make fuzz`: builds the libFuzzer targets of fuzz/ with clang (ASan and
# UBSan on) in their own build folder and runs each for SECONDS on its seed
# corpus (fuzz/corpus/<name>/, read only) plus a working corpus the runs
# grow (BUILD/corpus/<name>/). One line per target: executions, coverage,
# and ok or the crashing input (BUILD/crashes/) with the report's first
# lines. Exit status 1 when any target crashed, leaked or timed out.
# Usage: scripts/fuzz.sh BUILD_DIR SECONDS [TARGET...]   (TARGET: text, pipeline, ...)
# FUZZ_JOBS: compile jobs (2); FUZZ_PARALLEL: targets run at once (1).
# The places and pipeline targets read the gazetteer of build/ (make build).
set -uo pipefail
build=$1; secs=$2; shift 2
jobs=${FUZZ_JOBS:-2}
parallel=${FUZZ_PARALLEL:-1}
cd "$(dirname "$0")/.."
step() { printf '%-10s %s\n' "$1:" "$2"; }
scripts/setup.sh fuzz || exit 1
mkdir -p "$build"
if ! CC=clang-14 CXX=clang++-14 cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
     -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only" \
     -DSITREP_FUZZ=ON >"$build/configure.log" 2>&1; then
  step configure "FAILED ($build/configure.log):"; tail -40 "$build/configure.log"; exit 1
fi
start=$(date +%s)
if ! env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL cmake --build "$build" -j"$jobs" --target fuzzers \
     -- --no-print-directory >"$build/build.log" 2>&1; then
  step compile "FAILED (full output: $build/build.log); the errors:"
  grep -E -A4 'error:|Error [0-9]|undefined reference' "$build/build.log" | head -60
  exit 1
fi
step compile "fuzz targets built in $(( $(date +%s) - start )) s ($build/fuzz/)"

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for f in fuzz/*_fuzz.cc; do n=$(basename "$f" .cc); targets+=("${n%_fuzz}"); done
fi
mkdir -p "$build/crashes" "$build/logs"

run_one() {  # target: runs it, leaves its exit status in logs/<target>.rc
  local t=$1
  local work="$build/corpus/$t"
  mkdir -p "$work"
  # Leaks are reported (the loaded lexicons and models stay reachable, so
  # only true leaks count).
  ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$build/fuzz/${t}_fuzz" -max_total_time="$secs" -timeout=10 -rss_limit_mb=3072 -print_final_stats=1 \
    -artifact_prefix="$build/crashes/$t-" "$work" "fuzz/corpus/$t" >"$build/logs/$t.log" 2>&1
  echo $? >"$build/logs/$t.rc"
}

running=0
for t in "${targets[@]}"; do
  if [ "$running" -ge "$parallel" ]; then wait -n; running=$((running - 1)); fi
  run_one "$t" &
  running=$((running + 1))
done
wait

failed=0
for t in "${targets[@]}"; do
  log="$build/logs/$t.log"
  rc=$(cat "$build/logs/$t.rc")
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*')
  line=$(printf '%-13s %5s s %10s runs  cov %6s' "$t" "$secs" "${runs:-?}" "${cov:-?}")
  if [ $rc -eq 0 ]; then
    step fuzz "$line  ok"
  else
    failed=1
    step fuzz "$line  FAILED (exit $rc, log $log):"
    grep -E 'ERROR|SUMMARY|runtime error|Test unit written|timeout' "$log" | head -8
  fi
done
exit $failed
