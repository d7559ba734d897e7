#!/usr/bin/env bash
# README command 2 (and CI's): install what is missing, compile, run every
# test through CTest: unit and end-to-end tests, and the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/deps.sh --browser
bash tools/compile.sh
ctest --test-dir build --output-on-failure -j "$(nproc)"
