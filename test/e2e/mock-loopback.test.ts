import { describe, expect, test } from 'vitest';
import { planRun } from '../../src/run/plan.ts';
import { runDirect } from '../../src/run/direct.ts';

/** The reference emulator as a server on 127.0.0.1, for clients in another process. */
const plan = (...argv: string[]) => planRun(['--target', 'mock', '--serve', 'direct', '--client', 'query', '--retry-attempts', '1', ...argv], {});
const outcomes = (results: { id: string; outcome: string }[]) => Object.fromEntries(results.map((r) => [r.id, r.outcome]));

describe('the mock over loopback', () => {
  test('the mock served over loopback HTTP gives the same verdicts as in-process', async () => {
    const args = ['--operation', 'CreateLoginProfile', '--tag', 'scenario'];
    const loopback = await runDirect(planRun(['--target', 'mock', '--serve', 'loopback', '--client', 'query', ...args], {}));
    const direct = await runDirect(plan(...args));
    expect(loopback.results.length).toBeGreaterThan(3);
    expect(outcomes(loopback.results)).toEqual(outcomes(direct.results));
    expect(loopback.results.every((r) => r.outcome === 'pass')).toBe(true);
  });
});
