/**
 * npm run test:emulators [-- moto ministack localstack fakecloud]
 *
 * The suite against real emulators, each held to the committed baseline of the version it reports
 * (`run --baseline auto`: fixtures/baselines/<target>/<version>.yaml): passes only when every emulator
 * behaves exactly as its baseline says; a version without a baseline fails (exit 2, naming the file to
 * create). Then a comparison of all reports with the mock's. Needs the emulators installed
 * (ci/install-emulators.sh; fakecloud: ci/install-fakecloud.sh) and, for LocalStack, a container engine
 * and an image (ci/install-docker.sh, ci/build-localstack-image.sh; IAM_CONFORMANCE_LOCALSTACK_IMAGE).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Report } from '../src/report/types.ts';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSpecs } from '../src/specfile/load.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const targets = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const selected = targets.length ? targets : ['moto', 'ministack', 'localstack'];

function cli(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/iam-conformance.js'), ...args], { cwd: ROOT, stdio: 'inherit' });
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? 3));
  });
}

const results: Array<{ target: string; code: number; seconds: number }> = [];
for (const target of ['mock', ...selected]) {
  // The mock is AWS's model: it has no known failures, so it runs without a baseline.
  const args = ['run', '--target', target, '--report-dir', join(ROOT, 'reports', target)];
  if (target !== 'mock') args.push('--baseline', 'auto');
  process.stdout.write(`\n=== ${target}${target !== 'mock' ? ' (baseline of the version it reports)' : ''} ===\n`);
  const start = performance.now();
  const code = await cli(args);
  results.push({ target, code, seconds: (performance.now() - start) / 1000 });
}

// One real emulator in both isolation modes: pooled users must give exactly the verdicts fresh ones do.
const twice = selected.includes('moto') ? results.find((r) => r.target === 'moto' && r.code !== 3) : undefined;
if (twice) {
  // Only cases with users can differ between the modes: those of the hand-written specs (the cases
  // generated from the model create no users), so only their operations run again.
  const specOps = new Set(loadSpecs().operations.map((o) => o.operation));
  const withUsers = [...specOps].join(',');
  process.stdout.write(`\n=== moto again, --isolation fresh: the same verdict on every case of ${withUsers}? ===\n`);
  const freshDir = join(ROOT, 'reports', 'moto-fresh');
  const code = await cli(['run', '--target', 'moto', '--isolation', 'fresh', '--operation', withUsers, '--quiet', '--report-dir', freshDir]);
  const outcomes = (dir: string) => new Map((JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report).cases.map((c) => [c.id, c.outcome]));
  const pooled = new Map([...outcomes(join(ROOT, 'reports', 'moto'))].filter(([id]) => specOps.has(id.split('/')[0]!)));
  const fresh = code === 3 ? new Map<string, string>() : outcomes(freshDir);
  const differing = [...new Set([...pooled.keys(), ...fresh.keys()])].filter((id) => pooled.get(id) !== fresh.get(id));
  for (const id of differing.slice(0, 20)) process.stdout.write(`  ${id}: pooled ${pooled.get(id)}, fresh ${fresh.get(id)}\n`);
  process.stdout.write(`${differing.length} case(s) differ between the modes\n`);
  results.push({ target: 'moto (pooled = fresh)', code: differing.length === 0 && code !== 3 ? 0 : 1, seconds: 0 });
}

process.stdout.write('\n=== cases that differ between targets ===\n');
await cli(['compare', ...results.filter((r) => r.code !== 3 && r.code !== 2 && !r.target.includes(' ')).map((r) => join(ROOT, 'reports', r.target, 'report.json')), '--markdown']);

process.stdout.write('\n');
for (const r of results) process.stdout.write(`${r.target.padEnd(10)} exit ${r.code}  ${r.seconds.toFixed(1)} s\n`);
const failed = results.filter((r) => r.code !== 0);
process.exitCode = failed.length ? 1 : 0;
if (failed.length) process.stdout.write(`not as their baselines say: ${failed.map((r) => r.target).join(', ')}\n`);
