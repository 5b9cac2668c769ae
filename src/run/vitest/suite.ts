import { afterAll, beforeAll, test } from 'vitest';
import { formatFailure } from '../../report/format.ts';
import { executePlan, type Execution } from '../execute.ts';
import { laneConcurrency } from '../lanes.ts';
import type { LaneShare, ProvidedRun } from './provided.ts';

/**
 * The vitest engine: one test per case, named by its id, each reporting the verdict the scheduler
 * (executePlan) reached for it. vitest does not schedule the cases: the tests wait for their results in
 * schedule order, so they finish as the run progresses and vitest's reporters see each case as it ends.
 */
export async function declareSuite(provided: ProvidedRun | undefined, share?: LaneShare): Promise<void> {
  if (!provided) throw new Error('no run was provided: run the conformance project through `iam-conformance run` or `npx vitest --project conformance`');
  const { session } = provided;
  const lane = share?.lane;
  // A lane of a run spread over several workers runs its share, with its share of the concurrency.
  const plan = { ...provided.plan, concurrency: laneConcurrency(provided.plan.concurrency, lane) };
  // Under the CLI the cases come with the plan (a lane's with its project); loading the specs here again would cost every run.
  const all = provided.selection ?? (await (await import('../select.ts')).selectCases(plan));
  const selection = share ? { ...all, cases: share.cases } : all;
  let execution: Execution | undefined;

  beforeAll(async () => {
    execution = await executePlan(plan, session, { selection, ...(lane ? { lane } : {}) });
  });

  afterAll(async () => {
    if (!execution) return;
    try {
      await execution.done; // rejects when the account policy could not be put back: an error of the run
    } finally {
      execution.close();
    }
  });

  const last = selection.cases.at(-1);
  for (const c of selection.cases) {
    test(c.id, async (context) => {
      const result = await execution!.result(c.id);
      // The last test ends with the schedule (pool drained, policy restored) and carries what the run
      // cost to the reporter: a test's meta is what reaches the main process.
      if (c === last) {
        await execution!.done.catch(() => {});
        context.task.meta.iamConformanceRun = execution!.stats();
        context.task.meta.iamConformanceClient = execution!.client;
      }
      if (!result) {
        await execution!.done; // the reason the schedule ended, if it failed
        return context.skip('not started: the run stopped at its first failure');
      }
      context.task.meta.iamConformance = result;
      if (result.outcome === 'skip') context.skip(result.reason);
      // No verdict: in JUnit a skipped test whose message says why.
      if (result.outcome === 'client-rejected') context.skip(`client-rejected: ${result.reason}`);
      if (result.outcome !== 'pass') throw new Error(formatFailure(result));
    });
  }
}
