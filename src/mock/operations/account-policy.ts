import { accountResource, authorize } from '../authz.ts';
import { IamError } from '../errors.ts';
import { policyFrom } from '../password-policy.ts';
import type { Handler } from './context.ts';

export const accountPolicyOperations: Record<string, Handler> = {
  UpdateAccountPasswordPolicy(ctx) {
    authorize(ctx.account, ctx.caller, 'UpdateAccountPasswordPolicy', accountResource(ctx.account));
    // No partial updates: a member left out goes back to its default.
    ctx.account.passwordPolicy = policyFrom(ctx.input);
    return undefined;
  },

  GetAccountPasswordPolicy(ctx) {
    authorize(ctx.account, ctx.caller, 'GetAccountPasswordPolicy', accountResource(ctx.account));
    const p = ctx.account.passwordPolicy;
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
        ExpirePasswords: (p.MaxPasswordAge ?? 0) > 0,
        ...(p.MaxPasswordAge !== undefined ? { MaxPasswordAge: p.MaxPasswordAge } : {}),
        ...(p.PasswordReusePrevention !== undefined ? { PasswordReusePrevention: p.PasswordReusePrevention } : {}),
        ...(p.HardExpiry !== undefined ? { HardExpiry: p.HardExpiry } : {}),
      },
    };
  },

  DeleteAccountPasswordPolicy(ctx) {
    authorize(ctx.account, ctx.caller, 'DeleteAccountPasswordPolicy', accountResource(ctx.account));
    if (!ctx.account.passwordPolicy) throw new IamError('NoSuchEntity', 404, 'The account policy with name PasswordPolicy cannot be found.');
    ctx.account.passwordPolicy = undefined;
    return undefined;
  },
};
