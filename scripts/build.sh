#!/usr/bin/env bash
# Builds the release apps (offline: Trunk uses the tools that setup.sh installed): the teacher's
# into dist/ and the Pupil app into dist/pupil/ (built second: each Trunk build empties its own
# folder), with brotli and gzip copies of their files, and the Withme server that serves them
# (target/release/withme-server).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
trunk build --release --offline
trunk build pupil.html --release --offline --dist dist/pupil --public-url /pupil/
node scripts/precompress.mjs dist
cargo build --release -p withme-server
