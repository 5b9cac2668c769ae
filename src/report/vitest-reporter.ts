import type { Reporter, TestCase, TestModule, TestRunEndReason, Vitest } from 'vitest/node';
import type { SerializedError } from 'vitest';
import { buildReport } from './build.ts';
import { terminalSummary } from './terminal.ts';
import { writeReports } from './write.ts';
import { recordingDir, withoutRaw, writeRecordings } from './recordings.ts';
import { publishedRun } from '../run-state.ts';
import { loadSpecs } from '../spec/load.ts';
import { CLIENTS } from '../clients/index.ts';
import type { CaseResult } from '../runner/result.ts';
import type { Report } from './types.ts';

export interface ConformanceReporterOptions {
  /** Where report.json and report.md go; nothing is written without it. */
  reportDir?: string;
  /** Print a progress line now and then, and the summary at the end. */
  print?: boolean;
  /** Turns the finished report into its final form (the CLI applies a baseline here). */
  finish?: (report: Report) => Report;
}

/**
 * Collects each case's verdict (carried in the test's meta from the worker), then builds the report.
 * Problems of the harness itself (a failing beforeAll, an unhandled error) are kept apart in
 * `runErrors`: they mean the run could not be carried out, not that the target differs.
 */
export class ConformanceReporter implements Reporter {
  readonly results: CaseResult[] = [];
  readonly runErrors: string[] = [];
  report?: Report;
  private readonly options: ConformanceReporterOptions;
  private startedAt = new Date();
  private expected = 0;
  private lastProgress = 0;

  constructor(options: ConformanceReporterOptions = {}) {
    this.options = options;
  }

  onInit(_vitest: Vitest): void {
    this.startedAt = new Date();
  }

  onTestModuleCollected(module: TestModule): void {
    this.expected += [...module.children.allTests()].length;
  }

  onTestCaseResult(test: TestCase): void {
    const result = test.meta().iamConformance;
    if (result) this.results.push(result);
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
    const run = publishedRun();
    if (!run) return;
    const client = { name: run.config.client, version: CLIENTS[run.config.client]?.version ?? 'unknown' };
    if (run.config.recordDir) {
      const { target, endpoint, accountId } = run.session;
      const meta = { target, endpoint, accountId, client, runId: run.config.runId, recordedAt: this.startedAt };
      const dir = recordingDir(run.config.recordDir, meta);
      const files = writeRecordings(dir, this.results, meta);
      if (this.options.print) process.stdout.write(`recordings: ${files.length} file(s) in ${dir}\n`);
    }
    let report = buildReport(withoutRaw(this.results), loadSpecs(run.config.specDir), {
      session: run.session,
      client,
      runId: run.config.runId,
      strict: run.config.strict,
      startedAt: this.startedAt,
      durationMs: Date.now() - this.startedAt.getTime(),
    });
    if (this.options.finish) report = this.options.finish(report);
    this.report = report;
    if (this.options.reportDir) writeReports(this.options.reportDir, report);
    if (this.options.print) {
      process.stdout.write(terminalSummary(report) + '\n');
      for (const e of this.runErrors) process.stdout.write(`run error: ${e}\n`);
    }
  }
}
