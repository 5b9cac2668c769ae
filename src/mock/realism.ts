import { seededRandom } from '../cases/random.ts';
import { parseQuery } from './query.ts';
import { isStsIdentityRequest } from './sts.ts';
import { errorXml } from './xml.ts';
import type { Answerer } from './msw.ts';

/**
 * What makes a real AWS account harder to test than an emulator, put in front of the emulator so that
 * `--target aws` can be proven here (docs/aws.md, "Proven against a simulated AWS"):
 * - a new access key is not usable at once (InvalidClientTokenId, reported as 10–15 s on AWS);
 * - a new login profile cannot be modified at once (EntityTemporarilyUnmodifiable);
 * - a new user is not visible at once to other calls (NoSuchEntity);
 * - requests are throttled at some rate (Throttling, 400).
 * Every request is logged (action, the user it names, the key that signed it), so a test can show that
 * the runner never touched what it did not create. STS GetCallerIdentity passes straight through.
 */
export interface RealismOptions {
  keyDelayMs?: number;
  profileDelayMs?: number;
  userDelayMs?: number;
  /** Share of IAM requests answered with Throttling, 0..1. */
  throttleRate?: number;
  seed?: string;
  now?: () => number;
}

export interface LoggedRequest {
  action: string;
  /** The UserName parameter, or for a user's own call (ChangePassword), the user its key belongs to. */
  userName?: string;
  keyId?: string;
  status: number;
}

export interface SimulatedAws extends Answerer {
  readonly log: LoggedRequest[];
  /** How often each kind of realism struck. */
  readonly struck: { throttled: number; keyNotYetValid: number; profileNotYetModifiable: number; userNotYetVisible: number };
}

export function withRealism(inner: Answerer, options: RealismOptions = {}): SimulatedAws {
  const now = options.now ?? Date.now;
  const rng = seededRandom(options.seed ?? 'realism');
  const keyReadyAt = new Map<string, number>();
  const keyOwner = new Map<string, string>();
  const profileReadyAt = new Map<string, number>();
  const userReadyAt = new Map<string, number>();
  const log: LoggedRequest[] = [];
  const struck = { throttled: 0, keyNotYetValid: 0, profileNotYetModifiable: 0, userNotYetVisible: 0 };
  const lower = (s: string | undefined) => s?.toLowerCase();

  function early(action: string, userName: string | undefined, keyId: string | undefined): Response | undefined {
    const t = now();
    if (options.throttleRate && rng.int(1_000_000) < options.throttleRate * 1_000_000) {
      struck.throttled++;
      return error('Throttling', 400, 'Rate exceeded');
    }
    if (keyId && (keyReadyAt.get(keyId) ?? 0) > t) {
      struck.keyNotYetValid++;
      return error('InvalidClientTokenId', 403, 'The security token included in the request is invalid.');
    }
    const user = lower(userName);
    if (user && action !== 'CreateUser' && (userReadyAt.get(user) ?? 0) > t) {
      struck.userNotYetVisible++;
      return error('NoSuchEntity', 404, `The user with name ${userName} cannot be found.`);
    }
    if (user && /^(UpdateLoginProfile|DeleteLoginProfile|ChangePassword)$/.test(action) && (profileReadyAt.get(user) ?? 0) > t) {
      struck.profileNotYetModifiable++;
      return error('EntityTemporarilyUnmodifiable', 409, `Login Profile for User ${userName} cannot be modified while login profile is being created.`);
    }
    return undefined;
  }

  function remember(action: string, userName: string | undefined, body: string): void {
    const t = now();
    const user = lower(userName);
    if (action === 'CreateUser' && user && options.userDelayMs) userReadyAt.set(user, t + options.userDelayMs);
    if (action === 'CreateLoginProfile' && user && options.profileDelayMs) profileReadyAt.set(user, t + options.profileDelayMs);
    if (action === 'CreateAccessKey') {
      const id = /<AccessKeyId>([^<]+)<\/AccessKeyId>/.exec(body)?.[1];
      if (id && userName) keyOwner.set(id, userName);
      if (id && options.keyDelayMs) keyReadyAt.set(id, t + options.keyDelayMs);
    }
  }

  return {
    log,
    struck,
    async handle(request) {
      const url = new URL(request.url);
      const form = request.method === 'POST' ? await request.clone().text() : '';
      const q = parseQuery(url, form);
      if (isStsIdentityRequest(q.action, q.version)) return inner.handle(request);
      const keyId = /Credential=([^/]+)\//.exec(request.headers.get('authorization') ?? '')?.[1];
      const userName = q.params.get('UserName') ?? (keyId ? keyOwner.get(keyId) : undefined);
      const answer = early(q.action, userName, keyId) ?? (await inner.handle(request));
      log.push({ action: q.action, ...(userName ? { userName } : {}), ...(keyId ? { keyId } : {}), status: answer.status });
      if (answer.status === 200) {
        const body = await answer.clone().text();
        remember(q.action, userName, body);
      }
      return answer;
    },
  };
}

function error(code: string, status: number, message: string): Response {
  const requestId = crypto.randomUUID();
  return new Response(errorXml(code, message, status, requestId), { status, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId } });
}
