#!/usr/bin/env bash
# The action runs the suite from its own checkout (the tag the workflow names), as a clone does: Node runs
# the TypeScript itself, so only the runtime dependencies are installed. The Python clients only when used.
set -euo pipefail
cd "$GITHUB_ACTION_PATH"
npm ci --omit=dev --no-audit --no-fund --loglevel=error
case "${INPUT_CLIENT:-js-sdk}" in
  boto3* | aws-cli*) bash ci/install-clients.sh ;;
esac
