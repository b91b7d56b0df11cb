# Sourced by the scripts: puts the project's tools first on PATH. wasm-opt must come from npm's
# binaryen (node_modules/.bin): Debian's older binaryen builds a module that fails to load.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$root/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
