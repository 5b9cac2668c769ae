import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { compare, expand, loadSpecs, PlanError, reportSchema, run, SpecErrors } from '../../src/api.ts';
import { ROOT } from '../helpers/cli.ts';

/**
 * The programmatic API is the CLI's machinery: the same settings and checks, the same cases, a report of
 * the same shape. (ci/test-package.sh imports it by name from an installed tarball.)
 */
describe('the programmatic API', () => {
  const env = {};

  test('run() resolves to the report of the selected cases, and writes files only when asked', async () => {
    const cases = expand(loadSpecs()).filter((c) => c.operation === 'GetLoginProfile');
    const report = await run({ target: 'mock', operations: ['GetLoginProfile'] }, { env });
    expect(report.summary.total).toBe(cases.length);
    expect(report.summary.passed).toBe(cases.length);
    expect(report.cases.map((c) => c.id).sort()).toEqual(cases.map((c) => c.id).sort());
    const dir = mkdtempSync(join(tmpdir(), 'ic-api-'));
    const again = await run({ operations: ['DeleteLoginProfile'], reportDir: dir, mutant: 'delete-login-profile-no-op' }, { env });
    expect(readdirSync(dir).sort()).toEqual(['junit.xml', 'report.html', 'report.json', 'report.md']);
    expect(again.summary.failed).toBeGreaterThan(0);
    expect(compare([{ label: 'a', report }, { label: 'b', report: again }]).differing.length).toBeGreaterThan(0);
  });

  test('bad settings throw the errors the CLI prints, before anything starts', async () => {
    await expect(run({ target: 'nowhere' }, { env })).rejects.toThrow(new PlanError('unknown target "nowhere" (--target): one of mock, moto, ministack, localstack, fakecloud, endpoint, aws'));
    await expect(run({ concurrency: 0 }, { env })).rejects.toThrow(/--concurrency must be a whole number from 1 to 256/);
    await expect(run({ colour: 'red' }, { env })).rejects.toThrow(/unknown setting "colour"/);
    await expect(run({ strict: 'yes' }, { env })).rejects.toThrow(/setting "strict" must be true or false/);
    await expect(run({ operations: ['NoSuchOperation'] }, { env })).rejects.toThrow(PlanError);
    await expect(run({ target: 'aws', allowAccount: '123456789012' }, { env })).rejects.toThrow(/runs only through `iam-conformance run`/);
    expect(() => loadSpecs(join(ROOT, 'fixtures', 'malformed-specs'))).toThrow(SpecErrors);
  });

  test('reportSchema() is the report.json schema', () => {
    expect(reportSchema()).toMatchObject({ type: 'object' });
  });
});
