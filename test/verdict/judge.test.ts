import { describe, expect, test } from 'vitest';
import { judge, type StepClaim } from '../../src/verdict/judge.ts';
import { sameValidationMessage } from '../../src/verdict/validation-message.ts';
import type { Response } from '../../src/clients/types.ts';

const response = (r: Partial<Response>): Response => ({ kind: 'response', status: 200, attempts: 1, ...r });
const claim = (c: Partial<StepClaim>): StepClaim => ({ index: 0, call: 'ChangePassword', expect: {}, source: 'docs', ...c });

describe('verdicts', () => {
  test('code and status backed by evidence are MUST: a miss is a difference', () => {
    const j = judge(claim({ expect: { error: 'NoSuchEntity', status: 404 } }), response({ status: 400, code: 'ValidationError' }), { strict: false });
    expect(j.differences.map((d) => d.field)).toEqual(['error', 'status']);
  });

  test('the same claim when inferred is only a note', () => {
    const j = judge(claim({ source: 'inferred', expect: { error: 'NoSuchEntity', status: 404 } }), response({ status: 400, code: 'ValidationError' }), { strict: false });
    expect(j.differences).toEqual([]);
    expect(j.notes).toHaveLength(2);
  });

  test('message text is a note, and a MUST in strict mode when recorded or documented', () => {
    const c = claim({ expect: { error: 'NoSuchEntity', message: 'Login Profile for User u cannot be found.' }, messageSource: 'aws-recording' });
    const r = response({ status: 404, code: 'NoSuchEntity', message: 'not found' });
    expect(judge(c, r, { strict: false }).differences).toEqual([]);
    expect(judge(c, r, { strict: false }).notes).toHaveLength(1);
    expect(judge(c, r, { strict: true }).differences.map((d) => d.field)).toEqual(['message']);
    expect(judge({ ...c, messageSource: 'user-report' }, r, { strict: true }).differences).toEqual([]);
  });

  test('outcome mismatch is reported once', () => {
    const j = judge(claim({ expect: { error: 'NoSuchEntity', status: 404, message: 'x' } }), response({ status: 200 }), { strict: true });
    expect(j.differences.map((d) => d.field)).toEqual(['outcome']);
  });

  test('notError fails when the forbidden code comes back', () => {
    const c = claim({ expect: { outcome: 'error', notError: 'ValidationError' } });
    expect(judge(c, response({ status: 400, code: 'ValidationError' }), { strict: false }).differences).toHaveLength(1);
    expect(judge(c, response({ status: 403, code: 'AccessDenied' }), { strict: false }).differences).toHaveLength(0);
  });

  test('likely claims are notes, never differences', () => {
    const c = claim({ expect: { outcome: 'error' }, likely: { expect: { error: 'AccessDenied', status: 403 }, source: 'inferred' } });
    const j = judge(c, response({ status: 400, code: 'InvalidInput' }), { strict: true });
    expect(j.differences).toEqual([]);
    expect(j.notes.map((n) => n.text).join('\n')).toMatch(/likely "AccessDenied"/);
  });

  test('output: literals, types, and members that must be absent', () => {
    const c = claim({ expect: { output: { PasswordPolicy: { MinimumPasswordLength: 6, ExpirePasswords: { type: 'boolean' } } }, absent: ['PasswordPolicy.MaxPasswordAge'] } });
    expect(judge(c, response({ output: { PasswordPolicy: { MinimumPasswordLength: 6, ExpirePasswords: false } } }), { strict: false }).differences).toEqual([]);
    const bad = judge(c, response({ output: { PasswordPolicy: { MinimumPasswordLength: 8, MaxPasswordAge: 0 } } }), { strict: false });
    expect(bad.differences.map((d) => d.field).sort()).toEqual(['output.PasswordPolicy.ExpirePasswords', 'output.PasswordPolicy.MaxPasswordAge', 'output.PasswordPolicy.MinimumPasswordLength']);
  });

  test('validation messages compare as a set of violations', () => {
    const a = "2 validation errors detected: Value at 'a' failed to satisfy constraint: X; Value at 'b' failed to satisfy constraint: Y";
    const b = "2 validation errors detected: Value at 'b' failed to satisfy constraint: Y; Value at 'a' failed to satisfy constraint: X";
    expect(sameValidationMessage(a, b)).toBe(true);
    expect(sameValidationMessage(a, b.replace('Y', 'Z'))).toBe(false);
    expect(sameValidationMessage(a, b.replace('2 validation errors', '3 validation errors'))).toBe(false);
  });
});
