/**
 * npm run bench [-- --json] [-- --moto] [-- --client boto3|aws-cli|js-sdk@VERSION]
 *
 * (a) suite: the full conformance run against the mock, from a cold process to the written report;
 * (b) floor: the same cases through the same scheduler (src/run/direct.ts: setup, steps, teardown), the
 *     same in-process mock, client and concurrency, and no test runner; beside it, a one-case CLI run
 *     (vitest's fixed start-up);
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
import { runDirect } from '../src/run/direct.ts';
import { AWS_FIGURES, modelledAwsSeconds } from '../src/run/aws-model.ts';
import type { Report } from '../src/report/types.ts';
import { measure } from './process-usage.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const args = process.argv.slice(2);
const json = args.includes('--json');
const withMoto = args.includes('--moto');
const CONCURRENCY = 32;

function runCli(cliArgs: string[]): Promise<{ code: number | null; ms: number }> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/iam-conformance.js'), ...cliArgs], { stdio: 'ignore', cwd: ROOT });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, ms: performance.now() - start }));
  });
}

/** The whole suite from a cold CLI process; CPU and peak memory of all its processes (scripts/process-usage.ts). */
async function suite(): Promise<{ cases: number; ms: number; requests: number; cpuSeconds: number; peakRssMiB: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'ic-bench-'));
  const u = await measure(process.execPath, [join(ROOT, 'bin/iam-conformance.js'), 'run', '--target', 'mock', '--quiet', '--report-dir', dir, '--concurrency', String(CONCURRENCY)], ROOT);
  if (u.code !== 0) throw new Error(`the suite run exited ${u.code}`);
  const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report;
  return { cases: report.summary.total, ms: u.wallMs, requests: report.summary.requests ?? NaN, cpuSeconds: u.cpuSeconds, peakRssMiB: u.peakRssMiB };
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
 * with the suite's target, client and concurrency. The floor the suite is measured against.
 */
async function floor(): Promise<{ cases: number; ms: number }> {
  const start = performance.now();
  const plan = planRun(['--target', 'mock', '--concurrency', String(CONCURRENCY)], {});
  const { results } = await runDirect(plan);
  return { cases: results.length, ms: performance.now() - start };
}

/** vitest's fixed cost: a cold CLI run of one case, to the written report. */
async function startup(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'ic-bench-one-'));
  const { code, ms } = await runCli(['run', '--target', 'mock', '--quiet', '--report-dir', dir, '--id', 'GetLoginProfile/absent']);
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
  const f = await floor();
  process.stdout.write(JSON.stringify(f) + '\n');
  process.exit(0);
}

const a = await suite();
// Both measured from a cold process: the floor runs in a fresh child, like the suite.
const b = await floorInChild();
const oneCaseMs = await startup();
const model = await modelled();
const c = withMoto ? await moto() : undefined;
const result = {
  cases: a.cases,
  suiteWallMs: Math.round(a.ms),
  floorWallMs: Math.round(b.ms),
  overheadRatio: Number((a.ms / b.ms).toFixed(2)),
  // Of the suite run, every process of it together: CPU seconds over wall seconds is how many cores it used.
  cpuSeconds: Number(a.cpuSeconds.toFixed(2)),
  coresUsed: Number((a.cpuSeconds / (a.ms / 1000)).toFixed(2)),
  peakRssMiB: a.peakRssMiB,
  oneCaseWallMs: Math.round(oneCaseMs),
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
      `floor (same requests, no test runner):  ${b.cases} cases in ${result.floorWallMs} ms`,
      `overhead ratio: ${result.overheadRatio}   (a one-case run, vitest's fixed start-up included: ${result.oneCaseWallMs} ms)`,
      `suite run, all its processes: ${result.cpuSeconds} CPU s, ${result.coresUsed} cores used, peak ${result.peakRssMiB} MiB resident`,
      `requests per case: ${result.requestsPerCase} pooled, ${result.requestsPerCaseFresh} fresh`,
      `modelled real-AWS run (docs/aws.md): ${result.modelledAwsSeconds} s pooled, ${result.modelledAwsSecondsFresh} s fresh`,
      ...(c ? [`moto: ${c.cases} cases in ${Math.round(c.ms)} ms, ${c.casesPerSecond.toFixed(1)} cases/s`] : []),
      `machine: ${result.machine.cpus} × ${result.machine.cpu}, Node ${result.machine.node}`,
    ].join('\n') + '\n',
  );
}

async function floorInChild(): Promise<{ cases: number; ms: number }> {
  const start = performance.now();
  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--floor-only'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let s = '';
    child.stdout.on('data', (d) => (s += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(s) : reject(new Error(`floor exited ${code}`))));
  });
  const { cases } = JSON.parse(out) as { cases: number };
  return { cases, ms: performance.now() - start };
}
