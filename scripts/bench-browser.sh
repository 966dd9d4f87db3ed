#!/usr/bin/env bash
# `make bench-browser` and `make bench-insights`: a browser benchmark (tests/bench/
# ${BENCH}-bench.mjs, BENCH=browser by default; not part of `make test`) on a release build
# of the app and a release oms-dev; arguments pass through.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-tools.sh
source scripts/env.sh
trunk build --release
cargo build -p oms-dev --release
node "tests/bench/${BENCH:-browser}-bench.mjs" --dist dist --oms-dev target/release/oms-dev "$@"
