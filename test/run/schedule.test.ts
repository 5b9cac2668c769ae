import { describe, expect, test } from 'vitest';
import { schedule } from '../../src/run/schedule.ts';
import type { Case } from '../../src/cases/types.ts';
import type { CaseResult } from '../../src/runner/result.ts';

/** The order of a run, with made-up cases: what a case does is the test's own function. */
const kase = (id: string, serial = false): Case => ({ id, operation: 'X', kind: 'scenario', title: id, tags: [], serial, requires: [], given: {}, steps: [], source: 'docs' });
const pass = (c: Case): CaseResult => ({ id: c.id, operation: c.operation, kind: c.kind, title: c.title, tags: [], source: 'docs', outcome: 'pass', differences: [], notes: [], steps: [], durationMs: 0 });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('schedule', () => {
  test('a case that throws is an error of the run, and every other result still settles', async () => {
    const cases = [kase('a'), kase('b'), kase('c', true)];
    const s = schedule(cases, async (c) => (c.id === 'b' ? Promise.reject(new Error('boom')) : pass(c)), { concurrency: 2, caseTimeoutMs: 1000 });
    const results = await s.done;
    expect(results.map((r) => [r.id, r.outcome]).sort()).toEqual([['a', 'pass'], ['b', 'error'], ['c', 'pass']]);
    expect((await s.result('b'))!.reason).toBe('harness error: boom');
  });

  test('a serial case does not start while the one before it is still running past its timeout', async () => {
    const log: string[] = [];
    const run = async (c: Case) => {
      log.push(`start ${c.id}`);
      await sleep(c.id === 's1' ? 80 : 1); // past its 50 ms, within the 50 ms more it is given to finish
      log.push(`end ${c.id}`);
      return pass(c);
    };
    const s = schedule([kase('s1', true), kase('s2', true)], run, { concurrency: 4, caseTimeoutMs: 50, serialPhase: { before: async () => void log.push('snapshot'), after: async () => void log.push('restore') } });
    const results = await s.done;
    expect(results.map((r) => r.outcome)).toEqual(['error', 'pass']);
    expect(results[0]!.reason).toMatch(/did not finish within 0.05 s/);
    expect(log).toEqual(['snapshot', 'start s1', 'end s1', 'start s2', 'end s2', 'restore']);
  });

  test('a serial case that never ends: the rest are not started, the policy is still put back', async () => {
    const log: string[] = [];
    const s = schedule([kase('a', true), kase('b', true)], (c) => (c.id === 'a' ? new Promise<CaseResult>(() => {}) : Promise.resolve(pass(c))), {
      concurrency: 1, caseTimeoutMs: 20, serialPhase: { before: async () => {}, after: async () => void log.push('restore') },
    });
    const results = await s.done;
    expect(results.map((r) => r.outcome)).toEqual(['error', 'error']);
    expect(results[1]!.reason).toMatch(/^not started: a did not finish/);
    expect(log).toEqual(['restore']);
  });

  test('when the policy cannot be read first, the serial cases are errors of the run; when it cannot be put back, done rejects', async () => {
    const unreadable = schedule([kase('a', true)], async (c) => pass(c), { concurrency: 1, caseTimeoutMs: 100, serialPhase: { before: () => Promise.reject(new Error('cannot read the policy')), after: async () => {} } });
    expect((await unreadable.done).map((r) => [r.outcome, r.reason])).toEqual([['error', 'cannot read the policy']]);
    const stuck = schedule([kase('a', true)], async (c) => pass(c), { concurrency: 1, caseTimeoutMs: 100, serialPhase: { before: async () => {}, after: () => Promise.reject(new Error('could not restore')) } });
    await expect(stuck.done).rejects.toThrow('could not restore');
    expect((await stuck.result('a'))!.outcome).toBe('pass');
  });

  /** A case whose one step makes a user named `name` (as a generated CreateUser case does). */
  const making = (id: string, name: string): Case => ({ ...kase(id), steps: [{ call: 'CreateUser', input: { UserName: name }, expect: { outcome: 'success' }, creates: { kind: 'user', id: 'UserName' } }] as unknown as Case['steps'] });

  test('cases that make something under the same name never run at the same time; the others do', async () => {
    let running = 0;
    let most = 0;
    const together: string[][] = [];
    const now = new Set<string>();
    const run = async (c: Case) => {
      now.add(c.id);
      together.push([...now].sort());
      most = Math.max(most, ++running);
      await sleep(5);
      running--;
      now.delete(c.id);
      return pass(c);
    };
    // Z and z: IAM's names ignore letter case.
    const cases = [making('z1', 'ic-${run}-aZ'), making('z2', 'ic-${run}-az'), making('z3', 'ic-${run}-AZ'), making('own', 'ic-${name.o}-a'), kase('plain')];
    const results = await schedule(cases, run, { concurrency: 8, caseTimeoutMs: 1000 }).done;
    expect(results.map((r) => r.outcome)).toEqual(['pass', 'pass', 'pass', 'pass', 'pass']);
    expect(together.every((ids) => ids.filter((id) => id.startsWith('z')).length <= 1)).toBe(true);
    expect(most).toBe(3);
  });

  test('a case whose name is held by one that overran its time is not started', async () => {
    const log: string[] = [];
    const run = (c: Case) => {
      log.push(c.id);
      return c.id === 'first' ? new Promise<CaseResult>(() => {}) : Promise.resolve(pass(c));
    };
    const s = schedule([making('first', ''), making('second', ''), kase('other')], run, { concurrency: 2, caseTimeoutMs: 20 });
    const results = await s.done;
    expect(Object.fromEntries(results.map((r) => [r.id, r.outcome]))).toEqual({ first: 'error', second: 'error', other: 'pass' });
    expect((await s.result('second'))!.reason).toBe('not started: first did not finish, and could still make user:');
    expect(log).not.toContain('second');
  });

  test('stopAtFirstFailure: cases never started resolve as undefined', async () => {
    const fail = (c: Case): CaseResult => ({ ...pass(c), outcome: 'fail' });
    const s = schedule([kase('a'), kase('b'), kase('c')], async (c) => (c.id === 'a' ? fail(c) : pass(c)), { concurrency: 1, caseTimeoutMs: 100, stopAtFirstFailure: true });
    expect((await s.done).map((r) => r.id)).toEqual(['a']);
    expect(await s.result('c')).toBeUndefined();
  });
});
