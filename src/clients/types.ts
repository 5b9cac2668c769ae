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
  /** Attempts the client made: 1, since every client's own retries are off (src/runner/retry-policy.ts). */
  attempts: number;
  /** What the client was asked to run (the AWS CLI's command line, no secrets in it). */
  command?: string;
  /** The request as it went on the wire, when the client was asked to capture it. */
  sent?: SentRequest;
  /** The last attempt's response as it came over the wire, when the client was asked to capture it. */
  raw?: RawResponse;
  /** What the client surfaced for an error answer (reported beside the wire code, never judged). */
  clientError?: ClientError;
}

/**
 * What a client surfaced for an error, as a program using it would see it: JS v3's `err.name`
 * (PasswordPolicyViolationException for the wire code PasswordPolicyViolation), botocore's error code
 * and exception class, the AWS CLI's parsed code and exit status.
 */
export interface ClientError {
  /** The exception's name or class. */
  name: string;
  /** The error code the client parsed, when it gives one apart from the name. */
  code?: string;
  /** A command-line client's exit status. */
  exitStatus?: number;
}

/**
 * The client refused the request before sending it (botocore's ParamValidationError, say): nothing
 * reached the target, so there is no behaviour to judge. The case's outcome is `client-rejected`.
 */
export interface ClientRejected {
  kind: 'client-rejected';
  clientError: ClientError;
  /** The client's own words (secrets are cut out by the runner). */
  message: string;
  attempts: 0;
  /** What the client was asked to run (the AWS CLI's command line, no secrets in it). */
  command?: string;
}

/** A request as it went on the wire (for --transcript): what a serializer change shows up in. */
export interface SentRequest {
  method: string;
  path: string;
  contentType?: string;
  /** The form body's parameters, Action and Version included. */
  params: Record<string, string>;
}

/** The form body of a Query request as parameters (a repeated name keeps its last value). */
export function sentRequest(method: string, path: string, contentType: string | undefined, body: string): SentRequest {
  return { method, path, ...(contentType ? { contentType } : {}), params: Object.fromEntries(new URLSearchParams(body)) };
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

export type Outcome = Response | NoResponse | ClientRejected;

export interface TargetAddress {
  endpoint: string;
  region: string;
  /** How long one attempt may take before it counts as no response (default 20 s). */
  timeoutMs?: number;
  /** Keep each response's wire form (`raw`), for --record. */
  capture?: boolean;
  /** Keep each request's wire form (`sent`), for --transcript. */
  captureSent?: boolean;
  /** A transport other than the network (the mock served `direct`); only clients that use fetch take it. */
  fetch?: typeof fetch;
  /** The tools cache (where out-of-process clients and other SDK versions are installed). */
  toolsDir?: string;
}

/** A way of calling IAM: the AWS SDK for JavaScript, a raw Query client, later others. */
export interface Client {
  name: string;
  version: string;
  /** What else the client is made of, as it reports itself (boto3: the botocore it really loaded). */
  details?: Record<string, string>;
  call(request: CallRequest): Promise<Outcome>;
  close(): void;
}

