#!/usr/bin/env bash
# `make screenshots`: rebuilds the release app and oms-dev, then retakes the README's
# pictures in docs/screenshots/ from fixed data (tests/screenshots/readme.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-tools.sh
source scripts/env.sh
trunk build --release
cargo build -p oms-dev
OMS_DEV_BIN=target/debug/oms-dev DIST_DIR=dist node tests/screenshots/readme.mjs
