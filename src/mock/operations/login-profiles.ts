import { authorize } from '../authz.ts';
import { IamError, noLoginProfile } from '../errors.ts';
import { policyViolation } from '../password-policy.ts';
import { iso, subjectUser, type Handler, type OperationContext } from './context.ts';
import type { User } from '../state.ts';
import type { Behaviour } from '../behaviour.ts';

const profileXml = (u: User, b: Behaviour) => ({
  UserName: u.name,
  ...(b.loginProfileHasCreateDate ? { CreateDate: iso(u.loginProfile!.createDate) } : {}),
  PasswordResetRequired: u.loginProfile!.passwordResetRequired,
});

/** Step 7: the account password policy (or AWS's default rules). */
function checkPolicy(ctx: OperationContext, user: User, password: string): void {
  const violation = policyViolation(password, ctx.account.passwordPolicy, user.passwordHistory, ctx.behaviour);
  if (violation) throw new IamError('PasswordPolicyViolation', 400, violation);
}

function setPassword(user: User, password: string, b: Behaviour): void {
  user.loginProfile!.password = stored(password, b);
  user.passwordHistory.push(password);
}

export const loginProfileOperations: Record<string, Handler> = {
  CreateLoginProfile(ctx) {
    const user = subjectUser(ctx, 'CreateLoginProfile');
    if (user.loginProfile && ctx.behaviour.rejectSecondLoginProfile) throw new IamError('EntityAlreadyExists', 409, `Login Profile for user ${user.name} already exists.`);
    const password = ctx.input.Password as string | undefined;
    // The docs: a password is needed except for root login profiles (AssumeRoot sessions, not modelled here).
    if (password === undefined) throw new IamError('ValidationError', 400, 'Password is required when creating a login profile for an IAM user.');
    checkPolicy(ctx, user, password);
    const reset = (ctx.input.PasswordResetRequired as boolean | undefined) ?? ctx.behaviour.createLoginProfileResetDefault;
    user.loginProfile = { password: stored(password, ctx.behaviour), passwordResetRequired: reset, createDate: ctx.account.now() };
    user.passwordHistory = [password];
    return { LoginProfile: profileXml(user, ctx.behaviour) };
  },

  GetLoginProfile(ctx) {
    const user = subjectUser(ctx, 'GetLoginProfile');
    if (!user.loginProfile) throw noLoginProfile(user.name);
    return { LoginProfile: profileXml(user, ctx.behaviour) };
  },

  UpdateLoginProfile(ctx) {
    const user = subjectUser(ctx, 'UpdateLoginProfile');
    if (!user.loginProfile) throw noLoginProfile(user.name);
    const password = ctx.input.Password as string | undefined;
    if (password !== undefined) checkPolicy(ctx, user, password);
    if (password !== undefined) setPassword(user, password, ctx.behaviour);
    // Omitted means unchanged: the flag has no default in the model.
    if (ctx.input.PasswordResetRequired !== undefined) user.loginProfile.passwordResetRequired = ctx.input.PasswordResetRequired as boolean;
    else if (!ctx.behaviour.resetFlagOmittedMeansUnchanged) user.loginProfile.passwordResetRequired = false;
    return undefined;
  },

  DeleteLoginProfile(ctx) {
    const user = subjectUser(ctx, 'DeleteLoginProfile');
    if (!user.loginProfile) throw noLoginProfile(user.name);
    if (ctx.behaviour.deleteLoginProfileDeletes) {
      user.loginProfile = undefined;
      user.passwordHistory = [];
    }
    return undefined;
  },

  ChangePassword(ctx) {
    // Step 3: only IAM users change their own password through this API (AWS CLI docs: root gets InvalidUserType).
    if (ctx.caller.kind === 'root' && ctx.behaviour.rejectRootChangePassword) {
      throw new IamError('InvalidUserType', 400, 'The root user cannot call ChangePassword; only IAM users can change their own password with it.');
    }
    if (ctx.caller.kind === 'root') return undefined; // a mutant lets root through, and nothing happens
    const user = ctx.caller.user;
    authorize(ctx.account, ctx.caller, 'ChangePassword', user.arn, ctx.behaviour);
    if (!user.loginProfile) throw noLoginProfile(user.name);
    // Step 6. Inferred: the answer to a wrong current password is unconfirmed on AWS; this is one emulator's.
    if (ctx.behaviour.checkOldPassword && user.loginProfile.password !== ctx.input.OldPassword) {
      throw new IamError('AccessDenied', 403, 'Either user is not authorized to perform iam:ChangePassword or entered incorrect old password');
    }
    const password = ctx.input.NewPassword as string;
    checkPolicy(ctx, user, password);
    setPassword(user, password, ctx.behaviour);
    user.loginProfile.passwordResetRequired = false; // inferred: changing the password satisfies a required reset
    return undefined;
  },
};

/** What the account keeps of a password: exactly what was sent (a mutant trims it). */
function stored(password: string, b: Behaviour): string {
  return b.trimPasswords ? password.trim() : password;
}
