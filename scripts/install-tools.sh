#!/usr/bin/env bash
# Installs every tool the project needs, skipping what is already present, so it is cheap
# to run before each dev or test command. Nothing here downloads a prebuilt binary or a
# browser: Rust tools build from crates.io, chromium comes from Debian, wasm-opt from npm.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m[install]\033[0m %s\n' "$*"; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

missing_apt=()
command -v chromium >/dev/null 2>&1 || missing_apt+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing_apt+=(chromium-driver)
command -v node >/dev/null 2>&1 || missing_apt+=(nodejs npm)
if [ ${#missing_apt[@]} -gt 0 ]; then
  say "apt: ${missing_apt[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing_apt[@]}"
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "rustup target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
for component in rustfmt clippy; do
  rustup component list --installed | grep -q "^$component" || rustup component add "$component"
done

# trunk 0.22 needs a newer rustc than this project's toolchain; 0.21.14 is pinned.
if ! trunk --version 2>/dev/null | grep -q ' 0\.21\.14$'; then
  say "cargo install trunk 0.21.14 (first time: ~15 min on 2 cores)"
  cargo install trunk --version 0.21.14 --locked
fi

# wasm-bindgen-cli must be exactly the wasm-bindgen of Cargo.lock. Not --locked: one of its
# locked dependencies is no longer on the registry.
wb_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if ! wasm-bindgen --version 2>/dev/null | grep -q " $wb_version\$"; then
  say "cargo install wasm-bindgen-cli $wb_version"
  cargo install wasm-bindgen-cli --version "$wb_version"
fi

# npm: binaryen (wasm-opt 132; Debian's is too old for current rustc output),
# playwright-core (drives Debian's chromium; it downloads nothing), terser (the release
# build's minifier), framebus (the demo shell's message bus) and @axe-core/playwright (the
# accessibility audit).
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] \
  || [ ! -d node_modules/terser ] || [ ! -d node_modules/framebus ] \
  || [ ! -d node_modules/@axe-core/playwright ] \
  || ! node_modules/.bin/wasm-opt --version | grep -q 'version 132'; then
  say "npm ci (binaryen, playwright-core, terser, framebus, @axe-core/playwright)"
  npm ci --no-audit --no-fund
fi
