#!/usr/bin/env bash
# The container recipe, proved: builds the Dockerfile the offline way (ci/build-image.sh), then runs the
# image as its README line says - the whole suite on the embedded mock (exit 0), and GetLoginProfile
# through boto3 and the AWS CLI inside it (the Python clients travel in the image). Reports land in a
# mounted folder, as users mount theirs.
#
#   bash ci/test-image.sh
set -euo pipefail
cd "$(dirname "$0")/.."
IMAGE="$(bash ci/build-image.sh)"
OUT="$(mktemp -d "${TMPDIR:-/tmp}/iam-conformance-image.XXXXXX")"
trap 'rm -rf "$OUT"' EXIT
in_image() { docker run --rm --network host -v "$OUT:/work/reports" "$IMAGE" "$@"; }

in_image --version
in_image run --quiet
test -s "$OUT/mock/js-sdk/report.json" || { echo "the image wrote no report.json to the mounted folder"; exit 1; }
for client in boto3 aws-cli; do
  in_image run --quiet --client "$client" --operation GetLoginProfile
  test -s "$OUT/mock/$client/report.json" || { echo "no report.json for $client"; exit 1; }
done
echo "image $IMAGE: the suite ran on the mock through js-sdk, boto3 and aws-cli"
