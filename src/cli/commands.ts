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
    'iam-conformance: conformance tests for the AWS IAM password APIs',
    '',
    'Usage: iam-conformance <command> [options]      (iam-conformance <command> --help for its options)',
    '',
    ...Object.entries(COMMANDS).map(([n, c]) => `  ${n.padEnd(width)}  ${c.summary}`),
    '',
    'Start with: iam-conformance run     (the whole suite against the built-in reference emulator)',
    '',
  ].join('\n');
}
