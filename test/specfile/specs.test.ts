import { describe, expect, test } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadSpecs } from '../../src/specfile/load.ts';
import { checkAgainstModel } from '../../src/specfile/model-check.ts';
import { ROOT } from '../helpers/cli.ts';
import { HANDLERS } from '../../src/mock/operations/index.ts';
import { OPERATIONS } from '../../src/mock/constraints.ts';

const MODEL = join(ROOT, '../shared/models/iam-2010-05-08.json');
// The official model lives beside the project in the workspace (../shared), not in the package: a clone
// without it skips only the cross-checks against it.
const noModel = !existsSync(MODEL);

describe('the shipped specs', () => {
  const specs = loadSpecs();

  test('one operation per spec file, each named by its file, each served by the reference emulator', () => {
    for (const op of specs.operations) {
      expect(op.file.endsWith(`${op.operation}.yaml`), op.file).toBe(true);
      expect(HANDLERS[op.operation], `src/mock/operations: no handler for ${op.operation}`).toBeTypeOf('function');
      expect(OPERATIONS[op.operation], `src/mock/constraints.ts: no constraints for ${op.operation}`).toBeDefined();
    }
  });

  test('load without problems and cover the password operations this suite is about', () => {
    const names = specs.operations.map((o) => o.operation);
    expect(names).toEqual(expect.arrayContaining([
      'ChangePassword', 'CreateLoginProfile', 'DeleteAccountPasswordPolicy', 'DeleteLoginProfile',
      'GetAccountPasswordPolicy', 'GetLoginProfile', 'UpdateAccountPasswordPolicy', 'UpdateLoginProfile',
    ]));
    // And every operation of the model that takes no input (nothing to generate cases from).
    expect(names).toEqual(expect.arrayContaining(['GetAccountSummary', 'GetCredentialReport', 'ListSAMLProviders', 'ListOrganizationsFeatures']));
    expect(names).toHaveLength(21);
  });

  test.skipIf(noModel)('agree with the official IAM Smithy model', () => {
    const { mismatches, checked } = checkAgainstModel(specs, MODEL);
    expect(mismatches).toEqual([]);
    expect(checked).toBeGreaterThan(50);
  });

  test('account for every modelled error: exercised by a scenario or marked untriggerable with a reason', () => {
    const pairs = specs.operations.flatMap((op) => op.errors.map((e) => ({ op, e })));
    expect(pairs.length).toBeGreaterThanOrEqual(specs.operations.length);
    for (const { op, e } of pairs) {
      const exercised = op.scenarios.some((s) => s.steps.some((st) => st.call === op.operation && (st.expect.error === e.code || st.likely?.expect.error === e.code)));
      expect(exercised || !!e.untriggerable, `${op.operation}/${e.code}`).toBe(true);
      expect(exercised && !!e.untriggerable, `${op.operation}/${e.code} is exercised but marked untriggerable`).toBe(false);
    }
  });

  test.skipIf(noModel)('the model cross-check finds a changed constraint', () => {
    const changed = loadSpecs();
    changed.shapes.get('Password')!.length = { min: 1, max: 127 };
    const { mismatches } = checkAgainstModel(changed, MODEL);
    expect(mismatches.map((m) => m.where)).toContain('NewPassword length');
  });
});
