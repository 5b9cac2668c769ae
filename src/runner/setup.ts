import { call } from './call.ts';
import { freeAndDeleteUser } from './teardown.ts';
import { SetupRefused } from './errors.ts';
import { accountIdFromArn } from '../iam/names.ts';
import { SELF_SERVICE_POLICY, selfServicePolicy } from '../iam/policy-documents.ts';
import type { RunContext } from './context.ts';
import type { CaseScope, CaseUser } from './scope.ts';
import type { UserPool } from './pool.ts';
import type { Given, GivenUser } from '../specfile/types.ts';
import type { Credentials } from '../iam/credentials.ts';

/** A setup request that must succeed; an error answer is the target's behaviour and fails the case. */
async function must(ctx: RunContext, operation: string, input: Record<string, unknown>, notes: string[], credentials?: Credentials) {
  const { response, retries } = await call(ctx, { operation, input, credentials: credentials ?? ctx.session.admin });
  notes.push(...retries);
  if (response.status >= 300) throw new SetupRefused(operation, response.status, response.code, response.message);
  return response.output ?? {};
}

/**
 * The account password policy a case asks for, reached from no policy at all: a target that keeps the
 * members an update leaves out (a deviation the no-partial-update scenario catches on its own) must not
 * carry one case's policy into the next, or a verdict would depend on the order of the cases.
 */
export async function applyAccountPolicy(ctx: RunContext, given: Given, serial: boolean, notes: string[]): Promise<void> {
  // A serial case that sets no policy of its own starts from the one found before the serial cases.
  const found = serial ? ctx.accountPolicyBaseline : undefined;
  const policy = given.accountPasswordPolicy ?? (found && (found.exists ? found.policy : 'none'));
  if (policy === undefined) return;
  await deleteAccountPolicy(ctx);
  if (policy !== 'none') await must(ctx, 'UpdateAccountPasswordPolicy', policy, notes);
}

async function deleteAccountPolicy(ctx: RunContext): Promise<void> {
  const { response } = await call(ctx, { operation: 'DeleteAccountPasswordPolicy', input: {}, credentials: ctx.session.admin }, 'NoSuchEntity');
  if (response.status >= 300 && response.code !== 'NoSuchEntity') {
    throw new SetupRefused('DeleteAccountPasswordPolicy', response.status, response.code, response.message);
  }
}

/**
 * How a pooled-isolation case has its users: borrowed from the pool where it can (`pool`, absent for
 * account-wide cases), and created otherwise with a key and the self-service policy only for the
 * handles that sign a step.
 */
export interface UserSource {
  pool?: UserPool;
  signers: ReadonlySet<string>;
}

/** A user the pool can lend: an ordinary one, with a run-made name, a key and the self-service policy. */
export function poolable(spec: GivenUser): boolean {
  return spec.exists !== false && spec.name === undefined && spec.path === undefined && spec.accessKey !== false && spec.canChangeOwnPassword !== false;
}

/**
 * Creates the case's users under the run's path: the user, an access key, an inline policy letting
 * it change its own password, and a login profile, each unless the spec says otherwise. With a pool,
 * ordinary users are borrowed from it instead, and a user only the administrator acts on gets no key
 * and no policy.
 */
export async function createUsers(ctx: RunContext, given: Given, scope: CaseScope, notes: string[], source?: UserSource): Promise<void> {
  const wanted: Record<string, GivenUser> = given.users ?? { user: {} };
  // Names first: templates in one user may refer to another.
  for (const [handle, spec] of Object.entries(wanted)) {
    if (source?.pool && poolable(spec)) {
      const wants = spec.loginProfile === false ? 'no-profile' : spec.password === undefined && spec.passwordResetRequired === undefined ? 'ordinary-profile' : 'other';
      const pooled = await source.pool.acquire(wants, notes);
      scope.users.set(handle, { handle, name: pooled.name, arn: pooled.arn, key: pooled.key, exists: true, pooled, created: { user: false, key: false, policy: false } });
      scope.secrets.add(pooled.key.secretAccessKey);
      continue;
    }
    const name = spec.name !== undefined ? String(scope.resolve(spec.name)) : ctx.nextUserName();
    scope.users.set(handle, { handle, name, exists: spec.exists !== false, created: { user: false, key: false, policy: false } });
  }
  for (const [handle, spec] of Object.entries(wanted)) {
    const user = scope.users.get(handle)!;
    if (!user.exists) continue;
    if (user.pooled) {
      const p = user.pooled.profile;
      // An ordinary profile is wanted and the user has one the pool can vouch for: no request at all.
      if (spec.loginProfile !== false && spec.password === undefined && spec.passwordResetRequired === undefined && p.state === 'known' && p.ordinary && !p.resetRequired) {
        user.password = p.password;
        scope.secrets.add(p.password);
        continue;
      }
      await source!.pool!.clearProfile(user.pooled);
      await createLoginProfile(ctx, scope, handle, spec, user, notes);
      continue;
    }
    const signs = !source || source.signers.has(handle);
    const isolation = ctx.session.isolation;
    // In a shared account the journal learns of the user before AWS does: a run killed between the two
    // leaves a name that `cleanup` looks for, never a user nobody knows of.
    ctx.journal?.userCreating(user.name);
    const out = await must(ctx, 'CreateUser', { UserName: user.name, Path: spec.path ?? ctx.userPath, ...(isolation ? { Tags: [isolation.tag] } : {}) }, notes);
    user.created.user = true;
    user.arn = (out.User as { Arn?: string } | undefined)?.Arn;
    if (!scope.accountId && user.arn) scope.accountId = accountIdFromArn(user.arn);
    if (spec.accessKey !== false && signs) {
      const key = (await must(ctx, 'CreateAccessKey', { UserName: user.name }, notes)).AccessKey as
        | { AccessKeyId: string; SecretAccessKey: string }
        | undefined;
      if (!key?.AccessKeyId || !key.SecretAccessKey) throw new SetupRefused('CreateAccessKey', 200, undefined, 'no AccessKeyId/SecretAccessKey in the output');
      user.key = { accessKeyId: key.AccessKeyId, secretAccessKey: key.SecretAccessKey };
      scope.secrets.add(key.SecretAccessKey);
      user.created.key = true;
      ctx.stats.accessKeysCreated++;
      ctx.unusedKeys.add(key.AccessKeyId);
    }
    if (spec.canChangeOwnPassword !== false && signs) {
      await must(ctx, 'PutUserPolicy', { UserName: user.name, PolicyName: SELF_SERVICE_POLICY, PolicyDocument: selfServicePolicy(user.arn) }, notes);
      user.created.policy = true;
    }
    await createLoginProfile(ctx, scope, handle, spec, user, notes);
  }
}

async function createLoginProfile(ctx: RunContext, scope: CaseScope, handle: string, spec: GivenUser, user: CaseUser, notes: string[]): Promise<void> {
  if (spec.loginProfile === false) return;
  user.password = spec.password !== undefined ? String(scope.resolve(spec.password)) : scope.password(`setup-${handle}`);
  scope.secrets.add(user.password);
  await must(ctx, 'CreateLoginProfile', {
    UserName: user.name,
    Password: user.password,
    ...(spec.passwordResetRequired !== undefined ? { PasswordResetRequired: spec.passwordResetRequired } : {}),
  }, notes);
  if (user.pooled) user.pooled.profile = { state: 'known', password: user.password, resetRequired: spec.passwordResetRequired ?? false, ordinary: scope.isGenerated(user.password) };
}

/**
 * Deletes what the case created, in the order IAM requires, tolerating what a step already removed.
 * Returns what could not be removed (a leak to report).
 */
export async function deleteUsers(ctx: RunContext, scope: CaseScope): Promise<string[]> {
  const leaks: string[] = [];
  // True only when the target confirmed the deletion (NoSuchEntity may mean "not visible yet").
  const attempt = async (operation: string, input: Record<string, unknown>): Promise<boolean> => {
    try {
      const { response } = await call(ctx, { operation, input, credentials: ctx.session.admin }, 'NoSuchEntity');
      if (response.status < 300) return true;
      if (response.code === 'NoSuchEntity') return false;
      if (operation === 'DeleteUser' && response.code === 'DeleteConflict') {
        const why = await freeAndDeleteUser(ctx, String(input.UserName));
        if (why) leaks.push(why);
        return !why;
      }
      leaks.push(`${operation} ${String(input.UserName)}: ${response.status} ${response.code ?? ''}`);
    } catch (e) {
      leaks.push(`${operation} ${String(input.UserName)}: ${(e as Error).message}`);
    }
    return false;
  };
  await Promise.all(
    [...scope.users.values()].filter((u) => u.created.user).map(async (u) => {
      await attempt('DeleteLoginProfile', { UserName: u.name });
      if (u.created.policy) await attempt('DeleteUserPolicy', { UserName: u.name, PolicyName: SELF_SERVICE_POLICY });
      // DeleteUser answers DeleteConflict while a managed policy is attached.
      for (const arn of u.attached ?? []) await attempt('DetachUserPolicy', { UserName: u.name, PolicyArn: arn });
      if (u.key) await attempt('DeleteAccessKey', { UserName: u.name, AccessKeyId: u.key.accessKeyId });
      // The journal forgets a user once it is gone, so the final sweep has only leftovers to look for.
      if (await attempt('DeleteUser', { UserName: u.name })) ctx.journal?.userDeleted(u.name);
    }),
  );
  return leaks;
}
