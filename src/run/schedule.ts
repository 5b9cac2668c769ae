import type { Case } from '../cases/types.ts';
import { sharedIdentities } from '../cases/identities.ts';
import type { CaseResult } from '../runner/result.ts';

export interface ScheduleOptions {
  concurrency: number;
  caseTimeoutMs: number;
  /** Stop starting cases once one fails (mutation testing needs only the first). */
  stopAtFirstFailure?: boolean;
  /** Around the serial cases: reads the account policy first (may fail), puts it back after. */
  serialPhase?: { before(): Promise<void>; after(): Promise<void> };
}

export interface Scheduled {
  /** Each case's result; undefined for a case never started (stopAtFirstFailure). Always settles. */
  result(id: string): Promise<CaseResult | undefined>;
  /** Every result in the order they came; rejects only when the serial phase could not be closed (the policy not put back). */
  done: Promise<CaseResult[]>;
}

/**
 * The order of a run, without knowing what a case does: cases that touch only their own users
 * `concurrency` at a time, then the serial ones (the account password policy) one by one inside the
 * serial phase. Every case gets `caseTimeoutMs`; one still running then is an error of the run, and a
 * serial case is not started while the one before it may still be changing the account. Cases that make
 * something under the same name (src/cases/identities.ts) never run at the same time. A case that
 * throws is an error of the run too: no result is ever left unsettled.
 */
export function schedule(cases: Case[], runOne: (c: Case) => Promise<CaseResult>, options: ScheduleOptions): Scheduled {
  const pending = new Map(cases.map((c) => [c.id, deferred<CaseResult | undefined>()]));
  const results: CaseResult[] = [];
  /** Cases that timed out but have not finished: their teardown may still be running. */
  const stragglers = new Set<Promise<unknown>>();
  let stop = false;
  /** Identities of what running cases may make, and the case that holds each (src/cases/identities.ts). */
  const held = new Map<string, { id: string; late: boolean }>();
  const identities = new Map(cases.map((c) => [c.id, sharedIdentities(c)]));
  let released = deferred<void>();
  const hold = (c: Case) => {
    for (const k of identities.get(c.id) ?? []) held.set(k, { id: c.id, late: false });
  };
  /** Wakes the lanes waiting for an identity: it was let go, or its holder overran its time. */
  const changed = () => {
    const waiting = released;
    released = deferred<void>();
    waiting.resolve();
  };
  const release = (c: Case) => {
    for (const k of identities.get(c.id) ?? []) held.delete(k);
    changed();
  };

  const record = (r: CaseResult) => {
    results.push(r);
    pending.get(r.id)?.resolve(r);
    if (options.stopAtFirstFailure && r.outcome === 'fail') stop = true;
  };

  /** Runs one case within its time; true when it finished (a timed-out case may still be running). */
  const runTimed = async (c: Case): Promise<boolean> => {
    const running = runOne(c)
      .catch((e: unknown) => errorResult(c, `harness error: ${(e as Error)?.message ?? String(e)}`))
      .finally(() => release(c));
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), options.caseTimeoutMs)));
    const first = await Promise.race([running, late]);
    clearTimeout(timer);
    if (first !== 'late') {
      record(first);
      return true;
    }
    record(errorResult(c, `did not finish within ${options.caseTimeoutMs / 1000} s (--case-timeout-ms)`));
    // Still running (its identities not yet released): what it may make is still to come.
    for (const k of identities.get(c.id) ?? []) if (held.get(k)?.id === c.id) held.set(k, { id: c.id, late: true });
    changed();
    const straggler = running.finally(() => stragglers.delete(straggler));
    stragglers.add(straggler);
    return false;
  };

  /** Waits, bounded, for timed-out cases to finish; true when none is left running. */
  const settleStragglers = async (): Promise<boolean> => {
    if (stragglers.size === 0) return true;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), options.caseTimeoutMs)));
    const outcome = await Promise.race([Promise.all(stragglers).then(() => 'settled' as const), late]);
    clearTimeout(timer);
    return outcome === 'settled';
  };

  /**
   * The next case whose identities no running case holds, waiting while every one left shares one with a
   * case under way. A case whose identity is held by one that overran its time is not started (it would
   * meet what that one may still make): an error of the run, as a serial case after an overrun is.
   */
  const next = async (queue: Case[]): Promise<Case | undefined> => {
    for (;;) {
      const i = queue.findIndex((c) => (identities.get(c.id) ?? []).every((k) => !held.has(k)));
      if (i >= 0) {
        const [c] = queue.splice(i, 1);
        hold(c!);
        return c;
      }
      const j = queue.findIndex((c) => (identities.get(c.id) ?? []).some((k) => held.get(k)?.late));
      if (j >= 0) {
        const [c] = queue.splice(j, 1);
        const k = identities.get(c!.id)!.find((k) => held.get(k)?.late)!;
        record(errorResult(c!, `not started: ${held.get(k)!.id} did not finish, and could still make ${k}`));
        continue;
      }
      if (queue.length === 0) return undefined;
      await released.promise;
    }
  };

  const run = async (): Promise<CaseResult[]> => {
    const queue = cases.filter((c) => !c.serial);
    await Promise.all(
      Array.from({ length: Math.min(options.concurrency, queue.length) }, async () => {
        while (!stop) {
          const c = await next(queue);
          if (!c) break;
          await turnOfTheLoop();
          // Another lane may have failed during the turn: stop means no case starts after it.
          if (stop) {
            release(c);
            break;
          }
          await runTimed(c);
        }
      }),
    );
    const serial = cases.filter((c) => c.serial);
    if (!stop && serial.length > 0) await runSerial(serial);
    await settleStragglers();
    return results;
  };

  const runSerial = async (serial: Case[]) => {
    try {
      await options.serialPhase?.before();
    } catch (e) {
      for (const c of serial) record(errorResult(c, (e as Error).message));
      return;
    }
    try {
      for (const [i, c] of serial.entries()) {
        await turnOfTheLoop();
        if (stop) break;
        if (await runTimed(c)) continue;
        // The account is shared by the serial cases: the next starts only once this one is over.
        if (await settleStragglers()) continue;
        for (const rest of serial.slice(i + 1)) record(errorResult(rest, `not started: ${c.id} did not finish, and could still change the account password policy`));
        break;
      }
    } finally {
      await settleStragglers();
      await options.serialPhase?.after();
    }
  };

  const done = run().finally(() => {
    for (const d of pending.values()) d.resolve(undefined);
  });
  done.catch(() => {}); // observed by whoever awaits `done`; never an unhandled rejection here
  return { result: (id) => pending.get(id)?.promise ?? Promise.resolve(undefined), done };
}

/**
 * Lets the event loop run once. Against a target in this process (the mock on msw) a case's requests are
 * answered without any I/O, so 32 lanes of cases chain promise after promise and the loop never turns:
 * no timer fires (a case's time limit included), no close callback runs (every intercepted connection's
 * handle stays open), no progress reaches the main process. One turn before each case fixes all three.
 */
function turnOfTheLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export function errorResult(c: Case, reason: string): CaseResult {
  return { id: c.id, operation: c.operation, kind: c.kind, title: c.title, tags: c.tags, source: c.source, outcome: 'error', reason, differences: [], notes: [], steps: [], durationMs: 0 };
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
