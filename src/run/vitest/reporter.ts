import type { Reporter, TestCase, TestModule, TestRunEndReason, Vitest } from 'vitest/node';
import type { SerializedError } from 'vitest';
import { findClient } from '../../clients/index.ts';
import { recordingDir, writeRecordings } from '../../report/recordings.ts';
import { terminalSummary } from '../../report/terminal.ts';
import { writeTranscript } from '../../report/transcript.ts';
import { reportOfRun } from '../run-report.ts';
import { writeReports } from '../../report/write.ts';
import { appendStepSummary, githubAnnotations } from '../../report/github.ts';
import { loadSpecs } from '../../specfile/load.ts';
import type { CaseResult } from '../../runner/result.ts';
import type { SpecSet } from '../../specfile/types.ts';
import type { RunStats } from '../../runner/context.ts';
import type { Report } from '../../report/types.ts';
import type { ProvidedRun } from './provided.ts';

export interface ConformanceReporterOptions {
  /** Print a progress line now and then, the summary and the reports written (the CLI; vitest prints its own). */
  print?: boolean;
  /**
   * Write the reports to the plan's folder even when no one named it (the CLI). Under plain `npx vitest`
   * they are written only when --report-dir / IAM_CONFORMANCE_REPORT_DIR says where.
   */
  alwaysWrite?: boolean;
  /** The specs, when the caller has them loaded already (for the report's coverage). */
  specs?: SpecSet;
}

/**
 * The vitest engine's reporter, in the main process: collects each case's verdict (carried in the test's
 * meta from the worker), then builds the report from the provided plan, applies its baseline and writes
 * it. Problems of the harness itself (a failing hook, an unhandled error) are kept apart in `runErrors`:
 * they mean the run could not be carried out, not that the target differs.
 */
export class ConformanceReporter implements Reporter {
  readonly results: CaseResult[] = [];
  readonly runErrors: string[] = [];
  report?: Report;
  /** Every file written, for the user. */
  readonly written: string[] = [];
  private readonly options: ConformanceReporterOptions;
  private vitest?: Vitest;
  private startedAt = new Date();
  private expected = 0;
  private lastProgress = 0;
  /** What the run cost, carried by the last case's test once the schedule is over. */
  private cost?: RunStats;
  /** The client as it reported itself, carried by the last case's test. */
  private client?: { name: string; version: string; details?: Record<string, string> };

  constructor(options: ConformanceReporterOptions = {}) {
    this.options = options;
  }

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
    this.startedAt = new Date();
  }

  onTestModuleCollected(module: TestModule): void {
    this.expected += [...module.children.allTests()].length;
  }

  onTestCaseResult(test: TestCase): void {
    const result = test.meta().iamConformance;
    if (result) this.results.push(result);
    // Each lane's last case carries what that lane cost; a run in lanes costs their sum.
    const cost = test.meta().iamConformanceRun;
    if (cost) this.cost = this.cost ? addCosts(this.cost, cost) : cost;
    this.client = test.meta().iamConformanceClient ?? this.client;
    if (!this.options.print) return;
    const now = Date.now();
    if (now - this.lastProgress > 2000 || this.results.length === this.expected) {
      this.lastProgress = now;
      const failed = this.results.filter((r) => r.outcome === 'fail').length;
      const errored = this.results.filter((r) => r.outcome === 'error').length;
      process.stdout.write(`[${String(this.results.length).padStart(String(this.expected).length)}/${this.expected}] ${failed} failed, ${errored} errored\n`);
    }
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>, _reason: TestRunEndReason): void {
    for (const m of modules) for (const e of m.errors()) this.runErrors.push(e.message);
    for (const m of modules) {
      for (const suite of m.children.allSuites()) for (const e of suite.errors()) this.runErrors.push(e.message);
    }
    for (const e of unhandledErrors) this.runErrors.push(e.message ?? String(e));
    const run = providedRun(modules, this.vitest);
    if (!run) return;
    const { plan, session } = run;
    const client = this.client ?? { name: plan.client, version: findClient(plan.client)?.version ?? 'unknown' };
    if (plan.recordDir) {
      const { target, endpoint, accountId } = session;
      const meta = { target, endpoint, accountId, client, runId: plan.runId, recordedAt: this.startedAt };
      const dir = recordingDir(plan.recordDir, meta);
      const files = writeRecordings(dir, this.results, meta);
      if (this.options.print) process.stdout.write(`recordings: ${files.length} file(s) in ${dir}\n`);
    }
    if (plan.transcript) {
      const file = writeTranscript(plan.reportDir, this.results);
      if (this.options.print) process.stdout.write(`transcript: ${file}\n`);
    }
    for (const l of this.cost?.leftovers ?? []) process.stderr.write(`iam-conformance: after the run, could not remove: ${l}\n`);
    const report = reportOfRun({
      plan,
      session,
      results: this.results,
      specs: this.options.specs ?? loadSpecs(plan.specDir),
      client,
      startedAt: this.startedAt,
      ...(this.cost ? { cost: this.cost } : {}),
      selected: run.selected ?? run.selection?.cases.length ?? this.expected,
      runErrors: this.runErrors,
    });
    this.report = report;
    if (this.options.alwaysWrite || plan.origins.reportDir) this.written.push(...writeReports(plan.reportDir, report));
    if (this.options.print) {
      process.stdout.write(terminalSummary(report) + '\n');
      for (const e of this.runErrors) process.stdout.write(`run error: ${e}\n`);
    }
    publishToGithub(report, process.env);
  }
}

function addCosts(a: RunStats, b: RunStats): RunStats {
  return {
    requests: a.requests + b.requests,
    mutating: a.mutating + b.mutating,
    accessKeysCreated: a.accessKeysCreated + b.accessKeysCreated,
    firstKeyUses: a.firstKeyUses + b.firstKeyUses,
    leftovers: [...a.leftovers, ...b.leftovers],
  };
}

/** The run the CLI provided to vitest as a whole, or the one `npx vitest`'s global setup provided to the project. */
function providedRun(modules: ReadonlyArray<TestModule>, vitest: Vitest | undefined): ProvidedRun | undefined {
  for (const m of modules) {
    const run = m.project.getProvidedContext().iamConformance;
    if (run) return run;
  }
  return vitest?.getProvidedContext().iamConformance;
}

/**
 * Under GitHub Actions: the summary and causes appended to the job summary (GITHUB_STEP_SUMMARY), and
 * one ::error annotation per cause on stdout (GITHUB_ACTIONS=true), where the runner picks them up.
 */
export function publishToGithub(report: Report, env: NodeJS.ProcessEnv): void {
  // The job summary is a courtesy of the runner: a file that cannot be written is worth a warning,
  // never a change of the run's verdict.
  if (env.GITHUB_STEP_SUMMARY) {
    try {
      appendStepSummary(env.GITHUB_STEP_SUMMARY, report);
    } catch (e) {
      process.stderr.write(`iam-conformance: warning: could not write the job summary to ${env.GITHUB_STEP_SUMMARY}: ${(e as Error).message.split('\n')[0]}\n`);
    }
  }
  if (env.GITHUB_ACTIONS === 'true') for (const line of githubAnnotations(report)) process.stdout.write(line + '\n');
}

