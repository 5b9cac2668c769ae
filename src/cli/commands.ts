export interface Command {
  summary: string;
  run(args: string[]): Promise<number>;
}

// Commands load lazily: `validate` should not pay for vitest, nor `run` for the HTTP server.
export const COMMANDS: Record<string, Command> = {
  run: {
    summary: 'run the conformance cases against a target (default: the in-process mock)',
    run: async (args) => (await import('./run.ts')).runCommand(args),
  },
  expand: {
    summary: 'print the expanded cases as JSON (the same bytes on every run; --digest for their sha256)',
    run: async (args) => (await import('./expand.ts')).expandCommand(args),
  },
  validate: {
    summary: 'check the spec files (and, with --model, against the IAM Smithy model)',
    run: async (args) => (await import('./validate.ts')).validateCommand(args),
  },
  baseline: {
    summary: 'write a baseline of known failures from a report, for run --baseline',
    run: async (args) => (await import('./baseline.ts')).baselineCommand(args),
  },
  compare: {
    summary: 'list the cases whose outcome differs between reports (targets, SDK versions)',
    run: async (args) => (await import('./compare.ts')).compareCommand(args),
  },
  cleanup: {
    summary: 'remove what runs against a real AWS account left behind (dry run unless --yes)',
    run: async (args) => (await import('./cleanup.ts')).cleanupCommand(args),
  },
  'merge-reports': {
    summary: 'join the reports of the shards of a run (run --shard I/N) into one, in every format',
    run: async (args) => (await import('./merge-reports.ts')).mergeReportsCommand(args),
  },
  matrix: {
    summary: 'cases x reports (targets, versions, clients) as matrix.html or matrix.md, rows grouped by cause',
    run: async (args) => (await import('./matrix.ts')).matrixCommand(args),
  },
  'mock-server': {
    summary: 'serve the reference emulator over HTTP for any client',
    run: async (args) => (await import('./mock-server.ts')).mockServerCommand(args),
  },
  certify: {
    summary: 'run the whole suite strictly and write a certification bundle to publish (docs/certify.md)',
    run: async (args) => (await import('./certify.ts')).certifyCommand(args),
  },
  'verify-bundle': {
    summary: 'check a certification bundle offline: checksums, cases, counts, result',
    run: async (args) => (await import('./verify-bundle.ts')).verifyBundleCommand(args),
  },
};

export function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  return [
    'iam-conformance: conformance tests for AWS IAM, against any IAM implementation',
    '',
    'Usage: iam-conformance <command> [options]      (iam-conformance <command> --help for its options)',
    '       iam-conformance --version                (the package, suite version and spec digest)',
    '',
    ...Object.entries(COMMANDS).map(([n, c]) => `  ${n.padEnd(width)}  ${c.summary}`),
    '',
    'Start with: iam-conformance run     (the whole suite against the built-in reference emulator)',
    '            iam-conformance run --target endpoint --endpoint URL   (an IAM implementation of yours)',
    '',
    'Exit codes: 0 conformant (or exactly as the baseline says), 1 differences, 2 usage or spec error,',
    '            3 the run could not be carried out (target down, engine missing).',
    'Documentation: README.md and docs/ in the package folder (npm ls -p iam-conformance finds it).',
    '',
  ].join('\n');
}

/**
 * `iam-conformance --version`: the package's version, which is the suite's, and the spec digest of the
 * cases it holds (computed, as `expand --digest` does), checked against CHANGELOG.md's entry for it.
 */
export async function versionText(): Promise<string> {
  const { createRequire } = await import('node:module');
  const pkg = createRequire(import.meta.url)('../../package.json') as { name: string; version: string };
  const [{ selectCases }, { casesJson }, { specDigest }, { knownSuiteVersions }, { DEFAULT_SEED }] = await Promise.all([
    import('../run/select.ts'),
    import('./expand.ts'),
    import('../certify/checksums.ts'),
    import('../certify/changelog.ts'),
    import('../cases/expand.ts'),
  ]);
  const selection = await selectCases({ seed: DEFAULT_SEED, filter: {} });
  const digest = specDigest(casesJson(selection, DEFAULT_SEED));
  const listed = knownSuiteVersions().find((v) => v.version === pkg.version);
  const check = !listed
    ? `  (CHANGELOG.md has no entry for ${pkg.version})`
    : listed.digest === digest
      ? ''
      : `  (CHANGELOG.md lists ${listed.digest} for ${pkg.version}: the specs changed since)`;
  return `${pkg.name} ${pkg.version}\nsuite ${pkg.version}: ${selection.cases.length} cases, spec digest ${digest}${check}\n`;
}
