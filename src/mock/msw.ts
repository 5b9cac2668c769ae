import { http, type HttpHandler } from 'msw';
import { setupServer } from 'msw/node';
import type { Emulator } from './emulator.ts';

/** msw handlers answering every request to `baseUrl`'s origin with the emulator. */
export function mswHandlers(emulator: Emulator, baseUrl: string): HttpHandler[] {
  const origin = new URL(baseUrl).origin;
  return [http.all(({ request }) => new URL(request.url).origin === origin, ({ request }) => emulator.handle(request))];
}

/**
 * Intercepts this process's HTTP requests to `baseUrl` and answers them with the emulator. Any other
 * request is an error, so nothing can leak to a real endpoint by mistake.
 */
export function interceptInProcess(emulator: Emulator, baseUrl: string): { close(): void } {
  const server = setupServer(...mswHandlers(emulator, baseUrl));
  server.listen({ onUnhandledFrame: 'error' });
  return { close: () => server.close() };
}
