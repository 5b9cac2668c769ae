#!/usr/bin/env bash
# Installs Node 24 from the npm registry (the machines' own Node is too old) into the tools cache,
# unless it is already there, and prints the directory to put first on PATH.
set -euo pipefail
TOOLS="${IAM_CONFORMANCE_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/iam-conformance}"
DIR="$TOOLS/node24"
BIN="$DIR/node_modules/.bin"
if [ ! -x "$BIN/node" ] || ! "$BIN/node" -e 'process.exit(process.versions.node.split(".")[0] === "24" ? 0 : 1)' 2>/dev/null; then
  mkdir -p "$DIR"
  npm install --prefix "$DIR" --no-audit --no-fund --silent node@24 >&2
fi
"$BIN/node" --version >&2
echo "$BIN"
