import { createServer, type IncomingMessage, type RequestListener } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { createEmulator, type Emulator } from './emulator.ts';
import type { Answerer } from './msw.ts';

/**
 * The emulator over plain HTTP (node:http), for any client: `iam-conformance mock-server`. `front`, when
 * given, answers instead of the emulator itself (the emulator behind faults, or a simulated AWS).
 */
export async function startMockServer(
  options: { port?: number; host?: string; emulator?: Emulator; front?: Answerer; tls?: { cert: string | Buffer; key: string | Buffer } } = {},
): Promise<{ url: string; emulator: Emulator; close(): Promise<void> }> {
  const emulator = options.emulator ?? createEmulator();
  const answerer = options.front ?? emulator;
  const host = options.host ?? '127.0.0.1';
  const scheme = options.tls ? 'https' : 'http';
  const listener: RequestListener = async (req, res) => {
    try {
      const response = await answerer.handle(await toRequest(req, host, scheme));
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch {
      res.writeHead(500).end();
    }
  };
  // HTTPS with a certificate of the caller's: an endpoint behind a private CA, as a vendor's may be.
  const server = options.tls ? createTlsServer({ cert: options.tls.cert, key: options.tls.key }, listener) : createServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `${scheme}://${host}:${port}`,
    emulator,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function toRequest(req: IncomingMessage, host: string, scheme: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
  const url = `${scheme}://${req.headers.host ?? host}${req.url ?? '/'}`;
  const body = chunks.length && req.method !== 'GET' && req.method !== 'HEAD' ? Buffer.concat(chunks) : undefined;
  return new Request(url, { method: req.method, headers, body });
}
