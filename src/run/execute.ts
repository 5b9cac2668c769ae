import { CLIENTS } from '../clients/index.ts';
import { namePrefix, userPathFor } from '../iam/names.ts';
import { discoverAccountId } from '../runner/account-id.ts';
import { restoreAccountPolicy, snapshotAccountPolicy } from '../runner/account-policy.ts';
import { runCase } from '../runner/run-case.ts';
import { findTarget } from '../targets/index.ts';
import type { RunContext } from '../runner/context.ts';
import type { CaseResult } from '../runner/result.ts';
import type { Attachment, SessionInfo } from '../targets/types.ts';
import type { Case } from '../cases/types.ts';
import type { RunPlan } from './plan.ts';
import { selectCases, type Selection } from './select.ts';

export interface ExecuteOptions {
  /** The cases, when the caller has selected them already (vitest declares its tests from them). */
  selection?: Selection;
  /** Stop starting cases once one fails (mutation testing needs only the first). */
  stopAtFirstFailure?: boolean;
}

/** A run under way: each case's result as it comes, and all of them in schedule order. */
export interface Execution {
  cases: Case[];
  /** The result of one case; resolves when it has run (or was not started: see stopAtFirstFailure). */
  result(id: string): Promise<CaseResult | undefined>;
  /** Every result, in schedule order, once the schedule is over (the account policy restored). */
  done: Promise<CaseResult[]>;
  /** What the target gave the process that runs the cases (the mock's controls, say). */
  attachment: Attachment;
  /** Closes the client and the attachment; after `done`. */
  close(): void;
}

/**
 * The one scheduler, used by every engine (vitest for the CLI and `npx vitest`, direct for the
 * benchmark, mutation testing and the fault tests). Cases that touch only their own users run
 * `plan.concurrency` at a time; cases that change the account password policy then run one at a time,
 * each from the policy found before them, which is restored at the end. Each case gets
 * `plan.caseTimeoutMs`; a case still running then is an error of the run, never a verdict.
 */
export async function executePlan(plan: RunPlan, session: SessionInfo, options: ExecuteOptions = {}): Promise<Execution> {
  const { specs, cases } = options.selection ?? selectCases(plan);
  const ctx = await attachContext(plan, session, specs.sensitiveMembers);
  const pending = new Map(cases.map((c) => [c.id, deferred<CaseResult | undefined>()]));
  let stop = false;
  const results: CaseResult[] = [];
  const record = (r: CaseResult) => {
    results.push(r);
    pending.get(r.id)!.resolve(r);
    if (options.stopAtFirstFailure && r.outcome === 'fail') stop = true;
  };
  const runOne = async (c: Case) => record(await withTimeout(c, runCase(c, ctx.context), plan.caseTimeoutMs));

  const schedule = async () => {
    const queue = cases.filter((c) => !c.serial);
    await Promise.all(
      Array.from({ length: Math.min(plan.concurrency, queue.length) }, async () => {
        for (let c = queue.shift(); c && !stop; c = queue.shift()) await runOne(c);
      }),
    );
    const serial = cases.filter((c) => c.serial);
    if (!stop && serial.length > 0) await runSerial(serial);
    for (const d of pending.values()) d.resolve(undefined); // cases never started (stopAtFirstFailure)
    return results;
  };

  // Serial cases share the account's password policy: each starts from the one found before them all.
  const runSerial = async (serial: Case[]) => {
    if (!ctx.context.session.capabilities.accountPolicyWritable) {
      for (const c of serial) await runOne(c); // each is skipped, with the reason
      return;
    }
    let snapshot;
    try {
      snapshot = await snapshotAccountPolicy(ctx.context);
    } catch (e) {
      for (const c of serial) record(errorResult(c, (e as Error).message));
      return;
    }
    ctx.context.accountPolicyBaseline = snapshot;
    try {
      for (const c of serial) {
        if (stop) break;
        await runOne(c);
      }
    } finally {
      await restoreAccountPolicy(ctx.context, snapshot);
    }
  };

  return {
    cases,
    result: (id) => pending.get(id)?.promise ?? Promise.reject(new Error(`no case ${id} in this run`)),
    done: schedule(),
    attachment: ctx.attachment,
    close: () => {
      ctx.context.client.close();
      ctx.attachment.close();
    },
  };
}

/** The target attached in this process, a client for it, and the run context every case shares. */
async function attachContext(plan: RunPlan, located: SessionInfo, sensitiveMembers: ReadonlySet<string>) {
  const adapter = findTarget(located.target);
  const attachment: Attachment = adapter?.attach ? await adapter.attach(located) : { session: located, close() {} };
  const session = attachment.session;
  const client = CLIENTS[plan.client]!.create({
    endpoint: session.endpoint,
    region: session.region,
    capture: !!plan.recordDir,
    timeoutMs: plan.requestTimeoutMs,
    ...(attachment.fetch ? { fetch: attachment.fetch } : {}),
  });
  let serial = 0;
  const prefix = namePrefix(plan.runId);
  const context: RunContext = {
    session,
    client,
    runId: plan.runId,
    namePrefix: prefix,
    userPath: userPathFor(plan.runId),
    strict: plan.strict,
    showSecrets: plan.showSecrets,
    sensitiveMembers,
    // A target with propagation delays (an endpoint that says so) gets AWS's patience unless told otherwise.
    retry: session.capabilities.propagationDelays && !plan.origins.retryAttempts && !plan.origins.retryDelayMs ? { attempts: 8, delayMs: 1500 } : plan.retry,
    nextUserName: () => `${prefix}u${serial++}`,
    ...(attachment.journal ? { journal: attachment.journal } : {}),
  };
  // In a shared account the supervisor waits for every process that may create something: this one too.
  attachment.journal?.process(process.pid);
  context.accountId = session.accountId ?? (await discoverAccountId(context));
  return { context, attachment };
}

function withTimeout(c: Case, running: Promise<CaseResult>, ms: number): Promise<CaseResult> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<CaseResult>((resolve) => {
    timer = setTimeout(() => resolve(errorResult(c, `did not finish within ${ms / 1000} s (--case-timeout-ms)`)), ms);
    timer.unref();
  });
  return Promise.race([running, late]).finally(() => clearTimeout(timer));
}

function errorResult(c: Case, reason: string): CaseResult {
  return { id: c.id, operation: c.operation, kind: c.kind, title: c.title, tags: c.tags, source: c.source, outcome: 'error', reason, differences: [], notes: [], steps: [], durationMs: 0 };
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
