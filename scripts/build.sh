#!/usr/bin/env bash
# Builds the release app into dist/ (offline: Trunk uses the tools that setup.sh installed), with
# brotli and gzip copies of its files for the Withme server to send.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
trunk build --release --offline
node scripts/precompress.mjs dist
