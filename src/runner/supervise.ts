import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ENV } from '../config.ts';
import { appendJournal, readJournal, removeJournal, startJournal } from '../targets/aws/journal.ts';
import { cleanupClient, readPolicy, sweep, type SweepResult } from '../targets/aws/sweep.ts';
import type { SessionInfo } from '../targets/types.ts';

const BIN = fileURLToPath(new URL('../../bin/iam-conformance.js', import.meta.url));

export interface SuperviseOptions {
  session: SessionInfo;
  /** The `run` command's own arguments, passed on to the process that runs the cases. */
  args: string[];
  log: (line: string) => void;
  /** Pause before the last look for what a request in flight at an interruption made (default 2 s). */
  settleMs?: number;
}

/**
 * A run in a real account, supervised. This process never runs a case: it writes the journal (and the
 * account password policy found) before anything is created, starts the cases in a child process, and
 * whatever way that ends — success, failures, a crash, SIGINT or SIGTERM — waits for it to be gone and
 * removes what the run created, by journal and by path, and puts the policy back. The child dies with
 * its supervisor (IPC disconnect), so after a kill -9 of this process nothing goes on creating users,
 * and `iam-conformance cleanup` can finish the job from the journal.
 */
export async function supervise(options: SuperviseOptions): Promise<number> {
  const { session, log } = options;
  const isolation = session.isolation!;
  const iam = cleanupClient({ endpoint: session.endpoint, region: session.region, credentials: session.admin });
  let signalled: NodeJS.Signals | undefined;
  let child: ChildProcess | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) {
      log(`iam-conformance: ${signal} again: abandoning the clean-up. What the run created is in ${isolation.journal};`);
      log(`  remove it with: iam-conformance cleanup --target aws --allow-aws-account ${session.accountId} --yes`);
      process.exit(signal === 'SIGINT' ? 130 : 143);
    }
    signalled = signal;
    log(`iam-conformance: ${signal}: stopping the cases, then removing what this run created (${signal} again abandons the clean-up)`);
    if (child && child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  // From the first moment the journal exists, an interruption means "clean up", never "die".
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    startJournal(isolation.journal, {
      runId: isolation.runId,
      accountId: session.accountId ?? '',
      endpoint: session.endpoint,
      region: session.region,
      path: isolation.path,
      namePrefix: isolation.namePrefix,
      tag: isolation.tag,
    });
    if (session.capabilities.accountPolicyWritable) {
      appendJournal(isolation.journal, { type: 'account-policy', snapshot: await readPolicy(iam), pid: process.pid });
    }
    let exit: { code: number | null; signal: NodeJS.Signals | null } = { code: null, signal: null };
    if (!signalled) {
      child = startCases(options);
      exit = await exited(child);
    }
    log(`iam-conformance: cleaning up run ${isolation.runId} (users under ${isolation.path}${session.capabilities.accountPolicyWritable ? ', the account password policy' : ''})`);
    const state = readJournal(isolation.journal);
    const result = await sweep(iam, { runId: isolation.runId, path: isolation.path, tag: isolation.tag, users: state.users, policy: state.policy }, { dryRun: false, log, settleMs: options.settleMs ?? 2000 });
    const clean = reportSweep(result, log);
    if (clean) removeJournal(isolation.journal);
    else log(`iam-conformance: the journal stays at ${isolation.journal}; try again with: iam-conformance cleanup --target aws --allow-aws-account ${session.accountId} --yes`);
    if (signalled) return signalled === 'SIGINT' ? 130 : 143;
    if (!clean) return 3;
    return exit.code ?? 3;
  } catch (e) {
    log(`iam-conformance: the supervised run failed: ${(e as Error).message}`);
    log(`  anything it created is in ${isolation.journal}; remove it with: iam-conformance cleanup --target aws --allow-aws-account ${session.accountId} --yes`);
    return signalled ? (signalled === 'SIGINT' ? 130 : 143) : 3;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    iam.destroy();
  }
}

function startCases(options: SuperviseOptions): ChildProcess {
  return fork(BIN, ['run', ...options.args], {
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    env: {
      ...process.env,
      [ENV.session]: JSON.stringify(options.session),
      [ENV.runId]: options.session.isolation!.runId,
      [ENV.supervised]: '1',
    },
  });
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve({ code: child.exitCode, signal: child.signalCode });
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
}

/** Prints what the clean-up did; true when nothing of the run is left. */
export function reportSweep(result: SweepResult, log: (line: string) => void): boolean {
  log(`iam-conformance: removed ${result.removed.length} user(s)${result.policy ? `; account password policy ${result.policy}` : ''}`);
  for (const n of result.notOurs) log(`  left alone (not this run's): ${n}`);
  for (const l of result.leftovers) log(`  could not remove: ${l}`);
  return result.leftovers.length === 0 && !result.policy?.startsWith('failed');
}
