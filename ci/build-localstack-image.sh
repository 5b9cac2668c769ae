#!/usr/bin/env bash
# Builds a LocalStack image locally, since no container registry is reachable here: a minimal Debian
# root file system (debootstrap), Python with a pinned localstack-core in a virtual environment, then
# `docker import` with the command LocalstackContainer expects (LocalStack in the foreground, printing
# "Ready." on stdout, port 4566). Skips the build when the tag already exists.
#
#   bash ci/build-localstack-image.sh            # the newest: localstack-core 2026.3.0 (LocalStack's own IAM)
#   bash ci/build-localstack-image.sh 4.14.0     # the last release whose IAM is moto's
#
# The image is tagged iam-conformance/localstack:<version> (IAM_CONFORMANCE_LOCALSTACK_IMAGE overrides).
set -euo pipefail
LOCALSTACK_VERSION="${1:-${LOCALSTACK_VERSION:-2026.3.0}}"
IMAGE="${IAM_CONFORMANCE_LOCALSTACK_IMAGE:-iam-conformance/localstack:$LOCALSTACK_VERSION}"
# The Debian release gives the image its Python. localstack-core 2026.x needs Python >= 3.13 (on 3.11 its
# PEP 695 generics do not import; on 3.12 `warnings.deprecated` is missing, and the runtime then says only
# "No component plugins found"): Debian 13 (trixie) ships python3 3.13, from the same mirror and archive
# keyring as the bookworm hosts, so debootstrap needs nothing new. A Python built from source or a
# python:3.13 image would need a compiler run or a registry; neither is worth it (or reachable) here.
# 4.14.0 stays on bookworm (Python 3.11), where its baseline was recorded.
case "$LOCALSTACK_VERSION" in
  4.*) DEFAULT_SUITE=bookworm ;;
  *) DEFAULT_SUITE=trixie ;;
esac
SUITE="${DEBIAN_SUITE:-$DEFAULT_SUITE}"
# The mirror apt is configured with on these machines (sources.list.d), which serves every Debian release.
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
TOOLS="${IAM_CONFORMANCE_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/iam-conformance}"
# Dependencies newer than the LocalStack release that break it: cbor2 6 moved cbor2._decoder;
# pyOpenSSL 24.3 removed X509.add_extensions, which LocalStack's self-signed certificate needs; its
# TLS server (twisted) also needs service_identity, which the runtime extra does not pull in.
CONSTRAINTS="'cbor2<6' 'pyopenssl<24.3' service_identity"

if docker image inspect "$IMAGE" >/dev/null 2>&1; then
  echo "$IMAGE already built"
  exit 0
fi
command -v debootstrap >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/localstack-rootfs.XXXXXX")"
ROOTFS="$WORK/rootfs"
cleanup() {
  for m in proc dev/pts dev; do umount "$ROOTFS/$m" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "debootstrap $SUITE"
debootstrap --variant=minbase --include=python3,python3-venv,ca-certificates "$SUITE" "$ROOTFS" "$MIRROR" >"$WORK/debootstrap.log" 2>&1 \
  || { tail -20 "$WORK/debootstrap.log"; exit 1; }

# pip inside the root file system goes out the way the host does: same resolver, same CA bundle.
cp /etc/resolv.conf "$ROOTFS/etc/resolv.conf"
cp /etc/ssl/certs/ca-certificates.crt "$ROOTFS/etc/ssl/certs/host-ca-bundle.crt"
mkdir -p "$TOOLS/pip-cache"
mkdir -p "$ROOTFS/root/.cache/pip"
mount --bind "$TOOLS/pip-cache" "$ROOTFS/root/.cache/pip"
trap 'umount "$ROOTFS/root/.cache/pip" 2>/dev/null || true; cleanup' EXIT

# A version with a pinned set (ci/localstack-<version>-constraints.txt) installs exactly that: no resolver
# backtracking, the same image on every build.
PINS=""
if [ -f "$(dirname "$0")/localstack-$LOCALSTACK_VERSION-constraints.txt" ]; then
  cp "$(dirname "$0")/localstack-$LOCALSTACK_VERSION-constraints.txt" "$ROOTFS/tmp/constraints.txt"
  PINS="-c /tmp/constraints.txt"
fi
echo "pip install localstack-core[runtime]==$LOCALSTACK_VERSION${PINS:+ (pinned)}"
chroot "$ROOTFS" /usr/bin/env -i PATH=/usr/bin:/bin HOME=/root PIP_CERT=/etc/ssl/certs/host-ca-bundle.crt \
  sh -c "python3 -m venv /opt/localstack && /opt/localstack/bin/pip install --quiet --disable-pip-version-check $PINS 'localstack-core[runtime]==$LOCALSTACK_VERSION' $CONSTRAINTS"
rm -f "$ROOTFS/tmp/constraints.txt"
umount "$ROOTFS/root/.cache/pip"
rm -f "$ROOTFS/etc/ssl/certs/host-ca-bundle.crt"
rm -rf "$ROOTFS/var/cache/apt/archives"/*.deb "$ROOTFS/var/lib/apt/lists"/*

echo "docker import $IMAGE"
tar -C "$ROOTFS" -c . | docker import \
  --change 'ENV PATH=/opt/localstack/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV GATEWAY_LISTEN=0.0.0.0:4566' \
  --change 'ENV LOCALSTACK_HOST=localhost.localstack.cloud:4566' \
  --change 'EXPOSE 4566' \
  --change 'CMD ["/opt/localstack/bin/python", "-m", "localstack.runtime.main"]' \
  - "$IMAGE" >/dev/null
echo "built $IMAGE"
