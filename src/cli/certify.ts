import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { CliError, EXIT, signalExitCode } from '../exit-codes.ts';
import { formatSums, sha256Hex, specDigest } from '../certify/checksums.ts';
import { CASES_FILE, MANIFEST_FILE, PRODUCT_FILE, RUN_REPORT_FILES, SUMS_FILE } from '../certify/files.ts';
import { buildManifest } from '../certify/manifest.ts';
import { describeMissing, missingGroups } from '../certify/missing.ts';
import { countOpenQuestions, openQuestions } from '../certify/open-questions.ts';
import { ProductError, readProduct } from '../certify/product.ts';
import { countOutcomes, resultOf, type CertificationResult } from '../certify/result.ts';
import { verifyBundle } from '../certify/verify.ts';
import { readReport, ReportReadError } from '../report/read.ts';
import { planRun, PlanError } from '../run/plan.ts';
import { selectCases } from '../run/select.ts';
import { parseCertifyArgs } from './certify-args.ts';
import { casesJson } from './expand.ts';
import { runCommand } from './run.ts';

const pkg = createRequire(import.meta.url)('../../package.json') as { name: string; version: string };

export const CERTIFY_HELP = `iam-conformance certify --target T [target options] --product product.yaml --out DIR

Runs the whole suite in strict mode against the target and writes a certification bundle to DIR:
PRODUCT.yaml, ${RUN_REPORT_FILES.join(', ')}, cases.json (what \`expand\` prints), manifest.json
(suite version, spec digest, target, client, times, result, counts, open questions) and SHA256SUMS.
Anyone can check it offline with \`iam-conformance verify-bundle DIR\`. docs/certify.md has the procedure.

  --product FILE   the product certified: vendor, product, version, url, contact (required);
                   description, documentation (optional)
  --out DIR        where the bundle goes (a new or empty folder, or a previous bundle, replaced whole)

Every setting of \`run\` for the target, client and patience applies (iam-conformance run --help).
Refused (exit 2): --id, --operation, --tag, --shard, --rerun-failed, --baseline, --specs, --seed,
--list, --report-dir, --show-secrets, and their environment variables.

Exit: 0 certified; 1 not certified (differences from AWS); 2 usage or a bad product.yaml;
3 incomplete (cases that could not run or be judged, listed with how to provide what they need).
`;

const EXIT_FOR: Record<CertificationResult, number> = { certified: EXIT.ok, 'not certified': EXIT.differences, incomplete: EXIT.unavailable };

/** A folder certify may write the bundle to: absent, empty, or a previous bundle (it has a manifest). */
function checkOut(out: string): void {
  if (!existsSync(out)) {
    if (existsSync(dirname(out)) && !statSync(dirname(out)).isDirectory()) throw new CliError(`certify: --out ${out} cannot be created: ${dirname(out)} is a file`, EXIT.usage);
    return;
  }
  if (!statSync(out).isDirectory()) throw new CliError(`certify: --out ${out} is a file, not a folder`, EXIT.usage);
  if (readdirSync(out).length > 0 && !existsSync(join(out, MANIFEST_FILE))) {
    throw new CliError(`certify: --out ${out} is a folder with other files in it: name a new folder (a previous bundle is replaced, nothing else)`, EXIT.usage);
  }
}

/** Puts the finished bundle where it belongs in renames only: DIR holds the old bundle or the new one, never half of either. */
function moveIntoPlace(staged: string, out: string): void {
  if (!existsSync(out)) {
    renameSync(staged, out);
    return;
  }
  const old = `${staged}.old`;
  renameSync(out, old);
  renameSync(staged, out);
  rmSync(old, { recursive: true, force: true });
}

/**
 * `iam-conformance certify`: the whole suite, strict, no filter, no baseline, through the normal run
 * (its reports are copied as written), then the bundle staged in a temporary folder beside DIR and moved
 * into place whole. The result comes from the report's cases, never from the run's exit code alone.
 */
export async function certifyCommand(argv: string[]): Promise<number> {
  const args = parseCertifyArgs(argv, process.env);
  if (args.help) {
    process.stdout.write(CERTIFY_HELP);
    return EXIT.ok;
  }
  let product;
  try {
    product = readProduct(resolve(args.product!));
  } catch (e) {
    if (e instanceof ProductError) throw new CliError(`certify: ${args.product}: ${e.problems.join('; ')}`, EXIT.usage);
    throw e;
  }
  const out = resolve(args.out!);
  checkOut(out);
  // Every run setting checked before anything starts, in certify's words.
  mkdirSync(dirname(out), { recursive: true }); // --out may name a folder in a folder that is not there yet
  const staging = mkdtempSync(join(dirname(out), `.${basename(out)}.certify-`));
  const removeStaging = () => rmSync(staging, { recursive: true, force: true });
  process.once('exit', removeStaging); // an interrupted run ends the process: leave nothing behind
  // A signal before the run has its own handlers (which stop the target, then exit) ends certify here;
  // once they are there, they end the process and the exit hook above removes the staging folder.
  const onSignal = (signal: NodeJS.Signals) => {
    if (process.listenerCount(signal) > 1) return;
    process.stderr.write(`iam-conformance: ${signal}: certification stopped, no bundle written\n`);
    process.exit(signalExitCode(signal));
  };
  for (const s of ['SIGINT', 'SIGTERM'] as const) process.on(s, onSignal);
  try {
    const runArgs = ['--strict', '--report-dir', join(staging, 'run'), ...args.runArgs];
    let plan;
    try {
      plan = planRun(runArgs, process.env);
    } catch (e) {
      if (e instanceof PlanError) throw new CliError(`certify: ${e.message.replace('iam-conformance run --help', 'iam-conformance certify --help')}`, EXIT.usage);
      throw e;
    }
    const selection = await selectCases(plan);
    const cases = casesJson(selection, plan.seed);
    const startedAt = new Date();
    await runCommand(runArgs);
    const endedAt = new Date();

    let report;
    try {
      report = readReport(join(staging, 'run', 'report.json'));
    } catch (e) {
      if (e instanceof ReportReadError) throw new CliError(`certify: the run wrote no usable report, so there is nothing to certify: ${e.message}`, EXIT.unavailable);
      throw e;
    }
    const ran = new Set(report.cases.map((c) => c.id));
    const notRun = selection.cases.filter((c) => !ran.has(c.id)).map((c) => ({ id: c.id, outcome: 'error', reason: 'not run: the run ended before it' }));
    const result = resultOf(countOutcomes(report.cases), notRun.length === 0);
    const missing = missingGroups([...report.cases, ...notRun]);

    const bundle = join(staging, 'bundle');
    mkdirSync(bundle);
    const files = new Map<string, Buffer>();
    files.set(PRODUCT_FILE, Buffer.from(product.text));
    for (const name of RUN_REPORT_FILES) {
      const path = join(staging, 'run', name);
      if (!existsSync(path)) throw new CliError(`certify: the run did not write ${name}: no bundle written`, EXIT.unavailable);
      files.set(name, readFileSync(path));
    }
    files.set(CASES_FILE, Buffer.from(cases));
    const manifest = buildManifest({
      report,
      suite: { name: pkg.name, version: pkg.version },
      specDigest: specDigest(cases),
      product: product.product,
      startedAt,
      endedAt,
      result,
      missing,
      openQuestions: countOpenQuestions(openQuestions(selection.specs, selection.cases)),
      files: [...files.keys(), MANIFEST_FILE].sort(),
    });
    files.set(MANIFEST_FILE, Buffer.from(JSON.stringify(manifest, null, 2) + '\n'));
    for (const [name, content] of files) writeFileSync(join(bundle, name), content);
    writeFileSync(join(bundle, SUMS_FILE), formatSums(files));
    // A certified bundle must verify as anyone else will verify it: if not, this tool has a bug.
    if (result === 'certified') {
      const problems = verifyBundle(bundle);
      if (problems.length > 0) throw new Error(`the bundle does not verify: ${problems.join('; ')}`);
    }
    moveIntoPlace(bundle, out);

    const c = manifest.counts;
    const line = `${c.total} cases: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped, ${c.errored} errored, ${c.clientRejected} client-rejected`;
    process.stdout.write(`\n${result.toUpperCase()}: ${product.product.vendor} ${product.product.product} ${product.product.version} against ${manifest.target.name}${manifest.target.endpoint ? ` (${manifest.target.endpoint})` : ''}\n`);
    process.stdout.write(`  ${line}\n  suite ${pkg.name} ${pkg.version}, spec digest ${manifest.specDigest}, client ${manifest.client.name} ${manifest.client.version}\n`);
    if (missing.length > 0) process.stdout.write(`${result === 'incomplete' ? 'incomplete: ' : 'also '}not judged, and how to provide it:\n${describeMissing(missing)}\n`);
    process.stdout.write(`bundle: ${out} (the run's reports named above were staged; they are in the bundle now)\ncheck it: iam-conformance verify-bundle ${args.out}\n`);
    return EXIT_FOR[result];
  } finally {
    for (const s of ['SIGINT', 'SIGTERM'] as const) process.off(s, onSignal);
    process.off('exit', removeStaging);
    removeStaging();
  }
}
