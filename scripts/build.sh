#!/usr/bin/env bash
# Builds the release app into dist/ (offline: Trunk uses the tools that setup.sh installed), with
# brotli and gzip copies of its files, and the Withme server that serves them
# (target/release/withme-server).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
trunk build --release --offline
node scripts/precompress.mjs dist
cargo build --release -p withme-server
