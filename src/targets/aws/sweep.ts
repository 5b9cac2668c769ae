import {
  DeleteAccessKeyCommand, DeleteAccountPasswordPolicyCommand, DeleteLoginProfileCommand, DeleteUserCommand, DeleteUserPolicyCommand,
  DetachUserPolicyCommand, GetAccountPasswordPolicyCommand, GetUserCommand, IAMClient, ListAccessKeysCommand, ListAttachedUserPoliciesCommand,
  ListUserPoliciesCommand, ListUsersCommand,
  UpdateAccountPasswordPolicyCommand, type User,
} from '@aws-sdk/client-iam';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { setTimeout as delay } from 'node:timers/promises';
import { namePrefix } from '../../iam/names.ts';
import { sdkSend, sweepResources } from './sweep-resources.ts';
import { REMOVALS, removeResource, type ResourceKind } from '../../iam/removal.ts';
import { policyMembers, type PolicySnapshot } from '../../iam/password-policy.ts';
import type { Credentials } from '../../iam/credentials.ts';

/** What one run may have left: found by its journal and by its path (`users` also names those at the root path). */
export interface SweepTarget {
  runId: string;
  path: string;
  tag: { Key: string; Value: string };
  /** Names from the journal (some may never have been created). */
  users: string[];
  /** The policy to put back, when the run was allowed to change it. */
  policy?: PolicySnapshot;
  /** What the journal says cases made and did not see removed (the run's own: journaled after success). */
  made?: Array<{ kind: string; id: string }>;
}

export interface SweepResult {
  /** Users removed (or, in a dry run, that would be). */
  removed: string[];
  /** Other resources that carried the run's mark, removed (or that would be): "<kind> <id>". */
  resources: string[];
  /** Users found by name but left alone, with the reason: they are not this run's. */
  notOurs: string[];
  /** What could not be removed, with the reason. */
  leftovers: string[];
  policy?: 'restored' | 'deleted' | 'would restore' | 'would delete' | `failed: ${string}`;
}

export interface SweepOptions {
  dryRun: boolean;
  log: (line: string) => void;
  /** Pause before looking again for what a request in flight at the interruption may still have made. */
  settleMs: number;
}

/** An IAM client for clean-up: the SDK's own retries (throttling, 5xx, resets), generously bounded. */
export function cleanupClient(address: { endpoint: string; region: string; credentials: Credentials }): IAMClient {
  return new IAMClient({
    endpoint: address.endpoint,
    region: address.region,
    credentials: address.credentials,
    maxAttempts: 10,
    requestHandler: new NodeHttpHandler({ connectionTimeout: 5_000, requestTimeout: 30_000 }),
  });
}

/** The wire code of an SDK error (NoSuchEntity), not its class name (NoSuchEntityException). */
const codeOf = (e: unknown) => (e as { Code?: string }).Code ?? (e as { name?: string }).name?.replace(/Exception$/, '');

/**
 * Removes what one run created, and only that: a user is removed only if it lives under the run's
 * path (or at the root path "/" with a name of the run's) and carries the run's tag; its login profile,
 * inline and attached policies and access keys go first, as IAM requires. Then every other resource that
 * carries the run's mark (src/targets/aws/sweep-resources.ts), and the account password policy is put back
 * as the journal found it.
 */
export async function sweep(iam: IAMClient, target: SweepTarget, options: SweepOptions): Promise<SweepResult> {
  const result: SweepResult = { removed: [], resources: [], notOurs: [], leftovers: [] };
  try {
    // What cases made first: a group or policy of theirs may still hold one of set-up's users, whose
    // DeleteUser would refuse (DeleteConflict) until the group is gone.
    await sweepMade(iam, target.made ?? [], options.dryRun, result);
    await sweepUsers(iam, target, options, result);
    // What a constraint case may have made where a target wrongly accepted it (roles, policies, providers...).
    const made = await sweepResources(iam, target.runId, options.dryRun);
    // The journal's and the listing's may name the same (in a dry run, or a listing that lags a delete).
    for (const r of made.removed) if (!result.resources.includes(r)) result.resources.push(r);
    result.leftovers.push(...made.leftovers);
    if (made.unchecked.length) {
      options.log(`iam-conformance: not allowed to list ${made.unchecked.join(', ')}: what a wrongly accepted case could have made there was not looked for (docs/aws.md, the Sweep statements)`);
    }
  } catch (e) {
    // AWS unreachable, credentials expired, access denied: say so, and still put the policy back.
    result.leftovers.push(`the sweep of ${target.path} stopped: ${codeOf(e) ?? 'error'}: ${(e as Error).message}`);
  } finally {
    if (target.policy) result.policy = await restorePolicy(iam, target.policy, options.dryRun);
  }
  return result;
}

/**
 * What the journal says the run's cases made, the latest first (as a case's own tear-down would), each
 * freed first of what IAM requires (src/iam/removal.ts); what is already gone counts as done.
 */
async function sweepMade(iam: IAMClient, made: Array<{ kind: string; id: string }>, dryRun: boolean, result: SweepResult): Promise<void> {
  for (const m of [...made].reverse()) {
    const what = `${m.kind} ${m.id}`;
    if (result.resources.includes(what)) continue;
    if (!(m.kind in REMOVALS)) {
      result.leftovers.push(`${what}: no way to remove a ${m.kind} is known`);
      continue;
    }
    if (dryRun) {
      result.resources.push(what);
      continue;
    }
    try {
      // Already gone: the case's own tear-down got there, its answer lost to the interruption.
      if (!(await removeResource(sdkSend(iam), m.kind as ResourceKind, m.id)).alreadyGone) result.resources.push(what);
    } catch (e) {
      result.leftovers.push(`${what}: ${codeOf(e) ?? 'error'}: ${(e as Error).message}`);
    }
  }
}

async function sweepUsers(iam: IAMClient, target: SweepTarget, options: SweepOptions, result: SweepResult): Promise<void> {
  const done = new Set<string>();
  let journalNames = target.users;
  for (let pass = 1; pass <= 2; pass++) {
    // Users at the root path are known by name only: the journal has them (written before each is
    // created), and `cleanup` passes those it found for a run without a journal.
    const listed = (await listUnder(iam, target.path)).map((u) => u.UserName!);
    const names = [...new Map([...journalNames, ...listed].map((n) => [n.toLowerCase(), n])).entries()].filter(([key]) => !done.has(key));
    const unseen: string[] = [];
    await eachLimited(names, 8, async ([key, name]) => {
      const user = await getUser(iam, name);
      if (!user) return void unseen.push(name);
      done.add(key);
      const why = notOurs(user, target);
      if (why) return void result.notOurs.push(`${name}: ${why}`);
      if (options.dryRun) return void result.removed.push(name);
      const failure = await removeUser(iam, name);
      if (failure) result.leftovers.push(`${name}: ${failure}`);
      else result.removed.push(name);
    });
    // A journal name not (yet) visible may belong to a create still in flight when the run was stopped:
    // look once more after a pause. Names the run saw deleted are not in the journal's list at all.
    journalNames = journalNames.filter((n) => unseen.includes(n));
    if (options.dryRun || journalNames.length === 0 || options.settleMs <= 0) break;
    await delay(options.settleMs);
  }
}

/** Runs `fn` over `items`, at most `limit` at a time (IAM throttles bursts; the SDK retries those). */
async function eachLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export async function listUnder(iam: IAMClient, path: string): Promise<User[]> {
  const users: User[] = [];
  let Marker: string | undefined;
  do {
    const page = await iam.send(new ListUsersCommand({ PathPrefix: path, ...(Marker ? { Marker } : {}) }));
    users.push(...(page.Users ?? []).filter((u) => u.Path === path));
    Marker = page.IsTruncated ? page.Marker : undefined;
  } while (Marker);
  return users;
}

async function getUser(iam: IAMClient, name: string): Promise<User | undefined> {
  try {
    return (await iam.send(new GetUserCommand({ UserName: name }))).User;
  } catch (e) {
    if (codeOf(e) === 'NoSuchEntity') return undefined;
    throw e;
  }
}

/**
 * A user is the run's only if it is under the run's path (or at "/" with a name the run gives) *and*
 * carries the run's tag (set at creation).
 */
function notOurs(user: User, target: SweepTarget): string | undefined {
  // Case-sensitive: the run makes lower-case names only, and the documented policy's ARNs are case-sensitive.
  const atRootWithOurName = user.Path === '/' && user.UserName?.startsWith(namePrefix(target.runId));
  if (user.Path !== target.path && !atRootWithOurName) return `its path is ${user.Path}, not the run's ${target.path}`;
  const tag = user.Tags?.find((t) => t.Key === target.tag.Key);
  if (!tag) return `it has no ${target.tag.Key} tag (every user a run creates has one)`;
  if (tag.Value !== target.tag.Value) return `tagged for another run (${tag.Key}=${tag.Value})`;
  return undefined;
}

/** Deletes a user and what hangs on it; returns why it could not, or undefined. */
async function removeUser(iam: IAMClient, UserName: string): Promise<string | undefined> {
  for (let attempt = 1; ; attempt++) {
    try {
      await ignoring('NoSuchEntity', () => iam.send(new DeleteLoginProfileCommand({ UserName })));
      for (const PolicyName of (await iam.send(new ListUserPoliciesCommand({ UserName }))).PolicyNames ?? []) {
        await ignoring('NoSuchEntity', () => iam.send(new DeleteUserPolicyCommand({ UserName, PolicyName })));
      }
      // DeleteUser answers DeleteConflict while a managed policy is attached: detach them first.
      for (const { PolicyArn } of (await iam.send(new ListAttachedUserPoliciesCommand({ UserName }))).AttachedPolicies ?? []) {
        await ignoring('NoSuchEntity', () => iam.send(new DetachUserPolicyCommand({ UserName, PolicyArn })));
      }
      for (const key of (await iam.send(new ListAccessKeysCommand({ UserName }))).AccessKeyMetadata ?? []) {
        await ignoring('NoSuchEntity', () => iam.send(new DeleteAccessKeyCommand({ UserName, AccessKeyId: key.AccessKeyId! })));
      }
      await ignoring('NoSuchEntity', () => iam.send(new DeleteUserCommand({ UserName })));
      return undefined;
    } catch (e) {
      // Right after creation a login profile cannot be modified, and what a late request added makes a
      // DeleteConflict: both pass, so try again a few times before calling it a leftover.
      const code = codeOf(e);
      if ((code === 'EntityTemporarilyUnmodifiable' || code === 'DeleteConflict') && attempt < 8) {
        await delay(250 * attempt);
        continue;
      }
      return `${code ?? 'error'}: ${(e as Error).message}`;
    }
  }
}

async function ignoring(code: string, send: () => Promise<unknown>): Promise<void> {
  try {
    await send();
  } catch (e) {
    if (codeOf(e) !== code) throw e;
  }
}

export async function readPolicy(iam: IAMClient): Promise<PolicySnapshot> {
  try {
    const out = await iam.send(new GetAccountPasswordPolicyCommand({}));
    return { exists: true, policy: policyMembers(out.PasswordPolicy as Record<string, unknown> | undefined) };
  } catch (e) {
    if (codeOf(e) === 'NoSuchEntity') return { exists: false };
    throw e;
  }
}

async function restorePolicy(iam: IAMClient, snapshot: PolicySnapshot, dryRun: boolean): Promise<SweepResult['policy']> {
  if (dryRun) return snapshot.exists ? 'would restore' : 'would delete';
  try {
    if (snapshot.exists) await iam.send(new UpdateAccountPasswordPolicyCommand(snapshot.policy));
    else await ignoring('NoSuchEntity', () => iam.send(new DeleteAccountPasswordPolicyCommand({})));
    const now = await readPolicy(iam);
    if (JSON.stringify(now) !== JSON.stringify(snapshot)) return `failed: read back ${JSON.stringify(now)}, expected ${JSON.stringify(snapshot)}`;
    return snapshot.exists ? 'restored' : 'deleted';
  } catch (e) {
    return `failed: ${codeOf(e)}: ${(e as Error).message}`;
  }
}
