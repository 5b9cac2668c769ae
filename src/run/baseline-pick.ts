import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BaselineError, loadBaseline } from '../baseline/baseline.ts';
import type { SessionInfo } from '../targets/types.ts';
import { AUTO_BASELINE, PlanError, type RunPlan } from './plan.ts';

/** The package's committed baselines, one folder per target, one file per version: <target>/<version>.yaml. */
export const BASELINES_DIR = fileURLToPath(new URL('../../fixtures/baselines/', import.meta.url));

/** Where the baseline of a target's version lives (whether or not it exists yet). */
export function baselineFile(target: string, version: string, dir = BASELINES_DIR): string {
  return join(dir, target, `${version}.yaml`);
}

/**
 * `--baseline auto`, once the target has started and said its version: the plan with the committed
 * baseline of that version. A version without one is a usage error naming the file to create and how,
 * never a run held to another version's baseline. A plan without `auto` is returned as it is.
 */
export function pickBaseline(plan: RunPlan, session: Pick<SessionInfo, 'target' | 'version'>, dir = BASELINES_DIR): RunPlan {
  if (plan.baseline !== AUTO_BASELINE) return plan;
  if (!session.version) {
    throw new PlanError(`--baseline auto: ${session.target} did not report its version, so no baseline can be picked; name one with --baseline FILE`);
  }
  const file = baselineFile(session.target, session.version, dir);
  if (!existsSync(file)) {
    const near = relative(process.cwd(), file);
    const shown = near && !near.startsWith('..') ? near : file;
    throw new PlanError(
      `--baseline auto: no baseline for ${session.target} ${session.version}: create ${shown} with \`iam-conformance run --target ${session.target} --report-dir DIR\`, then \`iam-conformance baseline --from DIR/report.json --out ${shown}\``,
    );
  }
  try {
    loadBaseline(file);
  } catch (e) {
    if (e instanceof BaselineError) throw new PlanError(e.message);
    throw e;
  }
  return { ...plan, baseline: file };
}
