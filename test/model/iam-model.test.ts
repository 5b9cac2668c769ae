import { describe, expect, test } from 'vitest';
import { modelOperations } from '../../src/model/iam-model.ts';
import { OPERATIONS } from '../../src/mock/constraints.ts';

/** The one reader of the IAM model: what it finds is what the model (2026-03) documents. */
describe('the IAM model as read', () => {
  const ops = modelOperations();

  test('every operation, with the constrained and required input members the model documents', () => {
    expect(ops.size).toBe(176);
    const members = [...ops.values()].flatMap((op) => op.input);
    const constrained = members.filter((m) => m.length || m.pattern || m.range || m.enumValues);
    expect(constrained.length).toBe(387);
    expect(members.filter((m) => m.required).length).toBe(219);
  });

  test('a member resolved to its constraints: CreateRole RoleName, a tag key inside Tags, an enum', () => {
    const roleName = ops.get('CreateRole')!.input.find((m) => m.name === 'RoleName')!;
    expect(roleName).toMatchObject({ shape: 'roleNameType', type: 'string', required: true, length: { min: 1, max: 64 }, pattern: '^[\\w+=,.@-]+$' });
    const tags = ops.get('CreateRole')!.input.find((m) => m.name === 'Tags')!;
    expect(tags.element?.type).toBe('structure');
    expect(tags.element?.members?.find((f) => f.name === 'Key')).toMatchObject({ required: true, length: { min: 1, max: 128 } });
    const status = ops.get('UpdateAccessKey')!.input.find((m) => m.name === 'Status')!;
    expect(status.enumValues).toEqual(['Active', 'Inactive', 'Expired']);
  });

  test('the errors an operation declares, with their awsQuery codes and statuses', () => {
    expect(ops.get('GetRole')!.errors).toEqual(expect.arrayContaining([{ code: 'NoSuchEntity', status: 404 }, { code: 'ServiceFailure', status: 500 }]));
  });

  test('the emulator checks every operation of the model, every constrained member included', () => {
    expect(Object.keys(OPERATIONS).sort()).toEqual([...ops.keys()].sort());
    for (const op of ops.values()) {
      for (const m of op.input.filter((x) => x.length || x.pattern || x.range || x.enumValues || x.required)) {
        expect(OPERATIONS[op.name]![m.name], `${op.name}.${m.name}`).toBeDefined();
      }
    }
  });
});
