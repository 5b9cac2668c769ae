import { accountResource, authorize } from '../authz.ts';
import { IamError } from '../errors.ts';
import { policyFrom } from '../password-policy.ts';
import type { Handler } from './context.ts';

export const accountPolicyOperations: Record<string, Handler> = {
  UpdateAccountPasswordPolicy(ctx) {
    authorize(ctx.account, ctx.caller, 'UpdateAccountPasswordPolicy', accountResource(ctx.account), ctx.behaviour);
    // No partial updates: a member left out goes back to its default.
    const next = policyFrom(ctx.input, ctx.behaviour);
    // A mutant's partial update keeps the members the request left out.
    ctx.account.passwordPolicy = ctx.behaviour.partialPolicyUpdates && ctx.account.passwordPolicy
      ? { ...ctx.account.passwordPolicy, ...Object.fromEntries(Object.keys(ctx.input).map((k) => [k, next[k as keyof typeof next]])) }
      : next;
    return undefined;
  },

  GetAccountPasswordPolicy(ctx) {
    authorize(ctx.account, ctx.caller, 'GetAccountPasswordPolicy', accountResource(ctx.account), ctx.behaviour);
    const p = ctx.account.passwordPolicy;
    const b = ctx.behaviour;
    if (!p) throw new IamError('NoSuchEntity', 404, `The Password Policy with domain name ${ctx.account.id} cannot be found.`);
    // Recorded order of members; absent ones stay absent (not 0).
    return {
      PasswordPolicy: {
        MinimumPasswordLength: p.MinimumPasswordLength,
        RequireSymbols: p.RequireSymbols,
        RequireNumbers: p.RequireNumbers,
        RequireUppercaseCharacters: p.RequireUppercaseCharacters,
        RequireLowercaseCharacters: p.RequireLowercaseCharacters,
        AllowUsersToChangePassword: p.AllowUsersToChangePassword,
        ExpirePasswords: b.expirePasswordsFollowsMaxAge ? (p.MaxPasswordAge ?? 0) > 0 : false,
        ...(p.MaxPasswordAge !== undefined || b.absentMembersAsZero ? { MaxPasswordAge: p.MaxPasswordAge ?? 0 } : {}),
        ...(p.PasswordReusePrevention !== undefined || b.absentMembersAsZero ? { PasswordReusePrevention: p.PasswordReusePrevention ?? 0 } : {}),
        ...(p.HardExpiry !== undefined || b.absentMembersAsZero ? { HardExpiry: p.HardExpiry ?? false } : {}),
      },
    };
  },

  DeleteAccountPasswordPolicy(ctx) {
    authorize(ctx.account, ctx.caller, 'DeleteAccountPasswordPolicy', accountResource(ctx.account), ctx.behaviour);
    if (!ctx.account.passwordPolicy) throw new IamError('NoSuchEntity', 404, 'The account policy with name PasswordPolicy cannot be found.');
    ctx.account.passwordPolicy = undefined;
    return undefined;
  },
};
