#!/usr/bin/env bash
# Installs the emulators the suite runs against, at pinned versions (those fixtures/baselines/moto.yaml
# and ministack.yaml are recorded with), each in its own Python virtual environment under the tools cache:
#   $TOOLS/moto-<version>/bin/moto_server    $TOOLS/ministack-<version>/bin/ministack
# which is where the moto and ministack targets look for them (src/targets/process.ts). Every dependency is
# pinned too. Skips what is already installed; then starts each on a free loopback port and checks that it
# answers IAM and resets (a second or two each; --no-verify skips that).
#
# Environment: IAM_CONFORMANCE_TOOLS (the tools cache), PYTHON (default python3; 3.11 tested).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=ci/lib.sh
. "$HERE/lib.sh"

MOTO_VERSION=5.2.1
MINISTACK_VERSION=1.5.33
PYTHON="${PYTHON:-python3}"

# The dependencies, as resolved on Python 3.11 when the baselines were recorded.
MOTO_PINS='
annotated-types==0.8.0
antlr4-python3-runtime==4.13.2
attrs==26.1.0
aws-xray-sdk==2.15.0
blinker==1.9.0
boto3==1.44.5
botocore==1.44.5
certifi==2026.10.18
cffi==2.1.1
cfn-lint==1.58.0
charset-normalizer==3.5.2
click==8.5.1
cryptography==50.0.2
docker==7.2.0
Flask==3.1.3
flask-cors==6.0.5
graphql-core==3.3.2
idna==3.20
itsdangerous==2.2.0
Jinja2==3.1.6
jmespath==1.1.0
joserfc==1.8.0
jsonpatch==1.47
jsonpath-ng==1.16.0
jsonpointer==3.12
jsonschema==4.26.0
jsonschema-path==0.5.0
jsonschema-specifications==2025.9.1
lazy-object-proxy==1.13.0
MarkupSafe==3.0.4
mpmath==1.3.0
networkx==3.6.1
openapi-schema-validator==0.9.0
openapi-spec-validator==0.9.0
pathable==0.6.0
py-partiql-parser==0.6.3
pycparser==3.12
pydantic==2.14.3
pydantic-settings==2.16.3
pydantic_core==2.50.4
pyparsing==3.3.3
python-dateutil==2.9.0.post0
python-dotenv==1.2.4
PyYAML==6.0.3
referencing==0.37.0
regex==2026.11.15
requests==2.34.2
responses==0.26.3
rfc3339-validator==0.1.4
rpds-py==2026.9.1
s3transfer==0.19.3
six==1.17.0
sympy==1.14.0
typing-inspection==0.4.5
typing_extensions==4.16.0
urllib3==2.8.0
Werkzeug==3.1.9
wrapt==2.5.2
xmltodict==1.0.4
'
MINISTACK_PINS='
botocore==1.43.106
defusedxml==0.7.1
graphql-core==3.2.12
h11==0.16.0
h2==4.4.1
hpack==4.2.0
Hypercorn==0.18.0
hyperframe==6.1.0
jmespath==1.1.0
jsonata-python==0.7.1
priority==2.0.0
python-dateutil==2.9.0.post0
PyYAML==6.0.3
six==1.17.0
urllib3==2.8.0
wsproto==1.3.2
'

VERIFY=1
for arg in "$@"; do
  case "$arg" in
    --no-verify) VERIFY="" ;;
    *) die "unknown argument: $arg (expected --no-verify)" ;;
  esac
done

installed_version() { # venv distribution
  [ -x "$1/bin/python" ] && "$1/bin/python" -c "import importlib.metadata as m; print(m.version('$2'))" 2>/dev/null
}

install() { # distribution version requirement pins
  local name=$1 version=$2 requirement=$3 pins=$4
  local dir="$TOOLS/$name-$version"
  if [ "$(installed_version "$dir" "$name" || true)" = "$version" ]; then
    log "$name $version already in $dir"
    return
  fi
  log "installing $requirement into $dir"
  rm -rf "$dir"
  mkdir -p "$TOOLS"
  "$PYTHON" -m venv "$dir" || die "$PYTHON -m venv failed (Debian: apt-get install python3-venv)"
  printf '%s\n' "$pins" | grep -v '^$' >"$dir/constraints.txt"
  "$dir/bin/pip" install --quiet --disable-pip-version-check --constraint "$dir/constraints.txt" "$requirement" \
    || { rm -rf "$dir"; die "pip install $requirement failed"; }
  [ "$(installed_version "$dir" "$name")" = "$version" ] || die "$name $version did not install"
  log "$name $version installed in $dir"
}

free_port() {
  "$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# IAM over the query protocol with a syntactically valid SigV4 header (dummy signature): moto routes a
# request to a service by the credential scope of its Authorization header (an unsigned POST / lands in
# S3), and neither emulator checks signatures by default.
iam() { # port query
  curl -fsS -X POST "http://127.0.0.1:$1/" \
    -H 'Content-Type: application/x-www-form-urlencoded' \
    -H 'X-Amz-Date: 20260101T000000Z' \
    -H 'Authorization: AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=0000000000000000000000000000000000000000000000000000000000000000' \
    --data "$2&Version=2010-05-08"
}

EMULATOR_PID=""
stop_emulator() {
  if [ -n "$EMULATOR_PID" ]; then
    kill "$EMULATOR_PID" 2>/dev/null || true
    wait "$EMULATOR_PID" 2>/dev/null || true
    EMULATOR_PID=""
  fi
}
trap 'status=$?; stop_emulator; exit $status' EXIT

check() { # name ready-path reset-path log command...
  local name=$1 ready=$2 reset=$3 logfile=$4 port started out
  shift 4
  port="$(free_port)"
  started=$SECONDS
  PORT=$port "$@" >"$logfile" 2>&1 &
  EMULATOR_PID=$!
  if ! wait_until 60 "$name to answer on port $port" curl -fsS "http://127.0.0.1:$port$ready"; then
    tail -20 "$logfile" >&2
    die "$name did not start"
  fi
  log "$name answers on 127.0.0.1:$port after $((SECONDS - started))s"
  iam "$port" 'Action=CreateUser&UserName=ci-check' >/dev/null || die "$name: IAM CreateUser failed"
  out="$(iam "$port" 'Action=ListUsers')" || die "$name: IAM ListUsers failed"
  grep -q '<UserName>ci-check</UserName>' <<<"$out" || die "$name: ListUsers does not list the user just created: $out"
  curl -fsS -X POST "http://127.0.0.1:$port$reset" >/dev/null || die "$name: POST $reset failed"
  out="$(iam "$port" 'Action=ListUsers')" || die "$name: IAM ListUsers after reset failed"
  if grep -q '<UserName>ci-check</UserName>' <<<"$out"; then die "$name: POST $reset did not reset IAM"; fi
  stop_emulator
  log "$name: IAM CreateUser/ListUsers and $reset work"
}

install moto "$MOTO_VERSION" "moto[server]==$MOTO_VERSION" "$MOTO_PINS"
install ministack "$MINISTACK_VERSION" "ministack==$MINISTACK_VERSION" "$MINISTACK_PINS"

if [ -n "$VERIFY" ]; then
  LOGS="$(mktemp -d "${TMPDIR:-/tmp}/iam-conformance-emulators.XXXXXX")"
  MOTO="$TOOLS/moto-$MOTO_VERSION/bin/moto_server"
  MINISTACK="$TOOLS/ministack-$MINISTACK_VERSION/bin/ministack"
  # shellcheck disable=SC2016 # expanded by the inner shell, where PORT is set
  check moto /moto-api/ /moto-api/reset "$LOGS/moto.log" sh -c 'exec "$0" -H 127.0.0.1 -p "$PORT"' "$MOTO"
  # shellcheck disable=SC2016
  check ministack /_ministack/health /_ministack/reset "$LOGS/ministack.log" \
    sh -c 'GATEWAY_PORT="$PORT" BIND_HOST=127.0.0.1 LOG_LEVEL=WARNING exec "$0"' "$MINISTACK"
  rm -rf "$LOGS"
fi
