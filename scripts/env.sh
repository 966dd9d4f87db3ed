# Sourced by the scripts: puts npm's wasm-opt before any older system one, so trunk
# --release picks binaryen 132, and tells the wasm test runner where chromedriver is.
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-120}"
