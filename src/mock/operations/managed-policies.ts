import { IamError } from '../errors.ts';
import { ENTITY_MEMBERS, exists } from '../entities.ts';
import { MANAGED_POLICIES } from '../managed-policies.ts';
import { members } from '../xml.ts';
import { page, subjectUser, type Handler } from './context.ts';
import type { Account } from '../state.ts';

/** The name a managed policy is listed under: AWS managed (fixed data) or the account's own (customer-policies.ts). */
const policyName = (account: Account, arn: string) => MANAGED_POLICIES.get(arn)?.name ?? account.policies.get(arn)?.name ?? arn.slice(arn.lastIndexOf('/') + 1);

/**
 * AttachUserPolicy, DetachUserPolicy and ListAttachedUserPolicies, for the AWS managed policies the
 * emulator knows and the account's customer managed policies.
 */
export const managedPolicyOperations: Record<string, Handler> = {
  AttachUserPolicy(ctx) {
    const user = subjectUser(ctx, 'AttachUserPolicy');
    const arn = ctx.input.PolicyArn as string;
    // test_iam_users.snapshot.json attach-nonexistent-policy-error
    if (!exists(ctx.account, 'policy', arn)) throw new IamError('NoSuchEntity', 404, ENTITY_MEMBERS.PolicyArn!.missing(arn, 'AttachUserPolicy'));
    user.attached.add(arn);
    return undefined;
  },

  DetachUserPolicy(ctx) {
    const user = subjectUser(ctx, 'DetachUserPolicy');
    const arn = ctx.input.PolicyArn as string;
    // test_iam_users.snapshot.json detach-unattached-policy-error
    if (!user.attached.delete(arn)) throw new IamError('NoSuchEntity', 404, ENTITY_MEMBERS.PolicyArn!.missing(arn, 'DetachUserPolicy'));
    return undefined;
  },

  ListAttachedUserPolicies(ctx) {
    const user = subjectUser(ctx, 'ListAttachedUserPolicies');
    const attached = [...user.attached].sort().map((arn) => ({ PolicyName: policyName(ctx.account, arn), PolicyArn: arn }));
    const p = page(attached, ctx.input);
    return { AttachedPolicies: members(p.items), IsTruncated: p.IsTruncated, ...(p.Marker ? { Marker: p.Marker } : {}) };
  },
};
