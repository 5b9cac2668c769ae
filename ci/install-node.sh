#!/usr/bin/env bash
# Installs Node from the npm registry (the machines' own Node 20 is too old) into the tools cache, unless
# that exact version is already there, and prints the directory to put first on PATH (stdout carries only
# that line; messages go to stderr):
#   export PATH="$(bash ci/install-node.sh):$PATH"
# Environment: IAM_CONFORMANCE_TOOLS (the tools cache; Node goes to $IAM_CONFORMANCE_TOOLS/node24),
# IAM_CONFORMANCE_NODE_DIR (another directory).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=ci/lib.sh
. "$HERE/lib.sh"

NODE_VERSION=24.21.0
DIR="${IAM_CONFORMANCE_NODE_DIR:-$TOOLS/node24}"
BIN="$DIR/node_modules/.bin"

current() { [ -x "$BIN/node" ] && "$BIN/node" --version 2>/dev/null; }

if [ "$(current || true)" != "v$NODE_VERSION" ]; then
  command -v npm >/dev/null || die "npm is needed to install Node $NODE_VERSION from the npm registry"
  log "npm install --prefix $DIR node@$NODE_VERSION"
  mkdir -p "$DIR"
  npm install --prefix "$DIR" --save-exact --no-audit --no-fund --loglevel=error "node@$NODE_VERSION" >&2 \
    || die "npm install node@$NODE_VERSION failed"
  [ "$(current || true)" = "v$NODE_VERSION" ] || die "$BIN/node is not v$NODE_VERSION after installing it"
fi
log "node $("$BIN/node" --version), npm $(PATH="$BIN:$PATH" npm --version 2>/dev/null || echo '?') in $BIN"
echo "$BIN"
