# Sourced by the scripts: puts npm's wasm-opt before any older system one, so trunk
# --release picks binaryen 132, and tells the wasm test runner where chromedriver is.
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-120}"

# The wasm carries the source path of every place that can panic (core's panic locations).
# Without remapping, a crate's are this machine's paths (`$CARGO_HOME/registry/src/index…/crate/…`):
# crate-relative names keep them out of the
# bundle and make it smaller. Only the wasm target gets these flags, so host builds keep
# their cache.
wasm_remap="--remap-path-prefix=$PWD/="
for dir in "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/; do
  wasm_remap="$wasm_remap --remap-path-prefix=$dir="
done
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$wasm_remap"
unset wasm_remap dir
