import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { BaselineError, baselineFromReport, type Baseline } from '../../src/baseline/baseline.ts';
import { fakeReport, reportCase } from '../helpers/report-fixtures.ts';

/** `baseline --keep`: a run of part of the suite rewrites that part of a baseline, and only that part. */
const earlier: Baseline = {
  target: 'moto',
  version: '5.2.1',
  cases: {
    'CreateRole/RoleName/length-65': { actual: '200 (no code)', note: 'kept: CreateRole did not run' },
    'GetRole/RoleName/length-0': { actual: '500 (no code)', note: 'stale: GetRole ran and now passes' },
    'GetRole/RoleName/length-65': { actual: '500 (no code)', note: 'stale note' },
  },
};

describe('baseline --keep', () => {
  const report = fakeReport([reportCase('GetRole/RoleName/length-0', 'pass'), reportCase('GetRole/RoleName/length-65', 'fail'), reportCase('GetRole/RoleName/length-64', 'fail')]);

  test("keeps the entries of cases the report did not run, and takes the report's word for the others", () => {
    const written = parse(baselineFromReport(report, { file: 'old.yaml', baseline: earlier })) as Baseline;
    expect(Object.keys(written.cases)).toEqual(['CreateRole/RoleName/length-65', 'GetRole/RoleName/length-64', 'GetRole/RoleName/length-65']);
    expect(written.cases['CreateRole/RoleName/length-65']!.note).toBe('kept: CreateRole did not run');
    expect(written.cases['GetRole/RoleName/length-65']!.note).not.toBe('stale note');
  });

  test('says in its header what it kept', () => {
    expect(baselineFromReport(report, { file: 'old.yaml', baseline: earlier })).toMatch(/keeping 1 entries of\n# the earlier baseline/);
    expect(baselineFromReport(report)).not.toMatch(/keeping/);
  });

  test("refuses another target's baseline", () => {
    expect(() => baselineFromReport(report, { file: 'ls.yaml', baseline: { ...earlier, target: 'localstack' } })).toThrow(BaselineError);
  });
});
