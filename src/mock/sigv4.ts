import { createHash, timingSafeEqual } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { HttpRequest } from '@smithy/protocol-http';
import { NodeSha256 } from '../clients/node-sha256.ts';
import { IamError } from './errors.ts';
import type { Account, Caller } from './state.ts';

const AUTH = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/;

const invalidToken = () => new IamError('InvalidClientTokenId', 403, 'The security token included in the request is invalid.');
const mismatch = () =>
  new IamError(
    'SignatureDoesNotMatch',
    403,
    'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
  );

/**
 * Step 2 of AWS's checks: SigV4. The signature is recomputed with @smithy/signature-v4 over exactly the
 * headers the client signed (names lower-cased, as Fetch Headers give them), the request's date, the
 * region and service of its credential scope and the SHA-256 of the body as received, with the secret
 * of the key it names, and compared in constant time. The host header is the one the client sent
 * (with its port, if it signed one); a Fetch Request without one falls back to the URL's host.
 */
export async function authenticate(account: Account, request: Request, url: URL, body: string, expectedService = 'iam'): Promise<Caller> {
  const header = request.headers.get('authorization');
  if (!header) throw new IamError('MissingAuthenticationToken', 403, 'Request is missing Authentication Token');
  const m = AUTH.exec(header.trim());
  if (!m) throw new IamError('IncompleteSignature', 400, 'Authorization header requires Credential, SignedHeaders and Signature.');
  const [, keyId, , region, service, signedHeaders, signature] = m as unknown as string[];
  const principal = account.principal(keyId!);
  if (!principal) throw invalidToken();
  // Any region is fine (IAM is global; the SDK signs it for us-east-1), but the service must be the one
  // asked (iam; sts for GetCallerIdentity). Inferred wording (reported for AWS's Query services), under
  // AWS's code for a bad signature.
  if (service !== expectedService) throw new IamError('SignatureDoesNotMatch', 403, `Credential should be scoped to correct service: '${expectedService}'. `);

  const amzDate = request.headers.get('x-amz-date');
  if (!amzDate) throw mismatch();
  const headers: Record<string, string> = {};
  for (const name of signedHeaders!.split(';')) {
    const value = name === 'host' ? (request.headers.get('host') ?? url.host) : request.headers.get(name);
    if (value === null) throw mismatch();
    headers[name] = value;
  }
  // The signer takes a signed x-amz-content-sha256 header on trust as the body's hash; a body changed
  // after signing must not verify, so the header has to be the hash of the body actually received.
  const bodyHash = createHash('sha256').update(body).digest('hex');
  const claimed = request.headers.get('x-amz-content-sha256');
  if (claimed !== null && claimed !== bodyHash) throw mismatch(); // UNSIGNED-PAYLOAD included: IAM signs its payload
  const signer = new SignatureV4({
    service: expectedService,
    region: region!,
    credentials: { accessKeyId: keyId!, secretAccessKey: principal.secret },
    sha256: NodeSha256,
    applyChecksum: false,
  });
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = v;
  const signed = await signer.sign(
    new HttpRequest({ method: request.method, protocol: url.protocol, hostname: url.hostname, port: url.port ? Number(url.port) : undefined, path: url.pathname, query, headers, body }),
    { signingDate: parseAmzDate(amzDate), unsignableHeaders: new Set(), signableHeaders: new Set(Object.keys(headers)) },
  );
  const expected = /Signature=([0-9a-f]{64})/.exec(String(signed.headers.authorization ?? signed.headers.Authorization))?.[1];
  if (!expected || !timingSafeEqual(Buffer.from(expected), Buffer.from(signature!))) throw mismatch();
  return principal.caller;
}

function parseAmzDate(s: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  if (!m) throw mismatch();
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
}
