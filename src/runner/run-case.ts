import { call } from './call.ts';
import { STATUS_DECIDES } from './retry-policy.ts';
import { ClientRefused, RunError, SetupRefused } from './errors.ts';
import type { RunContext } from './context.ts';
import { redactor } from './redact.ts';
import { transcriptForm } from './transcript.ts';
import { CaseScope } from './scope.ts';
import { followMade, madeBy, removeMade, type Made } from './teardown.ts';
import { applyAccountPolicy, createUsers, deleteUsers } from './setup.ts';
import type { ProfileState, UserPool } from './pool.ts';
import type { CaseUser } from './scope.ts';
import { judge, type StepClaim } from '../verdict/judge.ts';
import type { Case } from '../cases/types.ts';
import type { Expectation } from '../specfile/types.ts';
import type { Difference, Note } from '../verdict/types.ts';
import type { CaseResult, StepRecord } from './result.ts';

/** Why a case cannot run on this target, or undefined when it can. */
export function skipReason(c: Case, ctx: RunContext): string | undefined {
  const caps = ctx.session.capabilities;
  const hints = ctx.session.hints ?? {};
  const hint = (h: string | undefined) => (h ? ` (${h})` : '');
  if (c.requires.includes('root') && !ctx.session.rootCredentials) {
    return `needs root credentials, which this target does not offer${hint(hints.root)}`;
  }
  if (c.requires.includes('disposable-account') && !caps.disposableAccount) {
    return `uses a user name too short to carry the run's prefix; only safe in a disposable account${hint(hints.disposableAccount)}`;
  }
  if (c.serial && !caps.accountPolicyWritable) {
    return `changes the account password policy, which this run may not${hint(hints.accountPolicy)}`;
  }
  return undefined;
}

/** Handles that sign a step: only they need an access key and the self-service policy. */
function signers(c: Case): Set<string> {
  return new Set(c.steps.flatMap((s) => (s.as === 'wrongSecret' ? ['user'] : s.as ? [s.as] : [])));
}

/**
 * A pooled user's login profile after the steps, as the requests that succeeded say it must be on AWS:
 * a request that failed changed nothing. (A target that changes state on a refused request leaves the
 * pool wrong; the next case on that user then fails, and runs again on fresh users: never a wrong verdict.)
 */
function profileAfter(u: CaseUser, steps: StepRecord[], scope: CaseScope): ProfileState {
  let p = u.pooled!.profile;
  for (const s of steps) {
    if (!s.actual || s.actual.status >= 300) continue;
    const input = { ...s.wire, ...s.input };
    const mine = input.UserName === u.name || (input.UserName === undefined && s.as === u.handle);
    if (!mine || !/^(Create|Update|Change|Delete)/.test(s.call)) continue;
    if (s.wire) return { state: 'unknown' }; // exact wire parameters: the pool does not interpret them
    const password = typeof input.Password === 'string' ? input.Password : undefined;
    const flag = typeof input.PasswordResetRequired === 'boolean' ? input.PasswordResetRequired : undefined;
    switch (s.call) {
      case 'CreateLoginProfile':
        p = password !== undefined ? { state: 'known', password, resetRequired: flag ?? false, ordinary: scope.isGenerated(password) } : { state: 'unknown' };
        break;
      case 'UpdateLoginProfile':
        p = p.state === 'known' ? { state: 'known', password: password ?? p.password, resetRequired: flag ?? p.resetRequired, ordinary: password === undefined ? p.ordinary : scope.isGenerated(password) } : { state: 'unknown' };
        break;
      case 'ChangePassword':
        p = p.state === 'known' && typeof input.NewPassword === 'string' ? { state: 'known', password: input.NewPassword, resetRequired: false, ordinary: scope.isGenerated(input.NewPassword) } : { state: 'unknown' };
        break;
      case 'DeleteLoginProfile':
        p = { state: 'none' };
        break;
    }
  }
  return p;
}

/** What the pool tracks of a user: its login profile and password, and managed policies attached. */
const POOL_TRACKS = /^(CreateLoginProfile|UpdateLoginProfile|ChangePassword|DeleteLoginProfile|AttachUserPolicy|DetachUserPolicy|Get|List|Generate|Simulate)/;

/**
 * Whether a step that succeeded changed the user in a way the pool does not follow (a key, a group, a
 * tag, a rename...): such a user is retired, not lent again, so no case meets another's leftovers.
 */
function changedBeyondProfile(u: CaseUser, steps: StepRecord[]): boolean {
  return steps.some((s) => {
    if (!s.actual || s.actual.status >= 300 || POOL_TRACKS.test(s.call)) return false;
    const input = { ...s.wire, ...s.input };
    return input.UserName === u.name || (input.UserName === undefined && s.as === u.handle);
  });
}

/**
 * A managed policy a step attached (or detached) on one of the case's users: clean-up detaches what is
 * still attached before DeleteUser, and a pooled user that had one attached is retired.
 */
function noteAttachment(scope: CaseScope, callName: string, input: Record<string, unknown>, status: number): void {
  if (status >= 300 || (callName !== 'AttachUserPolicy' && callName !== 'DetachUserPolicy')) return;
  const user = [...scope.users.values()].find((u) => u.name === input.UserName);
  const arn = input.PolicyArn;
  if (!user || typeof arn !== 'string') return;
  const set = user.pooled ? (user.pooled.attached ??= new Set()) : (user.attached ??= new Set());
  if (callName === 'AttachUserPolicy') set.add(arn);
  else set.delete(arn);
}

/** The value at a dotted path of an output (a list's `member` wrapper, as the raw client reads it, looked through). */
function valueAt(output: unknown, path: string): unknown {
  let v: unknown = output;
  for (const part of path.split('.')) {
    if (v && typeof v === 'object' && !Array.isArray(v) && 'member' in v && !(part in v)) v = (v as { member: unknown }).member;
    if (/^\d+$/.test(part)) v = (Array.isArray(v) ? v : v === undefined ? [] : [v])[Number(part)];
    else v = v && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
  }
  return v;
}

/**
 * Runs one case end to end: setup, steps, verdict, teardown (always). Returns its result with every
 * secret redacted; never throws for anything the target does.
 */
export async function runCase(c: Case, ctx: RunContext, isolation: { pooled: false } | { pooled: true; pool?: UserPool } = { pooled: false }): Promise<CaseResult> {
  const pool = isolation.pooled ? isolation.pool : undefined;
  const started = performance.now();
  const base = { id: c.id, operation: c.operation, kind: c.kind, title: c.title, tags: c.tags, source: c.source };
  const skip = skipReason(c, ctx);
  if (skip) return { ...base, outcome: 'skip', reason: skip, differences: [], notes: [], steps: [], durationMs: 0 };

  const scope = new CaseScope(`${ctx.runId}/${c.id}`, ctx.accountId, ctx.runId, () => ctx.nextUserName());
  const made: Made[] = [];
  const differences: Difference[] = [];
  const notes: Note[] = [];
  const steps: StepRecord[] = [];
  const setupNotes: string[] = [];
  let outcome: CaseResult['outcome'] = 'pass';
  let reason: string | undefined;
  let decisive: StepRecord | undefined;

  try {
    await applyAccountPolicy(ctx, c.given, c.serial, setupNotes);
    await createUsers(ctx, c.given, scope, setupNotes, isolation.pooled ? { pool, signers: signers(c) } : undefined);
    for (const [index, step] of c.steps.entries()) {
      const input = step.input ? (scope.resolve(step.input) as Record<string, unknown>) : undefined;
      const wire = step.wire ? (scope.resolve(step.wire) as Record<string, string>) : undefined;
      // Probe values arrive as literals in the case, not from the scope: every sensitive member's value
      // becomes a secret to cut out of whatever the target says back.
      for (const [k, v] of Object.entries({ ...input, ...wire })) if (ctx.sensitiveMembers.has(k) && typeof v === 'string') scope.secrets.add(v);
      const expect = scope.resolve(step.expect) as Expectation;
      const claim: StepClaim = {
        index,
        call: step.call,
        expect,
        source: step.source,
        messageSource: step.messageSource,
        evidence: step.evidence,
        likely: step.likely && { ...step.likely, expect: scope.resolve(step.likely.expect) as Expectation },
      };
      const caller = step.as ?? 'admin';
      const credentials = scope.credentials(caller, ctx.session.admin, ctx.session.rootCredentials);
      const planned = {
        call: step.call,
        as: caller,
        input,
        wire,
        expected: { ...expect, source: step.source, ...(step.why ? { why: step.why } : {}) },
        source: step.source,
      };
      let called;
      try {
        const decides = expect.outcome === 'error' || expect.error !== undefined || expect.notError !== undefined ? STATUS_DECIDES : undefined;
        called = await call(ctx, { operation: step.call, input, wire, credentials }, [expect.error, claim.likely?.expect.error, decides], 'step');
      } catch (e) {
        if (!(e instanceof ClientRefused)) throw e;
        // The request never left: there is nothing to judge, for this step or the ones after it.
        const { clientError, message, command } = e.rejected;
        steps.push({ ...planned, clientRejected: { clientError, message }, ...(command ? { command } : {}) });
        decisive = steps.at(-1);
        outcome = 'client-rejected';
        reason = `step ${index + 1} ${step.call}: the ${ctx.client.name} client refused to send it (${clientError.name}): ${message}`;
        break;
      }
      const { response, retries } = called;
      for (const r of retries) notes.push({ step: index, text: r });
      const record: StepRecord = {
        ...planned,
        actual: {
          status: response.status,
          code: response.code,
          message: response.message,
          requestId: response.requestId,
          output: response.output,
          attempts: response.attempts,
          ...(response.clientError ? { clientError: response.clientError } : {}),
        },
        ...(response.command ? { command: response.command } : {}),
        ...(response.sent ? { sent: transcriptForm(response.sent, ctx.sensitiveMembers) } : {}),
        ...(response.raw ? { raw: response.raw } : {}),
      };
      steps.push(record);
      // Secrets a step was answered with (a key's SecretAccessKey, a service credential's password) are
      // cut out of everything written after, the raw wire form of a --record included.
      collectSecrets(response.output, ctx.sensitiveMembers, scope.secrets);
      noteAttachment(scope, step.call, { ...wire, ...input }, response.status);
      if (step.creates && response.status < 300) {
        const m = madeBy(step.creates, { ...wire, ...input }, response.output);
        if (m) {
          made.push(m);
          ctx.journal?.made(m.kind, m.id);
        }
      }
      if (response.status < 300 && made.length > 0) {
        const { gone, renamed } = followMade(made, step.call, { ...wire, ...input });
        for (const g of gone) ctx.journal?.madeRemoved(g.kind, g.id);
        for (const n of renamed) ctx.journal?.made(n.kind, n.id);
      }
      const verdict = judge(claim, response, { strict: ctx.strict });
      notes.push(...verdict.notes);
      if (verdict.differences.length === 0 && step.keep) {
        // A later step names what this one answered: an answer without it cannot be built on.
        for (const [label, path] of Object.entries(step.keep)) {
          const value = valueAt(response.output, path);
          if (value === undefined) verdict.differences.push({ step: index, call: step.call, field: `output.${path}`, expected: 'present', actual: 'absent', source: step.source });
          else scope.kept.set(label, value);
        }
      }
      if (verdict.differences.length > 0) {
        differences.push(...verdict.differences);
        decisive ??= record;
        if (index < c.steps.length - 1) notes.push({ text: `steps after step ${index + 1} were not run: they build on its expected result` });
        break;
      }
    }
    if (differences.length > 0) outcome = 'fail';
  } catch (e) {
    if (e instanceof ClientRefused) {
      // A set-up request the client would not send: the case cannot be had through this client.
      outcome = 'client-rejected';
      reason = `setup ${e.call}: the ${ctx.client.name} client refused to send it (${e.rejected.clientError.name}): ${e.rejected.message}`;
    } else if (e instanceof SetupRefused) {
      // The target refused a request the case needs and AWS accepts: that is its behaviour.
      outcome = 'fail';
      differences.push({ step: -1, call: e.call, field: 'setup', expected: 'success', actual: `${e.status} ${e.code ?? ''}${e.detail ? `: ${e.detail}` : ''}`.trim(), source: 'docs' });
    } else if (e instanceof RunError) {
      outcome = 'error';
      reason = e.message;
    } else {
      outcome = 'error';
      reason = `harness error: ${(e as Error).message}`;
    }
  } finally {
    const leaks = [...(await removeMade(ctx, made)), ...(await deleteUsers(ctx, scope))];
    if (leaks.length > 0) notes.push({ text: `cleanup could not remove: ${leaks.join('; ')}` });
    // A pooled user goes back to the pool only after a case that went exactly as expected.
    for (const u of scope.users.values()) if (u.pooled) pool!.release(u.pooled, outcome === 'pass' && !u.pooled.attached?.size && !changedBeyondProfile(u, steps), profileAfter(u, steps, scope));
  }
  for (const n of setupNotes) notes.push({ text: `setup: ${n}` });

  const redact = redactor(ctx.sensitiveMembers, scope.secrets, ctx.showSecrets);
  const first = decisive ?? steps[0];
  return redact.deep<CaseResult>({
    ...base,
    outcome,
    ...(reason ? { reason } : {}),
    expected: first?.expected,
    actual: first?.actual,
    differences,
    notes,
    steps,
    durationMs: Math.round(performance.now() - started),
  });
}

/** Every string value of a sensitive member, at any depth of an output, into `secrets`. */
function collectSecrets(value: unknown, sensitive: ReadonlySet<string>, secrets: Set<string>): void {
  if (!value || typeof value !== 'object') return;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (typeof v === 'string') {
      if (sensitive.has(k)) secrets.add(v);
    } else collectSecrets(v, sensitive, secrets);
  }
}
