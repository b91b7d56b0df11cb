#!/usr/bin/env bash
# Builds the release app into dist/ (offline: Trunk uses the tools that setup.sh installed).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
trunk build --release --offline
