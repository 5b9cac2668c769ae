import { IamError } from '../errors.ts';
import { MANAGED_POLICIES } from '../managed-policies.ts';
import { members } from '../xml.ts';
import { page, subjectUser, type Handler } from './context.ts';

/** AttachUserPolicy, DetachUserPolicy and ListAttachedUserPolicies, for the AWS managed policies the emulator knows. */
export const managedPolicyOperations: Record<string, Handler> = {
  AttachUserPolicy(ctx) {
    const user = subjectUser(ctx, 'AttachUserPolicy');
    const arn = ctx.input.PolicyArn as string;
    if (!MANAGED_POLICIES.has(arn)) throw new IamError('NoSuchEntity', 404, `Policy ${arn} does not exist or is not attachable.`);
    user.attached.add(arn);
    return undefined;
  },

  DetachUserPolicy(ctx) {
    const user = subjectUser(ctx, 'DetachUserPolicy');
    const arn = ctx.input.PolicyArn as string;
    if (!user.attached.delete(arn)) throw new IamError('NoSuchEntity', 404, `Policy ${arn} was not found.`);
    return undefined;
  },

  ListAttachedUserPolicies(ctx) {
    const user = subjectUser(ctx, 'ListAttachedUserPolicies');
    const attached = [...user.attached].sort().map((arn) => ({ PolicyName: MANAGED_POLICIES.get(arn)!.name, PolicyArn: arn }));
    const p = page(attached, ctx.input);
    return { AttachedPolicies: members(p.items), IsTruncated: p.IsTruncated, ...(p.Marker ? { Marker: p.Marker } : {}) };
  },
};
