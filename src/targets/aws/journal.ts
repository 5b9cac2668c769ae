import { closeSync, constants, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { homedir, hostname } from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import { join } from 'node:path';
import type { PolicySnapshot } from '../../iam/password-policy.ts';
import { TargetRefused } from '../types.ts';

/**
 * The run's journal: one JSON line per fact, appended and flushed to disk *before* the thing it
 * announces is done, so that after a kill -9 `iam-conformance cleanup` knows what the run may have left
 * and what the account password policy was. It holds names and the policy, never a secret.
 */
export type JournalRecord =
  | { type: 'run'; runId: string; accountId: string; endpoint: string; region: string; path: string; namePrefix: string; tag: { Key: string; Value: string }; startedAt: string; host: string; pid: number }
  | { type: 'account-policy'; snapshot: PolicySnapshot; pid: number }
  | { type: 'process'; pid: number; role: string }
  | { type: 'user'; name: string; pid: number; at: string }
  | { type: 'user-deleted'; name: string; pid: number }
  // What a case's step made (a scenario's CreateUser, a probe a target wrongly accepted), written *after*
  // the request succeeded (a success means it did not exist before: the run's own), and its removal.
  | { type: 'made'; kind: string; id: string; pid: number }
  | { type: 'made-removed'; kind: string; id: string; pid: number };

export type RunRecord = Extract<JournalRecord, { type: 'run' }>;

export interface JournalState {
  file: string;
  run: RunRecord;
  /** The policy found before the run, when the run was allowed to change it. */
  policy?: PolicySnapshot;
  /** Every user the run announced (created, or about to be) and has not seen deleted. */
  users: string[];
  /** Every process that wrote to the journal: the run is over only when all of them are. */
  pids: number[];
  /** What cases made and have not been seen removed, in the order made. */
  made: Array<{ kind: string; id: string }>;
}

/** The given folder (--journal-dir, IAM_CONFORMANCE_JOURNAL_DIR), else $XDG_STATE_HOME/iam-conformance/journals, else ~/.local/state/… */
export function journalDir(given?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (given) return given;
  return join(env.XDG_STATE_HOME || join(homedir(), '.local', 'state'), 'iam-conformance', 'journals');
}

export function journalFile(dir: string, runId: string): string {
  return join(dir, `${runId}.jsonl`);
}

export function startJournal(file: string, run: Omit<RunRecord, 'type' | 'host' | 'pid' | 'startedAt'>): void {
  mkdirSync(join(file, '..'), { recursive: true });
  if (existsSync(file)) throw new TargetRefused(`a journal for run ${run.runId} already exists (${file}): a run id is used once; pick another, or clean up first`);
  appendJournal(file, { type: 'run', ...run, startedAt: new Date().toISOString(), host: hostname(), pid: process.pid });
}

/**
 * Appends one record and flushes it to disk before returning. Only the run record creates the file: a
 * late write after the run's clean-up removed its journal fails (and what it announced is not done),
 * rather than leaving a journal without a run.
 */
export function appendJournal(file: string, record: JournalRecord): void {
  const fd = openSync(file, record.type === 'run' ? constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_EXCL : constants.O_WRONLY | constants.O_APPEND);
  try {
    writeSync(fd, JSON.stringify(record) + '\n');
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Reads a journal; a last line cut short by a kill is ignored (what it announced was not yet sent). */
export function readJournal(file: string): JournalState {
  const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
  const records: JournalRecord[] = [];
  for (const [i, line] of lines.entries()) {
    try {
      records.push(JSON.parse(line) as JournalRecord);
    } catch {
      if (i < lines.length - 1) throw new Error(`${file}: line ${i + 1} is not JSON`);
    }
  }
  const run = records.find((r): r is RunRecord => r.type === 'run');
  if (!run) throw new Error(`${file}: no run record`);
  const state: JournalState = { file, run, users: [], pids: [], made: [] };
  for (const r of records) {
    if (!state.pids.includes(r.pid)) state.pids.push(r.pid);
    if (r.type === 'account-policy' && !state.policy) state.policy = r.snapshot;
    if (r.type === 'user' && !state.users.includes(r.name)) state.users.push(r.name);
    if (r.type === 'user-deleted') state.users = state.users.filter((u) => u !== r.name);
    if (r.type === 'made') state.made.push({ kind: r.kind, id: r.id });
    if (r.type === 'made-removed') state.made = state.made.filter((m) => m.kind !== r.kind || m.id !== r.id);
  }
  return state;
}

export function listJournals(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort().map((f) => join(dir, f));
}

export function removeJournal(file: string): void {
  rmSync(file, { force: true });
}

/**
 * Waits until no process of the run is alive (the journal read afresh each time: a process may register
 * while we wait), up to `timeoutMs`; returns those still alive then. `except`: a pid not to wait for.
 */
export async function waitForRunProcesses(file: string, timeoutMs: number, except?: number): Promise<number[]> {
  for (let waited = 0; ; waited += 100) {
    const live = livePids(readJournal(file)).filter((p) => p !== except);
    if (live.length === 0 || waited >= timeoutMs) return live;
    await delay(100);
  }
}

/** Processes of the journal still alive on this machine (a journal from another host: none known). */
export function livePids(state: JournalState): number[] {
  if (state.run.host !== hostname()) return [];
  return state.pids.filter(isAlive);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A killed process nobody has reaped yet (a zombie) still answers signal 0, but is over.
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}
