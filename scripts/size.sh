#!/usr/bin/env bash
# Prints the gzip size of the release bundle in dist/ (wasm, JS, CSS) against the budget.
# Build first (scripts/build.sh). Reports; never fails on the budget.
set -euo pipefail
cd "$(dirname "$0")/.."
BUDGET_KB=${BUDGET_KB:-250}
total=0
printf '%-8s %10s %10s  %s\n' part raw gzip file
for pattern in '*_bg.wasm' 'withme-*.js' '*.css'; do
  for file in dist/$pattern; do
    [ -f "$file" ] || continue
    raw=$(stat -c%s "$file")
    zipped=$(gzip -9 -c "$file" | wc -c)
    total=$((total + zipped))
    case "$file" in *.wasm) part=wasm ;; *.js) part=js ;; *) part=css ;; esac
    printf '%-8s %10d %10d  %s\n' "$part" "$raw" "$zipped" "$(basename "$file")"
  done
done
awk -v t="$total" -v b="$BUDGET_KB" 'BEGIN { printf "total gzip: %d bytes = %.1f KB (budget %d KB)\n", t, t / 1024, b }'
