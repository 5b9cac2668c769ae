# shellcheck shell=bash
# Shared helpers for .ci/run and the ci/*.sh scripts. Source it; it turns on `set -euo pipefail`.
#
#   stage NAME CMD...   prints a header, runs CMD in the current shell (so functions may set variables),
#                       prints how long it took; a failing CMD ends the script (errexit) with a message
#                       naming the stage. At exit, a table of every stage's duration is printed.
#   die MSG...          prints "error: MSG" on stderr and exits 1.
#   log MSG...          prints a line on stderr, prefixed with the calling script's name.
#   apt_install PKG...  installs the Debian packages that are missing (apt-get update once per process).
#   wait_until SECONDS DESCRIPTION CMD...   retries CMD every half second until it succeeds or time is up.
#   TOOLS               the tools cache: ${IAM_CONFORMANCE_TOOLS:-$HOME/.cache/iam-conformance}.
set -euo pipefail

# shellcheck disable=SC2034 # used by the scripts that source this file
TOOLS="${IAM_CONFORMANCE_TOOLS:-$HOME/.cache/iam-conformance}"

log() { printf '[%s] %s\n' "$(basename "${0:-sh}")" "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

_STAGE_NAMES=()
_STAGE_SECONDS=()
_STAGE_CURRENT=""
_STAGE_STARTED=0

_stage_elapsed() { # seconds -> "1m05s" / "7s"
  local s=$1
  if ((s >= 60)); then printf '%dm%02ds' $((s / 60)) $((s % 60)); else printf '%ds' "$s"; fi
}

stage() {
  (($# >= 2)) || die "usage: stage NAME CMD..."
  local name=$1
  shift
  printf '\n==== %s ====  (%s)\n' "$name" "$(date -u +%H:%M:%S)"
  _STAGE_CURRENT=$name
  _STAGE_STARTED=$SECONDS
  "$@"
  local took=$((SECONDS - _STAGE_STARTED))
  _STAGE_NAMES+=("$name")
  _STAGE_SECONDS+=("$took")
  _STAGE_CURRENT=""
  printf '==== %s: done in %s\n' "$name" "$(_stage_elapsed "$took")"
}

stage_table() {
  local status=${1:-0} i total=0
  if ((${#_STAGE_NAMES[@]} == 0)) && [ -z "$_STAGE_CURRENT" ]; then return 0; fi
  printf '\n==== stage durations ====\n'
  for i in "${!_STAGE_NAMES[@]}"; do
    printf '  %-32s %8s\n' "${_STAGE_NAMES[$i]}" "$(_stage_elapsed "${_STAGE_SECONDS[$i]}")"
    total=$((total + _STAGE_SECONDS[i]))
  done
  if [ -n "$_STAGE_CURRENT" ]; then
    local took=$((SECONDS - _STAGE_STARTED))
    printf '  %-32s %8s  FAILED (exit %s)\n' "$_STAGE_CURRENT" "$(_stage_elapsed "$took")" "$status"
    total=$((total + took))
  fi
  printf '  %-32s %8s\n' "total" "$(_stage_elapsed "$total")"
}

_stage_on_exit() {
  local status=$?
  if [ -n "$_STAGE_CURRENT" ]; then
    printf '\nerror: stage "%s" failed (exit %s) after %s\n' "$_STAGE_CURRENT" "$status" \
      "$(_stage_elapsed $((SECONDS - _STAGE_STARTED)))" >&2
  fi
  stage_table "$status"
  exit "$status"
}
trap _stage_on_exit EXIT

_APT_UPDATED=""
apt_install() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  ((${#missing[@]} == 0)) && return 0
  [ "$(id -u)" = 0 ] || die "need root to install Debian packages: ${missing[*]}"
  if [ -z "$_APT_UPDATED" ]; then
    log "apt-get update"
    apt-get update -qq || die "apt-get update failed"
    _APT_UPDATED=1
  fi
  log "apt-get install ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || die "apt-get install ${missing[*]} failed"
}

wait_until() {
  local limit=$1 what=$2 deadline
  shift 2
  deadline=$((SECONDS + limit))
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || { log "timed out after ${limit}s waiting for $what"; return 1; }
    sleep 0.5
  done
}
