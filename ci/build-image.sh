#!/usr/bin/env bash
# Builds the Dockerfile here, where no container registry is reachable: its BASE (node:24-bookworm-slim
# for users) is made locally instead - Debian bookworm by debootstrap, with Node 24 from the tools cache
# (ci/install-node.sh) and npm from the npm registry - and `docker import`ed as iam-conformance/node-base.
# Then `docker build --build-arg BASE=...` runs the same Dockerfile users build. Prints the image's tag.
#
#   bash ci/build-image.sh            # iam-conformance:<package version>
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION="$(node -p 'require("./package.json").version')"
IMAGE="${IAM_CONFORMANCE_IMAGE:-iam-conformance:$VERSION}"
BASE="${IAM_CONFORMANCE_IMAGE_BASE:-iam-conformance/node-base:24-bookworm}"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
NODE_BIN="$(bash ci/install-node.sh)"

if ! docker image inspect "$BASE" >/dev/null 2>&1; then
  command -v debootstrap >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap; }
  WORK="$(mktemp -d "${TMPDIR:-/tmp}/node-base.XXXXXX")"
  trap 'rm -rf "$WORK"' EXIT
  ROOTFS="$WORK/rootfs"
  echo "debootstrap bookworm (the image's base)" >&2
  debootstrap --variant=minbase --include=ca-certificates bookworm "$ROOTFS" "$MIRROR" >"$WORK/debootstrap.log" 2>&1 \
    || { tail -20 "$WORK/debootstrap.log" >&2; exit 1; }
  # The host's trust store (with whatever CA its network needs), and Node and pip told to use it, as on
  # the host: npm, pip and apt in the build go out the way the host does.
  cp /etc/ssl/certs/ca-certificates.crt "$ROOTFS/etc/ssl/certs/ca-certificates.crt"
  install -m 0755 "$(readlink -f "$NODE_BIN/node")" "$ROOTFS/usr/local/bin/node"
  npm install --prefix "$WORK/npm" --no-audit --no-fund --silent npm@11 >&2
  mkdir -p "$ROOTFS/usr/local/lib/node_modules"
  cp -r "$WORK/npm/node_modules/npm" "$ROOTFS/usr/local/lib/node_modules/npm"
  ln -s ../lib/node_modules/npm/bin/npm-cli.js "$ROOTFS/usr/local/bin/npm"
  ln -s ../lib/node_modules/npm/bin/npx-cli.js "$ROOTFS/usr/local/bin/npx"
  rm -rf "$ROOTFS/var/cache/apt/archives"/*.deb
  echo "docker import $BASE" >&2
  tar -C "$ROOTFS" -c . | docker import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt' \
    --change 'ENV PIP_CERT=/etc/ssl/certs/ca-certificates.crt' \
    --change 'CMD ["node"]' - "$BASE" >/dev/null
fi
echo "docker build $IMAGE (BASE=$BASE)" >&2
# The classic builder uses the local base as it is (no registry lookup); the host's network reaches the
# Debian mirror, PyPI and the npm registry.
DOCKER_BUILDKIT=0 docker build --network host --build-arg "BASE=$BASE" -t "$IMAGE" . >"${TMPDIR:-/tmp}/iam-conformance-image-build.log" 2>&1 \
  || { tail -30 "${TMPDIR:-/tmp}/iam-conformance-image-build.log" >&2; exit 1; }
echo "$IMAGE"
