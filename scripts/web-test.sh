#!/usr/bin/env bash
# Browser tests of the map page: headless Debian chromium driven by
# playwright-core over a database built from the project's sample articles.
# Screenshots are kept in build/web-artifacts/.
set -euo pipefail
bin=$1
cd "$(dirname "$0")/.."
if ! node -e 'process.exit(+process.versions.node.split(".")[0] >= 20 ? 0 : 1)'; then
  echo "web-test: playwright-core needs Node.js >= 20 (found $(node --version)); install a newer nodejs" >&2
  exit 1
fi
export SITREP_BIN="$(realpath "$bin")"
node --test --test-reporter=spec tests/web/
