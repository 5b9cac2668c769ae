import { restoreAccountPolicy, snapshotAccountPolicy } from './account-policy.ts';
import { runCase } from './run-case.ts';
import type { RunContext } from './context.ts';
import type { CaseResult } from './result.ts';
import type { Case } from '../cases/types.ts';

export interface RunAllOptions {
  concurrency: number;
  /** Stop starting cases once one fails (mutation testing only needs the first). */
  stopAtFirstFailure?: boolean;
}

/**
 * The suite's schedule without a test runner: concurrent cases first, then the serial ones one at a
 * time from the account's original policy, restored at the end. For the benchmark floor and mutation
 * testing; `suites/conformance.test.ts` is the same schedule in vitest.
 */
export async function runAll(cases: Case[], ctx: RunContext, options: RunAllOptions): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  let stop = false;
  const record = (r: CaseResult) => {
    results.push(r);
    if (options.stopAtFirstFailure && r.outcome === 'fail') stop = true;
  };
  const queue = cases.filter((c) => !c.serial);
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      for (let c = queue.shift(); c && !stop; c = queue.shift()) record(await runCase(c, ctx));
    }),
  );
  const serial = cases.filter((c) => c.serial);
  if (stop || serial.length === 0 || !ctx.session.capabilities.accountPolicyWritable) return results;
  const snapshot = await snapshotAccountPolicy(ctx);
  ctx.accountPolicyBaseline = snapshot;
  try {
    for (const c of serial) {
      if (stop) break;
      record(await runCase(c, ctx));
    }
  } finally {
    await restoreAccountPolicy(ctx, snapshot);
  }
  return results;
}
