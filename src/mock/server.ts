import { createServer, type IncomingMessage } from 'node:http';
import { createEmulator, type Emulator } from './emulator.ts';
import type { Answerer } from './msw.ts';

/**
 * The emulator over plain HTTP (node:http), for any client: `iam-conformance mock-server`. `front`, when
 * given, answers instead of the emulator itself (the emulator behind faults, or a simulated AWS).
 */
export async function startMockServer(
  options: { port?: number; host?: string; emulator?: Emulator; front?: Answerer } = {},
): Promise<{ url: string; emulator: Emulator; close(): Promise<void> }> {
  const emulator = options.emulator ?? createEmulator();
  const answerer = options.front ?? emulator;
  const host = options.host ?? '127.0.0.1';
  const server = createServer(async (req, res) => {
    try {
      const response = await answerer.handle(await toRequest(req, host));
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch {
      res.writeHead(500).end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://${host}:${port}`,
    emulator,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function toRequest(req: IncomingMessage, host: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
  const url = `http://${req.headers.host ?? host}${req.url ?? '/'}`;
  const body = chunks.length && req.method !== 'GET' && req.method !== 'HEAD' ? Buffer.concat(chunks) : undefined;
  return new Request(url, { method: req.method, headers, body });
}
