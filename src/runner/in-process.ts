import { namePrefix } from '../cases/expand.ts';
import { queryClient } from '../clients/query.ts';
import { userPathFor, type RunContext } from './context.ts';
import type { Emulator } from '../mock/emulator.ts';
import { ConnectionReset } from '../mock/faults.ts';

const ENDPOINT = 'http://iam.direct.iam-conformance.invalid';

/**
 * A run context wired straight to an emulator object: the raw Query client hands each signed Request to
 * `emulator.handle`, with no interception and no network. For mutation testing, where the same suite
 * runs once per mutant and only the verdicts matter.
 */
export interface DirectOptions {
  runId: string;
  strict: boolean;
  sensitiveMembers: ReadonlySet<string>;
  /** What answers requests: the emulator itself, or the emulator behind injected faults. */
  handler?: { handle(request: Request): Promise<Response> };
  timeoutMs?: number;
  retry?: RunContext['retry'];
}

export function directContext(emulator: Emulator, options: DirectOptions): RunContext {
  let serial = 0;
  const prefix = namePrefix(options.runId);
  const handler = options.handler ?? emulator;
  const transport = ((url: string | URL | Request, init?: RequestInit) => deliver(handler, new Request(url, init), init?.signal ?? undefined)) as typeof fetch;
  return {
    session: {
      target: 'mock',
      endpoint: ENDPOINT,
      region: 'us-east-1',
      admin: emulator.admin,
      rootCredentials: emulator.root,
      capabilities: { root: true, disposableAccount: true, accountPolicyWritable: true, propagationDelays: false },
    },
    client: queryClient({ endpoint: ENDPOINT, region: 'us-east-1', timeoutMs: options.timeoutMs }, transport),
    runId: options.runId,
    namePrefix: prefix,
    userPath: userPathFor(options.runId),
    accountId: emulator.accountId,
    strict: options.strict,
    showSecrets: false,
    sensitiveMembers: options.sensitiveMembers,
    retry: options.retry ?? { attempts: 1, delayMs: 0 },
    nextUserName: () => `${prefix}u${serial++}`,
  };
}

/** Like fetch over a network: an injected reset is a failed fetch, and the client's timeout is honoured. */
function deliver(handler: { handle(request: Request): Promise<Response> }, request: Request, signal: AbortSignal | undefined): Promise<Response> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal!.reason ?? new DOMException('The operation timed out.', 'TimeoutError'));
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    handler.handle(request).then(resolve, (e: unknown) =>
      reject(e instanceof ConnectionReset ? new TypeError('fetch failed', { cause: e }) : e),
    ).finally(() => signal?.removeEventListener('abort', onAbort));
  });
}
