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
  return { close: () => server.close() };
}
