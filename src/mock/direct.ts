import { ConnectionReset } from './faults.ts';
import type { Answerer } from './msw.ts';

/**
 * A fetch that hands each request straight to the emulator: no interception, no network. Behaves like
 * fetch over a network where it matters to the runner: an injected reset is a failed fetch, and the
 * client's timeout (its AbortSignal) is honoured.
 */
export function directTransport(answerer: Answerer): typeof fetch {
  // The Request is made without the signal (deliver honours it): one made with it follows the signal with
  // a listener and a signal of its own that outlive the request, a few hundred bytes a request for good.
  return ((url: string | URL | Request, init?: RequestInit) => deliver(answerer, new Request(url, { ...init, signal: undefined }), init?.signal ?? undefined)) as typeof fetch;
}

function deliver(answerer: Answerer, request: Request, signal: AbortSignal | undefined): Promise<Response> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal!.reason ?? new DOMException('The operation timed out.', 'TimeoutError'));
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    answerer.handle(request).then(resolve, (e: unknown) =>
      reject(e instanceof ConnectionReset ? new TypeError('fetch failed', { cause: e }) : e),
    ).finally(() => signal?.removeEventListener('abort', onAbort));
  });
}
