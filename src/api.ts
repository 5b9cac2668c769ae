/**
 * The package's programmatic API (`import { run, expand, loadSpecs, compare } from 'iam-conformance'`), for
 * a team that drives the suite from its own test runner or tooling. It is the CLI's machinery with the
 * CLI's checks: settings are the declarations `run --help` lists (src/run/options.ts and each target's),
 * a bad one throws the same PlanError the CLI prints, a bad spec file the same SpecErrors, a target that
 * cannot be started the same TargetUnavailable. docs/api.md shows it in use.
 */
import { readFileSync } from 'node:fs';
import { DEFAULT_SEED, expandCases } from './cases/expand.ts';
import { compareReports, type Comparison } from './compare/compare.ts';
import { REPORT_SCHEMA_PATH } from './report/read.ts';
import { writeReports } from './report/write.ts';
import { pickBaseline } from './run/baseline-pick.ts';
import { executePlan } from './run/execute.ts';
import { launchTarget } from './run/launch.ts';
import { planFromSettings, PlanError, type RunSettings } from './run/plan.ts';
import { reportOfRun } from './run/run-report.ts';
import { selectCases } from './run/select.ts';
import { loadSpecs as loadSpecFolder, DEFAULT_SPEC_DIR } from './specfile/load.ts';
import type { Case } from './cases/types.ts';
import type { Report } from './report/types.ts';
import type { SpecSet } from './specfile/types.ts';

export type { Case } from './cases/types.ts';
export type { Report, ReportCase, Summary, Cause } from './report/types.ts';
export type { CaseResult, CaseOutcome, StepRecord } from './runner/result.ts';
export type { SpecSet, OperationSpec, Scenario, Step, Expectation, Source } from './specfile/types.ts';
export type { Comparison } from './compare/compare.ts';
export type { RunSettings } from './run/plan.ts';
export { PlanError } from './run/plan.ts';
export { SpecError, SpecErrors } from './specfile/errors.ts';
export { TargetUnavailable, TargetRefused } from './targets/types.ts';
export { REPORT_SCHEMA_VERSION } from './report/types.ts';
export { DEFAULT_SPEC_DIR, DEFAULT_SEED, REPORT_SCHEMA_PATH };

/** The package's spec files (or those of `dir`), loaded and checked: throws SpecErrors naming file and place. */
export function loadSpecs(dir?: string): SpecSet {
  return loadSpecFolder(dir);
}

/** Every case of the specs, as `iam-conformance expand` prints them: the same seed, the same cases. */
export function expand(specs: SpecSet = loadSpecs(), options: { seed?: string } = {}): Case[] {
  return expandCases(specs, { seed: options.seed ?? DEFAULT_SEED });
}

/** The report.json JSON Schema (draft 2020-12), for validating reports elsewhere. */
export function reportSchema(): Record<string, unknown> {
  return JSON.parse(readFileSync(REPORT_SCHEMA_PATH, 'utf8')) as Record<string, unknown>;
}

/** Case-by-case differences between reports (targets, clients, SDK versions), as `iam-conformance compare`. */
export function compare(reports: Array<{ label: string; report: Report }>): Comparison {
  return compareReports(reports);
}

export interface RunOptions {
  /** Environment variables the settings fall back on (default process.env), as under the CLI. */
  env?: NodeJS.ProcessEnv;
  /** A line of progress (target started, baseline picked); default silent. */
  log?: (line: string) => void;
}

/**
 * Runs the selected cases against the target and resolves to the report (report.json's object). The
 * reports are written to disk only when `reportDir` is given. `--target aws` is refused here: a real
 * account runs only under the CLI, whose supervisor cleans up on every exit path (docs/aws.md).
 *
 * ```ts
 * const report = await run({ target: 'mock', operations: ['GetLoginProfile'] });
 * report.summary.failed; // 0
 * ```
 */
export async function run(settings: RunSettings = {}, options: RunOptions = {}): Promise<Report> {
  let plan = planFromSettings(settings, options.env ?? process.env);
  if (plan.target === 'aws') throw new PlanError('--target aws runs only through `iam-conformance run`, which supervises it (docs/aws.md)');
  const selection = await selectCases(plan);
  if (selection.unsharded === 0 || (selection.cases.length === 0 && !plan.shard)) throw new PlanError('no case matches the filters');
  const log = options.log ?? (() => {});
  const startedAt = new Date();
  const started = await launchTarget(plan, log);
  const { stop, ...session } = started;
  try {
    plan = pickBaseline(plan, session);
    const execution = await executePlan(plan, session, { selection: { cases: selection.cases, sensitiveMembers: selection.sensitiveMembers } });
    try {
      const results = await execution.done;
      const report = reportOfRun({
        plan,
        session,
        results,
        specs: selection.specs,
        client: execution.client,
        startedAt,
        cost: execution.stats(),
        selected: selection.cases.length,
        runErrors: [],
      });
      if (settings.reportDir !== undefined) writeReports(plan.reportDir, report);
      return report;
    } finally {
      execution.close();
    }
  } finally {
    await stop();
  }
}

