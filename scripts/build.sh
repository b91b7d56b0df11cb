#!/usr/bin/env bash
# Builds the release apps (offline: Trunk uses the tools that setup.sh installed): the teacher's
# into dist/, then the Pupil app into dist/pupil/ and the Board app into dist/board/ (each Trunk
# build empties its own folder, so the teacher's goes first), their JavaScript minified, with
# brotli and gzip copies of their files (the Pupil and Board apps' stylesheets pruned to the
# rules they use), and the Withme server that serves them
# (target/release/withme-server).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
trunk build --release --offline
trunk build pupil.html --release --offline --dist dist/pupil --public-url /pupil/
trunk build board.html --release --offline --dist dist/board --public-url /board/
node scripts/minify.mjs dist
# A tablet's and a whiteboard's stylesheet keep only the rules their app can use (the Pupil
# app's page also carries the join form the server draws into it).
node scripts/prune-css.mjs dist/pupil crates/withme-server/src/join_page.rs
node scripts/prune-css.mjs dist/board
node scripts/precompress.mjs dist
cargo build --release -p withme-server
