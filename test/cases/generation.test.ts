import { describe, expect, test } from 'vitest';
import { charClassOf, edgeCodePoints, inClass } from '../../src/model/charclass.ts';
import { expandCases } from '../../src/cases/expand.ts';
import { filterCases, globToRegExp } from '../../src/cases/filter.ts';
import { validationMessage } from '../../src/cases/constraint-cases.ts';
import { generatePassword } from '../../src/cases/values.ts';
import { seededRandom } from '../../src/cases/random.ts';
import { loadSpecs } from '../../src/specfile/load.ts';
import { escapeTemplate, NAME_PREFIX_TEMPLATE, unescapeTemplate } from '../../src/cases/template.ts';
import { namePrefix } from '../../src/iam/names.ts';
import { CaseScope } from '../../src/runner/scope.ts';

const PASSWORD = '^[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+$';
const USER_NAME = '^[\\w+=,.@-]+$';

describe('character classes of model patterns', () => {
  test('the password class: TAB, LF, CR and U+0020..U+00FF', () => {
    expect(charClassOf(PASSWORD)).toEqual([[0x09, 0x0a], [0x0d, 0x0d], [0x20, 0xff]]);
  });

  test('the user name class: \\w is ASCII only, and a trailing - is literal', () => {
    const ranges = charClassOf(USER_NAME)!;
    for (const ch of ['a', 'Z', '0', '_', '+', '=', ',', '.', '@', '-']) expect(inClass(ranges, ch.codePointAt(0)!), ch).toBe(true);
    for (const ch of ['/', ':', '[', '`', '{', '*', '<', ' ', 'é']) expect(inClass(ranges, ch.codePointAt(0)!), ch).toBe(false);
  });

  test('edges include both sides of every range and the seams named in the issue', () => {
    const edges = edgeCodePoints(charClassOf(PASSWORD)!);
    for (const cp of [0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x1f, 0x20, 0x7e, 0x7f, 0x80, 0xff, 0x100, 0x1f600]) expect(edges).toContain(cp);
  });
});

describe('generated cases', () => {
  const specs = loadSpecs();
  const cases = expandCases(specs, { seed: 'test01' });

  test('every password member has the length and code point probes', () => {
    const passwordMembers = specs.operations.flatMap((op) => op.input.filter((m) => m.shape === 'Password').map((m) => `${op.operation}/${m.name}`));
    expect(passwordMembers.length).toBeGreaterThanOrEqual(4);
    for (const member of passwordMembers) {
      for (const probe of ['length-0', 'length-1', 'length-128', 'length-129', ...['0008', '0009', '000A', '000B', '000C', '000D', '000E', '001F', '0020', '007E', '007F', '0080', '00FF', '0100', '1F600'].map((h) => `codepoint-U+${h}`)]) {
        expect(cases.some((c) => c.id === `${member}/${probe}`), `${member}/${probe}`).toBe(true);
      }
    }
  });

  test('ids are unique and readable, and there are at least 500 cases', () => {
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
    expect(cases.length).toBeGreaterThanOrEqual(500);
    for (const c of cases) expect(c.id).toMatch(/^[A-Z][A-Za-z]+\/[A-Za-z0-9+.-]+(\/[A-Za-z0-9+-]+)?$/);
  });

  test('a probe the model rejects expects ValidationError with the violated constraint', () => {
    const c = cases.find((x) => x.id === 'ChangePassword/NewPassword/length-129')!;
    expect(c.steps[0]!.expect).toEqual({
      error: 'ValidationError',
      status: 400,
      message: "1 validation error detected: Value at 'newPassword' failed to satisfy constraint: Member must have length less than or equal to 128",
    });
    expect(c.steps[0]!.source).toBe('docs');
    expect(unescapeTemplate((c.steps[0]!.input as Record<string, string>).NewPassword!)).toHaveLength(129);
  });

  test('a valid probe varies only its member: the rest of the request is the same valid request', () => {
    const c = cases.find((x) => x.id === 'ChangePassword/NewPassword/codepoint-U+0009')!;
    const input = c.steps[0]!.input as Record<string, string>;
    expect(input.OldPassword).toBe('${user.password}');
    expect(input.NewPassword.endsWith('\t')).toBe(true);
    expect(c.steps[0]!.expect).toEqual({ outcome: 'success' });
  });

  test('the OldPassword probe becomes the user\'s password when a user could have it', () => {
    const ok = cases.find((x) => x.id === 'ChangePassword/OldPassword/length-128')!;
    expect(ok.given.users?.user?.password).toBe((ok.steps[0]!.input as Record<string, string>).OldPassword);
    const bad = cases.find((x) => x.id === 'ChangePassword/OldPassword/codepoint-U+0100')!;
    expect(bad.given.users?.user?.password).toBeUndefined();
    const one = cases.find((x) => x.id === 'ChangePassword/OldPassword/length-1')!;
    expect(one.given.users?.user?.password).toBeUndefined();
    expect(one.steps[0]!.expect).toEqual({ outcome: 'error', notError: 'ValidationError' });
  });

  test('a missing required member is left out of the request', () => {
    const c = cases.find((x) => x.id === 'ChangePassword/OldPassword/missing')!;
    expect(Object.keys(c.steps[0]!.input!)).toEqual(['NewPassword']);
  });

  test('the same seed gives the same values; another gives others', () => {
    const again = expandCases(specs, { seed: 'test01' });
    const other = expandCases(specs, { seed: 'test02' });
    const pick = (cs: typeof cases) => JSON.stringify(cs.find((c) => c.id === 'ChangePassword/NewPassword/length-128')!.steps[0]!.input);
    expect(pick(again)).toBe(pick(cases));
    expect(pick(other)).not.toBe(pick(cases));
  });

  test('filters by operation, tag and id glob', () => {
    expect(filterCases(cases, { operations: ['GetLoginProfile'] }).every((c) => c.operation === 'GetLoginProfile')).toBe(true);
    expect(filterCases(cases, { ids: ['ChangePassword/*/length-*'] }).map((c) => c.id)).toContain('ChangePassword/NewPassword/length-129');
    expect(filterCases(cases, { tags: ['password-policy'] }).length).toBeGreaterThan(3);
    expect(globToRegExp('a/**').test('a/b/c')).toBe(true);
    expect(globToRegExp('a/*').test('a/b/c')).toBe(false);
  });
});

describe('values', () => {
  test('validation messages: singular, plural, camelCase member, no value echoed', () => {
    expect(validationMessage('MaxPasswordAge', ['Member must have value less than or equal to 1095'])).toBe(
      "1 validation error detected: Value at 'maxPasswordAge' failed to satisfy constraint: Member must have value less than or equal to 1095",
    );
    expect(validationMessage('NewPassword', ['A', 'B'])).toMatch(/^2 validation errors detected: .*; /);
  });

  test('generated passwords have every requested character type and the exact length', () => {
    const rng = seededRandom('x');
    for (let i = 0; i < 50; i++) {
      const p = generatePassword(rng, { length: 12 });
      expect(p).toHaveLength(12);
      expect(p).toMatch(/[a-z]/);
      expect(p).toMatch(/[A-Z]/);
      expect(p).toMatch(/[0-9]/);
      expect(p).toMatch(/[!@#$%^&*()_+\-=[\]{}|']/);
    }
    expect(generatePassword(rng, { length: 20, without: ['symbol'] })).not.toMatch(/[!@#$%^&*()_+\-=[\]{}|']/);
  });

  test('a generated value is data, not a template: "$" and "${user}" in it reach the target as they are', () => {
    const scope = new CaseScope('seed');
    scope.users.set('user', { handle: 'user', name: 'ic-x-u0', exists: true, created: { user: true, key: false, policy: false } });
    for (const literal of ['a${user}b', '$', '$$', 'x$', '${password.1}', 'p$${user}']) {
      expect(scope.resolve({ NewPassword: escapeTemplate(literal), UserName: '${user}' })).toEqual({ NewPassword: literal, UserName: 'ic-x-u0' });
    }
  });
});

describe('portable cases', () => {
  const specs = loadSpecs();

  test('expansion holds no run id: user names are run-scoped templates, bound when the case runs', () => {
    const cases = expandCases(specs, { seed: 'portable' });
    const text = JSON.stringify(cases);
    expect(text).toContain(NAME_PREFIX_TEMPLATE);
    const c = cases.find((x) => x.id === 'CreateLoginProfile/UserName/length-64')!;
    const name = (c.steps[0]!.input as Record<string, string>).UserName!;
    expect(name.startsWith(NAME_PREFIX_TEMPLATE)).toBe(true);
    // `${run}` stands for six characters, and is six characters long: a name's length survives binding.
    expect(namePrefix('abc123')).toHaveLength(NAME_PREFIX_TEMPLATE.length);
    const scope = new CaseScope('seed', undefined, 'abc123');
    const bound = scope.resolve(name) as string;
    expect(bound).toHaveLength(64);
    expect(bound.startsWith('ic-abc123-')).toBe(true);
  });

  test('a generated "$" stays data next to the run template', () => {
    const scope = new CaseScope('seed', undefined, 'abc123');
    expect(scope.resolve(`${NAME_PREFIX_TEMPLATE}${escapeTemplate('x$')}`)).toBe('ic-abc123-x$');
  });
});
