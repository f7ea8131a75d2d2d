#!/usr/bin/env bash
# `make build`: configures and compiles with one line per step. The
# compiler's output goes to BUILD/build.log (configure: BUILD/configure.log)
# and is shown only when a step fails.
# Usage: scripts/build.sh BUILD_DIR JOBS
set -uo pipefail
build=$1; jobs=$2
cd "$(dirname "$0")/.."
step() { printf '%-10s %s\n' "$1:" "$2"; }
mkdir -p "$build"
if ! cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >"$build/configure.log" 2>&1; then
  step configure "FAILED ($build/configure.log):"
  tail -40 "$build/configure.log"
  exit 1
fi
log="$build/build.log"
start=$(date +%s)
# A make above us must not leak its level or jobserver into CMake's make.
if ! env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL cmake --build "$build" -j"$jobs" -- --no-print-directory >"$log" 2>&1; then
  step compile "FAILED (full output: $log); the errors:"
  grep -E -A4 'error:|Error [0-9]|undefined reference|No rule to make' "$log" | head -80
  exit 1
fi
compiled=$(grep -c -E 'Building CXX object' "$log")
linked=$(grep -c -E 'Linking CXX' "$log")
warnings=$(grep -c -E 'warning:' "$log")
if [ "$compiled" -eq 0 ] && [ "$linked" -eq 0 ]; then
  step compile "up to date"
else
  step compile "$compiled file(s) compiled, $linked linked, $warnings warning(s) in $(( $(date +%s) - start )) s (output: $log)"
fi
