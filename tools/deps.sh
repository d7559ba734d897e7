#!/usr/bin/env bash
# Installs what minhbach needs on Debian 12, only what is missing (needs root).
# Usage: tools/deps.sh [--browser]   (--browser adds Chromium + Node for the browser tests)
set -euo pipefail

packages=(build-essential cmake ninja-build pkg-config
          libcmark-gfm-dev libcmark-gfm-extensions-dev libkainjow-mustache-dev
          libsqlite3-dev liblua5.4-dev catch2 libyaml-cpp-dev libtcmalloc-minimal4
          python3)  # python3: bench/gen, the training site of tools/compile.sh
if [[ "${1:-}" == "--browser" ]]; then
  packages+=(chromium)
  command -v node >/dev/null 2>&1 || packages+=(nodejs)
  command -v npm >/dev/null 2>&1 || packages+=(npm)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "Installing: ${missing[*]}"
  SUDO=""
  [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
