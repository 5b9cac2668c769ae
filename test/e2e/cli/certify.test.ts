import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BUNDLE_FILES } from '../../../src/certify/files.ts';
import type { Manifest } from '../../../src/certify/manifest.ts';
import { startMockServer } from '../../../src/mock/server.ts';
import type { Report } from '../../../src/report/types.ts';
import { copyBundle, productFile, recomputeSums } from '../../helpers/bundle.ts';
import { runCli, startCli, type CliResult } from '../../helpers/cli.ts';

/**
 * docs/certify.md's worked example, as a vendor runs it: `certify --target endpoint` against the
 * reference emulator served over HTTP, then `verify-bundle` as anyone checking the bundle runs it.
 */
describe('certify against an endpoint (the reference emulator over HTTP) and verify-bundle', () => {
  let server: Awaited<ReturnType<typeof startMockServer>>;
  let bundle: string;
  let certified: CliResult;
  const credentials = () => ({
    AWS_ACCESS_KEY_ID: server.emulator.admin.accessKeyId,
    AWS_SECRET_ACCESS_KEY: server.emulator.admin.secretAccessKey,
  });

  beforeAll(async () => {
    server = await startMockServer({ port: 0 });
    bundle = join(mkdtempSync(join(tmpdir(), 'ic-certify-')), 'bundle');
    certified = await runCli(['certify', '--target', 'endpoint', '--endpoint', server.url, '--product', productFile(), '--out', bundle, '--quiet'], {
      ...credentials(),
      IAM_CONFORMANCE_ROOT_ACCESS_KEY_ID: server.emulator.root.accessKeyId,
      IAM_CONFORMANCE_ROOT_SECRET_ACCESS_KEY: server.emulator.root.secretAccessKey,
      IAM_CONFORMANCE_DISPOSABLE_ACCOUNT: '1',
    });
  }, 300_000);
  afterAll(async () => {
    await server?.close();
  });

  test('exits 0 "certified", every case passed, with root and disposable-account cases included', () => {
    expect(certified.code, certified.stderr + certified.stdout.slice(-3000)).toBe(0);
    expect(certified.stdout).toMatch(/^CERTIFIED: Example Corp Example IAM 2\.4\.1 against endpoint/m);
    const report = JSON.parse(readFileSync(join(bundle, 'report.json'), 'utf8')) as Report;
    expect(report.cases.filter((c) => c.outcome !== 'pass').map((c) => `${c.id} ${c.outcome} ${c.reason ?? ''}`)).toEqual([]);
    expect(report.strict).toBe(true);
    expect(report.target).toMatchObject({ name: 'endpoint', endpoint: server.url });
  });

  test('the bundle holds every file, nothing else, and no staging folder is left beside it', () => {
    expect(readdirSync(bundle).sort()).toEqual([...BUNDLE_FILES, 'SHA256SUMS'].sort());
    expect(readdirSync(join(bundle, '..'))).toEqual(['bundle']);
  });

  test('the manifest names the suite, digest, target, client, times, result and counts', async () => {
    const m = JSON.parse(readFileSync(join(bundle, 'manifest.json'), 'utf8')) as Manifest;
    const digest = (await runCli(['expand', '--digest'])).stdout.trim();
    expect(m.specDigest).toBe(digest);
    expect(m).toMatchObject({ result: 'certified', suite: { name: 'iam-conformance' }, product: { vendor: 'Example Corp' }, target: { name: 'endpoint', endpoint: server.url }, client: { name: 'js-sdk' }, strict: true });
    expect(m.counts).toEqual({ total: m.counts.passed, passed: m.counts.total, failed: 0, skipped: 0, errored: 0, clientRejected: 0 });
    expect(m.counts.total).toBeGreaterThan(900);
    expect(Date.parse(m.endedAt)).toBeGreaterThan(Date.parse(m.startedAt));
    expect(m.openQuestions.total).toBe(m.openQuestions.inferred + m.openQuestions['should-only'] + m.openQuestions.untriggerable);
    expect(m.openQuestions.total).toBeGreaterThan(0);
    // cases.json is exactly what `expand` prints.
    expect(readFileSync(join(bundle, 'cases.json'), 'utf8')).toBe((await runCli(['expand'])).stdout);
  }, 60_000);

  test('`sha256sum -c SHA256SUMS` passes', () => {
    const r = spawnSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: bundle, encoding: 'utf8' });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(BUNDLE_FILES.length);
  });

  test('verify-bundle exits 0', async () => {
    const r = await runCli(['verify-bundle', bundle]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/valid certification bundle: "certified"/);
  });

  test('one case removed from report.json, SHA256SUMS recomputed: verify-bundle exits 1, naming the case and the counts', async () => {
    const copy = copyBundle(bundle);
    const report = JSON.parse(readFileSync(join(copy, 'report.json'), 'utf8')) as Report;
    const removed = report.cases.splice(17, 1)[0]!;
    writeFileSync(join(copy, 'report.json'), JSON.stringify(report, null, 2) + '\n');
    recomputeSums(copy);
    expect(spawnSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: copy }).status).toBe(0);
    const r = await runCli(['verify-bundle', copy]);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toContain(`report.json lacks 1 case(s) of cases.json: ${removed.id}`);
    expect(r.stdout).toMatch(/summary\.total is \d+, but its cases count \d+/);
    expect(r.stdout).toMatch(/manifest\.json's counts\.total/);
  });

  test('a file edited after the certification, sums untouched: verify-bundle exits 1 naming it', async () => {
    const copy = copyBundle(bundle);
    writeFileSync(join(copy, 'report.md'), readFileSync(join(copy, 'report.md'), 'utf8').replace('passed', 'passed!'));
    writeFileSync(join(copy, 'notes.txt'), 'an extra file\n');
    const r = await runCli(['verify-bundle', copy]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('report.md does not match its sha256 in SHA256SUMS');
    expect(r.stdout).toContain('notes.txt is in the bundle but not listed in SHA256SUMS');
  });

  test('a failure turned into a pass with every count and sum made to agree: the digest no longer matches a known suite', async () => {
    const copy = copyBundle(bundle);
    const cases = JSON.parse(readFileSync(join(copy, 'cases.json'), 'utf8')) as { cases: Array<{ steps: Array<{ expect: object }> }> };
    cases.cases[0]!.steps[0]!.expect = { outcome: 'error' };
    const text = JSON.stringify(cases, null, 2) + '\n';
    writeFileSync(join(copy, 'cases.json'), text);
    const manifest = JSON.parse(readFileSync(join(copy, 'manifest.json'), 'utf8')) as Manifest;
    const { createHash } = await import('node:crypto');
    manifest.specDigest = `sha256:${createHash('sha256').update(text).digest('hex')}`;
    writeFileSync(join(copy, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
    recomputeSums(copy);
    const r = await runCli(['verify-bundle', copy]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/cases\.json \(sha256:[0-9a-f]{64}\) is not the cases of any suite version/);
  });

  test('verify-bundle: no folder, or two, is a usage error (exit 2)', async () => {
    expect((await runCli(['verify-bundle', join(bundle, 'nope')])).code).toBe(2);
    expect((await runCli(['verify-bundle'])).code).toBe(2);
    expect((await runCli(['verify-bundle', bundle, bundle])).code).toBe(2);
  });

  test('without root credentials or a disposable account: exit 3 "incomplete", what is missing listed with how to provide it; verify-bundle exits 1', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'ic-certify-incomplete-')), 'bundle');
    const r = await runCli(['certify', '--target', 'endpoint', '--endpoint', server.url, '--product', productFile(), '--out', out, '--quiet'], {
      ...credentials(),
      IAM_CONFORMANCE_DISPOSABLE_ACCOUNT: '',
    });
    expect(r.code, r.stderr).toBe(3);
    expect(r.stdout).toMatch(/^INCOMPLETE: /m);
    expect(r.stdout).toMatch(/case\(s\) skip: .*root credentials/);
    expect(r.stdout).toContain('IAM_CONFORMANCE_ROOT_ACCESS_KEY_ID');
    const m = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Manifest;
    expect(m.result).toBe('incomplete');
    expect(m.counts.failed).toBe(0);
    expect(m.missing.flatMap((g) => g.cases)).toContain('ChangePassword/root-caller');
    const v = await runCli(['verify-bundle', out]);
    expect(v.code).toBe(1);
    expect(v.stdout).toMatch(/case\(s\) were not judged \(skipped \d+/);
  }, 300_000);
});

describe('certify refuses what a certification cannot take, in one line, before anything starts (exit 2)', () => {
  const out = () => join(mkdtempSync(join(tmpdir(), 'ic-certify-refused-')), 'bundle');
  const refused = [
    ['--operation', 'ChangePassword'],
    ['--id', 'ChangePassword/*'],
    ['--tag', 'scenario'],
    ['--shard', '1/2'],
    ['--rerun-failed', 'reports/mock/js-sdk/report.json'],
    ['--baseline', 'fixtures/baselines/moto/5.2.5.yaml'],
    ['--show-secrets'],
  ];
  for (const flag of refused) {
    test(`certify ${flag.join(' ')}`, async () => {
      const dir = out();
      const r = await runCli(['certify', '--product', productFile(), '--out', dir, ...flag]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(`certify: ${flag[0]} is not allowed`);
      expect(existsSync(dir)).toBe(false);
    });
  }

  test('a filter in the environment', async () => {
    const r = await runCli(['certify', '--product', productFile(), '--out', out()], { IAM_CONFORMANCE_OPERATIONS: 'ChangePassword' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^iam-conformance: certify: IAM_CONFORMANCE_OPERATIONS is set: a certification runs every case; unset it/);
  });

  test('a product.yaml without a required field, and with a bad URL: each field named', async () => {
    const r = await runCli(['certify', '--product', productFile('vendor: Example Corp\nproduct: Example IAM\nversion: 1\nurl: not a url\n'), '--out', out()]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('field "contact" is missing');
    expect(r.stderr).toContain('field "url" must be an http(s) URL');
    expect(r.stderr).toContain('field "version" must be text');
  });

  test('no --product or no --out; an --out folder holding other files', async () => {
    expect((await runCli(['certify', '--out', out()])).stderr).toContain('--product FILE is required');
    expect((await runCli(['certify', '--product', productFile()])).stderr).toContain('--out DIR is required');
    const busy = mkdtempSync(join(tmpdir(), 'ic-certify-busy-'));
    writeFileSync(join(busy, 'keep.txt'), 'mine\n');
    const r = await runCli(['certify', '--product', productFile(), '--out', busy]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is a folder with other files in it');
    expect(readdirSync(busy)).toEqual(['keep.txt']);
  });

  test('a bad run setting is refused in certify\'s words and no staging folder is left', async () => {
    const dir = out();
    const r = await runCli(['certify', '--product', productFile(), '--out', dir, '--concurrency', 'lots']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^iam-conformance: certify: --concurrency must be a whole number/);
    expect(readdirSync(join(dir, '..'))).toEqual([]);
  });
});

describe('certify against the in-process mock (the default target)', () => {
  test('exits 0 "certified"; verify-bundle exits 0', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'ic-certify-mock-')), 'bundle');
    const r = await runCli(['certify', '--product', productFile(), '--out', out, '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^CERTIFIED: .* against mock$/m);
    const v = await runCli(['verify-bundle', out]);
    expect(v.code, v.stdout).toBe(0);
  }, 300_000);
});

describe('an interrupted certification leaves nothing behind', () => {
  test('SIGINT during the run: exit 130, no bundle, no staging folder', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'ic-certify-interrupted-'));
    const { child, done } = startCli(['certify', '--product', productFile(), '--out', join(parent, 'bundle')]);
    // Interrupt once cases are running (the first progress line, printed when the staging folder exists):
    // the whole run on the mock takes under two seconds, so a fixed pause could outlast it.
    await new Promise<void>((resolve) => {
      let seen = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        if (/\[\s*\d+\/\d+\]/.test(seen) && readdirSync(parent).length > 0) resolve();
      });
    });
    child.kill('SIGINT');
    const r = await done;
    expect(r.code).toBe(130);
    expect(readdirSync(parent)).toEqual([]);
  }, 120_000);

  test('certify and verify-bundle are listed by --help', async () => {
    const r = await runCli(['--help']);
    expect(r.stdout).toMatch(/^ {2}certify +run the whole suite strictly/m);
    expect(r.stdout).toMatch(/^ {2}verify-bundle +check a certification bundle offline/m);
    expect((await runCli(['certify', '--help'])).stdout).toContain('--product FILE');
  });
});
