#!/usr/bin/env bash
# Configures and compiles minhbach (Release) into build/, or into the folder
# given, with profile-guided optimisation: the first time (or with --retrain)
# an instrumented copy in BUILD/pgo-gen builds a small synthetic site
# (bench/gen, its own seed, not the benchmark's) and the bundled site once,
# and the real build is then optimised for where those builds spent their
# time. Usage: tools/compile.sh [--retrain] [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
retrain=0
if [[ "${1:-}" == "--retrain" ]]; then retrain=1; shift; fi
build="${1:-build}"
mkdir -p "$build"
build="$(cd "$build" && pwd)"
profile="$build/pgo-profile"

if ((retrain)) || [[ ! -f "$profile/trained" ]]; then
  gen="$build/pgo-gen" train="$build/pgo-train"
  cmake -S . -B "$gen" -G Ninja -DCMAKE_BUILD_TYPE=Release -DMINHBACH_PGO=generate \
        -DMINHBACH_PGO_DIR="$profile" >/dev/null
  cmake --build "$gen" --target minhbach
  rm -rf "$profile" "$train"
  mkdir -p "$train/bundled"
  python3 bench/gen --units 8 --seed 7 --out "$train/synthetic" >/dev/null
  cp -r content site.yaml "$train/bundled/"
  ln -s "$PWD/plugins" "$train/bundled/plugins"
  ln -s "$PWD/themes" "$train/bundled/themes"
  for site in synthetic bundled; do
    "$gen/minhbach" build --site "$train/$site" --out "$train/$site-out" --as-of 2026-11-01 --jobs 1 --quiet
  done
  touch "$profile/trained"
fi
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DMINHBACH_PGO=use -DMINHBACH_PGO_DIR="$profile" >/dev/null
cmake --build "$build"
