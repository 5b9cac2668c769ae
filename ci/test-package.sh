#!/usr/bin/env bash
# The packaging test: the package as users get it. `npm pack`, then in a scratch project outside the clone
# (no access to the repository's files) `npm install <tarball>`, and from there: --version, the whole suite
# on the mock (exit 0, and the same verdict on every case as the clone's own run of the source), moto held
# to its committed baseline (the baselines travel in the package), certify + verify-bundle, the API
# imported by name (JavaScript and TypeScript), on Node 22 (the oldest supported) and Node 24.
#
#   bash ci/test-package.sh            # both Nodes; moto from the tools cache (ci/install-emulators.sh)
#   NODES=24 bash ci/test-package.sh   # one
set -euo pipefail
cd "$(dirname "$0")/.."
CLONE="$PWD"
TOOLS="${IAM_CONFORMANCE_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/iam-conformance}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/iam-conformance-package.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
step() { echo "-- $*"; }

npm pack --silent --pack-destination "$WORK" >/dev/null
TARBALL="$(ls "$WORK"/iam-conformance-*.tgz)"
step "packed $(basename "$TARBALL"): $(du -k "$TARBALL" | cut -f1) kB, $(tar tzf "$TARBALL" | wc -l) files"
if tar tzf "$TARBALL" | grep -E '^package/(test|\.ci|ci|scripts|src|docs/images)/'; then
  echo "the tarball carries files it must not (above)"; exit 1
fi

# The clone's own run of the source, for the comparison below.
node bin/iam-conformance.js run --quiet --report-dir "$WORK/source-report" >/dev/null

node_dir() { # major -> the directory holding that Node's binary
  case "$1" in
    24) bash ci/install-node.sh ;;
    *) local d="$TOOLS/node$1"
       [ -x "$d/node_modules/.bin/node" ] || npm install --prefix "$d" --no-audit --no-fund --silent "node@$1" >&2
       echo "$d/node_modules/.bin" ;;
  esac
}

for major in ${NODES:-22 24}; do
  BIN="$(node_dir "$major")"
  P="$WORK/project-node$major"
  mkdir -p "$P"
  (
    export PATH="$BIN:$PATH"
    cd "$P"
    step "Node $(node --version): npm install the tarball into $P"
    npm init -y >/dev/null && npm pkg set type=module
    npm install --no-audit --no-fund --loglevel=error "$TARBALL" >/dev/null
    npx iam-conformance --version | tee version.txt
    grep -q "spec digest sha256:" version.txt

    step "the whole suite on the mock"
    npx iam-conformance run --quiet --report-dir reports/mock > run.log || { tail -20 run.log; exit 1; }
    tail -1 run.log
    step "the same verdicts as the source run, case by case"
    npx iam-conformance compare "$WORK/source-report/report.json" reports/mock/report.json > compare.txt || { cat compare.txt; exit 1; }
    tail -1 compare.txt

    step "moto, held to the baseline the package carries"
    # Three families (passwords, the account policy, roles): the baseline the package carries is proven
    # without the six minutes moto takes for the whole suite.
    npx iam-conformance run --target moto --baseline --family login-profiles --family password-policy --family roles --quiet --report-dir reports/moto > moto.log || { tail -20 moto.log; exit 1; }
    tail -1 moto.log

    step "certify + verify-bundle"
    printf 'vendor: Example Corp\nproduct: Example IAM\nversion: 1.0.0\nurl: https://iam.example.com\ncontact: conformance@example.com\n' > product.yaml
    npx iam-conformance certify --target mock --product product.yaml --out bundle --quiet > certify.log || { tail -20 certify.log; exit 1; }
    npx iam-conformance verify-bundle bundle

    step "the API, imported by name"
    node --input-type=module -e "
      import { run, expand, loadSpecs, compare, reportSchema, REPORT_SCHEMA_VERSION } from 'iam-conformance';
      const report = await run({ target: 'mock', operations: ['GetLoginProfile'] });
      const n = expand(loadSpecs()).filter((c) => c.operation === 'GetLoginProfile').length;
      if (report.summary.total !== n || report.summary.passed !== n) throw new Error('summary ' + JSON.stringify(report.summary) + ' for ' + n + ' cases');
      if (compare([{ label: 'a', report }, { label: 'b', report }]).differing.length !== 0) throw new Error('compare');
      if (reportSchema().properties.schemaVersion === undefined || report.schemaVersion !== REPORT_SCHEMA_VERSION) throw new Error('schema');
      console.log('run() resolved to a report of ' + report.summary.total + ' cases, all passed');
    "
    step "the API's types"
    npm install --no-audit --no-fund --loglevel=error typescript@7 @types/node >/dev/null
    cat > check.ts <<'TS'
import { run, type Report, type Case } from 'iam-conformance';
const report: Report = await run({ target: 'mock', operations: ['GetLoginProfile'] });
const total: number = report.summary.total;
const ids: string[] = report.cases.map((c) => c.id);
export const first: Case['id'] | undefined = ids[0];
export { total };
TS
    printf '{"compilerOptions":{"module":"nodenext","target":"es2023","strict":true,"noEmit":true,"types":["node"]},"files":["check.ts"]}\n' > tsconfig.json
    npx tsc -p .
    echo "types check"
  )
done
echo "packaging test passed"
