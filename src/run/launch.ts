import { findClient } from '../clients/index.ts';
import { findTarget } from '../targets/index.ts';
import { preflight } from '../targets/preflight.ts';
import { TargetUnavailable, type TargetSession } from '../targets/types.ts';
import { ClientUnavailable } from '../clients/unavailable.ts';
import type { RunPlan } from './plan.ts';

/**
 * Phase one of a target: launch or locate it, in the process the user started. The client decides how
 * the mock is served: a client in another process needs it over the network.
 */
export async function launchTarget(plan: RunPlan, log: (line: string) => void): Promise<TargetSession> {
  const adapter = findTarget(plan.target)!;
  // A client that is missing, or a version still to install, is dealt with before the target starts.
  try {
    await findClient(plan.client)!.prepare?.(plan.toolsDir, log);
  } catch (e) {
    if (e instanceof ClientUnavailable) throw new TargetUnavailable(e.message, e.hint);
    throw e;
  }
  const session = await adapter.start({ runId: plan.runId, region: plan.region, options: plan.targetOptions, toolsDir: plan.toolsDir, needsNetwork: findClient(plan.client)!.needsNetwork, log });
  // A target behind a URL answers one request before any case runs, or the run ends here naming it.
  // (A supervised target has already asked STS who its credentials are: that was its pre-flight.)
  if ((session.serve ?? 'network') === 'network' && !adapter.supervise) {
    try {
      await preflight(session.endpoint);
    } catch (e) {
      await session.stop().catch(() => {});
      throw e;
    }
  }
  return session;
}
