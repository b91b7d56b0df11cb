#!/usr/bin/env bash
# Installs what is missing, builds the release app and serves it on localhost.
#   scripts/run.sh            serves on http://localhost:8080/
#   PORT=9000 scripts/run.sh  another port
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
exec node scripts/serve.mjs --port "${PORT:-8080}" --dir dist
