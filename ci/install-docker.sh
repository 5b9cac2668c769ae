#!/usr/bin/env bash
# Makes a Docker engine answer, for the localstack target (testcontainers) and the image build:
#  - an engine that already answers `docker info` is used as it is;
#  - else Debian's docker.io is installed when dockerd is missing, and `dockerd --storage-driver=vfs`
#    (vfs works where overlay file systems do not) is started in the background, detached from this
#    script, logging to $IAM_CONFORMANCE_TOOLS/dockerd.log; then it waits until `docker info` answers.
# The engine is left running for the steps after it. No registry is reachable: testcontainers cannot pull
# its Ryuk image, so callers set TESTCONTAINERS_RYUK_DISABLED=true and remove their own containers.
# Needs root.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=ci/lib.sh
. "$HERE/lib.sh"

engine() { docker info --format 'Docker engine {{.ServerVersion}} ({{.Driver}} storage, {{.NCPU}} CPUs) answers' 2>/dev/null; }

if engine >&2; then exit 0; fi
[ "$(id -u)" = 0 ] || die "no Docker engine answers, and starting one needs root"

# docker.io brings dockerd, containerd, runc, iptables and a client (a client of its own may already be
# on PATH, as /usr/local/bin/docker is on some machines; it talks to this engine too).
command -v dockerd >/dev/null || apt_install docker.io
command -v docker >/dev/null || die "docker.io is installed but no docker client is on PATH"

if pgrep -x dockerd >/dev/null; then
  log "a dockerd is running (pid $(pgrep -x dockerd | tr '\n' ' ')) but does not answer yet: waiting for it"
else
  mkdir -p "$TOOLS"
  LOG="$TOOLS/dockerd.log"
  log "starting dockerd --storage-driver=vfs (log: $LOG)"
  setsid nohup dockerd --storage-driver=vfs >>"$LOG" 2>&1 </dev/null &
  log "dockerd pid $!"
fi
if ! wait_until 90 "the Docker engine" docker info; then
  [ -n "${LOG:-}" ] && tail -30 "$LOG" >&2
  die "the Docker engine did not come up"
fi
engine >&2
