#!/usr/bin/env bash
# Runs every check Withme has, in the order a failure is cheapest to find:
# format, lints, native tests, browser tests of the adapters, release build, size, end-to-end.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/env.sh

step() { printf '\n==> %s\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (native and wasm32), warnings are errors"
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy -p withme --all-targets --target wasm32-unknown-unknown -- -D warnings
cargo clippy -p withme --all-targets --target wasm32-unknown-unknown --features browser-json -- -D warnings

step "Native tests: the core's unit, property and golden-file tests"
cargo test --workspace

step "A classroom over a bad network: 200 seeds of 10,000 operations (release build)"
SIM_SEEDS=200 SIM_OPS=10000 cargo test --release -p withme-core --test simulation

step "What one operation costs the authority (reported, never a failure)"
cargo run --release -q -p withme-core --example authority_cost 5000 \
  || echo "    the cost could not be measured; this does not fail the tests"

step "Browser tests of the storage, window-channel and JSON-reading adapters (wasm-bindgen-test, headless Chromium)"
cargo test -p withme --target wasm32-unknown-unknown --test storage --test records --test window_channel
cargo test -p withme --target wasm32-unknown-unknown --features browser-json --test browser_json

step "Release build"
scripts/build.sh

step "Bundle size"
scripts/size.sh

step "End-to-end tests (Playwright, Chromium)"
npx playwright test -c tests/e2e

step "Interaction timings (reported, never a failure)"
timeout 900 node scripts/bench.mjs --runs 5 || echo "    the benchmark could not run; this does not fail the tests"

step "Live lessons under load: 10 lessons × 31 devices, against a plain relay (reported, never a failure)"
timeout 600 cargo run --release -q -p withme-server --example load -- --lessons 10 --rate 2 --seconds 30 \
  || echo "    the load could not run; this does not fail the tests"
