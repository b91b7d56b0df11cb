#!/usr/bin/env bash
# Prints the gzip size of each release app in dist/ (wasm, JS and CSS) against its budget: the
# teacher's app (dist/), the Pupil app (dist/pupil/) and the Board app (dist/board/). Build first (scripts/build.sh).
# Reports; never fails on a budget.
set -euo pipefail
cd "$(dirname "$0")/.."

report() { # name folder js-prefix budget-kb
  local name=$1 dir=$2 prefix=$3 budget=$4 total=0
  printf '\n%s (%s)\n' "$name" "$dir"
  printf '  %-6s %10s %10s  %s\n' part raw gzip file
  for pattern in "${prefix}-*_bg.wasm" "${prefix}-*.js" '*.css'; do
    for file in "$dir"/$pattern; do
      [ -f "$file" ] || continue
      local raw zipped part
      raw=$(stat -c%s "$file")
      zipped=$(gzip -9 -c "$file" | wc -c)
      total=$((total + zipped))
      case "$file" in *.wasm) part=wasm ;; *.js) part=js ;; *) part=css ;; esac
      printf '  %-6s %10d %10d  %s\n' "$part" "$raw" "$zipped" "$(basename "$file")"
    done
  done
  awk -v t="$total" -v b="$budget" -v n="$name" \
    'BEGIN { printf "  %s total gzip: %d bytes = %.1f KB (budget %s)\n", n, t, t / 1024, b }'
}

report "Teacher's app" dist withme "none; reported"
report "Pupil app" dist/pupil withme-pupil "120 KB"
report "Board app" dist/board withme-board "150 KB"
