import { expect, test } from 'vitest';
import { applyBaseline, type Baseline } from '../../src/baseline/baseline.ts';
import { fakeReport, reportCase } from '../helpers/report-fixtures.ts';

/** A case the baseline marks unstable may pass without making the baseline stale; any other may not. */
test('an unstable entry lets its case pass; a stable one that passes is an unexpected pass', () => {
  const baseline: Baseline = {
    target: 'moto',
    cases: {
      'ListRoles/pagination': { actual: 'success (200)', note: 'order', unstable: "moto's order of its own" },
      'GetRole/RoleName/length-0': { actual: '500 (no code)', note: 'stable' },
    },
  };
  const out = applyBaseline(fakeReport([reportCase('ListRoles/pagination', 'pass'), reportCase('GetRole/RoleName/length-0', 'pass')]), baseline, 'b.yaml');
  expect(out.baseline!.unexpectedPasses).toEqual(['GetRole/RoleName/length-0']);
  expect(out.cases.find((c) => c.id === 'ListRoles/pagination')!.notes.map((n) => n.text).join()).toMatch(/failing at times: moto's order/);
});
