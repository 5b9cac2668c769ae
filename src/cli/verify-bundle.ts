import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CliError, EXIT } from '../exit-codes.ts';
import { MANIFEST_FILE } from '../certify/files.ts';
import type { Manifest } from '../certify/manifest.ts';
import { verifyBundle } from '../certify/verify.ts';

export const VERIFY_BUNDLE_HELP = `iam-conformance verify-bundle DIR

Checks a certification bundle (what \`iam-conformance certify\` writes) offline, trusting nothing it can
recompute: every file matches SHA256SUMS and nothing is unlisted; report.json judged exactly the cases
of cases.json; cases.json's sha256 is the manifest's spec digest and a released suite version's
(CHANGELOG.md); the summary and the manifest's counts are what the cases add up to; nothing was
skipped; the result follows from the counts; PRODUCT.yaml is valid.

Exit: 0 valid; 1 invalid (every problem listed); 2 usage (no such folder).
`;

export async function verifyBundleCommand(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(VERIFY_BUNDLE_HELP);
    return EXIT.ok;
  }
  const flag = args.find((a) => a.startsWith('-'));
  if (flag) throw new CliError(`verify-bundle: unknown option ${flag} (see: iam-conformance verify-bundle --help)`, EXIT.usage);
  if (args.length !== 1) throw new CliError('verify-bundle: name one bundle folder: iam-conformance verify-bundle DIR', EXIT.usage);
  const dir = resolve(args[0]!);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new CliError(`verify-bundle: ${args[0]} is not a folder`, EXIT.usage);
  const problems = verifyBundle(dir);
  if (problems.length > 0) {
    process.stdout.write(`${args[0]}: NOT a valid certification bundle: ${problems.length} problem(s)\n${problems.map((p) => `  - ${p}\n`).join('')}`);
    return EXIT.differences;
  }
  const m = JSON.parse(readFileSync(join(dir, MANIFEST_FILE), 'utf8')) as Manifest;
  process.stdout.write(
    `${args[0]}: valid certification bundle: "${m.result}" for ${m.product.vendor} ${m.product.product} ${m.product.version}\n` +
      `  ${m.counts.total} cases (${m.counts.passed} passed, ${m.counts.failed} failed) by ${m.suite.name} ${m.suite.version}, spec digest ${m.specDigest}\n` +
      `  target ${m.target.name}${m.target.endpoint ? ` ${m.target.endpoint}` : ''}${m.target.version ? ` (version ${m.target.version})` : ''}, client ${m.client.name} ${m.client.version}, ${m.startedAt} to ${m.endedAt}\n`,
  );
  return EXIT.ok;
}
