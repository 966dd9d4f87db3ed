#!/usr/bin/env bash
# `make test`: installs what is missing, then runs every test layer and exits non-zero on
# the first failure:
#   1. host: unit tests of the app's logic and oms-dev's HTTP tests (cargo test)
#   2. components: wasm-bindgen-test in headless Chromium against a running oms-dev
#   3. release build with trunk (what the end-to-end tests load) and its first-load size check
#   4. end-to-end: Playwright against oms-dev serving the release build
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-tools.sh
source scripts/env.sh

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT INT TERM

step "1/4 host tests (app logic, oms-dev over HTTP)"
cargo test --workspace

step "2/4 component tests (wasm-bindgen-test, headless Chromium)"
cargo build -p oms-dev
# A fixed port: OMS_DEV_URL is compiled into the test binary, so a stable value avoids rebuilds.
WASM_OMS_PORT="${WASM_OMS_PORT:-18787}"
log=target/oms-dev-components.log
: >"$log" # emptied before the start: the loop below must not read a previous run's log
target/debug/oms-dev --port "$WASM_OMS_PORT" --db :memory: --records 300 --seed 11 >>"$log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do grep -q '^records:' "$log" 2>/dev/null && break; sleep 0.1; done
grep -q '^records:' "$log" || { cat "$log"; echo "oms-dev did not start" >&2; exit 1; }
OMS_DEV_URL="http://127.0.0.1:$WASM_OMS_PORT" OMS_DEV_TOKEN="$(sed -n 's/^token: //p' "$log")" \
  cargo test -p discrepancy-admin --target wasm32-unknown-unknown --test components
cleanup; pids=()

step "3/4 release build and first-load size"
trunk build --release
node tests/size/first-load.mjs dist

step "4/4 end-to-end (Playwright, Debian chromium)"
OMS_DEV_BIN=target/debug/oms-dev DIST_DIR=dist node --test --test-concurrency=1 tests/e2e/
