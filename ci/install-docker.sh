#!/usr/bin/env bash
# A container engine for the localstack target: Debian's docker.io, dockerd with the vfs storage driver
# (works where overlay file systems do not), started in the background when none answers.
# testcontainers cannot pull its Ryuk image here, so callers set TESTCONTAINERS_RYUK_DISABLED=true.
set -euo pipefail
if ! command -v dockerd >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io debootstrap >/dev/null
fi
command -v debootstrap >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
if ! docker info >/dev/null 2>&1; then
  LOG="${TMPDIR:-/tmp}/iam-conformance-dockerd.log"
  nohup dockerd --storage-driver=vfs >"$LOG" 2>&1 &
  for _ in $(seq 1 60); do
    docker info >/dev/null 2>&1 && break
    sleep 1
  done
  docker info >/dev/null 2>&1 || { echo "dockerd did not start; its log:"; tail -20 "$LOG"; exit 1; }
fi
docker info --format 'container engine: {{.ServerVersion}} ({{.Driver}})'
