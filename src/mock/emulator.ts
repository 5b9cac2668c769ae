import { randomUUID } from 'node:crypto';
import { authenticate } from './sigv4.ts';
import { IamError } from './errors.ts';
import { HANDLERS } from './operations/index.ts';
import { parseQuery } from './query.ts';
import { Account } from './state.ts';
import { validate } from './validate.ts';
import { checkPaths } from './paths.ts';
import { missingEntity } from './entities.ts';
import { MODEL_ERRORS } from './constraints.ts';
import { accountResource, authorize } from './authz.ts';
import { errorXml, successXml } from './xml.ts';
import { callerIdentityXml, isStsIdentityRequest } from './sts.ts';
import { awsBehaviour, type Behaviour } from './behaviour.ts';
import type { Credentials } from '../iam/credentials.ts';

export const API_VERSION = '2010-05-08';

/** Fixed keys, so boto3 or the AWS CLI can be pointed at `mock-server` with known credentials. */
export const ADMIN_CREDENTIALS: Credentials = { accessKeyId: 'AKIAICONFORMADMIN001', secretAccessKey: 'iam-conformance/admin/secret/not-a-real-key00' };
export const ROOT_CREDENTIALS: Credentials = { accessKeyId: 'AKIAICONFORMROOT0001', secretAccessKey: 'iam-conformance/root/secret/not-a-real-key000' };

export interface EmulatorOptions {
  /** The account's id, in every ARN and in the password policy's messages. Default "123456789012". */
  accountId?: string;
  /** Verify SigV4 signatures (default true). When false the access key still names the caller. */
  verifySignatures?: boolean;
  /** The clock for every CreateDate (default the real one). */
  now?: () => Date;
  /** Changes to AWS's behaviour (mutants, src/mock/mutants.ts); default none. */
  behaviour?: Partial<Behaviour>;
}

export interface Emulator {
  readonly accountId: string;
  readonly admin: Credentials;
  readonly root: Credentials;
  /** The whole emulator: a Fetch API Request in, a Response out. */
  handle(request: Request): Promise<Response>;
  /** Back to an empty account (the administrator and root keep their keys). */
  reset(): void;
  /** The account as it stands, passwords included: for tests that must see all of it. */
  state(): Account;
}

/**
 * The reference model of IAM's password APIs. Each request goes through AWS's checks in AWS's order
 * (design notes): 1 validation, 2 authentication, then in the operation: 3 caller type,
 * 4 authorisation, 5 entity, 6 old password, 7 password policy, 8 the change.
 */
export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const accountId = options.accountId ?? '123456789012';
  const b: Behaviour = { ...awsBehaviour(), ...(options.verifySignatures === false ? { verifySignatures: false } : {}), ...options.behaviour };
  const now = options.now ?? (() => new Date());
  const newAccount = () => new Account(accountId, ADMIN_CREDENTIALS, ROOT_CREDENTIALS, now);
  let account = newAccount();

  async function answer(request: Request, requestId: string, seen: { action: string }): Promise<Response> {
    const url = new URL(request.url);
    const body = request.method === 'POST' ? await request.text() : '';
    const q = parseQuery(url, body);
    seen.action = q.action;
    if (isStsIdentityRequest(q.action, q.version)) {
      const caller = b.verifySignatures ? await authenticate(account, request, url, body, 'sts') : unverifiedCaller(account, request, b);
      return xmlResponse(200, callerIdentityXml(account.id, caller, requestId), requestId);
    }
    const constraints = b.constraints[q.action];
    const handler = HANDLERS[q.action];
    if (q.version !== API_VERSION || !constraints) {
      throw new IamError('InvalidAction', 400, `Could not find operation ${q.action} for version ${q.version || API_VERSION}`);
    }
    // Every operation of the model is validated (step 1) and authenticated (step 2), as AWS does, even
    // one whose behaviour the emulator does not model yet.
    const input = validate(q.params, constraints, b);
    const caller = b.verifySignatures ? await authenticate(account, request, url, body) : unverifiedCaller(account, request, b);
    checkPaths(input, constraints);
    if (!handler) {
      // Steps 4 and 5 as for every operation: the caller's permission, then what the request names must
      // exist (AWS's NoSuchEntity, src/mock/entities.ts).
      authorize(account, caller, q.action, accountResource(account), b);
      const missing = missingEntity(account, q.action, input, MODEL_ERRORS[q.action] ?? []);
      if (missing) throw missing;
      // Everything named exists and the behaviour is not modelled. Not AWS's answer: says plainly that no
      // verdict on this operation's behaviour can come from here.
      throw new IamError('NotImplemented', 501, `The reference emulator validates ${q.action} but does not model its behaviour`);
    }
    const result = handler({ account, caller, input, behaviour: b });
    return xmlResponse(200, successXml(q.action, result, requestId, b.namespace), requestId);
  }

  return {
    accountId,
    admin: ADMIN_CREDENTIALS,
    root: ROOT_CREDENTIALS,
    async handle(request) {
      const requestId = randomUUID();
      const seen = { action: '' };
      try {
        return await answer(request, requestId, seen);
      } catch (e) {
        if (e instanceof IamError) {
          const err = b.rewriteError ? b.rewriteError({ code: e.code, status: e.status, message: e.message }, seen.action) : e;
          return xmlResponse(err.status, errorXml(err.code, err.message, err.status, requestId, b.namespace, b.errorTypeFor4xx), requestId);
        }
        // A bug of the emulator: answered as AWS answers its own failures, without details (which could
        // carry a request's secrets into a log).
        return xmlResponse(500, errorXml('ServiceFailure', 'The request processing has failed because of an unknown error, exception or failure.', 500, requestId), requestId);
      }
    },
    reset() {
      account = newAccount();
    },
    state: () => account,
  };
}

/** A mutant that does not check signatures: the key still names the caller (or, worse, any key is the administrator). */
function unverifiedCaller(account: Account, request: Request, b: Behaviour) {
  const keyId = /Credential=([^/]+)\//.exec(request.headers.get('authorization') ?? '')?.[1];
  const principal = keyId ? account.principal(keyId) : undefined;
  if (!principal && b.acceptUnknownKeys) return account.principal(ADMIN_CREDENTIALS.accessKeyId)!.caller;
  if (!principal) throw new IamError('InvalidClientTokenId', 403, 'The security token included in the request is invalid.');
  return principal.caller;
}

/** AWS sends the request id in a header as well as in the body. */
function xmlResponse(status: number, xml: string, requestId: string): Response {
  return new Response(xml, { status, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId } });
}
