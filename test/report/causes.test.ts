import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { specLocator } from '../../src/report/spec-location.ts';
import { loadSpecs } from '../../src/specfile/load.ts';
import { ROOT } from '../helpers/cli.ts';
import { causesOf, normalise } from '../../src/report/causes.ts';
import { fakeReport, reportCase } from '../helpers/report-fixtures.ts';

describe('causes', () => {
  const cases = [
    reportCase('ChangePassword/NewPassword/length-129', 'fail'),
    reportCase('ChangePassword/NewPassword/length-0', 'fail'),
    reportCase('ChangePassword/success', 'fail', { diff: { field: 'outcome', expected: 'success', actual: 'error (no code) (500)' } }),
    reportCase('GetLoginProfile/UserName/length-0', 'fail'),
    reportCase('ChangePassword/NewPassword/length-128', 'pass'),
    reportCase('ChangePassword/root', 'skip'),
    reportCase('ChangePassword/slow', 'error'),
  ];

  test('group failed cases by operation, call, field, expected and actual; largest first; only failures', () => {
    const causes = causesOf(cases);
    expect(causes.map((c) => [c.count, c.caseIds])).toEqual([
      [2, ['ChangePassword/NewPassword/length-0', 'ChangePassword/NewPassword/length-129']],
      [1, ['ChangePassword/success']],
      [1, ['GetLoginProfile/UserName/length-0']],
    ]);
    expect(causes[0]!.title).toBe('ChangePassword: error (no code) with status 500 where ValidationError was expected');
    expect(causes[0]!.example).toMatchObject({ caseId: 'ChangePassword/NewPassword/length-0', expected: 'ValidationError', actual: '(no code)', source: 'docs', response: { status: 500 } });
    expect(causes[1]!.title).toBe('ChangePassword: 500 where success was expected');
    expect(causes.reduce((n, c) => n + c.count, 0)).toBe(cases.filter((c) => c.outcome === 'fail').length);
  });

  test('ids are stable: the same in any case order, different per group', () => {
    const a = causesOf(cases).map((c) => c.id);
    const b = causesOf([...cases].reverse()).map((c) => c.id);
    expect(b).toEqual(a);
    expect(new Set(a).size).toBe(a.length);
    expect(a[0]).toMatch(/^ChangePassword-[0-9a-f]{8}$/);
  });

  test('values differing only in run names, account ids and request ids fall into one cause', () => {
    const one = reportCase('ChangePassword/a', 'fail', { diff: { field: 'message', expected: 'x', actual: 'User ic-abc123-u1 in 123456789012 (req 0f8fad5b-d9cb-469f-a165-70867728950e)' } });
    const two = reportCase('ChangePassword/b', 'fail', { diff: { field: 'message', expected: 'x', actual: 'User ic-zzz999-u7 in 210987654321 (req 7c9e6679-7425-40de-944b-e07fc1f90ae7)' } });
    expect(causesOf([one, two])).toHaveLength(1);
    expect(normalise('ic-abc123-u1 at 2026-12-03T10:00:00.000Z')).toBe('<name> at <time>');
  });

  test('titles of code and status differences say what came back; outcome differences are keyed by the code expected', () => {
    const withStatus = (id: string, status: number, code?: string, diff?: NonNullable<Parameters<typeof reportCase>[2]>['diff']) =>
      reportCase(id, 'fail', { diff, steps: [{ call: 'ChangePassword', as: 'user', input: {}, expected: { error: 'NoSuchEntity', status: 404 }, source: 'docs', actual: { status, ...(code ? { code } : {}), attempts: 1 } }] as never });
    const code500 = withStatus('ChangePassword/a', 500, undefined, { field: 'error', expected: 'NoSuchEntity', actual: '(no code)' });
    const code400 = withStatus('ChangePassword/b', 400, undefined, { field: 'error', expected: 'NoSuchEntity', actual: '(no code)' });
    const status = withStatus('ChangePassword/c', 500, 'InternalFailure', { field: 'status', expected: 404, actual: 500 });
    const causes = causesOf([code500, code400, status]);
    expect(causes.map((c) => c.title).sort()).toEqual([
      'ChangePassword: error (no code) with status 400 where NoSuchEntity was expected',
      'ChangePassword: error (no code) with status 500 where NoSuchEntity was expected',
      'ChangePassword: status 500 InternalFailure where 404 was expected',
    ]);
    const succeeded = (id: string, code: string) =>
      reportCase(id, 'fail', { diff: { field: 'outcome', expected: 'error', actual: 'success (200)' }, steps: [{ call: 'ChangePassword', as: 'user', input: {}, expected: { error: code }, source: 'docs', actual: { status: 200, attempts: 1 } }] as never });
    const outcome = causesOf([succeeded('ChangePassword/d', 'ValidationError'), succeeded('ChangePassword/e', 'NoSuchEntity'), succeeded('ChangePassword/f', 'NoSuchEntity')]);
    expect(outcome.map((c) => [c.count, c.title])).toEqual([
      [2, 'ChangePassword: 200 where error NoSuchEntity was expected'],
      [1, 'ChangePassword: 200 where error ValidationError was expected'],
    ]);
  });

  test('a failure in set-up names the call it happened in', () => {
    const c = reportCase('UpdateLoginProfile/x', 'fail', { diff: { call: 'CreateUser', field: 'setup', expected: 'success', actual: 'AccessDenied', step: -1 } });
    expect(causesOf([c])[0]).toMatchObject({ call: 'setup CreateUser', title: 'UpdateLoginProfile (setup CreateUser): setup AccessDenied where success was expected' });
  });

  test('a report without failures has no causes', () => {
    expect(causesOf(fakeReport([reportCase('ChangePassword/success', 'pass')]).cases)).toEqual([]);
  });
});

describe('the spec entry of a case, for CI annotations', () => {
  const locate = specLocator(loadSpecs());
  const lines = readFileSync(join(ROOT, 'specs/iam/ChangePassword.yaml'), 'utf8').split('\n');
  test("a probe points at its member's key under input:, a scenario at its entry", () => {
    const probe = locate('ChangePassword/NewPassword/length-129')!;
    expect(probe.file).toBe('specs/iam/ChangePassword.yaml');
    expect(lines[probe.line - 1]).toMatch(/^\s+NewPassword:\s*$/);
    const scenario = locate('ChangePassword/no-login-profile')!;
    expect(lines[scenario.line - 1]).toMatch(/^\s+- id: no-login-profile\s*$/);
    expect(locate('Nothing/here')).toBeUndefined();
  });
});
