import { authorize, userResource } from '../authz.ts';
import { IamError, noSuchUser } from '../errors.ts';
import { MANAGED_POLICIES } from '../managed-policies.ts';
import { members } from '../xml.ts';
import { page, type Handler, type OperationContext } from './context.ts';

function subject(ctx: OperationContext, action: string) {
  const name = ctx.input.UserName as string;
  authorize(ctx.account, ctx.caller, action, userResource(ctx.account, name), ctx.behaviour);
  const user = ctx.account.user(name);
  if (!user) throw noSuchUser(name);
  return user;
}

/** AttachUserPolicy, DetachUserPolicy and ListAttachedUserPolicies, for the AWS managed policies the emulator knows. */
export const managedPolicyOperations: Record<string, Handler> = {
  AttachUserPolicy(ctx) {
    const user = subject(ctx, 'AttachUserPolicy');
    const arn = ctx.input.PolicyArn as string;
    if (!MANAGED_POLICIES.has(arn)) throw new IamError('NoSuchEntity', 404, `Policy ${arn} does not exist or is not attachable.`);
    user.attached.add(arn);
    return undefined;
  },

  DetachUserPolicy(ctx) {
    const user = subject(ctx, 'DetachUserPolicy');
    const arn = ctx.input.PolicyArn as string;
    if (!user.attached.delete(arn)) throw new IamError('NoSuchEntity', 404, `Policy ${arn} was not found.`);
    return undefined;
  },

  ListAttachedUserPolicies(ctx) {
    const user = subject(ctx, 'ListAttachedUserPolicies');
    const attached = [...user.attached].sort().map((arn) => ({ PolicyName: MANAGED_POLICIES.get(arn)!.name, PolicyArn: arn }));
    const p = page(attached, ctx.input);
    return { AttachedPolicies: members(p.items), IsTruncated: p.IsTruncated, ...(p.Marker ? { Marker: p.Marker } : {}) };
  },
};
