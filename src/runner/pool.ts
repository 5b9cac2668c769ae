import { call } from './call.ts';
import { freeAndDeleteUser } from './teardown.ts';
import { RunError, SetupRefused } from './errors.ts';
import { SELF_SERVICE_POLICY, selfServicePolicy } from '../iam/policy-documents.ts';
import type { Credentials } from '../iam/credentials.ts';
import type { RunContext } from './context.ts';

/**
 * What the pool knows of a user's login profile: none; one with a known password and reset flag (what
 * the requests that succeeded on it say it must be); or one it cannot vouch for.
 */
export type ProfileState =
  | { state: 'none' }
  /** `ordinary`: the password is one the generator made (not a probe value), as a fresh user's would be. */
  | { state: 'known'; password: string; resetRequired: boolean; ordinary: boolean }
  | { state: 'unknown' };

/** A user of the pool: created once (with its access key and inline policy), lent to one case at a time. */
export interface PooledUser {
  name: string;
  arn?: string;
  key: Credentials;
  /** Its login profile as far as the pool knows. */
  profile: ProfileState;
  busy: boolean;
  /** Its last case did not go as expected: it is never lent again, only deleted at the end. */
  retired: boolean;
  /** Managed policies a case attached: the user is retired, and they are detached before it is deleted. */
  attached?: Set<string>;
}

/**
 * Users reused across cases (`--isolation pooled`): creating a user, its access key and its inline
 * policy costs three requests here and as many deletions later (and on AWS, seconds until a new key
 * works), so each pooled user pays them once. A case borrows a user; the pool follows its login profile
 * from the requests that succeeded on it, and a case that wants an ordinary profile (a generated
 * password, the default flag) gets the one the user has; any other is made as for a fresh user. A case
 * that does not pass retires its users and is run again on fresh ones (src/run/execute.ts), whose
 * verdict stands: whatever a previous case may have left cannot change it.
 */
export class UserPool {
  private readonly users: PooledUser[] = [];
  /** Set when the drain begins: a case still running after its timeout can borrow nothing more. */
  private closed = false;
  private readonly ctx: RunContext;
  constructor(ctx: RunContext) {
    this.ctx = ctx;
  }

  /**
   * An idle user, preferring one whose login profile is already as the case wants it (an ordinary one,
   * or none), so that the fewest requests bring it there; a new one when none is idle.
   */
  async acquire(wants: 'ordinary-profile' | 'no-profile' | 'other', notes: string[]): Promise<PooledUser> {
    if (this.closed) throw new RunError('the run is over: its pooled users are being removed');
    const idle = this.users.filter((u) => !u.busy && !u.retired);
    const ordinary = idle.find((u) => u.profile.state === 'known' && u.profile.ordinary && !u.profile.resetRequired);
    const none = idle.find((u) => u.profile.state === 'none');
    const user = (wants === 'ordinary-profile' ? (ordinary ?? none) : (none ?? ordinary)) ?? idle[0];
    if (user) {
      user.busy = true;
      return user;
    }
    const created = await this.create(notes);
    this.users.push(created);
    return created;
  }

  /** Makes sure the user has no login profile, with one request unless the pool knows it has none. */
  async clearProfile(user: PooledUser): Promise<void> {
    if (user.profile.state === 'none') return;
    const { response } = await call(this.ctx, { operation: 'DeleteLoginProfile', input: { UserName: user.name }, credentials: this.ctx.session.admin }, 'NoSuchEntity');
    if (response.status >= 300 && response.code !== 'NoSuchEntity') throw new SetupRefused('DeleteLoginProfile', response.status, response.code, response.message);
    user.profile = { state: 'none' };
  }

  /** Back from a case: lent again if the case passed, else retired. `profile`: what the case left. */
  release(user: PooledUser, passed: boolean, profile: ProfileState): void {
    user.busy = false;
    user.profile = profile;
    if (!passed) user.retired = true;
  }

  /** Every user the pool created, deleted in the order IAM requires. Returns what could not be removed. */
  async drain(): Promise<string[]> {
    const leaks: string[] = [];
    const attempt = async (operation: string, input: Record<string, unknown>): Promise<boolean> => {
      try {
        const { response } = await call(this.ctx, { operation, input, credentials: this.ctx.session.admin }, 'NoSuchEntity');
        if (response.status < 300) return true;
        if (operation === 'DeleteUser' && response.code === 'DeleteConflict') {
          const why = await freeAndDeleteUser(this.ctx, String(input.UserName));
          if (why) leaks.push(why);
          return !why;
        }
        if (response.code !== 'NoSuchEntity') leaks.push(`${operation} ${String(input.UserName)}: ${response.status} ${response.code ?? ''}`);
      } catch (e) {
        leaks.push(`${operation} ${String(input.UserName)}: ${(e as Error).message}`);
      }
      return false;
    };
    this.closed = true;
    // A few users at a time: IAM throttles bursts of mutating calls.
    const queue = this.users.splice(0);
    const lanes = Math.max(1, Math.min(8, queue.length));
    await Promise.all(
      Array.from({ length: lanes }, async () => {
        for (let u = queue.shift(); u; u = queue.shift()) {
          await attempt('DeleteLoginProfile', { UserName: u.name });
          await attempt('DeleteUserPolicy', { UserName: u.name, PolicyName: SELF_SERVICE_POLICY });
          for (const arn of u.attached ?? []) await attempt('DetachUserPolicy', { UserName: u.name, PolicyArn: arn });
          if (u.key.accessKeyId) await attempt('DeleteAccessKey', { UserName: u.name, AccessKeyId: u.key.accessKeyId });
          if (await attempt('DeleteUser', { UserName: u.name })) this.ctx.journal?.userDeleted(u.name);
        }
      }),
    );
    return leaks;
  }

  private async create(notes: string[]): Promise<PooledUser> {
    const name = this.ctx.nextPooledUserName();
    const must = async (operation: string, input: Record<string, unknown>) => {
      const { response, retries } = await call(this.ctx, { operation, input, credentials: this.ctx.session.admin });
      notes.push(...retries);
      if (response.status >= 300) throw new SetupRefused(operation, response.status, response.code, response.message);
      return response.output ?? {};
    };
    const isolation = this.ctx.session.isolation;
    this.ctx.journal?.userCreating(name);
    const out = await must('CreateUser', { UserName: name, Path: this.ctx.userPath, ...(isolation ? { Tags: [isolation.tag] } : {}) });
    const arn = (out.User as { Arn?: string } | undefined)?.Arn;
    // From here on the user is the pool's: deleted at the end even if its key or policy cannot be made.
    const user: PooledUser = { name, arn, key: { accessKeyId: '', secretAccessKey: '' }, profile: { state: 'none' }, busy: true, retired: false };
    try {
      const key = (await must('CreateAccessKey', { UserName: name })).AccessKey as { AccessKeyId?: string; SecretAccessKey?: string } | undefined;
      if (!key?.AccessKeyId || !key.SecretAccessKey) throw new SetupRefused('CreateAccessKey', 200, undefined, 'no AccessKeyId/SecretAccessKey in the output');
      user.key = { accessKeyId: key.AccessKeyId, secretAccessKey: key.SecretAccessKey };
      this.ctx.stats.accessKeysCreated++;
      this.ctx.unusedKeys.add(key.AccessKeyId);
      await must('PutUserPolicy', { UserName: name, PolicyName: SELF_SERVICE_POLICY, PolicyDocument: selfServicePolicy(arn) });
    } catch (e) {
      user.retired = true;
      this.users.push(user);
      throw e;
    }
    return user;
  }
}
