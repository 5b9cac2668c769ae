import { ClientRefused, RunError } from './errors.ts';
import type { RunContext } from './context.ts';
import { dispose } from './retry-policy.ts';
import type { CallRequest, Response } from '../clients/types.ts';

/** Operations that change something: the ones IAM rate-limits. */
const MUTATING = /^(Create|Delete|Update|Put|Attach|Detach|Change|Tag|Untag)/;

export interface CallResult {
  response: Response;
  /** Retries made here, for the case's notes. */
  retries: string[];
}

/**
 * One request with the run's error discipline (src/runner/retry-policy.ts). Transport faults and "not
 * yet" answers are retried, bounded, each retry noted; a response that survives the retries is judged,
 * and only the absence of a usable answer (no response, persistent throttling or unavailability,
 * unreadable bodies) makes the case an error of the run — never a conformance failure. A request the
 * client refuses to send throws ClientRefused: nothing reached the target.
 *
 * `expected`: the error code(s) the step expects (or likely gets): never retried as "not yet".
 * `role`: a case's step goes through the run's client; set-up and tear-down through `ctx.harness` if set.
 */
export async function call(ctx: RunContext, request: CallRequest, expected?: string | readonly (string | undefined)[], role: 'step' | 'harness' = 'harness'): Promise<CallResult> {
  const expectedCodes = (Array.isArray(expected) ? expected : [expected]).filter((c): c is string => !!c);
  const retries: string[] = [];
  const client = role === 'step' ? ctx.client : (ctx.harness ?? ctx.client);
  for (let attempt = 1; ; attempt++) {
    const outcome = await client.call(request);
    if (outcome.kind === 'client-rejected') throw new ClientRefused(request.operation, outcome);
    ctx.stats.requests += outcome.attempts;
    if (MUTATING.test(request.operation)) ctx.stats.mutating += outcome.attempts;
    if (ctx.unusedKeys.delete(request.credentials.accessKeyId)) ctx.stats.firstKeyUses++;
    // Every client's own retries are off; a client that retried anyway is named in the case's notes.
    if (outcome.attempts > 1) retries.push(`${request.operation}: the client retried ${outcome.attempts - 1} time(s) before this answer`);
    const d = dispose(outcome, expectedCodes, !!ctx.session.capabilities.propagationDelays);
    if (d.use) return { response: outcome as Response, retries };
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
