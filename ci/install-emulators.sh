#!/usr/bin/env bash
# Installs the emulators the suite is run against, at the versions their baselines
# (fixtures/baselines/<target>/<version>.yaml) were recorded with, each in its own virtual environment
# under the tools cache (<tools>/<name>-<version>), where the moto and ministack targets look for them
# (the newest version there, unless IAM_CONFORMANCE_MOTO_SERVER / IAM_CONFORMANCE_MINISTACK names
# another). Skips what is already there.
#
#   bash ci/install-emulators.sh              # the newest pinned versions (what CI runs)
#   MOTO_VERSION=5.2.1 bash ci/install-emulators.sh   # an older one beside them, to run it again
set -euo pipefail
TOOLS="${IAM_CONFORMANCE_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/iam-conformance}"
PYTHON="${PYTHON:-python3}"

# The newest releases on PyPI when these were last checked (ministack 1.5.33 is still its newest).
MOTO_VERSION="${MOTO_VERSION:-5.2.5}"
MINISTACK_VERSION="${MINISTACK_VERSION:-1.5.33}"

install() { # name requirement version-module
  local dir="$TOOLS/$1-$3" requirement="$2"
  if [ -x "$dir/bin/python" ] && "$dir/bin/python" -c "import importlib.metadata as m, sys; sys.exit(m.version('$1') != '$3')" 2>/dev/null; then
    echo "$1 $3 already in $dir"
    return
  fi
  rm -rf "$dir"
  "$PYTHON" -m venv "$dir"
  "$dir/bin/pip" install --quiet --disable-pip-version-check "$requirement"
  echo "$1 $3 installed in $dir"
}

install moto "moto[server]==$MOTO_VERSION" "$MOTO_VERSION"
install ministack "ministack==$MINISTACK_VERSION" "$MINISTACK_VERSION"
