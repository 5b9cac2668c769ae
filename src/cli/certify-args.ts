import { CliError, EXIT } from '../exit-codes.ts';

/**
 * What a certification cannot be combined with: a filter would certify part of the suite, a baseline
 * would excuse failures, other specs or seeds would judge by cases no released suite has. Refused whether
 * or not this version of `run` knows the flag, so a filter added later cannot slip through.
 */
const REFUSED_FLAGS: Record<string, string> = {
  id: 'a certification runs every case',
  operation: 'a certification runs every case',
  family: 'a certification runs every case',
  tag: 'a certification runs every case',
  shard: 'a certification runs every case in one run',
  'rerun-failed': 'a certification runs every case',
  baseline: 'a certification never applies a baseline',
  list: 'to see the cases, use iam-conformance expand',
  specs: "a certification runs the suite's own specs (their digest must be a released version's)",
  seed: "a certification runs the suite's own cases (their digest must be a released version's)",
  'report-dir': 'the bundle goes to --out DIR',
  'show-secrets': 'a bundle is published: it never holds passwords',
};

/** Environment variables that would do the same as a refused flag. */
const REFUSED_ENV: Record<string, string> = {
  IAM_CONFORMANCE_IDS: REFUSED_FLAGS.id!,
  IAM_CONFORMANCE_OPERATIONS: REFUSED_FLAGS.operation!,
  IAM_CONFORMANCE_FAMILIES: REFUSED_FLAGS.family!,
  IAM_CONFORMANCE_TAGS: REFUSED_FLAGS.tag!,
  IAM_CONFORMANCE_SHARD: REFUSED_FLAGS.shard!,
  IAM_CONFORMANCE_RERUN_FAILED: REFUSED_FLAGS['rerun-failed']!,
  IAM_CONFORMANCE_BASELINE: REFUSED_FLAGS.baseline!,
  IAM_CONFORMANCE_SPECS: REFUSED_FLAGS.specs!,
  IAM_CONFORMANCE_SEED: REFUSED_FLAGS.seed!,
  IAM_CONFORMANCE_SHOW_SECRETS: REFUSED_FLAGS['show-secrets']!,
};

export interface CertifyArgs {
  help: boolean;
  product?: string;
  out?: string;
  /** Everything else: the target, client and patience settings, handed to the run as given. */
  runArgs: string[];
}

const usage = (message: string) => new CliError(`certify: ${message} (see: iam-conformance certify --help)`, EXIT.usage);

/** Splits certify's own flags from the run's and refuses what a certification cannot take, in one line (exit 2). */
export function parseCertifyArgs(argv: string[], env: NodeJS.ProcessEnv): CertifyArgs {
  const result: CertifyArgs = { help: false, runArgs: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') {
      result.help = true;
      continue;
    }
    const m = /^--([^=]+)(?:=(.*))?$/.exec(arg);
    const flag = m?.[1];
    if (flag && flag in REFUSED_FLAGS) throw usage(`--${flag} is not allowed: ${REFUSED_FLAGS[flag]}`);
    if (flag === 'strict' && m![2] === undefined) continue; // a certification is strict anyway
    if (flag === 'product' || flag === 'out') {
      const value = m![2] ?? argv[++i];
      if (value === undefined || value === '' || (m![2] === undefined && value.startsWith('--'))) throw usage(`--${flag} needs a value`);
      if (result[flag] !== undefined) throw usage(`--${flag} is given twice`);
      result[flag] = value;
      continue;
    }
    result.runArgs.push(arg);
  }
  if (result.help) return result;
  for (const [name, why] of Object.entries(REFUSED_ENV)) {
    if (env[name] !== undefined && env[name] !== '') throw usage(`${name} is set: ${why}; unset it`);
  }
  if (!result.product) throw usage('--product FILE is required (the product.yaml describing what is certified)');
  if (!result.out) throw usage('--out DIR is required (where the bundle goes)');
  return result;
}
