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

  test('stopAtFirstFailure: cases never started resolve as undefined', async () => {
    const fail = (c: Case): CaseResult => ({ ...pass(c), outcome: 'fail' });
    const s = schedule([kase('a'), kase('b'), kase('c')], async (c) => (c.id === 'a' ? fail(c) : pass(c)), { concurrency: 1, caseTimeoutMs: 100, stopAtFirstFailure: true });
    expect((await s.done).map((r) => r.id)).toEqual(['a']);
    expect(await s.result('c')).toBeUndefined();
  });
});
