import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import { startVitest } from 'vitest/node';
import { csv, parse } from './args.ts';
import { CliError, EXIT, signalExitCode } from './exit-codes.ts';
import { ENV, newRunId, runConfigToEnv, type RunConfig } from '../config.ts';
import { CLIENTS } from '../clients/index.ts';
import { loadSpecs } from '../spec/load.ts';
import { expandCases, filterCases } from '../cases/expand.ts';
import { findTarget, TARGETS } from '../targets/index.ts';
import { ConformanceReporter } from '../report/vitest-reporter.ts';
import { applyBaseline, BaselineError, loadBaseline, type Baseline } from '../baseline/baseline.ts';
import type { Report } from '../report/types.ts';
import type { SessionInfo, TargetSession } from '../targets/types.ts';
import { handOverSession } from '../run-state.ts';

const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const RUN_HELP = `iam-conformance run [options]

Runs the conformance cases against a target and reports, case by case, where it differs from AWS.

Target
  --target NAME        ${TARGETS.map((t) => t.name).join(' | ')} (default: $${ENV.target} or mock)
${TARGETS.map((t) => `                         ${t.name}: ${t.summary}`).join('\n')}
  --endpoint URL       the endpoint, for targets that take one
  --region REGION      signing region (default us-east-1)
  --image IMAGE        container image, for targets that run one
  --client NAME        ${Object.keys(CLIENTS).join(' | ')} (default js-sdk)

A real AWS account (--target aws; docs/aws.md)
  --allow-aws-account ID          the 12-digit account the run may change; without it, or if the
                                  credentials belong to another account, the run refuses (exit 2)
  --allow-account-policy-changes  run the cases that change the account password policy (the one
                                  found is put back afterwards); otherwise they are skipped
  --root-profile NAME             a profile with the account's root credentials, for root-caller cases
  --profile NAME                  the profile for the run's credentials (default: the standard chain)
  --record                        keep every case's raw responses (secrets redacted) as evidence under
                                  fixtures/recordings/<date>-<target>-<run id>/ (--record-dir DIR: elsewhere)

Which cases
  --operation OP       only these operations (repeat, or comma-separated)
  --tag TAG            only cases with these tags (constraint, scenario, password-policy, a member name...)
  --id GLOB            only case ids matching (repeat; * within a segment, ** across)
  --list               print the selected case ids and stop

Verdicts and reports
  --baseline FILE      known failures (fixtures/baselines/<target>.yaml): exit 0 only when the
                       outcomes are exactly those; a listed case that passes fails the run
  --strict             message text backed by docs or an AWS recording must match exactly
  --report-dir DIR     where report.json, report.md and junit.xml go (default reports/<target>)
  --show-secrets       print passwords in reports (never do this for a published report)
  --concurrency N      cases in flight at once (default 32 for mock, 8 otherwise)
  --quiet              no progress lines, only the summary

Exit codes: 0 conformant, 1 differences from AWS, 2 usage or spec error, 3 the run could not be
carried out (target down, engine missing, cases that could not run).
`;

export async function runCommand(args: string[]): Promise<number> {
  const { values } = parse('run', args, {
    target: { type: 'string' },
    endpoint: { type: 'string' },
    region: { type: 'string' },
    image: { type: 'string' },
    client: { type: 'string' },
    operation: { type: 'string', multiple: true },
    tag: { type: 'string', multiple: true },
    id: { type: 'string', multiple: true },
    list: { type: 'boolean' },
    strict: { type: 'boolean' },
    'report-dir': { type: 'string' },
    'show-secrets': { type: 'boolean' },
    concurrency: { type: 'string' },
    quiet: { type: 'boolean' },
    specs: { type: 'string' },
    baseline: { type: 'string' },
    'allow-aws-account': { type: 'string' },
    'allow-account-policy-changes': { type: 'boolean' },
    'root-profile': { type: 'string' },
    profile: { type: 'string' },
    record: { type: 'boolean' },
    'record-dir': { type: 'string' },
  });
  if (values.help) {
    process.stdout.write(RUN_HELP);
    return EXIT.ok;
  }
  if (values.record && values['show-secrets']) {
    throw new CliError('run: --record keeps evidence to publish, so it never holds passwords: drop --show-secrets', EXIT.usage);
  }
  const targetName = values.target ?? process.env[ENV.target] ?? 'mock';
  const adapter = findTarget(targetName);
  if (!adapter) throw new CliError(`run: unknown target "${targetName}" (one of: ${TARGETS.map((t) => t.name).join(', ')})`, EXIT.usage);
  const client = values.client ?? process.env[ENV.client] ?? 'js-sdk';
  if (!CLIENTS[client]) throw new CliError(`run: unknown client "${client}" (one of: ${Object.keys(CLIENTS).join(', ')})`, EXIT.usage);
  const concurrency = values.concurrency === undefined ? (targetName === 'mock' ? 32 : 8) : Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new CliError(`run: --concurrency must be a positive whole number`, EXIT.usage);

  const config: RunConfig = {
    target: targetName,
    endpoint: values.endpoint ?? process.env[ENV.endpoint],
    region: values.region,
    image: values.image ?? process.env[ENV.image],
    client,
    runId: runIdFromEnv(),
    strict: !!values.strict,
    showSecrets: !!values['show-secrets'],
    filter: { operations: csv(values.operation), tags: csv(values.tag), ids: csv(values.id) },
    specDir: values.specs ? resolve(values.specs) : undefined,
    concurrency,
    recordDir: values.record ? resolve(values['record-dir'] ?? join('fixtures', 'recordings')) : undefined,
  };

  let baseline: Baseline | undefined;
  if (values.baseline) {
    try {
      baseline = loadBaseline(values.baseline);
    } catch (e) {
      if (e instanceof BaselineError) throw new CliError(`run: ${e.message}`, EXIT.usage);
      throw e;
    }
  }

  // Spec problems are usage errors: found before anything starts.
  const specs = loadSpecs(config.specDir);
  const selected = filterCases(expandCases(specs, { runId: config.runId }), config.filter);
  if (values.list) {
    for (const c of selected) process.stdout.write(`${c.id}\t${c.title}\n`);
    return EXIT.ok;
  }
  for (const op of config.filter.operations ?? []) {
    if (!specs.operations.some((o) => o.operation === op)) {
      throw new CliError(`run: unknown operation "${op}" (one of: ${specs.operations.map((o) => o.operation).join(', ')})`, EXIT.usage);
    }
  }
  if (selected.length === 0) throw new CliError('run: no case matches the filters', EXIT.usage);

  const reportDir = resolve(values['report-dir'] ?? join('reports', targetName));
  const log = (line: string) => process.stderr.write(`${line}\n`);
  if (!values.quiet) log(`iam-conformance: ${selected.length} cases against ${targetName} (client ${client}, run ${config.runId})`);
  // A supervised run (aws) hands its session to the process that runs the cases: that process must not
  // start the target again, and exits as soon as its supervisor is gone (kill -9 included).
  const handedOver = process.env[ENV.supervised] === '1' ? await sessionFromSupervisor() : undefined;
  // Before a supervised run has created anything (it is still asking STS who it is), an interruption
  // just ends it: there is nothing to clean up yet.
  const early = (signal: NodeJS.Signals) => {
    log(`iam-conformance: ${signal} before anything was created: stopping`);
    process.exit(signalExitCode(signal));
  };
  if (adapter.supervised && !handedOver) for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(s, early);
  const session: TargetSession = handedOver
    ? { ...handedOver, async stop() {} }
    : await adapter.start({
        runId: config.runId,
        endpoint: config.endpoint,
        region: config.region,
        image: config.image,
        allowAccount: values['allow-aws-account'],
        allowAccountPolicyChanges: !!values['allow-account-policy-changes'],
        rootProfile: values['root-profile'],
        profile: values.profile,
        log,
      });
  if (adapter.supervised && !handedOver) {
    const { supervise } = await import('../runner/supervise.ts');
    const supervised = supervise({ session, args, log, profile: values.profile }); // takes over the signals before its first await
    for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.off(s, early);
    return supervised;
  }

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

  const { stop: _stop, ...info } = session;
  Object.assign(process.env, runConfigToEnv(config));
  handOverSession(info);
  const reporter = new ConformanceReporter({
    reportDir,
    print: !values.quiet,
    finish: baseline ? (report) => applyBaseline(report, baseline, values.baseline!) : undefined,
  });
  try {
    const vitest = await startVitest(
      'test',
      [],
      {
        root: PACKAGE_ROOT,
        config: join(PACKAGE_ROOT, 'vitest.config.ts'),
        project: ['conformance'],
        watch: false,
        reporters: [reporter, ['junit', { outputFile: join(reportDir, 'junit.xml'), suiteName: `iam-conformance ${targetName}` }]],
      },
      { test: { maxConcurrency: concurrency } },
    );
    await vitest.close();
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await stopTarget();
  }
  if (values.quiet && reporter.report) {
    const { terminalSummary } = await import('../report/terminal.ts');
    process.stdout.write(terminalSummary(reporter.report) + '\n');
  }
  return exitCodeFor(reporter.report, reporter.runErrors, selected.length);
}

/** A fixed run id (IAM_CONFORMANCE_RUN_ID) reproduces a run's generated values; default random. */
function runIdFromEnv(): string {
  const fixed = process.env[ENV.runId];
  if (!fixed) return newRunId();
  if (!/^[a-z0-9]{1,12}$/.test(fixed)) throw new CliError(`${ENV.runId} must be 1-12 lower-case letters and digits`, EXIT.usage);
  return fixed;
}

function exitCodeFor(report: Report | undefined, runErrors: string[], expected: number): number {
  if (!report || report.cases.length < expected) {
    for (const e of runErrors) process.stderr.write(`iam-conformance: ${e}\n`);
    process.stderr.write(`iam-conformance: the run could not be carried out (${report?.cases.length ?? 0} of ${expected} cases ran)\n`);
    return EXIT.unavailable;
  }
  if (report.summary.errored > 0) return EXIT.unavailable;
  if (report.baseline) {
    return report.baseline.newFailures.length > 0 || report.baseline.unexpectedPasses.length > 0 ? EXIT.differences : EXIT.ok;
  }
  if (report.summary.failed > 0) return EXIT.differences;
  return EXIT.ok;
}

/**
 * The process that runs a supervised run's cases gets its session (credentials included) from its
 * supervisor over the IPC channel, and exits as soon as the supervisor is gone (kill -9 included).
 */
function sessionFromSupervisor(): Promise<SessionInfo> {
  if (!process.send || !process.connected) throw new CliError(`${ENV.supervised} is set, but this process was not started by a supervisor`, EXIT.usage);
  process.on('disconnect', () => process.exit(EXIT.unavailable));
  return new Promise((resolve) => {
    process.once('message', (message: { session?: SessionInfo }) => {
      process.channel?.unref(); // from now on the channel only tells of the supervisor's end
      if (!message.session) throw new CliError('the supervisor sent no session', EXIT.unavailable);
      resolve(message.session);
    });
  });
}
