#!/usr/bin/env bash
# Browser tests of the map page: headless Debian chromium driven by
# playwright-core over a database built from the project's sample articles.
# Screenshots are kept in build/web-artifacts/.
set -euo pipefail
bin=$1
cd "$(dirname "$0")/.."
export SITREP_BIN="$(realpath "$bin")"
node --test --test-reporter=spec tests/web/
