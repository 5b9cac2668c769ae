import { createRequire } from 'node:module';
import { networkCause } from './transport-errors.ts';
import { proxyAgents } from './proxy.ts';
import { parseQueryResponse, queryClient } from './query.ts';
import { Readable } from 'node:stream';
import { CLIENT_ATTEMPTS } from './attempts.ts';
import { rawResponse, sentRequest, type CallRequest, type Client, type ClientError, type Outcome, type RawResponse, type Response, type SentRequest, type TargetAddress } from './types.ts';

export const SDK_VERSION: string = createRequire(import.meta.url)('@aws-sdk/client-iam/package.json').version;

type CommandClass = new (input: Record<string, unknown>) => { middlewareStack: { add(mw: unknown, options: Record<string, unknown>): void } };
interface IamClientLike {
  send(command: unknown): Promise<unknown>;
  destroy(): void;
}

/**
 * One @aws-sdk/client-iam, with the request handler of its own dependency tree: this package's, or an
 * exact older version installed in the tools cache (src/clients/js-sdk-versions.ts). A version is never
 * handed another version's @smithy packages.
 */
export interface JsSdk {
  name: string;
  version: string;
  IAM: Record<string, unknown>;
  NodeHttpHandler: new (options: { connectionTimeout: number; requestTimeout: number; httpAgent?: unknown; httpsAgent?: unknown }) => unknown;
}

export async function bundledSdk(): Promise<JsSdk> {
  const [IAM, { NodeHttpHandler }] = await Promise.all([import('@aws-sdk/client-iam'), import('@smithy/node-http-handler')]);
  return { name: 'js-sdk', version: SDK_VERSION, IAM: IAM as unknown as Record<string, unknown>, NodeHttpHandler: NodeHttpHandler as JsSdk['NodeHttpHandler'] };
}

/**
 * Calls through @aws-sdk/client-iam, the way applications do: the SDK serialises, signs and parses; it
 * does not retry (maxAttempts 1: the runner owns retries, src/runner/retry-policy.ts). One SDK client per
 * key. The wire code is read from the response body itself (a middleware keeps it), whatever the SDK
 * version makes of it; what the SDK surfaced (`err.name`) is reported beside it as `clientError`.
 */
export function jsSdkClient(address: TargetAddress, sdk: JsSdk): Client {
  const clients = new Map<string, IamClientLike>();
  // Steps that carry exact wire parameters bypass the SDK, which cannot express them.
  const raw = queryClient(address);
  const requestHandler = new sdk.NodeHttpHandler({ connectionTimeout: 5_000, requestTimeout: address.timeoutMs ?? 20_000, ...proxyAgents() });
  const IAMClient = sdk.IAM.IAMClient as new (config: Record<string, unknown>) => IamClientLike;

  function clientFor(credentials: CallRequest['credentials']): IamClientLike {
    const key = `${credentials.accessKeyId}\0${credentials.secretAccessKey}`;
    let client = clients.get(key);
    if (!client) {
      client = new IAMClient({ endpoint: address.endpoint, region: address.region, credentials, maxAttempts: CLIENT_ATTEMPTS, requestHandler });
      clients.set(key, client);
    }
    return client;
  }

  return {
    name: sdk.name,
    version: sdk.version,
    async call(request: CallRequest): Promise<Outcome> {
      if (request.wire) return raw.call(request);
      const Command = sdk.IAM[`${request.operation}Command`] as CommandClass | undefined;
      if (!Command) throw new Error(`@aws-sdk/client-iam ${sdk.version} has no ${request.operation}Command`);
      const command = new Command(request.input ?? {});
      const capture: { raw?: RawResponse; sent?: SentRequest } = {};
      keepRawBody(command, capture);
      const withRaw = (o: Response): Response => ({
        ...o,
        ...(address.capture && capture.raw ? { raw: capture.raw } : {}),
        ...(address.captureSent && capture.sent ? { sent: capture.sent } : {}),
      });
      try {
        const { $metadata, ...output } = (await clientFor(request.credentials).send(command)) as {
          $metadata: { httpStatusCode?: number; requestId?: string; attempts?: number };
        } & Record<string, unknown>;
        return withRaw({ kind: 'response', status: $metadata.httpStatusCode ?? 200, requestId: $metadata.requestId, output, attempts: $metadata.attempts ?? 1 });
      } catch (error) {
        const outcome = fromError(request.operation, error, capture.raw);
        return outcome.kind === 'response' ? withRaw(outcome) : outcome;
      }
    },
    close() {
      for (const c of clients.values()) c.destroy();
      raw.close();
    },
  };
}

function fromError(operation: string, error: unknown, raw: RawResponse | undefined): Outcome {
  const e = error as {
    name?: string;
    message?: string;
    Code?: string;
    $metadata?: { httpStatusCode?: number; requestId?: string; attempts?: number };
    $response?: { statusCode?: number };
  };
  const attempts = e.$metadata?.attempts ?? 1;
  const clientError: ClientError | undefined = e.name ? { name: e.name } : undefined;
  if (raw) {
    // The body says what the target answered; the SDK's exception is only what it made of it.
    const wire = parseQueryResponse(operation, raw.status, raw.body);
    if (wire.kind === 'response') return { ...wire, requestId: wire.requestId ?? e.$metadata?.requestId, attempts, ...(clientError ? { clientError } : {}) };
  }
  const status = e.$metadata?.httpStatusCode ?? e.$response?.statusCode;
  if (status !== undefined) {
    // No body was kept (the request failed after the answer arrived?): fall back on what the SDK parsed.
    const parsed = e.$response === undefined || e.Code !== undefined || (e.name && !/Error$/.test(e.name) && e.name !== 'Unknown');
    return {
      kind: 'response',
      status,
      code: parsed ? (e.Code ?? e.name) : undefined,
      ...(parsed ? {} : { malformed: true }),
      message: parsed ? e.message : `(not an awsQuery XML body; the SDK said: ${(e.message ?? e.name ?? '').split('\n')[0]})`,
      requestId: e.$metadata?.requestId,
      attempts,
      ...(clientError ? { clientError } : {}),
    };
  }
  const cause = networkCause(error);
  if (cause) return { kind: 'no-response', cause, attempts };
  throw error;
}

/**
 * Keeps the wire form of the command's response: a middleware closest to the HTTP handler reads the
 * body before the SDK's deserializer does, and hands the deserializer a copy. Middleware of this shape
 * works in every v3 version.
 */
function keepRawBody(command: { middlewareStack: { add(mw: unknown, options: Record<string, unknown>): void } }, into: { raw?: RawResponse; sent?: SentRequest }): void {
  type Req = { method: string; path: string; headers: Record<string, string>; body?: unknown };
  command.middlewareStack.add(
    (next: (args: unknown) => Promise<{ response: { statusCode: number; headers: Record<string, string>; body: unknown } }>) => async (args: { request?: Req }) => {
      // Here, wrapping the whole exchange, the request is the one that goes on the wire (signed).
      const req = args.request;
      if (req && typeof req.body === 'string') into.sent = sentRequest(req.method, req.path, req.headers['content-type'] ?? req.headers['Content-Type'], req.body);
      const out = await next(args);
      const chunks: Buffer[] = [];
      for await (const chunk of out.response.body as AsyncIterable<Buffer>) chunks.push(Buffer.from(chunk));
      const body = Buffer.concat(chunks);
      out.response.body = Readable.from([body]);
      into.raw = rawResponse(out.response.statusCode, (h) => out.response.headers[h], body.toString('utf8'));
      return out;
    },
    { step: 'deserialize', priority: 'low', name: 'iamConformanceKeepRawBody' },
  );
}
