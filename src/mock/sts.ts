import { successXml } from './xml.ts';
import type { Caller } from './state.ts';

/**
 * STS's GetCallerIdentity, the one STS call the suite makes: the aws target asks it which account its
 * credentials belong to before it changes anything. The emulator answers it so that `--target aws` can be
 * proven here against a simulated AWS (AWS_ENDPOINT_URL_STS pointing at `mock-server`).
 */
export const STS_VERSION = '2011-06-15';
export const STS_NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';

export function isStsIdentityRequest(action: string, version: string): boolean {
  return action === 'GetCallerIdentity' && version === STS_VERSION;
}

export function callerIdentityXml(accountId: string, caller: Caller, requestId: string): string {
  const identity = caller.kind === 'root' ? { Arn: caller.arn, UserId: accountId, Account: accountId } : { Arn: caller.arn, UserId: caller.user.id, Account: accountId };
  return successXml('GetCallerIdentity', identity, requestId, STS_NAMESPACE);
}
