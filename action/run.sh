#!/usr/bin/env bash
# The action's run step: the inputs (INPUT_*) as the CLI's flags, `run` (or `certify` with a product file),
# the report paths as step outputs, and the run's own exit code as the step's. The job summary and the
# annotations are written by the run itself (GITHUB_STEP_SUMMARY, GITHUB_ACTIONS).
set -uo pipefail
CLI="$GITHUB_ACTION_PATH/bin/iam-conformance.js"
DIR="${INPUT_REPORT_DIR:-iam-conformance-reports}"
args=(--target "${INPUT_TARGET:-mock}" --client "${INPUT_CLIENT:-js-sdk}")
[ -n "${INPUT_ENDPOINT:-}" ] && args+=(--endpoint "$INPUT_ENDPOINT")
[ -n "${INPUT_OPERATION:-}" ] && args+=(--operation "$INPUT_OPERATION")
if [ -n "${INPUT_PRODUCT:-}" ]; then
  command=(certify "${args[@]}" --product "$INPUT_PRODUCT" --out "$DIR")
else
  [ -n "${INPUT_BASELINE:-}" ] && args+=(--baseline "$INPUT_BASELINE")
  [ -n "${INPUT_SHARD:-}" ] && args+=(--shard "$INPUT_SHARD")
  command=(run "${args[@]}" --report-dir "$DIR")
fi
# Extra arguments split as a shell would split them (quotes respected), never evaluated.
if [ -n "${INPUT_ARGS:-}" ]; then
  eval "extra=($(printf '%s' "$INPUT_ARGS" | xargs printf '%q '))"
  command+=("${extra[@]}")
fi
echo "iam-conformance ${command[*]}"
node "$CLI" "${command[@]}"
code=$?
abs="$(cd "$DIR" 2>/dev/null && pwd || echo "$DIR")"
{
  echo "exit-code=$code"
  echo "report-dir=$abs"
  for f in report.json report.html report.md junit.xml; do
    [ -f "$abs/$f" ] || continue
    case "$f" in
      report.json) echo "report-json=$abs/$f" ;;
      report.html) echo "report-html=$abs/$f" ;;
      report.md) echo "report-md=$abs/$f" ;;
      junit.xml) echo "junit=$abs/$f" ;;
    esac
  done
} >> "${GITHUB_OUTPUT:-/dev/null}"
exit "$code"
