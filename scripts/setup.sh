#!/usr/bin/env bash
# Installs everything Withme's build and tests use, and skips whatever is already installed at
# the right version. Safe to run again and again; scripts/run.sh and scripts/test.sh call it.
#
#   wasm32 target, Trunk, wasm-bindgen-cli (the version in Cargo.lock), npm packages
#   (wasm-opt from binaryen, Playwright, axe-core), Chromium and ChromeDriver.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=$(sed -n '/^name = "wasm-bindgen"$/{n;s/^version = "\(.*\)"$/\1/p;q}' Cargo.lock)

step() { printf '==> %s\n' "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

step "Rust target wasm32-unknown-unknown"
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi

step "Trunk $TRUNK_VERSION"
if ! trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION\$"; then
  echo "    installing (about 11 minutes on 2 cores)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

step "wasm-bindgen-cli $WASM_BINDGEN_VERSION (the version in Cargo.lock)"
if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION\$"; then
  echo "    installing (a few minutes)"
  # Not --locked: one of its locked dependencies is no longer published.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

step "npm packages (wasm-opt, terser, Playwright, axe-core, jsQR)"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

step "Chromium and ChromeDriver"
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium chromium-driver
fi

step "Tools ready"
