import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname } from 'node:path';
import { resolveCredentials } from './identity.ts';
import { appendJournal, listJournals, livePids, readJournal, removeJournal, startJournal, waitForRunProcesses } from './journal.ts';
import { cleanupClient, listUnder, readPolicy, sweep, type SweepResult } from './sweep.ts';
import { TargetRefused, TargetUnavailable, type SessionInfo } from '../types.ts';
import { signalExitCode } from '../../exit-codes.ts';

const BIN = fileURLToPath(new URL('../../../bin/iam-conformance.js', import.meta.url));
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

export interface SuperviseOptions {
  session: SessionInfo;
  /** The `run` command's own arguments, passed on to the process that runs the cases. */
  args: string[];
  log: (line: string) => void;
  /** The profile the credentials came from, to resolve them afresh for the clean-up. */
  profile?: string;
  /** Pause before the last look for what a request in flight at an interruption made (default 2 s). */
  settleMs?: number;
}

/**
 * A run in a real account, supervised. This process never runs a case: it writes the journal (and the
 * account password policy found) before anything is created, starts the cases in a child process, and
 * whatever way that ends — success, failures, a crash, SIGINT, SIGTERM or SIGHUP — waits until every
 * process of the run is gone, then removes what the run created, by journal and by path, and puts the
 * policy back. The child dies with its supervisor (IPC disconnect), so after a kill -9 of this process
 * nothing goes on creating users, and `iam-conformance cleanup` can finish the job from the journal.
 */
export async function supervise(options: SuperviseOptions): Promise<number> {
  const { session, log } = options;
  const isolation = session.isolation!;
  const cleanupHint = `iam-conformance cleanup --target aws --allow-aws-account ${session.accountId} --journal-dir ${dirname(isolation.journal)} --yes`;
  const iam = cleanupClient({ endpoint: session.endpoint, region: session.region, credentials: session.admin });
  let signalled: NodeJS.Signals | undefined;
  let child: ChildProcess | undefined;
  let journalStarted = false;
  // A closed terminal or a killed `| tee` must not take the clean-up down with a write error (EPIPE, EIO).
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});
  const onSignal = (signal: NodeJS.Signals) => {
    // Only a second Ctrl-C abandons the clean-up: SIGHUP and SIGTERM often come twice for one event
    // (the shell and the kernel each send one when a terminal closes).
    if (signalled && signal !== 'SIGINT') return;
    if (signalled) {
      log(`iam-conformance: ${signal} again: abandoning the clean-up. What the run created is in ${isolation.journal};`);
      log(`  remove it with: ${cleanupHint}`);
      process.exit(signalExitCode(signal));
    }
    signalled = signal;
    log(`iam-conformance: ${signal}: stopping the cases, then removing what this run created (${signal} again abandons the clean-up)`);
    if (child && child.exitCode === null && child.signalCode === null) child.kill(signal === 'SIGHUP' ? 'SIGTERM' : signal);
  };
  // From the first moment the journal exists, an interruption means "clean up", never "die".
  for (const s of SIGNALS) process.on(s, onSignal);
  try {
    await refuseOverlaps(session, iam);
    const { journal, ...where } = isolation;
    startJournal(journal, { ...where, accountId: session.accountId ?? '', endpoint: session.endpoint, region: session.region });
    journalStarted = true;
    if (session.capabilities.accountPolicyWritable) {
      appendJournal(isolation.journal, { type: 'account-policy', snapshot: await readPolicy(iam), pid: process.pid });
    }
    let exit: { code: number | null; signal: NodeJS.Signals | null } = { code: null, signal: null };
    // The child tells its verdict over IPC before it exits: an exit without it is a crash (exit 3),
    // never a report of differences.
    let reported: number | undefined;
    if (!signalled) {
      child = startCases(options);
      appendJournal(isolation.journal, { type: 'process', pid: child.pid!, role: 'cases' });
      child.on('message', (m: { exitCode?: number }) => {
        if (typeof m?.exitCode === 'number') reported = m.exitCode;
      });
      exit = await exited(child);
    }
    const clean = await cleanUp(options);
    if (!clean) {
      log(`iam-conformance: the journal stays at ${isolation.journal}; try again with: ${cleanupHint}`);
      return 3;
    }
    if (signalled) return signalExitCode(signalled);
    if (reported === undefined) {
      log(`iam-conformance: the process that ran the cases ended without a result (${exit.signal ?? `exit ${exit.code}`})`);
      return 3;
    }
    return reported;
  } catch (e) {
    if (e instanceof TargetRefused) throw e;
    log(`iam-conformance: the supervised run failed: ${(e as Error).message}`);
    if (journalStarted) log(`  anything it created is in ${isolation.journal}; remove it with: ${cleanupHint}`);
    return 3;
  } finally {
    for (const s of SIGNALS) process.off(s, onSignal);
    iam.destroy();
  }
}

/**
 * Two runs must not share a path (a reused IAM_CONFORMANCE_RUN_ID), and two runs that change the
 * account password policy must not overlap: each would save the other's test policy as "the original".
 */
async function refuseOverlaps(session: SessionInfo, iam: ReturnType<typeof cleanupClient>): Promise<void> {
  const { path, namePrefix } = session.isolation!;
  if ((await listUnder(iam, path)).length > 0) {
    throw new TargetRefused(`users already exist under ${path}: another run with the same run id? Pick another (IAM_CONFORMANCE_RUN_ID), or clean up first`);
  }
  // A run's few users at the root path carry its name prefix: one of those left behind is a used run id too.
  const atRoot = (await listUnder(iam, '/')).find((u) => u.UserName?.startsWith(namePrefix));
  if (atRoot) {
    throw new TargetRefused(`a user named ${atRoot.UserName} already exists at the path /: another run with the same run id? Pick another (IAM_CONFORMANCE_RUN_ID), or clean up first`);
  }
  if (!session.capabilities.accountPolicyWritable) return;
  for (const file of listJournals(dirname(session.isolation!.journal))) {
    let other;
    try {
      other = readJournal(file);
    } catch {
      continue;
    }
    const alive = other.run.accountId === session.accountId && other.policy ? livePids(other) : [];
    if (alive.length > 0) {
      throw new TargetRefused(
        `run ${other.run.runId} (pid ${alive.join(', ')}) is changing the account password policy of ${session.accountId} right now; ` +
          'two such runs would each take the other\'s test policy for the original. Wait for it, or run without --allow-account-policy-changes',
      );
    }
  }
}

/** Waits for every process of the run, then sweeps until the journal names nothing new. True when clean. */
async function cleanUp(options: SuperviseOptions): Promise<boolean> {
  const { session, log } = options;
  const isolation = session.isolation!;
  log(`iam-conformance: cleaning up run ${isolation.runId} (users under ${isolation.path}${session.capabilities.accountPolicyWritable ? ', the account password policy' : ''})`);
  // The cases run in a grandchild (vitest's worker), which exits a moment after the child: wait for it,
  // and if a process of the run is still there after 30 s, end it: nothing may create while we sweep.
  for (const pid of await waitForRunProcesses(isolation.journal, 30_000, process.pid)) {
    log(`iam-conformance: process ${pid} of the run is still there after 30 s: killing it before the clean-up`);
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
  }
  await waitForRunProcesses(isolation.journal, 5_000, process.pid);
  // Temporary credentials may have expired during the run: resolve them again (the same chain).
  const credentials = await resolveCredentials(options.profile, 'the clean-up').catch(() => session.admin);
  const iam = cleanupClient({ endpoint: session.endpoint, region: session.region, credentials });
  try {
    // Swept again if the journal names users the last sweep did not see (a late write of the cases).
    let swept = '';
    let result: SweepResult | undefined;
    for (let round = 0; round < 3; round++) {
      const state = readJournal(isolation.journal);
      const names = JSON.stringify([[...state.users].sort(), state.made]);
      if (result && names === swept) break;
      swept = names;
      result = await sweep(iam, { runId: isolation.runId, path: isolation.path, tag: isolation.tag, users: state.users, policy: state.policy, made: state.made }, { dryRun: false, log, settleMs: options.settleMs ?? 2000 });
    }
    const clean = reportSweep(result!, log);
    if (clean) removeJournal(isolation.journal);
    return clean;
  } finally {
    iam.destroy();
  }
}

function startCases(options: SuperviseOptions): ChildProcess {
  const child = fork(BIN, ['run', ...options.args], {
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, IAM_CONFORMANCE_RUN_ID: options.session.isolation!.runId, IAM_CONFORMANCE_SUPERVISED: '1' },
  });
  // The session (credentials included) goes over the IPC channel, never through the environment.
  child.on('error', (e) => options.log(`iam-conformance: the process for the cases failed: ${e.message}`));
  child.send({ session: options.session }, (e) => e && options.log(`iam-conformance: could not hand the session over: ${e.message}`));
  return child;
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve({ code: child.exitCode, signal: child.signalCode });
    child.once('exit', (code, signal) => resolve({ code, signal }));
    // It could not be started (or the session could not be sent): nothing ran; clean up all the same.
    child.once('error', () => resolve({ code: null, signal: null }));
  });
}

/** Prints what the clean-up did; true when nothing of the run is left. */
export function reportSweep(result: SweepResult, log: (line: string) => void): boolean {
  log(`iam-conformance: removed ${result.removed.length} user(s)${result.resources.length ? ` and ${result.resources.length} other resource(s) its cases made (${result.resources.join(', ')})` : ''}${result.policy ? `; account password policy ${result.policy}` : ''}`);
  for (const n of result.notOurs) log(`  left alone (not this run's): ${n}`);
  for (const l of result.leftovers) log(`  could not remove: ${l}`);
  return result.leftovers.length === 0 && !result.policy?.startsWith('failed');
}

/** The child's verdict, for its supervisor: sent before it exits (an exit without it is a crash). */
export function tellSupervisor(exitCode: number): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send || !process.connected) return resolve();
    process.send({ exitCode }, () => resolve());
  });
}

/**
 * The process that runs a supervised run's cases gets its session (credentials included) from its
 * supervisor over the IPC channel, and exits as soon as the supervisor is gone (kill -9 included).
 */
export function sessionFromSupervisor(): Promise<SessionInfo> {
  if (!process.send || !process.connected) throw new TargetRefused('IAM_CONFORMANCE_SUPERVISED is set, but this process was not started by a supervisor');
  process.on('disconnect', () => process.exit(3));
  return new Promise((resolve, reject) => {
    process.once('message', (message: { session?: SessionInfo }) => {
      process.channel?.unref(); // from now on the channel only tells of the supervisor's end
      if (message.session) resolve(message.session);
      else reject(new TargetUnavailable('the supervisor sent no session'));
    });
  });
}
