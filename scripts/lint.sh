#!/usr/bin/env bash
# Formatting and clippy, for the host (whole workspace) and for the app on wasm32.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo fmt --all --check
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy -p discrepancy-admin --target wasm32-unknown-unknown --all-targets -- -D warnings
