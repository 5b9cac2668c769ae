import { createHash } from 'node:crypto';
import { seededRandom } from '../cases/random.ts';
import type { Emulator } from './emulator.ts';

/**
 * Transport faults, injected in front of the emulator at a chosen rate. Except for cut-short answers to
 * reads, each strikes before the request reaches the service (as at a load balancer), to check that the runner tells
 * a broken conversation from a wrong answer: a fault retried and then answered must be judged on the
 * answer; one never answered must be an error of the run — never a conformance failure.
 *
 * Which requests a fault strikes is decided by the request itself (method, URL, body) and how many times
 * the same request was sent before, under the seed: not by its place among all the run's requests. So
 * the faults of a run are the same however its cases interleave or are split between workers (each
 * worker has its own emulator): one seed, one set of struck requests, and a test with a fixed run id
 * meets the same faults on every machine.
 */
export type FaultKind = 'throttling' | 'unavailable-html' | 'server-error-html' | 'reset' | 'latency' | 'truncated-xml';
export const FAULT_KINDS: readonly FaultKind[] = ['throttling', 'unavailable-html', 'server-error-html', 'reset', 'latency', 'truncated-xml'];

/** Thrown for a reset: the front end turns it into a dropped connection. */
export class ConnectionReset extends Error {
  readonly code = 'ECONNRESET';
  constructor() {
    super('socket hang up (injected connection reset)');
    this.name = 'ConnectionReset';
  }
}

export interface FaultOptions {
  rate: number;
  kinds?: readonly FaultKind[];
  /** How long a `latency` fault holds the answer (longer than the client's timeout). */
  latencyMs?: number;
  seed?: string;
}

export interface FaultyEmulator {
  handle(request: Request): Promise<Response>;
  /** How many of each fault were injected. */
  readonly injected: Record<FaultKind, number>;
  total(): number;
}

export function withFaults(emulator: Emulator, options: FaultOptions): FaultyEmulator {
  const seed = options.seed ?? 'faults';
  const kinds = options.kinds ?? FAULT_KINDS;
  const injected = Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<FaultKind, number>;
  /** How many times each request (by digest) was sent: its retries draw afresh. */
  const sent = new Map<string, number>();
  return {
    injected,
    total: () => Object.values(injected).reduce((a, b) => a + b, 0),
    async handle(request) {
      const body = await request.clone().text();
      const digest = createHash('sha256').update(`${request.method} ${request.url}\n`).update(body).digest('base64');
      const nth = sent.get(digest) ?? 0;
      sent.set(digest, nth + 1);
      const rng = seededRandom(`${seed}\n${digest}\n${nth}`);
      if (rng.int(1_000_000) >= options.rate * 1_000_000) return emulator.handle(request);
      const kind = rng.pick(kinds);
      injected[kind]++;
      switch (kind) {
        case 'throttling':
          return new Response(
            '<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ErrorResponse>',
            { status: 400, headers: { 'content-type': 'text/xml' } },
          );
        case 'unavailable-html':
          return new Response('<html><body><h1>503 Service Unavailable</h1></body></html>', { status: 503, headers: { 'content-type': 'text/html' } });
        case 'server-error-html':
          return new Response('<!doctype html><title>500 Internal Server Error</title>', { status: 500, headers: { 'content-type': 'text/html' } });
        case 'reset':
          throw new ConnectionReset();
        case 'latency': {
          // Held past the client's timeout and then dropped, before the service saw it.
          await new Promise((r) => setTimeout(r, options.latencyMs ?? 1000));
          throw new ConnectionReset();
        }
        case 'truncated-xml': {
          // Only answers to reads are cut: a lost answer to a write that did happen makes its retry
          // meet its own effect (EntityAlreadyExists), which no client can tell from a real conflict.
          const action = new URLSearchParams(body).get('Action') ?? '';
          if (!/^(Get|List)/.test(action)) {
            injected[kind]--;
            return emulator.handle(request);
          }
          const full = await emulator.handle(request);
          const text = await full.text();
          return new Response(text.slice(0, Math.floor(text.length / 2)), { status: full.status, headers: full.headers });
        }
      }
    },
  };
}
