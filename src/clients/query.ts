import { SignatureV4 } from '@smithy/signature-v4';
import { NodeSha256 } from './node-sha256.ts';
import { HttpRequest } from '@smithy/protocol-http';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { networkCause } from './transport-errors.ts';
import { useEnvironmentProxy } from './proxy.ts';
import { rawResponse, sentRequest, type CallRequest, type Client, type Outcome, type TargetAddress } from './types.ts';

export const QUERY_VERSION = '2010-05-08';

/**
 * Query-protocol form parameters. The password operations take only scalars; CreateUser's Tags (a list
 * of structures) goes on the wire as `Tags.member.1.Key=…&Tags.member.1.Value=…`.
 */
export function toQueryParams(operation: string, input: Record<string, unknown> = {}, wire?: Record<string, string>): URLSearchParams {
  const params = new URLSearchParams({ Action: operation, Version: QUERY_VERSION });
  const put = (name: string, v: unknown) => {
    if (v === undefined || v === null) return;
    if (Array.isArray(v)) v.forEach((item, i) => put(`${name}.member.${i + 1}`, item));
    else if (typeof v === 'object') for (const [field, fv] of Object.entries(v)) put(`${name}.${field}`, fv);
    else params.append(name, typeof v === 'string' ? v : String(v));
  };
  for (const [k, v] of Object.entries(wire ?? input)) put(k, v);
  return params;
}

const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: false });

/**
 * A raw awsQuery client: it builds the exact form body, signs it with SigV4 (@smithy/signature-v4)
 * and reads the XML itself. It shows the wire form, sends what no SDK would, and makes no retries.
 */
export function queryClient(address: TargetAddress): Client {
  useEnvironmentProxy();
  const transport = address.fetch ?? fetch;
  const url = new URL(address.endpoint);
  return {
    name: 'query',
    version: QUERY_VERSION,
    async call(request: CallRequest): Promise<Outcome> {
      const body = toQueryParams(request.operation, request.input, request.wire).toString();
      const signer = new SignatureV4({ service: 'iam', region: address.region, credentials: request.credentials, sha256: NodeSha256 });
      const signed = await signer.sign(
        new HttpRequest({
          method: 'POST',
          protocol: url.protocol,
          hostname: url.hostname,
          port: url.port ? Number(url.port) : undefined,
          path: url.pathname || '/',
          headers: { host: url.host, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
          body,
        }),
      );
      // A timer cleared once the answer is read, not AbortSignal.timeout: that one's timer and signal (and
      // whatever listens to it) live on for the whole timeout after every request, which over a long run of
      // fast answers (the isolation test's 238 whole-suite runs) grew the heap without bound.
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(new DOMException('The operation timed out.', 'TimeoutError')), address.timeoutMs ?? 20_000);
      let res: globalThis.Response;
      let text: string;
      try {
        try {
          res = await transport(url, { method: 'POST', headers: signed.headers as Record<string, string>, body, signal: controller.signal });
        } catch (error) {
          const cause = networkCause(error);
          if (cause) return { kind: 'no-response', cause, attempts: 1 };
          throw error;
        }
        text = await res.text();
      } finally {
        clearTimeout(timer);
      }
      const outcome = parseQueryResponse(request.operation, res.status, text);
      if (address.capture && outcome.kind === 'response') outcome.raw = rawResponse(res.status, (h) => res.headers.get(h), text);
      if (address.captureSent && outcome.kind === 'response') outcome.sent = sentRequest('POST', url.pathname || '/', 'application/x-www-form-urlencoded; charset=utf-8', body);
      return outcome;
    },
    close() {},
  };
}

const ROOT_NAMESPACE = /^\s*(?:<\?xml[^>]*>\s*)?<[A-Za-z]+[^>]*?\sxmlns="([^"]*)"/;

export function parseQueryResponse(operation: string, status: number, text: string): Outcome {
  const namespace = ROOT_NAMESPACE.exec(text)?.[1];
  let doc: Record<string, any> | undefined;
  try {
    // The parser is lenient; a body cut short must not pass for a (partial) answer.
    doc = XMLValidator.validate(text) === true ? (parser.parse(text) as Record<string, any>) : undefined;
  } catch {
    doc = undefined;
  }
  const error = doc?.ErrorResponse?.Error ?? doc?.Response?.Errors?.Error;
  const requestId = doc?.ErrorResponse?.RequestId ?? doc?.[`${operation}Response`]?.ResponseMetadata?.RequestId;
  if (status >= 300 || error) {
    return error
      ? { kind: 'response', status, code: str(error.Code), message: str(error.Message), requestId: str(requestId), namespace, errorType: str(error.Type), attempts: 1 }
      : { kind: 'response', status, malformed: true, message: `(not an awsQuery error body: ${text.slice(0, 120).replace(/\s+/g, ' ')})`, attempts: 1 };
  }
  if (!doc) return { kind: 'response', status, malformed: true, message: '(the body is not XML)', attempts: 1 };
  if (!doc[`${operation}Response`]) return { kind: 'response', status, malformed: true, message: `(no ${operation}Response element)`, attempts: 1 };
  const result = doc[`${operation}Response`]?.[`${operation}Result`];
  return { kind: 'response', status, requestId: str(requestId), namespace, output: result && typeof result === 'object' ? typed(result) : {}, attempts: 1 };
}

function isMap(v: any): v is { entry: unknown } {
  if (!v || typeof v !== 'object' || Array.isArray(v) || Object.keys(v).length !== 1 || !('entry' in v)) return false;
  const entries = Array.isArray(v.entry) ? v.entry : [v.entry];
  return entries.every((e: unknown) => !!e && typeof e === 'object' && 'key' in (e as object) && 'value' in (e as object));
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : v === undefined ? undefined : String(v);
}

/**
 * XML carries text only; give booleans and integers their types so outputs compare like the SDK's, and
 * maps (`<SummaryMap><entry><key>Users</key><value>3</value></entry>…`) the SDK's object form. No IAM
 * structure has a member named `entry`, so the form is unambiguous.
 */
function typed(value: any): any {
  if (isMap(value)) {
    const entries = Array.isArray(value.entry) ? value.entry : [value.entry];
    return Object.fromEntries(entries.map((e: { key: unknown; value: unknown }) => [String(e.key), typed(e.value)]));
  }
  if (typeof value === 'string') {
    if (value === 'true' || value === 'false') return value === 'true';
    if (/^-?\d+$/.test(value)) return Number(value);
    return value;
  }
  if (Array.isArray(value)) return value.map(typed);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typed(v)]));
  return value;
}
