import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ROOT, runCli, startProgram } from '../../helpers/cli.ts';

/**
 * What a user gets for a bad setting: one line naming what is wrong, an exit code CI can act on, and
 * never a stack trace — through the CLI and through plain `npx vitest` alike.
 */
const STACK = /\n\s+at .+[(:]\d+:\d+\)?/;

async function run(command: string, args: string[], env: Record<string, string> = {}) {
  const start = performance.now();
  const r = await startProgram(command, args, { ...process.env, ...env }).done;
  return { ...r, ms: performance.now() - start };
}

describe('bad settings', () => {
  test('an unknown target through the CLI: one line listing the valid names, exit 2', async () => {
    const r = await runCli(['run', '--target', 'bogus']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('iam-conformance: run: unknown target "bogus" (--target): one of mock, moto, ministack, localstack, fakecloud, endpoint, aws');
  });

  test('an unknown target through npx vitest: the same line, exit 2, no stack trace', async () => {
    const vitest = join(ROOT, 'node_modules/.bin/vitest');
    const r = await run(vitest, ['run', '--project', 'conformance'], { IAM_CONFORMANCE_TARGET: 'bogus' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('iam-conformance: unknown target "bogus" (IAM_CONFORMANCE_TARGET): one of mock, moto');
    expect(r.stderr + r.stdout).not.toMatch(STACK);
  });

  test('--report-dir under a regular file: one line naming the path, exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ic-bad-'));
    writeFileSync(join(dir, 'file'), '');
    const r = await runCli(['run', '--report-dir', join(dir, 'file', 'out')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`iam-conformance: run: --report-dir ${join(dir, 'file', 'out')} cannot be created: ${join(dir, 'file')} is a file`);
  });

  test('an endpoint that refuses connections: a run error within 10 s, naming the URL', async () => {
    const start = performance.now();
    const r = await runCli(['run', '--target', 'endpoint', '--endpoint', 'http://127.0.0.1:9', '--quiet'], { AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b' });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('cannot reach http://127.0.0.1:9');
    expect(r.stderr).not.toMatch(STACK);
    expect(performance.now() - start).toBeLessThan(10_000);
  });

  test.skipIf(!existsSync('/usr/bin/node'))('a Node older than engines: one line, exit 2 (this machine\'s own Node)', async () => {
    const version = await run('/usr/bin/node', ['--version']);
    const major = Number(version.stdout.trim().replace(/^v/, '').split('.')[0]);
    if (major >= 24) return; // this machine's Node is new enough: nothing to refuse
    const r = await run('/usr/bin/node', [join(ROOT, 'bin/iam-conformance.js'), 'run']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/^iam-conformance needs Node >= \d+\.\d+\.\d+ \(found \d+\.\d+\.\d+\)$/);
  });

  test('mutants --only with an unknown id: exit 2 listing the mutant ids', async () => {
    const r = await run(process.execPath, [join(ROOT, 'scripts/mutants.ts'), '--only', 'bogus']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no mutant "bogus"; the mutants are: .*old-password-not-checked/);
  });

  test('mock-server --help offers only what it accepts', async () => {
    const help = await runCli(['mock-server', '--help']);
    const offered = [...help.stdout.matchAll(/--([a-z-]+)/g)].map((m) => m[1]!).filter((f) => f !== 'target' && f !== 'allow-aws-account' && f !== 'endpoint-url');
    for (const flag of new Set(offered)) {
      const r = await runCli(['mock-server', `--${flag}`, flag === 'help' ? '' : '1', '--port', '70000']);
      expect(r.stderr, `--${flag}`).not.toMatch(/Unknown option/);
    }
  });
});
