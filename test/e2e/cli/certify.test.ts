import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startMockServer } from '../../../src/mock/server.ts';
import type { Report } from '../../../src/report/types.ts';
import { runCli } from '../../helpers/cli.ts';

/** docs/certify.md's worked example: the endpoint target against the emulator served over HTTP. */
describe('certification run against an endpoint (the reference emulator over HTTP)', () => {
  let server: Awaited<ReturnType<typeof startMockServer>>;
  beforeAll(async () => {
    server = await startMockServer({ port: 0 });
  });
  afterAll(async () => {
    await server?.close();
  });

  test('every case passes, with root and disposable-account cases included', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ic-certify-'));
    const { admin, root } = server.emulator;
    const r = await runCli(['run', '--target', 'endpoint', '--endpoint', server.url, '--report-dir', dir, '--quiet'], {
      AWS_ACCESS_KEY_ID: admin.accessKeyId,
      AWS_SECRET_ACCESS_KEY: admin.secretAccessKey,
      IAM_CONFORMANCE_ROOT_ACCESS_KEY_ID: root.accessKeyId,
      IAM_CONFORMANCE_ROOT_SECRET_ACCESS_KEY: root.secretAccessKey,
      IAM_CONFORMANCE_DISPOSABLE_ACCOUNT: '1',
    });
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report;
    expect(report.cases.filter((c) => c.outcome !== 'pass').map((c) => `${c.id} ${c.outcome} ${c.reason ?? JSON.stringify(c.differences)}`)).toEqual([]);
    expect(r.code, r.stderr).toBe(0);
    expect(report.target).toMatchObject({ name: 'endpoint', endpoint: server.url });
  }, 180_000);

  test('without a disposable account, the cases that need one are skipped with their reason', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ic-certify-shared-'));
    const { admin } = server.emulator;
    const r = await runCli(['run', '--target', 'endpoint', '--endpoint', server.url, '--report-dir', dir, '--quiet', '--operation', 'ChangePassword'], {
      AWS_ACCESS_KEY_ID: admin.accessKeyId,
      AWS_SECRET_ACCESS_KEY: admin.secretAccessKey,
      IAM_CONFORMANCE_DISPOSABLE_ACCOUNT: '',
    });
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report;
    const skipped = report.cases.filter((c) => c.outcome === 'skip');
    expect(skipped.map((c) => c.id)).toContain('ChangePassword/root-caller');
    expect(skipped.map((c) => c.id)).toContain('ChangePassword/policy-minimum-length');
    for (const c of skipped) expect(c.reason).toMatch(/root credentials|account password policy|disposable/);
    expect(r.code, r.stderr).toBe(0);
  }, 180_000);
});
