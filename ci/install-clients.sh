#!/usr/bin/env bash
# Installs the out-of-process clients the suite can run its cases through (--client boto3,
# --client aws-cli): boto3/botocore and the AWS CLI v1, pinned, in one virtual environment under the
# tools cache. No sudo, no global pip. The clients look for it there, or take IAM_CONFORMANCE_PYTHON.
# (awscli vendors its own botocore; the suite runs boto3 and the CLI in separate processes, so each
# uses the botocore it was released with: see docs/clients.md.)
set -euo pipefail
TOOLS="${IAM_CONFORMANCE_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/iam-conformance}"
PYTHON="${PYTHON:-python3}"

BOTO3_VERSION=1.44.8
BOTOCORE_VERSION=1.44.8
AWSCLI_VERSION=1.46.3
DIR="$TOOLS/clients-boto3-$BOTO3_VERSION-awscli-$AWSCLI_VERSION"

if [ -x "$DIR/bin/python" ] && "$DIR/bin/python" - <<PY 2>/dev/null
import importlib.metadata as m, sys
sys.exit(not (m.version('boto3') == '$BOTO3_VERSION' and m.version('awscli') == '$AWSCLI_VERSION'))
PY
then
  echo "boto3 $BOTO3_VERSION and awscli $AWSCLI_VERSION already in $DIR"
  exit 0
fi
rm -rf "$DIR"
"$PYTHON" -m venv "$DIR"
"$DIR/bin/pip" install --quiet --disable-pip-version-check \
  "boto3==$BOTO3_VERSION" "botocore==$BOTOCORE_VERSION" "awscli==$AWSCLI_VERSION"
echo "boto3 $BOTO3_VERSION and awscli $AWSCLI_VERSION installed in $DIR"
