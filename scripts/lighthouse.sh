#!/usr/bin/env bash
# Runs Lighthouse (mobile: slow 4G and 4× CPU slowdown, simulated and for a pupil's pages also
# applied; and desktop) on the release apps, served
# by the Withme server with brotli, and prints each page's performance score, LCP and total
# transfer. A report, never a failure. Build first (scripts/build.sh).
#
# Usage: scripts/lighthouse.sh   (fetches Lighthouse 12 with npx the first time)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
PORT=${PORT:-8096}
DB=$(mktemp -u /tmp/withme-lighthouse-XXXXXX.sqlite)
target/release/withme-server --addr "127.0.0.1:$PORT" --dist dist --db "$DB" > /dev/null 2>&1 &
SERVER=$!
trap 'kill $SERVER; rm -f "$DB"*' EXIT
sleep 1
OUT=$(mktemp -d)
for page in /join /lessons/none.1/pupil / /lessons/none.1; do
  forms=(mobile desktop)
  # A pupil's pages also on mobile with the network and CPU really slowed (DevTools), not only
  # simulated: Lighthouse's simulation takes the largest paint from an unthrottled load, in which
  # the Pupil app replaces the join page's early form before it is ever painted.
  case "$page" in /join | /lessons/*/pupil) forms+=(mobile-applied) ;; esac
  for form in "${forms[@]}"; do
    preset=()
    [ "$form" = desktop ] && preset=(--preset=desktop)
    [ "$form" = mobile-applied ] && preset=(--throttling-method=devtools)
    npx --yes lighthouse@12.8.2 "http://127.0.0.1:$PORT$page" --quiet --only-categories=performance \
      "${preset[@]}" --chrome-path="${CHROMIUM:-/usr/bin/chromium}" \
      --chrome-flags="--headless=new --no-sandbox --disable-gpu" \
      --output=json --output-path="$OUT/report.json" > /dev/null 2>&1 || { echo "$page $form: Lighthouse could not run"; continue; }
    node -e '
      const r = require(process.argv[1]);
      const a = r.audits;
      console.log(`${process.argv[2].padEnd(22)} ${process.argv[3].padEnd(15)} performance ${Math.round(r.categories.performance.score * 100)}` +
        `  LCP ${(a["largest-contentful-paint"].numericValue / 1000).toFixed(2)} s` +
        `  FCP ${(a["first-contentful-paint"].numericValue / 1000).toFixed(2)} s` +
        `  transfer ${(a["total-byte-weight"].numericValue / 1024).toFixed(0)} KB`);
    ' "$OUT/report.json" "$page" "$form"
  done
done
rm -rf "$OUT"
