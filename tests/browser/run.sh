#!/usr/bin/env bash
# Browser tests (CTest test `browser`, part of `bash tools/test.sh`):
# builds the bundled site, serves it on 127.0.0.1 and drives Debian's
# Chromium headless through playwright-core (site.test.mjs). Needs
# `tools/deps.sh --browser` (chromium, node, npm); installs the npm packages
# of this folder from package-lock.json. Never downloads a browser.
#
#   MB_BINARY=build-web/minhbach bash tests/browser/run.sh   # another build
#   MB_SITE=path/to/site bash tests/browser/run.sh           # another site
#
# Closing line: "N passed, N failed"; exit status 1 on any failure.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
binary="${MB_BINARY:-build/minhbach}"
[[ "$binary" = /* ]] || binary="$repo/$binary"
site="${MB_SITE:-$repo}"
chromium="${MB_CHROMIUM:-/usr/bin/chromium}"

fail() { echo "browser tests: $1" >&2; echo "0 passed, 1 failed"; exit 1; }
[[ -x "$binary" ]] || fail "$binary not found: run tools/compile.sh first, or set MB_BINARY"
[[ -x "$chromium" ]] || fail "$chromium not found: run tools/deps.sh --browser"
command -v node >/dev/null || fail "node not found: run tools/deps.sh --browser"
command -v npm >/dev/null || fail "npm not found: run tools/deps.sh --browser"

# npm packages from the lock file, reinstalled only when the lock changed.
if [[ ! -f "$here/node_modules/.package-lock.json" || "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ]]; then
  (cd "$here" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error) ||
    fail "npm ci failed in tests/browser"
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/mb-browser.XXXXXX")"
trap 'rm -rf "$work"' EXIT
"$binary" build --site "$site" --out "$work/site" --as-of 2026-11-23 --quiet ||
  fail "minhbach build failed"

export MB_CHROMIUM="$chromium"
export MB_SCREENSHOTS="${MB_SCREENSHOTS:-$here/screenshots}"
node "$here/site.test.mjs" "$work/site"
