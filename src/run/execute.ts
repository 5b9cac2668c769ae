import { findClient } from '../clients/index.ts';
import { namePrefix, userPathFor } from '../iam/names.ts';
import { discoverAccountId } from '../runner/account-id.ts';
import { restoreAccountPolicy, snapshotAccountPolicy } from '../runner/account-policy.ts';
import { runCase } from '../runner/run-case.ts';
import { UserPool } from '../runner/pool.ts';
import { findTarget } from '../targets/index.ts';
import type { PolicySnapshot } from '../iam/password-policy.ts';
import type { RunContext } from '../runner/context.ts';
import type { CaseResult } from '../runner/result.ts';
import type { Attachment, SessionInfo } from '../targets/types.ts';
import type { Case } from '../cases/types.ts';
import type { RunPlan } from './plan.ts';
import { schedule } from './schedule.ts';
import type { Selection } from './select.ts';
import { laneNames } from './lanes.ts';
import type { Lane } from './lanes.ts';

export interface ExecuteOptions {
  /** The cases, when the caller has selected them already (vitest declares its tests from them). */
  selection?: Selection;
  /** Stop starting cases once one fails (mutation testing needs only the first). */
  stopAtFirstFailure?: boolean;
  /** The lane of a run spread over several workers: its names are its own (src/run/lanes.ts). */
  lane?: Lane;
}

/** A run under way: each case's result as it comes, and all of them in schedule order. */
export interface Execution {
  cases: Case[];
  /** The result of one case once it has run; undefined when it was never started. Always settles. */
  result(id: string): Promise<CaseResult | undefined>;
  /** Every result once the schedule is over (the account policy restored); rejects when it could not be restored. */
  done: Promise<CaseResult[]>;
  /** Requests sent to the target so far (every attempt, set-up and tear-down included) and access keys created. */
  stats(): RunContext['stats'];
  /** What the target gave the process that runs the cases (the mock's controls, say). */
  attachment: Attachment;
  /** The client as it reports itself (a worker's real versions: boto3's botocore, say). */
  client: { name: string; version: string; details?: Record<string, string> };
  /** Closes the client and the attachment; after `done`. */
  close(): void;
}

/**
 * The one way cases run, whatever the engine (vitest for the CLI and `npx vitest`, direct for the
 * benchmark, mutation testing and the fault tests): the target attached in this process, a client for
 * it, and the cases in the order of src/run/schedule.ts. The account password policy found before the
 * serial cases is each one's starting point and is put back after them.
 */
export async function executePlan(plan: RunPlan, session: SessionInfo, options: ExecuteOptions = {}): Promise<Execution> {
  const { cases, sensitiveMembers } = options.selection ?? (await (await import('./select.ts')).selectCases(plan));
  const { context, attachment } = await attachContext(plan, session, new Set(sensitiveMembers), options.lane);
  const pool = plan.isolation === 'pooled' ? new UserPool(context) : undefined;
  const tally = { pooled: 0, rerun: 0 };
  let snapshot: PolicySnapshot | undefined;
  const scheduled = schedule(cases, (c) => (pool && !poolNotWorthIt(tally) ? runPooled(c, context, pool, tally) : runCase(c, context)), {
    concurrency: plan.concurrency,
    caseTimeoutMs: plan.caseTimeoutMs,
    stopAtFirstFailure: options.stopAtFirstFailure,
    // Without leave to change the policy the serial cases are skipped, each with the reason.
    ...(context.session.capabilities.accountPolicyWritable
      ? {
          serialPhase: {
            before: async () => {
              snapshot = await snapshotAccountPolicy(context);
              context.accountPolicyBaseline = snapshot;
            },
            after: async () => {
              if (snapshot) await restoreAccountPolicy(context, snapshot);
            },
          },
        }
      : {}),
  });
  // The pool's users go once every case is over, whatever happened to the cases. What could not be
  // removed is reported (as a fresh case's leftovers are), not a reason to call the run failed.
  const done = scheduled.done.finally(async () => {
    if (pool) context.stats.leftovers.push(...(await pool.drain()));
  });
  done.catch(() => {});
  return {
    cases,
    result: scheduled.result,
    done,
    stats: () => ({ ...context.stats, leftovers: [...context.stats.leftovers] }),
    attachment,
    client: { name: plan.client, version: context.client.version, ...(context.client.details ? { details: context.client.details } : {}) },
    close: () => {
      context.client.close();
      context.harness?.close();
      attachment.close();
    },
  };
}

/**
 * A case in pooled isolation: ordinary users borrowed from the pool (never for account-wide cases, which
 * change what every user lives under), the others made with no more than the case needs. If it does not
 * pass, its pooled users are retired and it runs again as `--isolation fresh` would run it, and that
 * verdict stands: whatever a previous case may have left on a pooled user cannot change this verdict.
 */
async function runPooled(c: Case, context: RunContext, pool: UserPool, tally: { pooled: number; rerun: number }): Promise<CaseResult> {
  // Account-wide cases never borrow (they change what every user lives under): run once, as they are.
  if (c.serial) return runCase(c, context, { pooled: true });
  tally.pooled++;
  const pooled = await runCase(c, context, { pooled: true, pool });
  // A request the client would not send is refused the same way on fresh users.
  if (pooled.outcome === 'pass' || pooled.outcome === 'skip' || pooled.outcome === 'client-rejected') return pooled;
  tally.rerun++;
  const fresh = await runCase(c, context);
  const what = pooled.outcome === 'fail' ? pooled.differences.map((d) => `${d.call} ${d.field}: expected ${JSON.stringify(d.expected)}, got ${JSON.stringify(d.actual)}`).join('; ') : pooled.reason;
  fresh.notes.push({ text: `first run on a pooled user: ${pooled.outcome} (${what}); this verdict is from a run on fresh users` });
  return fresh;
}

/**
 * Against a target that fails many cases, every failure costs a pooled run and a fresh one: once a
 * quarter of at least 40 pooled cases have had to run again, the rest of the run goes fresh (the
 * verdicts are the same either way; only the cost differs).
 */
function poolNotWorthIt(tally: { pooled: number; rerun: number }): boolean {
  return tally.pooled >= 40 && tally.rerun > tally.pooled / 4;
}

/** The target attached in this process, a client for it, and the run context every case shares. */
async function attachContext(plan: RunPlan, located: SessionInfo, sensitiveMembers: ReadonlySet<string>, lane: Lane | undefined) {
  const adapter = findTarget(located.target);
  const attachment: Attachment = adapter?.attach ? await adapter.attach(located) : { session: located, close() {} };
  try {
    return { context: await contextFor(plan, attachment, sensitiveMembers, lane), attachment };
  } catch (e) {
    attachment.close();
    throw e;
  }
}

async function contextFor(plan: RunPlan, attachment: Attachment, sensitiveMembers: ReadonlySet<string>, lane: Lane | undefined): Promise<RunContext> {
  const session = attachment.session;
  const driver = findClient(plan.client)!;
  const address = {
    toolsDir: plan.toolsDir,
    endpoint: session.endpoint,
    region: session.region,
    capture: !!plan.recordDir,
    captureSent: !!plan.transcript,
    timeoutMs: plan.requestTimeoutMs,
    ...(attachment.fetch ? { fetch: attachment.fetch } : {}),
  };
  const client = await driver.create(address);
  const harness = driver.stepsOnly ? await findClient('query')!.create(address) : undefined;
  const prefix = namePrefix(plan.runId);
  const names = laneNames(prefix, lane);
  const context: RunContext = {
    session,
    client,
    ...(harness ? { harness } : {}),
    runId: plan.runId,
    namePrefix: prefix,
    userPath: userPathFor(plan.runId),
    strict: plan.strict,
    showSecrets: plan.showSecrets,
    sensitiveMembers,
    // A target with propagation delays (an endpoint that says so) gets AWS's patience unless told otherwise.
    retry: session.capabilities.propagationDelays && !plan.origins.retryAttempts && !plan.origins.retryDelayMs ? { attempts: 8, delayMs: 1500 } : plan.retry,
    nextUserName: names.user,
    nextPooledUserName: names.pooled,
    stats: { requests: 0, mutating: 0, accessKeysCreated: 0, firstKeyUses: 0, leftovers: [] },
    unusedKeys: new Set(),
    ...(attachment.journal ? { journal: attachment.journal } : {}),
  };
  // In a shared account the supervisor waits for every process that may create something: this one too.
  attachment.journal?.process(process.pid);
  try {
    context.accountId = session.accountId ?? (await discoverAccountId(context));
  } catch (e) {
    client.close();
    harness?.close();
    throw e;
  }
  return context;
}
