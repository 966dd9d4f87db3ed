#!/usr/bin/env bash
# `make bench-insights`: the insights page against oms-dev at 1,000,000 records
# (tests/bench/insights-bench.mjs, not part of `make test`) on a release build of the app
# and a release oms-dev; arguments pass through.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-tools.sh
source scripts/env.sh
trunk build --release
cargo build -p oms-dev --release
node tests/bench/insights-bench.mjs --dist dist --oms-dev target/release/oms-dev "$@"
