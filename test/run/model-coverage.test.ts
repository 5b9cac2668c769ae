import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { expandCases } from '../../src/cases/expand.ts';
import { coverageMarkdown, modelCoverage } from '../../src/run/model-coverage.ts';
import { DEFAULT_SEED } from '../../src/run/plan.ts';
import { loadSpecs } from '../../src/specfile/load.ts';

const DOC = fileURLToPath(new URL('../../docs/coverage.md', import.meta.url));

describe('coverage of the IAM model', () => {
  const cases = expandCases(loadSpecs(), { seed: DEFAULT_SEED });
  const rows = modelCoverage(cases);

  test('every operation of the model, the cases counted from the specs', () => {
    expect(rows.length).toBe(176);
    expect(rows.find((r) => r.operation === 'ChangePassword')).toMatchObject({ operation: 'ChangePassword', constrainedMembers: 2, requiredMembers: 2, membersToProbe: 2, membersProbed: 2, cases: 303, emulator: 'behaviour' });
    expect(rows.find((r) => r.operation === 'ChangePassword')!.errorsExpected).toEqual(expect.arrayContaining(['NoSuchEntity', 'PasswordPolicyViolation']));
    // Every member that can be probed is, on every operation but three whose spec files own their members
    // and leave booleans unprobed (PasswordResetRequired, the Require* flags: a malformed boolean).
    expect(rows.filter((r) => r.membersProbed < r.membersToProbe).map((r) => r.operation)).toEqual(['CreateLoginProfile', 'UpdateAccountPasswordPolicy', 'UpdateLoginProfile']);
    expect(rows.find((r) => r.operation === 'CreateRole')).toMatchObject({ emulator: 'behaviour' });
    expect(rows.find((r) => r.operation === 'CreateRole')!.cases).toBeGreaterThan(40);
    expect(rows.reduce((n, r) => n + r.cases, 0)).toBe(expandCases(loadSpecs(), { seed: DEFAULT_SEED }).length);
  });

  test('docs/coverage.md is what the model and specs give today (npm run docs:coverage rewrites it)', () => {
    expect(readFileSync(DOC, 'utf8')).toBe(coverageMarkdown(rows, cases));
  });
});
