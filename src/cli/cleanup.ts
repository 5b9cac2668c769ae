import { parse } from './args.ts';
import { CliError, EXIT } from '../exit-codes.ts';
import { iamEndpoint } from '../targets/aws/endpoints.ts';
import { callerIdentity, resolveCredentials, resolveRegion } from '../targets/aws/identity.ts';
import { journalDir, listJournals, readJournal, removeJournal, waitForRunProcesses, type JournalState } from '../targets/aws/journal.ts';
import { cleanupClient, sweep, type SweepTarget } from '../targets/aws/sweep.ts';
import { RUN_TAG_KEY, userPathFor } from '../iam/names.ts';
import { reportSweep } from '../targets/aws/supervise.ts';
import { ListUsersCommand, type IAMClient, type User } from '@aws-sdk/client-iam';
import { hostname } from 'node:os';

export const CLEANUP_HELP = `iam-conformance cleanup --target aws [options]

Removes what runs against a real AWS account left behind (a run killed with kill -9, a machine that went
down): every user under /iam-conformance/<run-id>/ (or at the root path named ic-<run-id>-…) that
carries the run's tag, and what hangs on it, found by the runs' journals and by path and name; and puts
back the account password policy a journal recorded. A dry run unless --yes.

  --target aws              the only target with shared accounts (default aws)
  --yes                     delete (and restore); without it, only print what would be done
  --allow-aws-account ID    required with --yes: the 12-digit account the credentials must belong to
  --older-than DURATION     runs without a journal on this machine are taken only when their users are
                            older than this (default 1h; 0 takes all): a run on another machine may be live
  --run-id ID               only this run
  --profile NAME            the profile for the credentials (default: the standard chain)
  --region REGION           (default from AWS_REGION, else us-east-1)
  --journal-dir DIR         where the runs journaled (default $IAM_CONFORMANCE_JOURNAL_DIR, else
                            ~/.local/state/iam-conformance/journals): as the run was given it

A run whose processes are still alive on this machine is never touched.

Exit codes: 0 done (or nothing to do), 2 usage or no opt-in, 3 something could not be removed or AWS
could not be reached.
`;

export async function cleanupCommand(args: string[]): Promise<number> {
  const { values } = parse('cleanup', args, {
    target: { type: 'string' },
    yes: { type: 'boolean' },
    'allow-aws-account': { type: 'string' },
    'older-than': { type: 'string' },
    'run-id': { type: 'string' },
    'journal-dir': { type: 'string' },
    profile: { type: 'string' },
    region: { type: 'string' },
  });
  if (values.help) {
    process.stdout.write(CLEANUP_HELP);
    return EXIT.ok;
  }
  if ((values.target ?? 'aws') !== 'aws') throw new CliError(`cleanup: only --target aws has anything to clean up (not "${values.target}")`, EXIT.usage);
  const olderThanMs = parseDuration(values['older-than'] ?? '1h');
  const dryRun = !values.yes;
  const log = (line: string) => process.stderr.write(`${line}\n`);

  const region = await resolveRegion(values.region, values.profile);
  const { endpoint, signingRegion } = iamEndpoint(region);
  const credentials = await resolveCredentials(values.profile, 'cleanup');
  const identity = await callerIdentity(credentials, region, 'cleanup');
  if (!dryRun && values['allow-aws-account'] !== identity.account) {
    throw new CliError(
      `cleanup: the credentials belong to AWS account ${identity.account} (as ${identity.arn}); deleting needs --allow-aws-account ${identity.account}` +
        (values['allow-aws-account'] ? ` (not ${values['allow-aws-account']})` : ''),
      EXIT.usage,
    );
  }

  const iam = cleanupClient({ endpoint, region: signingRegion, credentials });
  try {
    const runs = await findRuns(iam, identity.account, values['run-id'], olderThanMs, values['journal-dir'] ?? process.env.IAM_CONFORMANCE_JOURNAL_DIR, log);
    if (runs.length === 0) {
      log(`iam-conformance cleanup: nothing to clean up in account ${identity.account} (runs still going, if any, are listed above)`);
      return EXIT.ok;
    }
    let clean = true;
    for (const run of runs) {
      log(`iam-conformance cleanup: run ${run.target.runId} (${run.why})${dryRun ? ' — dry run, nothing deleted' : ''}`);
      const result = await sweep(iam, run.target, { dryRun, log, settleMs: 1000 });
      if (dryRun) {
        for (const u of result.removed) log(`  would remove user ${u}`);
        for (const r of result.resources) log(`  would remove ${r}`);
        if (result.policy) log(`  ${result.policy} the account password policy from the journal`);
        continue;
      }
      const ok = reportSweep(result, log);
      if (ok && run.journal) removeJournal(run.journal.file);
      clean &&= ok;
    }
    if (dryRun) log('iam-conformance cleanup: run again with --yes to delete');
    return clean ? EXIT.ok : EXIT.unavailable;
  } finally {
    iam.destroy();
  }
}

interface FoundRun {
  target: SweepTarget;
  journal?: JournalState;
  why: string;
  startedAt: number;
}

/** Runs to clean: those with a journal whose processes are all gone, and journal-less ones old enough. */
async function findRuns(iam: IAMClient, account: string, onlyRun: string | undefined, olderThanMs: number, journalFolder: string | undefined, log: (l: string) => void): Promise<FoundRun[]> {
  const runs = new Map<string, FoundRun>();
  // Runs that may still be going: neither their journal nor their path is touched.
  const live = new Set<string>();
  for (const file of listJournals(journalDir(journalFolder))) {
    let state: JournalState;
    try {
      state = readJournal(file);
    } catch (e) {
      log(`iam-conformance cleanup: skipping an unreadable journal: ${(e as Error).message}`);
      continue;
    }
    if (state.run.accountId !== account || (onlyRun && state.run.runId !== onlyRun)) continue;
    if (state.run.host !== hostname()) {
      // Its processes cannot be seen from here: it may be running. Only --older-than (or --run-id) says it is not.
      const age = Date.now() - Date.parse(state.run.startedAt);
      if (!onlyRun && age < olderThanMs) {
        log(`iam-conformance cleanup: run ${state.run.runId} was started on ${state.run.host} ${Math.round(age / 1000)} s ago and may still be running: left alone (--older-than, --run-id)`);
        live.add(state.run.runId);
        continue;
      }
    }
    // A run just killed may take a moment to be gone (its child processes exit with it): up to 15 s.
    const alive = await waitForRunProcesses(file, 15_000);
    if (alive.length > 0) {
      log(`iam-conformance cleanup: run ${state.run.runId} is still going (pid ${alive.join(', ')}): left alone`);
      live.add(state.run.runId);
      continue;
    }
    runs.set(state.run.runId, {
      target: { runId: state.run.runId, path: state.run.path, tag: state.run.tag, users: state.users, made: state.made, ...(state.policy ? { policy: state.policy } : {}) },
      journal: state,
      why: `journal ${file}`,
      startedAt: Date.parse(state.run.startedAt),
    });
  }
  const byRun = new Map<string, User[]>();
  let Marker: string | undefined;
  do {
    // Every user of the account: a run's users live under its path, and the few a scenario needs at the
    // root path "/" are known by their names (ic-<run id>-…); the sweep then checks each one's tag.
    const page = await iam.send(new ListUsersCommand({ PathPrefix: '/', ...(Marker ? { Marker } : {}) }));
    for (const u of page.Users ?? []) {
      const id = runOf(u);
      if (id) byRun.set(id, [...(byRun.get(id) ?? []), u]);
    }
    Marker = page.IsTruncated ? page.Marker : undefined;
  } while (Marker);
  for (const [id, users] of byRun) {
    if (runs.has(id) || live.has(id) || (onlyRun && id !== onlyRun)) continue;
    const newest = Math.max(...users.map((u) => u.CreateDate?.getTime() ?? Date.now()));
    if (Date.now() - newest < olderThanMs) {
      log(`iam-conformance cleanup: run ${id} has no journal here and users created ${Math.round((Date.now() - newest) / 1000)} s ago: left alone (--older-than)`);
      continue;
    }
    // The root-path users go by name (the sweep lists only the run's path); each one's tag is checked before anything is removed.
    const atRoot = users.filter((u) => u.Path === '/').map((u) => u.UserName!);
    runs.set(id, { target: { runId: id, path: userPathFor(id), tag: { Key: RUN_TAG_KEY, Value: id }, users: atRoot }, why: 'found by its path or names, no journal here', startedAt: newest });
  }
  // Newest first: when several killed runs saved a password policy, the oldest one saved the account's
  // own (the later ones may have saved an earlier run's test policy), so it must be restored last.
  return [...runs.values()].sort((a, b) => b.startedAt - a.startedAt);
}

/** The run a listed user belongs to, by its path, or at the root path by its name; else undefined. */
export function runOf(user: Pick<User, 'UserName' | 'Path'>): string | undefined {
  const byPath = /^\/iam-conformance\/([a-z0-9]{1,12})\/$/.exec(user.Path ?? '')?.[1];
  if (byPath) return byPath;
  // Case-sensitive, as the run names its users (lower case) and as the documented policy's ARNs match.
  return user.Path === '/' ? /^ic-([a-z0-9]{6})-/.exec(user.UserName ?? '')?.[1] : undefined;
}

export function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(text.trim());
  if (!m) throw new CliError(`cleanup: --older-than takes a duration like 30m, 2h or 1d, not "${text}"`, EXIT.usage);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[(m[2] ?? 's') as 'ms'];
  return Number(m[1]) * unit;
}
