#!/usr/bin/env bash
# Prints ok=true when the runner's Node is one the suite supports (>= 22.22), for the action's output.
if command -v node >/dev/null && node -e '
  const [a, b] = process.versions.node.split(".").map(Number);
  process.exit(a > 22 || (a === 22 && b >= 22) ? 0 : 1)' 2>/dev/null; then
  echo ok=true
else
  echo ok=false
fi
