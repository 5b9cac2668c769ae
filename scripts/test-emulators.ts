/**
 * npm run test:emulators [-- moto ministack localstack]
 *
 * The suite against real emulators, each held to its committed baseline (fixtures/baselines/<target>.yaml):
 * passes only when every emulator behaves exactly as its baseline says. Then a comparison of all reports
 * with the mock's. Needs the emulators installed (ci/install-emulators.sh) and, for LocalStack, a container
 * engine and an image (ci/install-docker.sh, ci/build-localstack-image.sh; IAM_CONFORMANCE_LOCALSTACK_IMAGE).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

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
  const baseline = join(ROOT, 'fixtures/baselines', `${target}.yaml`);
  const args = ['run', '--target', target, '--report-dir', join(ROOT, 'reports', target)];
  if (existsSync(baseline)) args.push('--baseline', baseline);
  process.stdout.write(`\n=== ${target}${existsSync(baseline) ? ` (baseline ${baseline.slice(ROOT.length)})` : ''} ===\n`);
  const start = performance.now();
  const code = await cli(args);
  results.push({ target, code, seconds: (performance.now() - start) / 1000 });
}

process.stdout.write('\n=== cases that differ between targets ===\n');
await cli(['compare', ...results.filter((r) => r.code !== 3 && r.code !== 2).map((r) => join(ROOT, 'reports', r.target, 'report.json')), '--markdown']);

process.stdout.write('\n');
for (const r of results) process.stdout.write(`${r.target.padEnd(10)} exit ${r.code}  ${r.seconds.toFixed(1)} s\n`);
const failed = results.filter((r) => r.code !== 0);
process.exitCode = failed.length ? 1 : 0;
if (failed.length) process.stdout.write(`not as their baselines say: ${failed.map((r) => r.target).join(', ')}\n`);
