import { Socket } from 'node:net';
import { http, HttpResponse, type HttpHandler } from 'msw';
import { setupServer } from 'msw/node';
import { ConnectionReset } from './faults.ts';
import type { Emulator } from './emulator.ts';

/**
 * The documented default endpoint of the in-process emulator. `.invalid` is reserved (RFC 2606), so a
 * request that escaped interception could never reach a real host.
 */
export const DEFAULT_MOCK_BASE_URL = 'https://iam.mock.iam-conformance.invalid';

/** Anything that answers requests: the emulator, or the emulator behind injected faults. */
export type Answerer = Pick<Emulator, 'handle'>;

/**
 * msw handlers answering every request to `baseUrl`'s origin with the emulator: POST (the SDKs) and
 * GET (query-string requests) alike, on any path, as AWS's Query endpoints do.
 */
export function mswHandlers(emulator: Answerer, baseUrl: string = DEFAULT_MOCK_BASE_URL): HttpHandler[] {
  const origin = new URL(baseUrl).origin;
  return [
    http.all(({ request }) => new URL(request.url).origin === origin, async ({ request }) => {
      try {
        return await emulator.handle(request);
      } catch (e) {
        if (e instanceof ConnectionReset) return HttpResponse.error(); // a dropped connection
        throw e;
      }
    }),
  ];
}

/**
 * Intercepts this process's HTTP requests to `baseUrl` and answers them with the emulator. Any other
 * request is an error, so nothing can leak to a real endpoint by mistake.
 */
export function interceptInProcess(emulator: Answerer, baseUrl: string = DEFAULT_MOCK_BASE_URL): { close(): void } {
  const server = setupServer(...mswHandlers(emulator, baseUrl));
  server.listen({ onUnhandledFrame: 'error' });
  let answered = 0;
  const onAnswer = () => {
    // Synchronously: the connections of earlier answers are closed by now.
    if (++answered % SWEEP_EVERY === 0) closeLeftHandles();
  };
  server.events.on('response:mocked', onAnswer);
  return {
    close: () => {
      server.events.removeListener('response:mocked', onAnswer);
      server.close();
      closeLeftHandles();
    },
  };
}

/** How many answers between two sweeps: a sweep walks the process's open handles, a few dozen at a time. */
const SWEEP_EVERY = 64;

/**
 * msw 3.0.5 (@mswjs/interceptors 0.45.12) leaves the TCP handle of every intercepted connection open once
 * the socket is destroyed: about 35 KB a request, never freed (11,000 requests of a whole run held 370 MB).
 * A socket destroyed and closed that still holds its handle is what that leak looks like (once Node has
 * closed a socket it has let go of its handle), so closing those handles touches nothing else.
 */
export function closeLeftHandles(): number {
  let closed = 0;
  const handles = (process as unknown as { _getActiveHandles?: () => unknown[] })._getActiveHandles?.() ?? [];
  for (const h of handles) {
    const socket = h as Socket & { _handle?: { close(): void } | null };
    // Closed as well as destroyed: a socket Node is still destroying (a close queued after an error) is left alone.
    if (!(socket instanceof Socket) || !socket.destroyed || !socket.closed || !socket._handle) continue;
    socket._handle.close();
    socket._handle = null;
    closed++;
  }
  return closed;
}
