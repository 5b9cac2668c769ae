import type { Outcome } from '../clients/types.ts';

/**
 * The one retry policy of a run, whatever the client: the runner, not the client, decides what is tried
 * again. Every client sends each request once (the JS SDK with maxAttempts 1, botocore and the AWS CLI
 * with max_attempts 1: src/clients/attempts.ts), so a compare across clients shows client differences, not harness differences,
 * and a 500 answer costs one request, not several.
 */

/**
 * Codes that mean "not yet" on targets with propagation delays (AWS), unless the step expects them: a new
 * key not yet valid, a new login profile not yet modifiable, a new user not yet visible, a new inline
 * policy not yet in effect. Retried, bounded.
 */
const NOT_YET = new Set(['InvalidClientTokenId', 'EntityTemporarilyUnmodifiable', 'NoSuchEntity', 'AccessDenied']);
/** The run's own credentials ran out: no answer about the target can be had with them. */
const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired']);
/** Codes that mean "slow down". */
const THROTTLED = new Set(['Throttling', 'ThrottlingException', 'RequestLimitExceeded', 'TooManyRequestsException']);

/**
 * What to do with one outcome: use it, or try again; and if the tries run out, whether what is left is
 * still an answer to judge (`judge`) or means the run could not be carried out (`run-error`).
 */
export type Disposition = { use: true } | { use: false; why: string; exhausted: 'judge' | 'run-error' };

/** Among a step's expected codes: its claim is decided by status and code, the body is not needed. */
export const STATUS_DECIDES = '(status decides)';

export function dispose(outcome: Outcome, expectedCodes: readonly string[], propagationDelays: boolean): Disposition {
  // The client refused to send it: nothing reached the target, and trying again would refuse again.
  if (outcome.kind === 'client-rejected') return { use: true };
  if (outcome.kind === 'no-response') return { use: false, why: `no response (${outcome.cause})`, exhausted: 'run-error' };
  const { status, code } = outcome;
  if (code !== undefined && expectedCodes.includes(code)) return { use: true };
  if (code && THROTTLED.has(code)) return { use: false, why: `throttled (${code})`, exhausted: 'run-error' };
  if (code && EXPIRED.has(code)) return { use: false, why: `the run's credentials expired (${code})`, exhausted: 'run-error' };
  if (status === 503) return { use: false, why: 'unavailable (503)', exhausted: 'run-error' };
  // A body that is not awsQuery XML (cut short, or an HTML error page) may be a passing fault: try again.
  // If it stays, an error status is the target's answer (an operation it does not implement, say) and
  // is judged like any other; a success nobody can read means the run could not be carried out, unless
  // the step's claim is about the answer's status and code alone (an error expected, or only "not a
  // ValidationError": STATUS_DECIDES): then the body is not needed to judge it.
  if (outcome.malformed || (status >= 500 && !code)) {
    const judgeable = status >= 300 || expectedCodes.length > 0;
    return { use: false, why: `${status} with ${outcome.malformed ? 'a body that is not awsQuery XML' : 'no error code'}`, exhausted: judgeable ? 'judge' : 'run-error' };
  }
  // Still there after every retry: for a claim decided by status and code alone ("not a ValidationError")
  // it is the answer, whatever it means (GetAccessKeyLastUsed answers AccessDenied for a key no account
  // holds, CreateRole NoSuchEntity for a boundary that names no policy: both recorded); for any other
  // claim a "not yet" that never ended means the run could not be carried out.
  if (propagationDelays && code && NOT_YET.has(code)) return { use: false, why: `${code} (eventual consistency)`, exhausted: expectedCodes.includes(STATUS_DECIDES) ? 'judge' : 'run-error' };
  return { use: true };
}
