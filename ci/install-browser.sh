#!/usr/bin/env bash
# Installs Debian's chromium for the browser tests of report.html and matrix.html
# (test/e2e/browser/), unless it is there already. Playwright's own browser downloads are not used:
# playwright-core (a devDependency) drives this chromium through executablePath.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  /usr/bin/chromium --version >&2 || true
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO=sudo; fi
$SUDO apt-get update -qq >&2
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >&2
/usr/bin/chromium --version >&2
