#!/usr/bin/env bash
# Builds the LocalStack image the localstack target runs in CI, locally, since no container registry is
# reachable: a minimal Debian root file system (debootstrap, the host's Debian release), Python 3 with
# a pinned localstack-core[runtime] and every dependency pinned, in a virtual environment at
# /opt/localstack, then `docker import` with the command @testcontainers/localstack's LocalstackContainer
# expects: LocalStack in the foreground printing to stdout ("Ready." when up), port 4566.
#
#   bash ci/build-localstack-image.sh            build unless the tag exists (then only says so)
#   bash ci/build-localstack-image.sh --verify   also start the image and call IAM on it (after a build,
#                                                this check always runs)
#   bash ci/build-localstack-image.sh --force    rebuild even when the tag exists
#
# Environment: IAM_CONFORMANCE_LOCALSTACK_IMAGE (tag; default iam-conformance/localstack:<version>),
# IAM_CONFORMANCE_TOOLS (cache of the Debian packages and pip downloads, for fast rebuilds),
# DEBIAN_SUITE / DEBIAN_MIRROR (default: the host's release, deb.debian.org). Needs root, a running
# Docker engine (ci/install-docker.sh) and about 2.5 GB of disk while building.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=ci/lib.sh
. "$HERE/lib.sh"

# Pinned: the version fixtures/baselines/localstack.yaml is recorded with. 4.14.0 is the last LocalStack
# release whose images start without an auth token; localstack-core 2026.x is not used here.
LOCALSTACK_VERSION=4.14.0
IMAGE="${IAM_CONFORMANCE_LOCALSTACK_IMAGE:-iam-conformance/localstack:$LOCALSTACK_VERSION}"
HOST_SUITE="$(. /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-}")"
SUITE="${DEBIAN_SUITE:-${HOST_SUITE:-bookworm}}"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"

# Every Python package in the image, pinned (found working with localstack-core 4.14.0 on Debian 12's
# Python 3.11). Letting pip resolve freely breaks it: cbor2 6 moved cbor2._decoder, pyOpenSSL >= 24.3
# removed X509.add_extensions (LocalStack's self-signed certificate), and twisted's TLS needs
# service-identity, which the runtime extra does not pull in.
PINS='
airspeed-ext==0.6.9
annotated-types==0.8.0
antlr4-python3-runtime==4.13.2
apispec==6.10.1
asn1crypto==1.5.1
attrs==26.1.0
aws-sam-translator==1.115.0
aws-xray-sdk==2.15.0
awscli==1.44.44
awscrt==0.38.1
boto3==1.42.54
botocore==1.42.54
cachetools==8.0.1
cbor2==5.9.0
certifi==2026.10.18
cffi==2.1.1
cfn-lint==1.58.0
charset-normalizer==3.5.2
click==8.5.1
colorama==0.4.6
constantly==23.10.4
crontab==1.0.5
cryptography==43.0.3
decorator==5.3.1
dill==0.3.6
dnslib==0.9.26
dnspython==2.9.2
docker==7.2.0
docutils==0.19
Events==0.5
graphql-core==3.3.2
grpcio==1.85.1
h11==0.16.0
h2==4.4.1
hpack==4.2.0
Hypercorn==0.18.0
hyperframe==6.1.0
hyperlink==21.0.0
idna==3.20
Incremental==24.11.0
isodate==0.7.2
Jinja2==3.1.6
jmespath==1.1.0
joserfc==1.5.0
jpype1==1.7.1
jsonpatch==1.47
jsonpath-ng==1.16.0
jsonpath-rw==1.4.0
jsonpointer==3.12
jsonschema==4.26.0
jsonschema-path==0.4.6
jsonschema-specifications==2025.9.1
kclpy-ext==3.1.3.post4
lazy-object-proxy==1.13.0
localstack-twisted==26.4.0
markdown-it-py==4.3.0
MarkupSafe==3.0.4
mdurl==0.1.2
more-itertools==11.2.1
moto-ext==5.1.54
mpmath==1.3.0
multipart==2.0.1
networkx==3.6.1
openapi-core==0.23.1
openapi-schema-validator==0.8.1
openapi-spec-validator==0.8.5
opensearch-protobufs==1.2.0
opensearch-py==3.2.0
packaging==26.3
pathable==0.5.0
plux==1.16.0
ply==3.11
priority==1.3.0
protobuf==7.36.2
psutil==7.2.2
py-partiql-parser==0.6.3
pyasn1==0.6.5
pyasn1_modules==0.4.2
pycparser==3.12
pydantic==2.13.5
pydantic-settings==2.16.3
pydantic_core==2.46.5
Pygments==2.21.0
pymongo==4.20.0
pyOpenSSL==24.2.1
pyparsing==3.3.3
python-dateutil==2.9.0.post0
python-dotenv==1.2.4
PyYAML==6.0.3
readerwriterlock==1.0.10
referencing==0.37.0
regex==2026.11.15
requests==2.34.2
requests-aws4auth==1.4.0
responses==0.26.3
rfc3339-validator==0.1.4
rich==15.0.0
rolo==0.8.9
rpds-py==2026.9.1
rsa==4.7.2
s3transfer==0.16.1
semver==3.1.1
service-identity==24.2.0
six==1.17.0
sympy==1.14.0
typing-inspection==0.4.5
typing_extensions==4.16.0
urllib3==2.8.0
Werkzeug==3.1.9
wrapt==2.5.2
wsproto==1.3.2
xmltodict==1.0.4
zope.interface==8.7
'

VERIFY=""
FORCE=""
for arg in "$@"; do
  case "$arg" in
    --verify) VERIFY=1 ;;
    --force) FORCE=1 ;;
    *) die "unknown argument: $arg (expected --verify or --force)" ;;
  esac
done

[ "$(id -u)" = 0 ] || die "building the image needs root (debootstrap, chroot)"
docker info >/dev/null 2>&1 || die "no Docker engine answers (run ci/install-docker.sh first)"

CONTAINER=""
WORK=""
cleanup() {
  local status=$?
  if [ -n "$CONTAINER" ]; then docker rm -f "$CONTAINER" >/dev/null 2>&1 || true; fi
  if [ -n "$WORK" ]; then remove_work; fi
  exit "$status"
}
# debootstrap mounts /proc (and more) inside the root file system and leaves them mounted when it is
# interrupted, and the pip cache is bind-mounted there: unmount everything under $WORK before removing
# it, and never cross into another file system while removing.
remove_work() {
  local m
  awk -v w="$WORK/" 'index($2, w) == 1 { print $2 }' /proc/mounts | sort -r | while read -r m; do
    umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true
  done
  rm -rf --one-file-system "$WORK"
  WORK=""
}
trap cleanup EXIT

build() {
  apt_install debootstrap
  local started=$SECONDS rootfs
  WORK="$(mktemp -d "${TMPDIR:-/tmp}/iam-conformance-localstack.XXXXXX")"
  rootfs="$WORK/rootfs"
  mkdir -p "$TOOLS/debootstrap/$SUITE" "$TOOLS/pip-cache"

  log "debootstrap $SUITE (minbase + python3, python3-venv, ca-certificates; .debs cached in $TOOLS/debootstrap/$SUITE)"
  debootstrap --variant=minbase --include=python3,python3-venv,ca-certificates \
    --cache-dir="$TOOLS/debootstrap/$SUITE" "$SUITE" "$rootfs" "$MIRROR" >"$WORK/debootstrap.log" 2>&1 \
    || { tail -30 "$WORK/debootstrap.log" >&2; die "debootstrap $SUITE failed"; }
  log "debootstrap done in $((SECONDS - started))s"

  # pip inside the root file system goes out the way the host's does: same resolver, same CA bundle
  # (the host's may carry a local certificate authority), and the host's pip cache for reruns.
  cp /etc/resolv.conf "$rootfs/etc/resolv.conf"
  cp /etc/ssl/certs/ca-certificates.crt "$rootfs/etc/ssl/certs/host-ca-bundle.crt"
  printf '%s\n' "$PINS" | grep -v '^$' >"$rootfs/tmp/constraints.txt"
  mkdir -p "$rootfs/root/.cache/pip"
  mount --bind "$TOOLS/pip-cache" "$rootfs/root/.cache/pip"

  log "pip install localstack-core[runtime]==$LOCALSTACK_VERSION (+ $(grep -c . "$rootfs/tmp/constraints.txt") pinned dependencies)"
  chroot "$rootfs" /usr/bin/env -i PATH=/usr/bin:/bin HOME=/root LANG=C.UTF-8 \
    PIP_CERT=/etc/ssl/certs/host-ca-bundle.crt PIP_DEFAULT_TIMEOUT=180 PIP_DISABLE_PIP_VERSION_CHECK=1 \
    sh -euc "python3 -m venv /opt/localstack
      /opt/localstack/bin/pip install --quiet --constraint /tmp/constraints.txt \
        'localstack-core[runtime]==$LOCALSTACK_VERSION' service-identity cbor2 pyopenssl
      /opt/localstack/bin/python -c 'import localstack.runtime.main, localstack.services.iam.provider'" \
    || die "pip install in the root file system failed"
  umount "$rootfs/root/.cache/pip"
  rm -rf "$rootfs/root/.cache" "$rootfs/tmp/constraints.txt" "$rootfs/etc/ssl/certs/host-ca-bundle.crt" \
    "$rootfs/var/cache/apt/archives/"*.deb "$rootfs/var/lib/apt/lists/"* \
    "$rootfs/usr/share/doc" "$rootfs/usr/share/man" "$rootfs/usr/share/info"
  : >"$rootfs/etc/resolv.conf"
  log "root file system ready in $((SECONDS - started))s ($(du -sh "$rootfs" | cut -f1))"

  log "docker import $IMAGE"
  tar -C "$rootfs" -c . | docker import \
    --change 'ENV PATH=/opt/localstack/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV LANG=C.UTF-8' \
    --change 'ENV PYTHONUNBUFFERED=1' \
    --change 'ENV GATEWAY_LISTEN=0.0.0.0:4566' \
    --change 'ENV LOCALSTACK_HOST=localhost.localstack.cloud:4566' \
    --change 'ENV DISABLE_EVENTS=1' \
    --change 'EXPOSE 4566' \
    --change 'WORKDIR /opt/localstack' \
    --change 'CMD ["/opt/localstack/bin/python", "-m", "localstack.runtime.main"]' \
    --message "localstack-core $LOCALSTACK_VERSION on Debian $SUITE, built by ci/build-localstack-image.sh" \
    - "$IMAGE" >/dev/null
  remove_work
  log "built $IMAGE in $((SECONDS - started))s"
}

iam_list_users() { # port
  curl -fsS -X POST "http://127.0.0.1:$1/" \
    -H 'Content-Type: application/x-www-form-urlencoded' \
    -H 'X-Amz-Date: 20260101T000000Z' \
    -H 'Authorization: AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=0000000000000000000000000000000000000000000000000000000000000000' \
    --data 'Action=ListUsers&Version=2010-05-08'
}

printed_ready() { # container: fails fast (exits) when the container has stopped
  if [ "$(docker inspect -f '{{.State.Running}}' "$1")" != true ]; then
    docker logs "$1" 2>&1 | tail -30 >&2
    die "the container of $IMAGE stopped before printing Ready"
  fi
  docker logs "$1" 2>&1 | grep '^Ready' >/dev/null
}

verify() {
  local started=$SECONDS port out health
  log "verify $IMAGE: start it, wait for Ready, call IAM ListUsers"
  CONTAINER="$(docker run -d -p 127.0.0.1::4566 "$IMAGE")"
  port="$(docker port "$CONTAINER" 4566/tcp | head -1 | sed 's/.*://')"
  if ! wait_until 300 "LocalStack to print Ready" printed_ready "$CONTAINER"; then
    docker logs "$CONTAINER" 2>&1 | tail -30 >&2
    die "$IMAGE did not print Ready"
  fi
  log "Ready after $((SECONDS - started))s (container start included)"
  health="$(curl -fsS "http://127.0.0.1:$port/_localstack/health")" || die "no answer on /_localstack/health"
  log "health: $(printf '%s' "$health" | python3 -c 'import json,sys; d=json.load(sys.stdin); print("version", d.get("version"), "edition", d.get("edition"), "iam", d.get("services", {}).get("iam"))')"
  out="$(iam_list_users "$port")" || { docker logs "$CONTAINER" 2>&1 | tail -30 >&2; die "IAM ListUsers failed"; }
  printf '%s' "$out" | grep -q '<ListUsersResponse' || die "unexpected ListUsers answer: $out"
  docker rm -f "$CONTAINER" >/dev/null
  CONTAINER=""
  log "verified $IMAGE in $((SECONDS - started))s"
}

if [ -z "$FORCE" ] && docker image inspect "$IMAGE" >/dev/null 2>&1; then
  log "$IMAGE already built"
else
  build
  VERIFY=1
fi
if [ -n "$VERIFY" ]; then verify; fi
