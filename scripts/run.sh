#!/usr/bin/env bash
# Installs what is missing, builds the release app and the Withme server, and runs the server on
# localhost: it serves the app and runs live lessons, kept in an embedded SQLite database.
#   scripts/run.sh                       http://localhost:8080/, lessons kept in withme.sqlite
#   PORT=9000 scripts/run.sh             another port
#   WITHME_DB=/srv/withme.sqlite scripts/run.sh   another database
# For tablets on the school network, run target/release/withme-server with
#   --addr 0.0.0.0:8080 --origin http://<this computer's address>:8080
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
exec target/release/withme-server --addr "127.0.0.1:${PORT:-8080}" --dist dist \
  --db "${WITHME_DB:-withme.sqlite}"
