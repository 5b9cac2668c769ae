import { applyBaseline, loadBaseline } from '../baseline/baseline.ts';
import { buildReport } from '../report/build.ts';
import { withoutRaw } from '../report/recordings.ts';
import { withoutSent } from '../report/transcript.ts';
import { reproduceSettings } from './reproduce-settings.ts';
import type { Report } from '../report/types.ts';
import type { CaseResult } from '../runner/result.ts';
import type { RunStats } from '../runner/context.ts';
import type { SpecSet } from '../specfile/types.ts';
import type { SessionInfo } from '../targets/types.ts';
import type { RunPlan } from './plan.ts';

export interface RunOutcome {
  plan: RunPlan;
  session: SessionInfo;
  results: CaseResult[];
  specs: SpecSet;
  client: { name: string; version: string; details?: Record<string, string> };
  startedAt: Date;
  /** What the run cost (requests, keys) and what it could not remove. */
  cost?: RunStats;
  /** How many cases were selected (fewer results: the run is incomplete). */
  selected: number;
  /** Problems of the harness itself, not of the target. */
  runErrors: string[];
}

/**
 * report.json of one run, whichever engine ran it (the vitest reporter, the programmatic API): built from
 * the results (raw bodies and sent requests left to their own files), its cost, the plan's baseline
 * applied, the shard and any incompleteness stated.
 */
export function reportOfRun(run: RunOutcome): Report {
  const { plan, session, cost } = run;
  let report = buildReport(withoutSent(withoutRaw(run.results)), run.specs, {
    session,
    client: run.client,
    runId: plan.runId,
    seed: plan.seed,
    strict: plan.strict,
    reproduce: reproduceSettings(plan),
    startedAt: run.startedAt,
    durationMs: Date.now() - run.startedAt.getTime(),
  });
  if (cost) report.summary = { ...report.summary, requests: cost.requests, accessKeysCreated: cost.accessKeysCreated };
  if (plan.baseline) report = applyBaseline(report, loadBaseline(plan.baseline), plan.baseline);
  if (plan.shard) report = { ...report, shard: { ...plan.shard, cases: run.selected } };
  if (run.runErrors.length || report.cases.length < run.selected) report = { ...report, incomplete: { errors: [...run.runErrors], selected: run.selected } };
  return report;
}
