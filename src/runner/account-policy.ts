import { call } from './call.ts';
import { RunError } from './errors.ts';
import { policyMembers, type PolicySnapshot } from '../iam/password-policy.ts';
import type { RunContext } from './context.ts';

/** The account password policy as found, so it can be put back exactly after the cases that change it. */
export async function snapshotAccountPolicy(ctx: RunContext): Promise<PolicySnapshot> {
  const { response } = await call(ctx, { operation: 'GetAccountPasswordPolicy', input: {}, credentials: ctx.session.admin }, 'NoSuchEntity');
  if (response.status === 404 || response.code === 'NoSuchEntity') return { exists: false };
  const found = response.output?.PasswordPolicy as Record<string, unknown> | undefined;
  if (response.status >= 300 || !found) {
    throw new RunError(`cannot read the account password policy to restore it later: ${response.status} ${response.code ?? ''}`);
  }
  return { exists: true, policy: policyMembers(found) };
}

export async function restoreAccountPolicy(ctx: RunContext, snapshot: PolicySnapshot): Promise<void> {
  const request = snapshot.exists
    ? { operation: 'UpdateAccountPasswordPolicy', input: snapshot.policy, credentials: ctx.session.admin }
    : { operation: 'DeleteAccountPasswordPolicy', input: {}, credentials: ctx.session.admin };
  const { response } = await call(ctx, request, snapshot.exists ? undefined : 'NoSuchEntity');
  if (response.status >= 300 && !(response.code === 'NoSuchEntity' && !snapshot.exists)) {
    throw new RunError(`could not restore the account password policy: ${request.operation} answered ${response.status} ${response.code ?? ''}`);
  }
}
