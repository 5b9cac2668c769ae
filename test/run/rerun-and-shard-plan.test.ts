import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { planRun, PlanError } from '../../src/run/plan.ts';
import { selectCases } from '../../src/run/select.ts';
import { fakeReport, reportCase } from '../helpers/report-fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'ic-plan-'));
const plan = (argv: string[], env: NodeJS.ProcessEnv = {}) => planRun(['--report-dir', join(dir, 'out'), ...argv], env, dir);

describe('--shard', () => {
  test('I/N from the flag or IAM_CONFORMANCE_SHARD', () => {
    expect(plan(['--shard', '2/3']).shard).toEqual({ index: 2, count: 3 });
    expect(plan([], { IAM_CONFORMANCE_SHARD: '1/1' }).shard).toEqual({ index: 1, count: 1 });
    expect(plan([]).shard).toBeUndefined();
  });
  test.each(['0/2', '3/2', '1', 'a/b', '1/0'])('"%s" is refused naming the setting', (v) => {
    expect(() => plan(['--shard', v])).toThrow(new PlanError(`--shard must be I/N with 1 <= I <= N (e.g. 1/4), not "${v}"`));
  });
});

describe('--rerun-failed', () => {
  const real = ['ChangePassword/NewPassword/length-129', 'ChangePassword/no-login-profile', 'ChangePassword/success', 'GetLoginProfile/UserName/length-0'];
  const report = fakeReport(
    [reportCase(real[0]!, 'fail'), reportCase(real[1]!, 'error'), reportCase(real[2]!, 'pass'), reportCase(real[3]!, 'skip')],
    { seed: 'other-seed' },
  );
  const file = join(dir, 'report.json');
  writeFileSync(file, JSON.stringify(report));

  // (client-rejected cases are left out the same way: only 'fail' and 'error' are selected. A fixture with
  // one waits for that outcome in report.schema.json, which comes with the clients' work.)
  test('of a baselined report: its new failures, unexpected passes and errors, not the failures the baseline expects', () => {
    const cs = [reportCase(real[0]!, 'fail', { baseline: 'expected-failure' }), reportCase(real[1]!, 'error'), reportCase(real[2]!, 'pass', { baseline: 'unexpected-pass' }), reportCase(real[3]!, 'fail')];
    const baselined = join(dir, 'baselined.json');
    writeFileSync(baselined, JSON.stringify(fakeReport(cs, { baseline: { file: 'b.yaml', expectedFailures: [real[0]!], unexpectedPasses: [real[2]!], newFailures: [real[3]!] } })));
    expect(plan(['--rerun-failed', baselined]).rerunIds).toEqual([real[1], real[2], real[3]]);
  });
  test("selects exactly the report's failed and errored cases (not passed or skipped), with its seed", async () => {
    const p = plan(['--rerun-failed', file]);
    expect(p.rerunIds).toEqual([real[0], real[1]]);
    expect(p.seed).toBe('other-seed');
    expect(plan(['--rerun-failed', file, '--seed', 'iam-conformance-1']).seed).toBe('iam-conformance-1');
    const p1 = plan(['--rerun-failed', file, '--seed', 'iam-conformance-1']);
    expect((await selectCases(p1)).cases.map((c) => c.id).sort()).toEqual([real[0], real[1]]);
    // Other filters narrow it further.
    expect((await selectCases({ ...p1, filter: { ids: ['**/no-login-profile'] } })).cases.map((c) => c.id)).toEqual([real[1]]);
  });
  test('an id the specs no longer have is refused, not silently dropped', async () => {
    const gone = join(dir, 'gone.json');
    writeFileSync(gone, JSON.stringify(fakeReport([reportCase('ChangePassword/renamed-long-ago', 'fail')])));
    await expect(selectCases(plan(['--rerun-failed', gone]))).rejects.toThrow(/1 case\(s\) of that report are not cases of these specs \(first: ChangePassword\/renamed-long-ago\)/);
  });
  test('an unreadable report is one line naming the setting', () => {
    expect(() => plan(['--rerun-failed', join(dir, 'none.json')])).toThrow(/^--rerun-failed: .*none\.json: not a readable JSON report/);
  });
});
