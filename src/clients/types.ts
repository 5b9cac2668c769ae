import type { Credentials } from '../iam/credentials.ts';

/** One request as the runner makes it: typed input, or exact wire parameters. */
export interface CallRequest {
  operation: string;
  input?: Record<string, unknown>;
  /** Exact Query parameters (besides Action and Version), for cases about the wire form. */
  wire?: Record<string, string>;
  credentials: Credentials;
}

/** A response from the target, whatever it was: this is behaviour to judge. */
export interface Response {
  kind: 'response';
  status: number;
  code?: string;
  message?: string;
  requestId?: string;
  output?: Record<string, unknown>;
  /** The XML namespace and error <Type>, when the client reads the wire itself (the query client). */
  namespace?: string;
  errorType?: string;
  /** The status came with a body that is not awsQuery XML (or is cut short). */
  malformed?: boolean;
  /** Attempts the client made (retries of throttling or 5xx are recorded as notes). */
  attempts: number;
  /** The last attempt's response as it came over the wire, when the client was asked to capture it. */
  raw?: RawResponse;
}

/** A response on the wire: what `--record` keeps as evidence. */
export interface RawResponse {
  status: number;
  /** The headers that say something about the answer (content type, request id). */
  headers: Record<string, string>;
  body: string;
}

/** Headers worth keeping in a recording; the rest (dates, connection) differ on every call. */
const RECORDED_HEADERS = ['content-type', 'x-amzn-requestid'];

/** A response's wire form as a recording keeps it; `header` reads one header (lower-case name). */
export function rawResponse(status: number, header: (name: string) => string | null | undefined, body: string): RawResponse {
  const headers: Record<string, string> = {};
  for (const h of RECORDED_HEADERS) {
    const v = header(h);
    if (v !== null && v !== undefined) headers[h] = v;
  }
  return { status, headers, body };
}

/** No response at all (refused, reset, timed out): an error of the run, never a verdict. */
export interface NoResponse {
  kind: 'no-response';
  cause: string;
  attempts: number;
}

export type Outcome = Response | NoResponse;

export interface TargetAddress {
  endpoint: string;
  region: string;
  /** How long one attempt may take before it counts as no response (default 20 s). */
  timeoutMs?: number;
  /** Keep each response's wire form (`raw`), for --record. */
  capture?: boolean;
  /** A transport other than the network (the mock served `direct`); only clients that use fetch take it. */
  fetch?: typeof fetch;
}

/** A way of calling IAM: the AWS SDK for JavaScript, a raw Query client, later others. */
export interface Client {
  name: string;
  version: string;
  call(request: CallRequest): Promise<Outcome>;
  close(): void;
}

