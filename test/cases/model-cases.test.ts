import { mkdtempSync, readFileSync, readdirSync, writeFileSync, copyFileSync, cpSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { expandCases, DEFAULT_SEED } from '../../src/cases/expand.ts';
import { modelOperations, compilePattern } from '../../src/model/iam-model.ts';
import { DEFAULT_SPEC_DIR, loadSpecs } from '../../src/specfile/load.ts';
import { SpecErrors } from '../../src/specfile/errors.ts';
import type { Case } from '../../src/cases/types.ts';
import { familyOperations, resolveOperations } from '../../src/cases/operation-names.ts';

const specs = loadSpecs();
const cases = expandCases(specs, { seed: DEFAULT_SEED });
const model = cases.filter((c) => c.tags.includes('model'));
const byId = new Map(cases.map((c) => [c.id, c]));
const RUN = 'abc123';
const resolve = (v: unknown) => (typeof v === 'string' ? v.split('${run}').join(RUN).split('$$').join('$') : v);

describe('cases generated from the IAM model', () => {
  test('every constrained or required top-level member of every operation has a case, or is a declared exclusion', () => {
    const declared = new Map(specs.operations.map((o) => [o.operation, new Set(o.input.map((m) => m.name))]));
    const missing: string[] = [];
    for (const op of modelOperations().values()) {
      for (const m of op.input) {
        const constrained = m.required || m.length || m.pattern || m.range || m.enumValues || m.type === 'integer' || m.type === 'boolean' || m.type === 'list';
        if (!constrained || specs.overrides!.excluded[`${op.name}.${m.name}`]) continue;
        const has = declared.get(op.name)?.has(m.name) ? cases.some((c) => c.operation === op.name) : model.some((c) => c.operation === op.name && c.probe!.member.split('.')[0] === m.name);
        if (!has) missing.push(`${op.name}.${m.name}`);
      }
    }
    expect(missing).toEqual([]);
    expect(new Set(cases.map((c) => c.operation)).size).toBeGreaterThanOrEqual(160);
    expect(cases.length).toBeGreaterThanOrEqual(3000);
  });

  test('ids keep the form Operation/Member/probe, readable and stable', () => {
    expect(byId.get('CreateRole/RoleName/length-65')).toBeDefined();
    expect(byId.get('TagUser/Tags.member.Key/length-129')).toBeDefined();
    expect(byId.get('UntagUser/TagKeys.member/length-129')).toBeDefined();
    expect(byId.get('UpdateAccessKey/Status/enum-case-changed')).toBeDefined();
    expect(byId.get('ListUsers/MaxItems/not-a-number')).toBeDefined();
    for (const c of model) expect(c.id.split('/')).toHaveLength(3);
  });

  test('exactly one member varies: the others are the valid required members, the same as in the sibling probes', () => {
    const c = byId.get('CreateRole/RoleName/length-65')!;
    const input = c.steps[0]!.input!;
    expect(Object.keys(input).sort()).toEqual(['AssumeRolePolicyDocument', 'RoleName']);
    expect([...(resolve(input.RoleName) as string)]).toHaveLength(65);
    expect(resolve(input.RoleName)).toMatch(new RegExp(`^ic-${RUN}-`));
    const missing = byId.get('CreateRole/AssumeRolePolicyDocument/missing')!.steps[0]!.input!;
    expect(Object.keys(missing)).toEqual(['RoleName']);
    // Excluded one probe at a time, with the overrides' reason: a role no tear-down could name.
    expect(byId.has('CreateRole/RoleName/missing') || byId.has('CreateRole/RoleName/length-0')).toBe(false);
    expect(byId.has('CreateRole/RoleName/length-1')).toBe(true);
  });

  test('a rejected value breaks the model and draws ValidationError; an allowed one satisfies it and must not', () => {
    const ops = modelOperations();
    let checked = 0;
    for (const c of model) {
      const step = c.steps[0]!;
      if (!step.input || c.probe!.member.includes('.')) continue;
      const member = ops.get(c.operation)!.input.find((m) => m.name === c.probe!.member)!;
      const value = resolve(step.input[member.name]);
      if (typeof value !== 'string' || !member.pattern || specs.overrides!.patterns[member.pattern]?.rejection) continue;
      const n = [...value].length;
      const fits = compilePattern(member.pattern).re.test(value) && n >= (member.length?.min ?? 0) && n <= (member.length?.max ?? Infinity);
      expect(fits, c.id).toBe(c.probe!.valid);
      if (c.probe!.valid) expect(step.expect).toEqual({ notError: 'ValidationError' });
      else expect(step.expect).toMatchObject({ error: 'ValidationError', status: 400 });
      checked++;
    }
    expect(checked).toBeGreaterThan(3000);
  });

  test('what the evidence does not settle is asserted in its certain part only', () => {
    const missing = byId.get('CreateRole/AssumeRolePolicyDocument/missing')!.steps[0]!;
    expect(missing.expect).toEqual({ outcome: 'error', status: 400 });
    expect(missing.likely?.source).toBe('inferred');
    const malformed = byId.get('ListUsers/MaxItems/not-a-number')!.steps[0]!;
    expect(malformed.wire?.MaxItems).toBe('abc');
    expect(malformed.expect).toEqual({ outcome: 'error', status: 400 });
    // The recorded forms are strict; a camel-cased acronym (sAMLProviderArn?) is not recorded.
    expect(byId.get('UpdateAccessKey/Status/enum-unknown')!.steps[0]!.messageSource).toBe('aws-recording');
    expect(byId.get('CreateVirtualMFADevice/Path/pattern-no-leading-slash')!.steps[0]).toMatchObject({
      expect: { error: 'ValidationError', message: expect.stringContaining('The specified value for path is invalid') },
      messageSource: 'aws-recording',
    });
    expect(byId.get('CreateRole/Path/pattern-no-leading-slash')!.steps[0]!.messageSource).toBe('inferred');
  });

  test('creating operations get valid probes only where the overrides say how to remove what they make; account-wide ones run alone and never on a real account', () => {
    const { creating, teardown } = specs.overrides!;
    const unremovable = Object.keys(creating).filter((op) => teardown[op] === undefined);
    expect(unremovable.length).toBeGreaterThan(0);
    expect(model.filter((c) => unremovable.includes(c.operation) && c.probe!.valid)).toEqual([]);
    // A valid probe of a removable creation is marked as making it, and is the run's only when its name holds the run id.
    const group = byId.get('CreateGroup/Path/length-1')!;
    expect([group.requires, group.steps[0]!.creates]).toEqual([[], { kind: 'group', id: 'GroupName' }]);
    expect(byId.get('CreateGroup/GroupName/length-1')!.requires).toEqual(['disposable-account']);
    expect(byId.get('CreatePolicy/Path/length-1')!.requires).toEqual([]);
    expect(byId.get('CreatePolicy/PolicyName/length-1')!.requires).toEqual(['disposable-account']);
    // A role's trust policy is one a principal may assume (the recorded one), not the identity policy other documents get.
    expect(JSON.parse(byId.get('CreateRole/RoleName/length-1')!.steps[0]!.input!.AssumeRolePolicyDocument as string).Statement[0].Action).toBe('sts:AssumeRole');
    expect(JSON.parse(byId.get('PutRolePolicy/RoleName/length-1')!.steps[0]!.input!.PolicyDocument as string).Statement[0].Action).toBe('iam:GetUser');
    // A service-linked role is named by AWS, never after the run.
    expect(model.filter((c) => c.operation === 'CreateServiceLinkedRole' && c.probe!.valid).every((c) => c.requires.includes('disposable-account'))).toBe(true);
    const alias: Case[] = model.filter((c) => c.operation === 'CreateAccountAlias');
    expect(alias.length).toBeGreaterThan(0);
    for (const c of alias) expect([c.serial, c.requires]).toEqual([true, ['disposable-account']]);
    // A valid name the run does not own (one letter) on an operation that deletes: never on a shared account.
    expect(byId.get('DeleteRole/RoleName/length-1')!.requires).toEqual(['disposable-account']);
    expect(byId.get('GetRole/RoleName/length-1')!.requires).toEqual([]);
  });

  test('every operation of the model is in a family, and --operation takes globs', () => {
    const outside = [...modelOperations().keys()].filter((op) => !Object.keys(specs.overrides!.families).some((f) => familyOperations(specs, f).includes(op)));
    expect(outside).toEqual([]);
    expect(familyOperations(specs, 'roles')).toContain('UpdateAssumeRolePolicy');
    expect(resolveOperations(specs, ['*LoginProfile'])).toEqual(['CreateLoginProfile', 'DeleteLoginProfile', 'GetLoginProfile', 'UpdateLoginProfile']);
    expect(() => resolveOperations(specs, ['CreateRle'])).toThrow(/unknown operation "CreateRle"/);
    expect(() => resolveOperations(specs, [], ['rols'])).toThrow(/unknown family "rols": one of users, /);
  });

  test('the same bytes on every expansion', () => {
    expect(JSON.stringify(expandCases(loadSpecs(), { seed: DEFAULT_SEED }))).toBe(JSON.stringify(cases));
  });
});

describe('model-overrides.yaml is checked like a spec', () => {
  function folderWith(edit: (text: string) => string): string {
    const dir = mkdtempSync(join(tmpdir(), 'ic-overrides-'));
    cpSync(DEFAULT_SPEC_DIR, dir, { recursive: true });
    const file = join(dir, 'model-overrides.yaml');
    writeFileSync(file, edit(readFileSync(file, 'utf8')));
    return dir;
  }
  const problems = (dir: string) => {
    try {
      loadSpecs(dir);
      return [];
    } catch (e) {
      if (!(e instanceof SpecErrors)) throw e;
      return e.errors.map((x) => x.format());
    }
  };

  test('a "rejected" sample the pattern accepts is named with its file, place and line', () => {
    const out = problems(folderWith((t) => t.replace("zero: 'v0'", "zero: 'v1'")));
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/model-overrides\.yaml:\d+:\d+ at \/patterns\/.*\/rejected\/zero: "v1" matches the pattern/);
  });

  test('an operation the model does not have, and a pattern left without a recipe', () => {
    const out = problems(folderWith((t) => t.replace('  CreateGroup: makes a group', '  CreateGrup: makes a group').replace(/  '\^\\d\{12\}\$':\n(    .*\n)+/, '')));
    expect(out.some((l) => l.includes('/creating/CreateGrup: no operation CreateGrup in the IAM model'))).toBe(true);
    expect(out.some((l) => l.includes('the pattern ^\\d{12}$') && l.includes('needs an entry'))).toBe(true);
  });

  test('a folder without the file expands its own specs only', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ic-no-overrides-'));
    // Family files lean on the overrides (their family names), so the folder holds the operation files only.
    for (const f of readdirSync(DEFAULT_SPEC_DIR)) {
      if (f !== 'model-overrides.yaml' && statSync(join(DEFAULT_SPEC_DIR, f)).isFile()) copyFileSync(join(DEFAULT_SPEC_DIR, f), join(dir, f));
    }
    // The spec files' own cases: the 989 of the password operations and the 13 of the operations without input.
    expect(expandCases(loadSpecs(dir), { seed: DEFAULT_SEED })).toHaveLength(1002);
  });
});
