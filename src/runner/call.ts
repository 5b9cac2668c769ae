import { RunError, type RunContext } from './context.ts';
import type { CallRequest, Response } from '../clients/types.ts';

/** Codes that mean "not yet" on targets with propagation delays (AWS): retried, bounded. */
const NOT_YET = new Set(['InvalidClientTokenId', 'EntityTemporarilyUnmodifiable']);
/** Codes that mean "slow down": the client already retried; still there means the run cannot go on. */
const THROTTLED = new Set(['Throttling', 'ThrottlingException', 'RequestLimitExceeded', 'TooManyRequestsException']);

export interface CallResult {
  response: Response;
  /** Retries made here (beyond the client's own), for the case's notes. */
  retries: string[];
}

/**
 * One request with the run's error discipline: no response is an error of the run; persistent
 * throttling is an error of the run; "not yet" answers are retried on targets that propagate slowly,
 * unless that very answer is what the step expects.
 */
export async function call(ctx: RunContext, request: CallRequest, expectedCode?: string): Promise<CallResult> {
  const retries: string[] = [];
  for (let attempt = 1; ; attempt++) {
    const outcome = await ctx.client.call(request);
    if (outcome.kind === 'no-response') {
      throw new RunError(`${request.operation}: no response from ${ctx.session.endpoint} after ${outcome.attempts} attempt(s): ${outcome.cause}`);
    }
    if (outcome.attempts > 1) retries.push(`${request.operation}: the client retried ${outcome.attempts - 1} time(s) before this answer`);
    const code = outcome.code;
    if (code && THROTTLED.has(code) && code !== expectedCode) {
      throw new RunError(`${request.operation}: the target kept throttling (${code}) after ${outcome.attempts} attempt(s)`);
    }
    if (outcome.status === 503 && expectedCode === undefined && attempt < ctx.retry.attempts) {
      retries.push(`${request.operation}: 503 from the target, retried`);
      await sleep(ctx.retry.delayMs * attempt);
      continue;
    }
    if (outcome.status === 503 && expectedCode === undefined) {
      throw new RunError(`${request.operation}: the target stayed unavailable (503) after ${attempt} attempt(s)`);
    }
    if (ctx.session.capabilities.propagationDelays && code && NOT_YET.has(code) && code !== expectedCode) {
      if (attempt >= ctx.retry.attempts) {
        throw new RunError(`${request.operation}: still ${code} after ${attempt} attempts; the target did not settle in time`);
      }
      retries.push(`${request.operation}: ${code}, retried (eventual consistency)`);
      await sleep(ctx.retry.delayMs * attempt);
      continue;
    }
    return { response: outcome, retries };
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
