import { RunError } from './errors.ts';
import type { RunContext } from './context.ts';
import type { CallRequest, Outcome, Response } from '../clients/types.ts';

/**
 * Codes that mean "not yet" on targets with propagation delays (AWS), unless the step expects them: a new
 * key not yet valid, a new login profile not yet modifiable, a new user not yet visible, a new inline
 * policy not yet in effect. Retried, bounded.
 */
const NOT_YET = new Set(['InvalidClientTokenId', 'EntityTemporarilyUnmodifiable', 'NoSuchEntity', 'AccessDenied']);
/** The run's own credentials ran out: no answer about the target can be had with them. */
const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired']);
/** Operations that change something: the ones IAM rate-limits. */
const MUTATING = /^(Create|Delete|Update|Put|Attach|Detach|Change|Tag|Untag)/;
/** Codes that mean "slow down". */
const THROTTLED = new Set(['Throttling', 'ThrottlingException', 'RequestLimitExceeded', 'TooManyRequestsException']);

export interface CallResult {
  response: Response;
  /** Retries made here (beyond the client's own), for the case's notes. */
  retries: string[];
}

/**
 * What to do with one outcome: use it, or try again; and if the tries run out, whether what is left is
 * still an answer to judge (`judge`) or means the run could not be carried out (`run-error`).
 */
type Disposition = { use: true } | { use: false; why: string; exhausted: 'judge' | 'run-error' };

function dispose(ctx: RunContext, outcome: Outcome, expectedCodes: readonly string[]): Disposition {
  if (outcome.kind === 'no-response') return { use: false, why: `no response (${outcome.cause})`, exhausted: 'run-error' };
  const { status, code } = outcome;
  if (code !== undefined && expectedCodes.includes(code)) return { use: true };
  if (code && THROTTLED.has(code)) return { use: false, why: `throttled (${code})`, exhausted: 'run-error' };
  if (code && EXPIRED.has(code)) return { use: false, why: `the run's credentials expired (${code})`, exhausted: 'run-error' };
  if (status === 503) return { use: false, why: 'unavailable (503)', exhausted: 'run-error' };
  // A body that is not awsQuery XML (cut short, or an HTML error page) may be a passing fault: try again.
  // If it stays, an error status is the target's answer (an operation it does not implement, say) and
  // is judged like any other; a success nobody can read means the run could not be carried out.
  if (outcome.malformed || (status >= 500 && !code)) {
    return { use: false, why: `${status} with ${outcome.malformed ? 'a body that is not awsQuery XML' : 'no error code'}`, exhausted: status < 300 ? 'run-error' : 'judge' };
  }
  if (ctx.session.capabilities.propagationDelays && code && NOT_YET.has(code)) {
    return { use: false, why: `${code} (eventual consistency)`, exhausted: 'run-error' };
  }
  return { use: true };
}

/**
 * One request with the run's error discipline. Transport faults and "not yet" answers are retried,
 * bounded, each retry noted; a response that survives the retries is judged, and only the absence of
 * a usable answer (no response, persistent throttling or unavailability, unreadable bodies) makes the
 * case an error of the run — never a conformance failure.
 */
/** `expected`: the error code(s) the step expects (or likely gets): never retried as "not yet". */
export async function call(ctx: RunContext, request: CallRequest, expected?: string | readonly (string | undefined)[]): Promise<CallResult> {
  const expectedCodes = (Array.isArray(expected) ? expected : [expected]).filter((c): c is string => !!c);
  const retries: string[] = [];
  for (let attempt = 1; ; attempt++) {
    const outcome = await ctx.client.call(request);
    ctx.stats.requests += outcome.attempts;
    if (MUTATING.test(request.operation)) ctx.stats.mutating += outcome.attempts;
    if (ctx.unusedKeys.delete(request.credentials.accessKeyId)) ctx.stats.firstKeyUses++;
    if (outcome.attempts > 1) retries.push(`${request.operation}: the client retried ${outcome.attempts - 1} time(s) before this answer`);
    const d = dispose(ctx, outcome, expectedCodes);
    if (d.use) return { response: outcome as Response, retries };
    // The client already retried this one (the SDK does for 5xx): what it got last is the answer.
    if (d.exhausted === 'judge' && outcome.kind === 'response' && outcome.attempts > 1) return { response: outcome, retries };
    if (attempt >= ctx.retry.attempts) {
      if (d.exhausted === 'judge' && outcome.kind === 'response') return { response: outcome, retries };
      throw new RunError(`${request.operation}: ${d.why} from ${ctx.session.endpoint}, still after ${attempt} attempt(s)`);
    }
    retries.push(`${request.operation}: ${d.why}, retried`);
    await sleep(ctx.retry.delayMs * attempt);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
