import * as IAM from '@aws-sdk/client-iam';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { createRequire } from 'node:module';
import { networkCause } from './transport-errors.ts';
import { proxyAgents } from './proxy.ts';
import { queryClient } from './query.ts';
import { Readable } from 'node:stream';
import { rawResponse, type CallRequest, type Client, type Outcome, type RawResponse, type TargetAddress } from './types.ts';

export const SDK_VERSION: string = createRequire(import.meta.url)('@aws-sdk/client-iam/package.json').version;

type CommandClass = new (input: Record<string, unknown>) => Parameters<IAM.IAMClient['send']>[0];

/**
 * Calls through @aws-sdk/client-iam, the way applications do: the SDK serialises, signs, retries
 * (standard mode: throttling and 5xx, up to 3 attempts) and parses. One SDK client per key.
 */
export function jsSdkClient(address: TargetAddress): Client {
  const clients = new Map<string, IAM.IAMClient>();
  // Steps that carry exact wire parameters bypass the SDK, which cannot express them.
  const raw = queryClient(address);
  const requestHandler = new NodeHttpHandler({ connectionTimeout: 5_000, requestTimeout: address.timeoutMs ?? 20_000, ...proxyAgents() });

  function clientFor(credentials: CallRequest['credentials']): IAM.IAMClient {
    const key = `${credentials.accessKeyId}\0${credentials.secretAccessKey}`;
    let client = clients.get(key);
    if (!client) {
      client = new IAM.IAMClient({ endpoint: address.endpoint, region: address.region, credentials, maxAttempts: 3, requestHandler });
      clients.set(key, client);
    }
    return client;
  }

  return {
    name: 'js-sdk',
    version: SDK_VERSION,
    async call(request: CallRequest): Promise<Outcome> {
      if (request.wire) return raw.call(request);
      const Command = (IAM as unknown as Record<string, CommandClass | undefined>)[`${request.operation}Command`];
      if (!Command) throw new Error(`@aws-sdk/client-iam has no ${request.operation}Command`);
      const command = new Command(request.input ?? {});
      const capture: { raw?: RawResponse } = {};
      if (address.capture) captureRaw(command, capture);
      try {
        const { $metadata, ...output } = (await clientFor(request.credentials).send(command)) as {
          $metadata: { httpStatusCode?: number; requestId?: string; attempts?: number };
        } & Record<string, unknown>;
        return { kind: 'response', status: $metadata.httpStatusCode ?? 200, requestId: $metadata.requestId, output, attempts: $metadata.attempts ?? 1, ...capture };
      } catch (error) {
        const outcome = fromError(error);
        return outcome.kind === 'response' ? { ...outcome, ...capture } : outcome;
      }
    },
    close() {
      for (const c of clients.values()) c.destroy();
      raw.close();
    },
  };
}

function fromError(error: unknown): Outcome {
  const e = error as {
    name?: string;
    message?: string;
    Code?: string;
    $metadata?: { httpStatusCode?: number; requestId?: string; attempts?: number };
    $response?: { statusCode?: number };
  };
  const status = e.$metadata?.httpStatusCode ?? e.$response?.statusCode;
  if (status !== undefined) {
    // The SDK names a modelled error by its code; an unparseable body gives a generic name.
    const parsed = e.$response === undefined || e.Code !== undefined || (e.name && !/Error$/.test(e.name) && e.name !== 'Unknown');
    return {
      kind: 'response',
      status,
      code: parsed ? (e.Code ?? e.name) : undefined,
      ...(parsed ? {} : { malformed: true }),
      message: parsed ? e.message : `(not an awsQuery XML body; the SDK said: ${(e.message ?? e.name ?? '').split('\n')[0]})`,
      requestId: e.$metadata?.requestId,
      attempts: e.$metadata?.attempts ?? 1,
    };
  }
  const cause = networkCause(error);
  if (cause) return { kind: 'no-response', cause, attempts: e.$metadata?.attempts ?? 1 };
  throw error;
}

/**
 * Keeps the wire form of the command's response (its last attempt's): a middleware closest to the
 * HTTP handler reads the body before the SDK's deserializer does, and hands the deserializer a copy.
 */
function captureRaw(command: { middlewareStack: { add(mw: unknown, options: Record<string, unknown>): void } }, into: { raw?: RawResponse }): void {
  command.middlewareStack.add(
    (next: (args: unknown) => Promise<{ response: { statusCode: number; headers: Record<string, string>; body: unknown } }>) => async (args: unknown) => {
      const out = await next(args);
      const chunks: Buffer[] = [];
      for await (const chunk of out.response.body as AsyncIterable<Buffer>) chunks.push(Buffer.from(chunk));
      const body = Buffer.concat(chunks);
      out.response.body = Readable.from([body]);
      into.raw = rawResponse(out.response.statusCode, (h) => out.response.headers[h], body.toString('utf8'));
      return out;
    },
    { step: 'deserialize', priority: 'low', name: 'iamConformanceCaptureRaw' },
  );
}
