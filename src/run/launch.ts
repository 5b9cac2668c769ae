import { CLIENTS } from '../clients/index.ts';
import { findTarget } from '../targets/index.ts';
import type { TargetSession } from '../targets/types.ts';
import type { RunPlan } from './plan.ts';

/**
 * Phase one of a target: launch or locate it, in the process the user started. The client decides how
 * the mock is served: a client in another process needs it over the network.
 */
export function launchTarget(plan: RunPlan, log: (line: string) => void): Promise<TargetSession> {
  const adapter = findTarget(plan.target)!;
  return adapter.start({ runId: plan.runId, region: plan.region, options: plan.targetOptions, toolsDir: plan.toolsDir, needsNetwork: CLIENTS[plan.client]!.needsNetwork, log });
}
