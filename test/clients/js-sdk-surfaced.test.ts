import { describe, expect, test } from 'vitest';
import { planRun } from '../../src/run/plan.ts';
import { runDirect } from '../../src/run/direct.ts';

/**
 * The JS SDK as the run's client: the verdict reads the wire code from the response body; the
 * exception the SDK surfaced is recorded beside it; the SDK sends each request once (the runner owns
 * retries), so every answer took one attempt.
 */
describe('js-sdk: the wire code and the surfaced error, one attempt each', () => {
  test('every PasswordPolicyViolation answer records clientError PasswordPolicyViolationException', async () => {
    const { results } = await runDirect(planRun(['--target', 'mock', '--client', 'js-sdk', '--operation', 'ChangePassword', '--tag', 'password-policy'], {}));
    const steps = results.flatMap((r) => r.steps);
    const violations = steps.filter((s) => s.actual?.code === 'PasswordPolicyViolation');
    expect(violations.length).toBeGreaterThan(3);
    for (const s of violations) expect(s.actual!.clientError).toEqual({ name: 'PasswordPolicyViolationException' });
    for (const s of steps) expect(s.actual?.attempts ?? 1).toBe(1);
    expect(results.every((r) => r.outcome === 'pass')).toBe(true);
  });
});
