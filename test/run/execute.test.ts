import { describe, expect, test } from 'vitest';
import { planRun } from '../../src/run/plan.ts';
import { runDirect } from '../../src/run/direct.ts';
import { selectCases } from '../../src/run/select.ts';

/** The one scheduler, driven directly against the reference emulator in this process. */
const plan = (...argv: string[]) => planRun(['--target', 'mock', '--serve', 'direct', '--client', 'query', '--retry-attempts', '1', ...argv], {});
const outcomes = (results: { id: string; outcome: string }[]) => Object.fromEntries(results.map((r) => [r.id, r.outcome]));

describe('executePlan', () => {
  test('runs every selected case once, in schedule order: concurrent cases first, then the account-wide ones', async () => {
    const p = plan('--operation', 'GetLoginProfile,UpdateAccountPasswordPolicy', '--tag', 'scenario');
    const { cases } = await selectCases(p);
    const { results } = await runDirect(p);
    expect(results.map((r) => r.id).sort()).toEqual(cases.map((c) => c.id).sort());
    expect(results.every((r) => r.outcome === 'pass')).toBe(true);
    const firstSerial = results.findIndex((r) => cases.find((c) => c.id === r.id)!.serial);
    expect(firstSerial).toBeGreaterThan(0);
    expect(results.slice(firstSerial).every((r) => cases.find((c) => c.id === r.id)!.serial)).toBe(true);
  });

  test('a verdict does not depend on the order of the cases', async () => {
    const p = plan('--mutant', 'partial-policy-updates', '--operation', 'UpdateAccountPasswordPolicy,ChangePassword', '--tag', 'scenario');
    const selection = await selectCases(p);
    const forward = await runDirect(p, { selection });
    const backward = await runDirect(p, { selection: { ...selection, cases: [...selection.cases].reverse() } });
    expect(outcomes(backward.results)).toEqual(outcomes(forward.results));
    expect(Object.values(outcomes(forward.results))).toContain('fail');
  });

  test('a deviating target fails cases; stopAtFirstFailure stops starting new ones', async () => {
    const p = plan('--mutant', 'old-password-not-checked', '--operation', 'ChangePassword', '--tag', 'scenario', '--concurrency', '1');
    const all = await runDirect(p);
    const failed = all.results.filter((r) => r.outcome === 'fail');
    expect(failed.length).toBeGreaterThan(0);
    const first = await runDirect(p, { stopAtFirstFailure: true });
    expect(first.results.length).toBeLessThan(all.results.length);
    expect(first.results.at(-1)!.outcome).toBe('fail');
  });

  test('a case that outlives its timeout is an error of the run, never a verdict', async () => {
    // Every answer held for 300 ms; a case may take 50.
    const { results } = await runDirect(plan('--operation', 'GetLoginProfile', '--tag', 'scenario', '--case-timeout-ms', '50', '--fault-rate', '1', '--fault-kinds', 'latency', '--fault-latency-ms', '300'));
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) expect(r.outcome).toBe('error');
    for (const r of results) expect(r.reason).toMatch(/did not finish within 0.05 s/);
  });
});
