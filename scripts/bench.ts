/**
 * npm run bench [-- --json] [-- --moto] [-- --client boto3|aws-cli|js-sdk@VERSION]
 *
 * (a) suite: the full conformance run against the mock, from a cold process to the written report
 *     (and again for one family's operations: the cost per case at two sizes);
 * (b) floor: the same cases through the same scheduler (src/run/direct.ts: setup, steps, teardown), the
 *     same in-process mock, client and concurrency, in as many cold processes as the suite has workers,
 *     and no test runner; beside it the wire floor (the raw Query client's signed requests handed
 *     straight to the emulator) and a one-case run with and without vitest (its fixed start-up);
 * (c) with --moto: cases per second against a local moto_server.
 * Prints the ratio a/b: the runner's overhead over the work itself.
 * With --client NAME: instead, the whole suite on the mock through js-sdk and through NAME, side by side.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { planRun } from '../src/run/plan.ts';
import { selectCases } from '../src/run/select.ts';
import { casesOfLane, laneConcurrency } from '../src/run/lanes.ts';
import type { Lane } from '../src/run/lanes.ts';
import { workerFlags } from '../src/run/vitest/project.ts';
import { runDirect } from '../src/run/direct.ts';
import { AWS_FIGURES, modelledAwsSeconds } from '../src/run/aws-model.ts';
import type { Report } from '../src/report/types.ts';
import { measure } from './process-usage.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
// The bench's own flags come before a `--`; what follows it (a floor child's) is the run's.
const argv = process.argv.slice(2);
const args = argv.includes('--') ? argv.slice(0, argv.indexOf('--')) : argv;
const runArgs = argv.includes('--') ? argv.slice(argv.indexOf('--') + 1) : [];
const json = args.includes('--json');
const withMoto = args.includes('--moto');
const CONCURRENCY = 32;
/** The family whose operations give the cost per case at the smaller size. */
const FAMILY = 'groups';
const ONE_CASE = 'GetLoginProfile/absent';

function runCli(cliArgs: string[]): Promise<{ code: number | null; ms: number }> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/iam-conformance.js'), ...cliArgs], { stdio: 'ignore', cwd: ROOT });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, ms: performance.now() - start }));
  });
}

/** The whole suite from a cold CLI process; CPU and peak memory of all its processes (scripts/process-usage.ts). */
async function suite(extra: string[] = []): Promise<{ cases: number; ms: number; requests: number; cpuSeconds: number; peakRssMiB: number; peakPssMiB: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'ic-bench-'));
  const u = await measure(process.execPath, [join(ROOT, 'bin/iam-conformance.js'), 'run', '--target', 'mock', '--quiet', '--report-dir', dir, '--concurrency', String(CONCURRENCY), ...extra], ROOT);
  if (u.code !== 0) throw new Error(`the suite run exited ${u.code}`);
  const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report;
  return { cases: report.summary.total, ms: u.wallMs, requests: report.summary.requests ?? NaN, cpuSeconds: u.cpuSeconds, peakRssMiB: u.peakRssMiB, peakPssMiB: u.peakPssMiB };
}

/**
 * The whole suite against a modelled real AWS, in both isolation modes: each run's requests counted on
 * the mock (the same cases, the raw client, no retries needed), then priced with src/run/aws-model.ts.
 */
async function modelled(): Promise<{ pooled: number; fresh: number; requestsPerCaseFresh: number }> {
  const out: Record<string, { seconds: number; perCase: number }> = {};
  for (const isolation of ['pooled', 'fresh']) {
    // At the aws target's concurrency, so that the pool is as large as it would be there.
    const { results, stats } = await runDirect(planRun(['--target', 'mock', '--serve', 'direct', '--client', 'query', '--isolation', isolation, '--concurrency', String(AWS_FIGURES.concurrency)], {}));
    out[isolation] = { seconds: modelledAwsSeconds(stats), perCase: stats.requests / results.length };
  }
  return { pooled: out.pooled!.seconds, fresh: out.fresh!.seconds, requestsPerCaseFresh: Number(out.fresh!.perCase.toFixed(2)) };
}

/**
 * The same cases, the same requests, no vitest: the one scheduler driven directly (src/run/direct.ts),
 * with the suite's target, client and concurrency. The floor the suite is measured against. With
 * `--lane I/N` (or `--lane account-wide`) only that lane's share, as one of the suite's workers runs it.
 */
async function floor(extra: string[], lane: Lane | undefined): Promise<{ cases: number; ms: number; requests: number }> {
  const start = performance.now();
  const plan = planRun(['--target', 'mock', '--concurrency', String(laneConcurrency(CONCURRENCY, lane)), ...extra], {});
  const all = await selectCases(plan);
  const { results, stats } = await runDirect(plan, { selection: { ...all, cases: casesOfLane(all.cases, lane) }, ...(lane ? { lane } : {}) });
  return { cases: results.length, ms: performance.now() - start, requests: stats.requests };
}

/** vitest's fixed cost: a cold CLI run of one case, to the written report. */
async function startup(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'ic-bench-one-'));
  const { code, ms } = await runCli(['run', '--target', 'mock', '--quiet', '--report-dir', dir, '--id', ONE_CASE]);
  if (code !== 0) throw new Error(`the one-case run exited ${code}`);
  return ms;
}

async function moto(): Promise<{ cases: number; ms: number; casesPerSecond: number } | undefined> {
  const dir = mkdtempSync(join(tmpdir(), 'ic-bench-moto-'));
  const { code, ms } = await runCli(['run', '--target', 'moto', '--quiet', '--report-dir', dir]);
  if (code === 3) return undefined;
  const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report;
  return { cases: report.summary.total, ms, casesPerSecond: report.summary.total / (ms / 1000) };
}

// npm run bench -- --client boto3 | aws-cli | js-sdk@VERSION: the whole suite on the mock through that
// client and through js-sdk, one after the other in one bench run, and the ratio of their wall times.
const clientAt = args.indexOf('--client');
if (clientAt >= 0) {
  const client = args[clientAt + 1];
  if (!client) throw new Error('--client needs a name');
  const through = async (name: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'ic-bench-client-'));
    const { code, ms } = await runCli(['run', '--target', 'mock', '--client', name, '--quiet', '--report-dir', dir]);
    if (code !== 0) throw new Error(`the suite through ${name} exited ${code}`);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report;
    return { client: name, cases: report.summary.total, clientRejected: report.summary.clientRejected ?? 0, wallMs: Math.round(ms), requests: report.summary.requests ?? NaN };
  };
  const base = await through('js-sdk');
  const other = await through(client);
  const out = { baseline: base, client: other, ratio: Number((other.wallMs / base.wallMs).toFixed(2)), machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version } };
  if (json) process.stdout.write(JSON.stringify(out) + '\n');
  else {
    for (const r of [base, other]) process.stdout.write(`${r.client.padEnd(16)} ${r.cases} cases (${r.clientRejected} client-rejected) in ${r.wallMs} ms, ${r.requests} requests\n`);
    process.stdout.write(`${client} / js-sdk wall time: ${out.ratio}\n`);
  }
  process.exit(0);
}

if (args.includes('--floor-only')) {
  const at = args.indexOf('--lane');
  const spec = at >= 0 ? args[at + 1]! : undefined;
  const lane: Lane | undefined = spec === undefined ? undefined : spec === 'account-wide' ? 'account-wide' : { index: Number(spec.split('/')[0]), count: Number(spec.split('/')[1]) };
  const f = await floor(runArgs, lane);
  process.stdout.write(JSON.stringify(f) + '\n');
  process.exit(0);
}

// The suite's own worker count (the in-process mock: the cores, at most 4): the floor runs in as many lanes.
const WORKERS = planRun(['--target', 'mock'], process.env).workers;
const a = await suite();
// The operations of one family, for the cost per case at a second size (the fixed costs weigh more there).
const family = await suite(['--family', FAMILY]);
// Both measured from a cold process: the floor runs in fresh children, like the suite, lane for lane.
const b = await floorInLanes([], WORKERS);
// The wire floor: the same requests signed and handed straight to the emulator, no SDK and no msw.
const wire = await floorInLanes(['--client', 'query', '--serve', 'direct'], WORKERS);
const oneCaseMs = await startup();
// The same one case without vitest, from a cold process: what is left of the one-case run is vitest's.
const oneCaseFloor = await floorInLanes(['--id', ONE_CASE], 1);
const model = await modelled();
const c = withMoto ? await moto() : undefined;
const result = {
  cases: a.cases,
  workers: WORKERS,
  suiteWallMs: Math.round(a.ms),
  floorWallMs: Math.round(b.ms),
  overheadRatio: Number((a.ms / b.ms).toFixed(2)),
  // The SDK floor over the wire floor: what the user's client and msw cost over the signed requests themselves.
  wireFloorWallMs: Math.round(wire.ms),
  sdkOverWireRatio: Number((b.ms / wire.ms).toFixed(2)),
  // Of the suite run, every process of it together: CPU seconds over wall seconds is how many cores it used.
  cpuSeconds: Number(a.cpuSeconds.toFixed(2)),
  coresUsed: Number((a.cpuSeconds / (a.ms / 1000)).toFixed(2)),
  peakRssMiB: a.peakRssMiB,
  // The same peak with shared pages (the Node binary every process maps) counted once: scripts/process-usage.ts.
  peakPssMiB: a.peakPssMiB,
  // Wall time per case at two sizes: one family's operations and the whole suite.
  perCaseMs: { family: FAMILY, familyCases: family.cases, familyMs: Number((family.ms / family.cases).toFixed(2)), suiteCases: a.cases, suiteMs: Number((a.ms / a.cases).toFixed(2)) },
  familyPeakRssMiB: family.peakRssMiB,
  familyPeakPssMiB: family.peakPssMiB,
  oneCaseWallMs: Math.round(oneCaseMs),
  oneCaseFloorWallMs: Math.round(oneCaseFloor.ms),
  oneCaseVitestMs: Math.round(oneCaseMs - oneCaseFloor.ms),
  requestsPerCase: Number((a.requests / a.cases).toFixed(2)),
  requestsPerCaseFresh: model.requestsPerCaseFresh,
  modelledAwsSeconds: model.pooled,
  modelledAwsSecondsFresh: model.fresh,
  awsFigures: AWS_FIGURES,
  ...(c ? { motoCases: c.cases, motoWallMs: Math.round(c.ms), motoCasesPerSecond: Number(c.casesPerSecond.toFixed(1)) } : {}),
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version },
};
if (json) {
  process.stdout.write(JSON.stringify(result) + '\n');
} else {
  process.stdout.write(
    [
      `suite (cold process → report written): ${result.cases} cases in ${result.suiteWallMs} ms`,
      `floor (same requests, no test runner, ${WORKERS} lane(s)):  ${b.cases} cases in ${result.floorWallMs} ms`,
      `overhead ratio: ${result.overheadRatio}`,
      `wire floor (signed requests straight to the emulator, no SDK, no msw): ${result.wireFloorWallMs} ms; SDK floor / wire floor ${result.sdkOverWireRatio}`,
      `one case: ${result.oneCaseWallMs} ms through the CLI, ${result.oneCaseFloorWallMs} ms without vitest: vitest's fixed share ${result.oneCaseVitestMs} ms`,
      `per case: ${result.perCaseMs.familyMs} ms at ${result.perCaseMs.familyCases} cases (--family ${FAMILY}), ${result.perCaseMs.suiteMs} ms at ${result.perCaseMs.suiteCases}`,
      `suite run, all its processes: ${result.cpuSeconds} CPU s, ${result.coresUsed} cores used, peak ${result.peakRssMiB} MiB resident (${result.peakPssMiB} MiB proportional: shared pages once)`,
      `requests per case: ${result.requestsPerCase} pooled, ${result.requestsPerCaseFresh} fresh`,
      `modelled real-AWS run (docs/aws.md): ${result.modelledAwsSeconds} s pooled, ${result.modelledAwsSecondsFresh} s fresh`,
      ...(c ? [`moto: ${c.cases} cases in ${Math.round(c.ms)} ms, ${c.casesPerSecond.toFixed(1)} cases/s`] : []),
      `machine: ${result.machine.cpus} × ${result.machine.cpu}, Node ${result.machine.node}`,
    ].join('\n') + '\n',
  );
}

/** One floor process: the suite's cases (or one lane's share of them), from a cold start. */
function floorChild(extra: string[], lane?: string, flags: string[] = []): Promise<{ cases: number; requests: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...flags, fileURLToPath(import.meta.url), '--floor-only', ...(lane ? ['--lane', lane] : []), '--', ...extra], { stdio: ['ignore', 'pipe', 'inherit'] });
    let s = '';
    child.stdout.on('data', (d) => (s += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(s) as { cases: number; requests: number }) : reject(new Error(`floor exited ${code}`))));
  });
}

/**
 * The floor as the suite runs it: `lanes` processes side by side, each its share of the ordinary cases,
 * then the account-wide cases in one more (src/run/lanes.ts); with one lane, a single process.
 */
async function floorInLanes(extra: string[], lanes: number): Promise<{ cases: number; ms: number; requests: number }> {
  // The V8 limits the suite's workers get (src/run/vitest/project.ts), for the same share of cases.
  const cases = (await selectCases(planRun(['--target', 'mock', ...extra], {}))).cases;
  const start = performance.now();
  if (lanes <= 1) {
    const one = await floorChild(extra, undefined, workerFlags(cases.length, false));
    return { ...one, ms: performance.now() - start };
  }
  const lane = (l: Lane) => workerFlags(casesOfLane(cases, l).length, false);
  const shares = await Promise.all(Array.from({ length: lanes }, (_, i) => floorChild(extra, `${i}/${lanes}`, lane({ index: i, count: lanes }))));
  const last = await floorChild(extra, 'account-wide', lane('account-wide'));
  const all = [...shares, last];
  return { cases: all.reduce((n, r) => n + r.cases, 0), requests: all.reduce((n, r) => n + r.requests, 0), ms: performance.now() - start };
}
