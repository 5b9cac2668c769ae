import { describe, expect, test } from 'vitest';
import { planRun } from '../../src/run/plan.ts';
import { runDirect } from '../../src/run/direct.ts';
import { selectCases } from '../../src/run/select.ts';
import type { MockControls } from '../../src/targets/mock.ts';

/** Pooled users against the reference emulator, in this process. */
const plan = (...argv: string[]) => planRun(['--target', 'mock', '--serve', 'direct', '--client', 'query', '--retry-attempts', '1', ...argv], {});
const outcomes = (results: { id: string; outcome: string }[]) => Object.fromEntries(results.map((r) => [r.id, r.outcome]));

describe('isolation', () => {
  test('pooled is the default, and costs a fraction of the requests and keys of fresh, with the same verdicts', async () => {
    expect(plan().isolation).toBe('pooled');
    const args = ['--operation', 'ChangePassword', '--concurrency', '4'];
    const selection = await selectCases(plan(...args));
    const pooled = await runDirect(plan(...args), { selection });
    const fresh = await runDirect(plan(...args, '--isolation', 'fresh'), { selection });
    expect(outcomes(pooled.results)).toEqual(outcomes(fresh.results));
    expect(pooled.results.every((r) => r.outcome === 'pass')).toBe(true);
    console.log(`pooled: ${JSON.stringify(pooled.stats)}; fresh: ${JSON.stringify(fresh.stats)}`);
    expect(pooled.stats.requests).toBeLessThan(fresh.stats.requests * 0.6);
    expect(pooled.stats.accessKeysCreated).toBeLessThan(fresh.stats.accessKeysCreated / 2);
    expect(pooled.stats.firstKeyUses).toBeLessThanOrEqual(pooled.stats.accessKeysCreated);
  });

  test('every user a pooled run creates is gone at the end', async () => {
    const { attachment, stats } = await runDirect(plan('--operation', 'UpdateLoginProfile,DeleteLoginProfile'));
    expect(stats.leftovers).toEqual([]);
    expect([...(attachment.controls as MockControls).emulator.state().users.keys()].filter((n) => n.startsWith('ic-'))).toEqual([]);
  });

  test('a case that fails on a pooled user retires it and runs again on fresh users: verdicts as in fresh mode', async () => {
    // This mutant accepts a second CreateLoginProfile (replacing the first): state a pool could carry on.
    const args = ['--mutant', 'second-login-profile-accepted', '--operation', 'CreateLoginProfile', '--tag', 'scenario'];
    const selection = await selectCases(plan(...args));
    const pooled = await runDirect(plan(...args), { selection });
    const fresh = await runDirect(plan(...args, '--isolation', 'fresh'), { selection });
    expect(outcomes(pooled.results)).toEqual(outcomes(fresh.results));
    const failed = pooled.results.filter((r) => r.outcome === 'fail');
    expect(failed.length).toBeGreaterThan(0);
    for (const r of failed) expect(r.notes.some((n) => /^first run on a pooled user: fail \(.+\); this verdict is from a run on fresh users$/.test(n.text)), r.id).toBe(true);
  });
});
