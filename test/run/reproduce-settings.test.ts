import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { htmlReport } from '../../src/report/html.ts';
import { junitReport } from '../../src/report/junit.ts';
import { reproducer } from '../../src/report/reproduce.ts';
import { planRun } from '../../src/run/plan.ts';
import { reproduceSettings } from '../../src/run/reproduce-settings.ts';
import { fakeReport, reportCase } from '../helpers/report-fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'ic-reproduce-'));
const settings = (argv: string[], env: NodeJS.ProcessEnv = {}) => reproduceSettings(planRun(argv, env, dir));

test("the target's own settings are kept; selection, report, pace and shard settings are not", () => {
  const s = settings(['--target', 'mock', '--mutant', 'password-accepts-controls', '--serve', 'loopback', '--specs', 'my-specs', '--seed', 's2', '--strict',
    '--operation', 'ChangePassword', '--tag', 'constraint', '--report-dir', 'out', '--shard', '1/2', '--concurrency', '3', '--quiet']);
  expect(s).toEqual({ args: ['--target', 'mock', '--specs', join(dir, 'my-specs'), '--seed', 's2', '--strict', '--mutant', 'password-accepts-controls', '--serve', 'loopback'] });
  expect(settings([])).toEqual({ args: ['--target', 'mock'] });
});

test('an endpoint from the environment becomes its flag; credentials never appear; environment-only settings stay variables', () => {
  const env = { IAM_CONFORMANCE_ENDPOINT: 'http://127.0.0.1:5000', AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI-secret', AWS_REGION: 'eu-west-1' };
  const s = settings(['--target', 'endpoint', '--client', 'query', '--region', 'us-west-2'], env);
  expect(s).toEqual({ args: ['--target', 'endpoint', '--client', 'query', '--region', 'us-west-2', '--endpoint', 'http://127.0.0.1:5000'], env: { AWS_REGION: 'eu-west-1' } });
  expect(JSON.stringify(s)).not.toMatch(/AKIDEXAMPLE|secret/);
});

test('the reproducer, in junit.xml and embedded in report.html for every case, is built from the recorded settings', () => {
  const cases = [reportCase("ChangePassword/it's", 'fail'), reportCase('ChangePassword/b', 'pass')];
  const report = fakeReport(cases, { reproduce: { args: ['--target', 'mock', '--mutant', 'password-accepts-controls', '--specs', '/a b/specs'], env: { IAM_CONFORMANCE_MOTO: '/opt/moto' } } });
  const cmd = reproducer(report, "ChangePassword/it's");
  expect(cmd).toBe(`IAM_CONFORMANCE_MOTO=/opt/moto iam-conformance run --target mock --mutant password-accepts-controls --specs '/a b/specs' --id 'ChangePassword/it'\\''s'`);
  expect(junitReport(report)).toContain(`reproduce: ${cmd}`);
  const data = JSON.parse(/<script type="application\/json" id="report-data">([^]*?)<\/script>/.exec(htmlReport(report))![1]!);
  expect(data.cases.map((c: { id: string; reproduce: string }) => c.reproduce)).toEqual(report.cases.map((c) => reproducer(report, c.id)));
});
