/** The aws target's small parts: journal, opt-in guard, endpoints, durations. */
import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { appendJournal, journalFile, livePids, readJournal, startJournal } from '../../src/targets/aws/journal.ts';
import { checkOptIn } from '../../src/targets/aws/guard.ts';
import { iamEndpoint } from '../../src/targets/aws/endpoints.ts';
import { parseDuration, runOf } from '../../src/cli/cleanup.ts';
import { TargetRefused } from '../../src/targets/types.ts';

const run = { runId: 'abc123', accountId: '123456789012', endpoint: 'https://iam.amazonaws.com', region: 'us-east-1', path: '/iam-conformance/abc123/', namePrefix: 'ic-abc123-', tag: { Key: 'iam-conformance:run-id', Value: 'abc123' } };

describe('journal', () => {
  test('users announced and not seen deleted; the policy found; every writer', () => {
    const file = journalFile(mkdtempSync(join(tmpdir(), 'journal-')), 'abc123');
    startJournal(file, run);
    appendJournal(file, { type: 'account-policy', snapshot: { exists: true, policy: { MinimumPasswordLength: 14 } }, pid: 1 });
    appendJournal(file, { type: 'user', name: 'ic-abc123-u0', pid: 2, at: '' });
    appendJournal(file, { type: 'user', name: 'ic-abc123-u1', pid: 2, at: '' });
    appendJournal(file, { type: 'user-deleted', name: 'ic-abc123-u0', pid: 2 });
    const state = readJournal(file);
    expect(state.users).toEqual(['ic-abc123-u1']);
    expect(state.policy).toEqual({ exists: true, policy: { MinimumPasswordLength: 14 } });
    expect(state.pids).toEqual([process.pid, 1, 2]);
    expect(state.run.path).toBe('/iam-conformance/abc123/');
  });

  test('a last line cut short by a kill is ignored; a bad line before it is an error', () => {
    const file = journalFile(mkdtempSync(join(tmpdir(), 'journal-')), 'abc123');
    startJournal(file, run);
    appendJournal(file, { type: 'user', name: 'ic-abc123-u0', pid: 2, at: '' });
    appendFileSync(file, '{"type":"user","name":"ic-abc1');
    expect(readJournal(file).users).toEqual(['ic-abc123-u0']);
    appendFileSync(file, '\n{"type":"user","name":"ic-abc123-u9","pid":2}\n');
    expect(() => readJournal(file)).toThrow(/line 3 is not JSON/);
  });

  test("what cases made stays in the journal until their tear-down says it is removed", () => {
    const file = journalFile(mkdtempSync(join(tmpdir(), 'journal-')), 'abc123');
    startJournal(file, run);
    appendJournal(file, { type: 'made', kind: 'role', id: 'ic-abc123-r1', pid: 2 });
    appendJournal(file, { type: 'made', kind: 'server certificate', id: 'ic-abc123-c1', pid: 2 });
    appendJournal(file, { type: 'made-removed', kind: 'role', id: 'ic-abc123-r1', pid: 2 });
    // Same id, other kind: not this one.
    appendJournal(file, { type: 'made-removed', kind: 'group', id: 'ic-abc123-c1', pid: 2 });
    expect(readJournal(file).made).toEqual([{ kind: 'server certificate', id: 'ic-abc123-c1' }]);
  });

  test('a second journal for the same run is refused, the first kept', () => {
    const file = journalFile(mkdtempSync(join(tmpdir(), 'journal-')), 'abc123');
    startJournal(file, run);
    expect(() => startJournal(file, run)).toThrow(/already exists/);
    expect(readFileSync(file, 'utf8').split('\n').filter(Boolean)).toHaveLength(1);
  });

  test('live processes: this one is, a pid that never existed is not', () => {
    const file = journalFile(mkdtempSync(join(tmpdir(), 'journal-')), 'abc123');
    startJournal(file, run);
    appendJournal(file, { type: 'process', pid: 2 ** 22 + 12345, role: 'gone' });
    expect(livePids(readJournal(file))).toEqual([process.pid]);
  });
});

describe('opt-in guard', () => {
  const plan = { runId: 'abc123', path: '/iam-conformance/abc123/', namePrefix: 'ic-abc123-', allowAccountPolicyChanges: false };
  const identity = { account: '123456789012', arn: 'arn:aws:iam::123456789012:user/alice' };
  test('the matching account goes ahead', () => {
    expect(() => checkOptIn(identity, '123456789012', plan)).not.toThrow();
  });
  test('no opt-in, another account, or a malformed id: refused with what to do', () => {
    expect(() => checkOptIn(identity, undefined, plan)).toThrow(TargetRefused);
    expect(() => checkOptIn(identity, undefined, plan)).toThrow(/--allow-aws-account 123456789012/);
    expect(() => checkOptIn(identity, '210987654321', plan)).toThrow(/not to 210987654321/);
    expect(() => checkOptIn(identity, '1234', plan)).toThrow(/12-digit/);
  });
});

describe('endpoints and durations', () => {
  test('IAM per partition; AWS_ENDPOINT_URL_IAM overrides', () => {
    expect(iamEndpoint('eu-west-1', {})).toEqual({ endpoint: 'https://iam.amazonaws.com', signingRegion: 'us-east-1' });
    expect(iamEndpoint('cn-northwest-1', {}).endpoint).toBe('https://iam.cn-north-1.amazonaws.com.cn');
    expect(iamEndpoint('us-gov-east-1', {}).signingRegion).toBe('us-gov-west-1');
    expect(iamEndpoint('us-east-1', { AWS_ENDPOINT_URL_IAM: 'http://127.0.0.1:4599/' }).endpoint).toBe('http://127.0.0.1:4599');
  });
  test('--older-than durations', () => {
    expect(parseDuration('0')).toBe(0);
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('30m')).toBe(1_800_000);
    expect(parseDuration('2h')).toBe(7_200_000);
    expect(() => parseDuration('soon')).toThrow(/duration like/);
  });
  test('the run a listed user belongs to: by its path, or at the root path by its name', () => {
    expect(runOf({ UserName: 'ic-a1b2c3-u4', Path: '/iam-conformance/a1b2c3/' })).toBe('a1b2c3');
    expect(runOf({ UserName: 'anything', Path: '/iam-conformance/a1b2c3/' })).toBe('a1b2c3');
    expect(runOf({ UserName: 'ic-a1b2c3-u4', Path: '/' })).toBe('a1b2c3');
    // Case-sensitive: the run names its users in lower case; IC-… at the root is somebody else's.
    expect(runOf({ UserName: 'IC-A1B2C3-u4', Path: '/' })).toBeUndefined();
    // A run's name under some other path, or another name at the root: not a run's.
    expect(runOf({ UserName: 'ic-a1b2c3-u4', Path: '/elsewhere/' })).toBeUndefined();
    expect(runOf({ UserName: 'alice', Path: '/' })).toBeUndefined();
    expect(runOf({ UserName: 'ic-toolongid-u4', Path: '/' })).toBeUndefined();
    expect(runOf({ UserName: 'x', Path: '/iam-conformance/' })).toBeUndefined();
  });
});
