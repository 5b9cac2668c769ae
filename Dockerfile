# iam-conformance as a container, for people who do not use Node:
#
#   docker build -t iam-conformance .
#   docker run --rm --network host -e AWS_ACCESS_KEY_ID -e AWS_SECRET_ACCESS_KEY -v "$PWD/reports:/work/reports" \
#     iam-conformance run --target endpoint --endpoint http://127.0.0.1:4566
#
# The image holds the packed package (what `npm install iam-conformance` installs, not the clone) and the
# Python clients (boto3 and the AWS CLI v1, pinned), so --client boto3 and --client aws-cli work in it.
# BASE is any Debian-based image with Node >= 22.22 and npm; CI builds one offline (ci/build-image.sh).
ARG BASE=node:24-bookworm-slim

# The package as npm would install it: built (prepack) and packed from the source.
FROM ${BASE} AS pack
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm pack --silent --pack-destination /tmp && mv /tmp/iam-conformance-*.tgz /tmp/iam-conformance.tgz

FROM ${BASE}
RUN apt-get update -qq \
  && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3 python3-venv ca-certificates >/dev/null \
  && rm -rf /var/lib/apt/lists/*
# The tools cache: the Python clients' virtual environment lives here, where the clients look for it.
ENV IAM_CONFORMANCE_TOOLS=/opt/iam-conformance
COPY ci/install-clients.sh /tmp/install-clients.sh
RUN bash /tmp/install-clients.sh && rm /tmp/install-clients.sh
COPY --from=pack /tmp/iam-conformance.tgz /tmp/iam-conformance.tgz
RUN npm install -g --no-audit --no-fund /tmp/iam-conformance.tgz && rm /tmp/iam-conformance.tgz
# Reports go to /work/reports/<target>/<client>/ unless --report-dir says otherwise: mount /work/reports.
WORKDIR /work
ENTRYPOINT ["iam-conformance"]
CMD ["--help"]
