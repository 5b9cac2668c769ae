import { CliError, EXIT, signalExitCode } from '../exit-codes.ts';
import { planRun, PlanError, type RunPlan } from '../run/plan.ts';
import { reportExitCode } from './report-exit-code.ts';
import { runHelp } from '../run/help.ts';
import { launchTarget } from '../run/launch.ts';
import { pickBaseline } from '../run/baseline-pick.ts';
import { CODE_ROOT, conformanceProject, laneProjects, NATIVE_MODULES } from '../run/vitest/project.ts';
import { laneCount } from '../run/lanes.ts';
import { selectCases, type Selection } from '../run/select.ts';
import type { SpecSet } from '../specfile/types.ts';
import { findTarget } from '../targets/index.ts';
import type { Report } from '../report/types.ts';
import type { SessionInfo, TargetAdapter, TargetSession } from '../targets/types.ts';

/**
 * `iam-conformance run`: plan the run (every setting checked before anything starts), select its cases,
 * start the target, and hand both to vitest, whose engine runs the cases through the one scheduler.
 * A target with a supervisor (aws) takes over from here: the cases then run in a child process.
 */
export async function runCommand(args: string[]): Promise<number> {
  let plan: RunPlan & { help?: true };
  try {
    plan = planRun(args, process.env);
  } catch (e) {
    if (e instanceof PlanError) throw new CliError(`run: ${e.message}`, EXIT.usage);
    throw e;
  }
  if (plan.help) {
    process.stdout.write(runHelp());
    return EXIT.ok;
  }
  // Spec problems are usage errors: found before anything starts.
  let selection;
  try {
    selection = await selectCases(plan);
  } catch (e) {
    if (e instanceof PlanError) throw new CliError(`run: ${e.message}`, EXIT.usage);
    throw e;
  }
  const selected = selection.cases;
  if (plan.list) {
    for (const c of selected) process.stdout.write(`${c.id}\t${c.title}\n`);
    return EXIT.ok;
  }
  if (plan.rerunIds?.length === 0) {
    process.stderr.write('iam-conformance: --rerun-failed: that report has no failed or errored case: nothing to run\n');
    return EXIT.ok;
  }
  // An empty share of a sharded run is no mistake (a small selection split over many machines): its
  // report says so, with its shard, and merge-reports counts it. Filters that select nothing at all are.
  if (selection.unsharded === 0 || (selected.length === 0 && !plan.shard)) throw new CliError('run: no case matches the filters', EXIT.usage);

  const log = (line: string) => process.stderr.write(`${line}\n`);
  if (!plan.quiet) log(`iam-conformance: ${selected.length} cases against ${plan.target} (client ${plan.client}, run ${plan.runId})`);
  const adapter = findTarget(plan.target)!;
  // A supervised run (aws) hands its session to the process that runs the cases: that process must not
  // start the target again, and exits as soon as its supervisor is gone (kill -9 included).
  const handedOver = plan.supervised ? await joinSupervisor(adapter) : undefined;
  // Before a supervised run has created anything (it is still asking STS who it is), an interruption
  // just ends it: there is nothing to clean up yet.
  const early = (signal: NodeJS.Signals) => {
    log(`iam-conformance: ${signal} before anything was created: stopping`);
    process.exit(signalExitCode(signal));
  };
  const supervises = adapter.supervise && !handedOver;
  if (supervises) for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(s, early);
  const session: TargetSession = handedOver ? { ...handedOver, async stop() {} } : await launchTarget(plan, log);
  // --baseline auto: the committed baseline of the version the target just reported (or exit 2 naming the file to create).
  try {
    plan = pickBaseline(plan, session);
  } catch (e) {
    await session.stop().catch(() => {});
    if (e instanceof PlanError) throw new CliError(`run: ${e.message}`, EXIT.usage);
    throw e;
  }
  if (plan.baseline && !plan.quiet) log(`iam-conformance: held to the baseline ${plan.baseline}${session.version ? ` (${plan.target} ${session.version})` : ''}`);
  if (supervises) {
    const supervised = adapter.supervise!(session, plan, log); // takes over the signals before its first await
    for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.off(s, early);
    return supervised;
  }
  const code = await runCases(plan, session, { cases: selected, sensitiveMembers: selection.sensitiveMembers }, selection.specs, log);
  if (handedOver) await adapter.leaveSupervisor?.(code);
  return code;
}

/** The cases under vitest, the target stopped on every exit path; the exit code from the report. */
async function runCases(plan: RunPlan, session: TargetSession, selection: Selection, specs: SpecSet, log: (line: string) => void): Promise<number> {
  const expected = selection.cases.length;
  let stopped = false;
  const stopTarget = async () => {
    if (stopped) return;
    stopped = true;
    await session.stop().catch((e: Error) => log(`iam-conformance: stopping the target failed: ${e.message}`));
  };
  const onSignal = (signal: NodeJS.Signals) => {
    log(`iam-conformance: ${signal}: stopping the target, no report written`);
    void stopTarget().finally(() => process.exit(signalExitCode(signal)));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const { stop: _stop, ...located } = session;
  const { createVitest } = await import('vitest/node');
  const { ConformanceReporter } = await import('../run/vitest/reporter.ts');
  // Every report, junit.xml included, is a view of report.json written by this reporter (src/report/write.ts).
  const reporter = new ConformanceReporter({ print: !plan.quiet, alwaysWrite: true, specs });
  // One worker runs every case, or lanes of them run side by side (--workers; src/run/lanes.ts).
  const lanes = laneCount(plan, selection.cases);
  const capture = !!plan.recordDir || !!plan.transcript;
  // One worker keeps V8's own limits: what it holds depends on the target and the client (a run with many
  // failures keeps more), and only the in-process mock's lanes were measured (docs/performance.md).
  const projects = lanes > 1 ? { projects: laneProjects(lanes, selection.cases, capture), maxWorkers: lanes } : conformanceProject();
  // vitest applies VITEST_MAX_WORKERS to every project: at 1 it would run the lanes one after another.
  if (lanes > 1) delete process.env.VITEST_MAX_WORKERS;
  try {
    const vitest = await createVitest({
      root: CODE_ROOT,
      config: false,
      ...projects,
      experimental: { ...NATIVE_MODULES },
      watch: false,
      // An empty shard declares no test: that is its whole, correct, run.
      passWithNoTests: true,
      reporters: [reporter],
    });
    // In lanes each project carries its own cases: the run's selection goes without them.
    vitest.provide('iamConformance', lanes > 1 ? { plan, session: located, selection: { ...selection, cases: [] }, selected: expected } : { plan, session: located, selection });
    try {
      await vitest.start();
    } finally {
      await vitest.close();
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await stopTarget();
  }
  if (plan.quiet && reporter.report) {
    const { terminalSummary } = await import('../report/terminal.ts');
    process.stdout.write(terminalSummary(reporter.report) + '\n');
  }
  // The last lines of every run: where each report went.
  if (reporter.report) for (const file of reporter.written) log(`report written: ${file}`);
  return exitCodeFor(reporter.report, reporter.runErrors, expected);
}

function exitCodeFor(report: Report | undefined, runErrors: string[], expected: number): number {
  if (!report || report.cases.length < expected) {
    for (const e of runErrors) process.stderr.write(`iam-conformance: ${e}\n`);
    process.stderr.write(`iam-conformance: the run could not be carried out (${report?.cases.length ?? 0} of ${expected} cases ran)\n`);
    return EXIT.unavailable;
  }
  // Every case ran, but the harness failed around them (the account policy not put back, say).
  for (const e of runErrors) process.stderr.write(`iam-conformance: ${e}\n`);
  return reportExitCode(report);
}

/** This process runs the cases of a supervised run: its target hands it the session from the supervisor. */
function joinSupervisor(adapter: TargetAdapter): Promise<SessionInfo> {
  if (!adapter.joinSupervisor) throw new CliError(`IAM_CONFORMANCE_SUPERVISED is set, but --target ${adapter.name} has no supervisor`, EXIT.usage);
  return adapter.joinSupervisor();
}
