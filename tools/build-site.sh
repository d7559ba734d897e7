#!/usr/bin/env bash
# README command 1: install what is missing, compile, and build the bundled
# site into public/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/deps.sh
bash tools/compile.sh
./build/minhbach build "$@"
