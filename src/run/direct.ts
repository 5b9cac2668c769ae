import { launchTarget } from './launch.ts';
import { executePlan, type ExecuteOptions } from './execute.ts';
import type { CaseResult } from '../runner/result.ts';
import type { RunStats } from '../runner/context.ts';
import type { Attachment } from '../targets/types.ts';
import type { RunPlan } from './plan.ts';

/**
 * The direct engine: the plan's target started and attached in this process, the cases run by the one
 * scheduler, no test runner. For the benchmark's floor, mutation testing and the fault tests, so that
 * what they measure is what `iam-conformance run` runs.
 */
export async function runDirect(plan: RunPlan, options: ExecuteOptions & { log?: (line: string) => void } = {}): Promise<{ results: CaseResult[]; attachment: Attachment; stats: RunStats }> {
  const started = await launchTarget(plan, options.log ?? (() => {}));
  const { stop, ...session } = started;
  try {
    const execution = await executePlan(plan, session, options);
    try {
      const results = await execution.done;
      return { results, attachment: execution.attachment, stats: execution.stats() };
    } finally {
      execution.close();
    }
  } finally {
    await stop();
  }
}
