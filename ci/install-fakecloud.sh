#!/usr/bin/env bash
# Builds fakecloud (a Rust emulator on crates.io) into the tools cache, where `--target fakecloud` looks
# for it: <tools>/fakecloud-<version>/bin/fakecloud. Skips the build when that binary already reports the
# version. The build compiles about 130 crates: 44 to 80 minutes on 2 cores, so CI runs it only when
# asked (IAM_CONFORMANCE_CI_FAKECLOUD=1) and otherwise uses a binary already in the cache.
#
#   bash ci/install-fakecloud.sh            # 0.51.0, the version the target is written for
#   FAKECLOUD_VERSION=0.52.0 bash ci/install-fakecloud.sh
#
# Needs cargo (Debian: apt-get install cargo; or rustup). Prints the binary's path.
set -euo pipefail
TOOLS="${IAM_CONFORMANCE_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/iam-conformance}"
FAKECLOUD_VERSION="${FAKECLOUD_VERSION:-0.51.0}"
ROOT="$TOOLS/fakecloud-$FAKECLOUD_VERSION"
BIN="$ROOT/bin/fakecloud"

if [ -x "$BIN" ] && [ "$("$BIN" --version 2>/dev/null | awk '{print $NF}')" = "$FAKECLOUD_VERSION" ]; then
  echo "fakecloud $FAKECLOUD_VERSION already in $ROOT" >&2
  echo "$BIN"
  exit 0
fi
command -v cargo >/dev/null || { echo "cargo is needed to build fakecloud (apt-get install cargo, or rustup)" >&2; exit 1; }
mkdir -p "$TOOLS/logs"
LOG="$TOOLS/logs/fakecloud-$FAKECLOUD_VERSION-build.log"
echo "building fakecloud $FAKECLOUD_VERSION (log: $LOG)" >&2
start=$SECONDS
# --locked: the crate's own Cargo.lock, so the build is the one its maintainers tested.
# --target-dir in the cache: an interrupted build (Ctrl-C, a CI job's time limit) resumes where it
# stopped instead of compiling every crate again.
cargo install --locked fakecloud --version "$FAKECLOUD_VERSION" --root "$ROOT" --target-dir "$ROOT/build" >"$LOG" 2>&1 \
  || { tail -20 "$LOG" >&2; exit 1; }
echo "fakecloud $FAKECLOUD_VERSION built in $((SECONDS - start)) s" >&2
rm -rf "$ROOT/build"   # a few GB of intermediate files, no longer needed
"$BIN" --version >&2
echo "$BIN"
