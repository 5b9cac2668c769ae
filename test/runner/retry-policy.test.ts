import { describe, expect, test } from 'vitest';
import { dispose, STATUS_DECIDES } from '../../src/runner/retry-policy.ts';
import type { Outcome } from '../../src/clients/types.ts';

const answer = (status: number, code?: string, extra: Partial<Outcome> = {}): Outcome => ({ kind: 'response', status, code, attempts: 1, ...extra }) as Outcome;

describe('the runner-owned retry policy', () => {
  test('throttling, 503, unreadable bodies and no response are retried; what stays is judged or an error of the run', () => {
    expect(dispose(answer(400, 'Throttling'), [], false)).toMatchObject({ use: false, exhausted: 'run-error' });
    expect(dispose(answer(503), [], false)).toMatchObject({ use: false, exhausted: 'run-error' });
    expect(dispose(answer(500, undefined, { malformed: true }), [], false)).toMatchObject({ use: false, exhausted: 'judge' });
    expect(dispose(answer(200, undefined, { malformed: true }), [], false)).toMatchObject({ use: false, exhausted: 'run-error' });
    expect(dispose({ kind: 'no-response', cause: 'ECONNRESET', attempts: 1 }, [], false)).toMatchObject({ use: false, exhausted: 'run-error' });
  });

  test('an answer the step expects is used as it is, even a "slow down" or "not yet" code', () => {
    expect(dispose(answer(400, 'Throttling'), ['Throttling'], false)).toEqual({ use: true });
    expect(dispose(answer(404, 'NoSuchEntity'), ['NoSuchEntity'], true)).toEqual({ use: true });
  });

  test('"not yet" codes are retried only on targets with propagation delays', () => {
    expect(dispose(answer(403, 'InvalidClientTokenId'), [], false)).toEqual({ use: true });
    expect(dispose(answer(403, 'InvalidClientTokenId'), [], true)).toMatchObject({ use: false, exhausted: 'run-error' });
  });

  test('a "not yet" that outlasts every retry is judged where status and code decide the claim, else an error of the run', () => {
    // GetAccessKeyLastUsed of a key no account holds: AccessDenied for good, and "not a ValidationError" holds.
    expect(dispose(answer(403, 'AccessDenied'), [STATUS_DECIDES], true)).toMatchObject({ use: false, exhausted: 'judge' });
    expect(dispose(answer(404, 'NoSuchEntity'), [STATUS_DECIDES], true)).toMatchObject({ use: false, exhausted: 'judge' });
    expect(dispose(answer(404, 'NoSuchEntity'), [], true)).toMatchObject({ use: false, exhausted: 'run-error' });
  });

  test('a request the client refused is final: nothing reached the target, and trying again would refuse again', () => {
    const refused: Outcome = { kind: 'client-rejected', clientError: { name: 'ParamValidationError' }, message: 'Invalid length', attempts: 0 };
    expect(dispose(refused, [], true)).toEqual({ use: true });
  });
});
