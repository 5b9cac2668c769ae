/**
 * Interrupted runs against a simulated AWS: SIGINT at random moments (the supervisor cleans up), and
 * kill -9 (nothing can run; `cleanup` finishes the job from the journal). After each, the account must be
 * exactly as found: no user of the run left, pre-existing users untouched, the policy byte for byte.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AttachUserPolicyCommand, CreateLoginProfileCommand, CreateUserCommand, DeleteUserCommand } from '@aws-sdk/client-iam';
import { seededRandom } from '../../../src/cases/random.ts';
import { runCli, startCli } from '../../helpers/cli.ts';
import { PRE_EXISTING, startSimulatedAws, type SimulatedAwsServer } from '../../helpers/simulated-aws.ts';

const RUNS = 20;
const OPT_IN = ['--target', 'aws', '--allow-aws-account', '123456789012', '--allow-account-policy-changes', '--root-profile', 'root', '--quiet'];

let aws: SimulatedAwsServer;
let before: { state: unknown; policy: string };

beforeAll(async () => {
  aws = await startSimulatedAws({ keyDelayMs: 150, profileDelayMs: 100, userDelayMs: 50, throttleRate: 0.01 });
  before = { state: await aws.accountState(), policy: await aws.policyBody() };
});
afterAll(() => aws?.close());

const preExisting = new Set(PRE_EXISTING.map((u) => u.UserName.toLowerCase()).concat('iam-conformance-admin'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const journals = () => (existsSync(aws.journalDir) ? readdirSync(aws.journalDir) : []);
/** Users the journals announce and have not seen deleted: those the run had in the account when stopped. */
function liveUsersInJournals(): number {
  let n = 0;
  for (const f of journals()) {
    const lines = readFileSync(join(aws.journalDir, f), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
    const deleted = new Set(lines.filter((l) => l.type === 'user-deleted').map((l) => l.name));
    n += lines.filter((l) => l.type === 'user' && !deleted.has(l.name)).length;
  }
  return n;
}

/** `readable`: users `cleanup --older-than 0` may read (to find they carry no run tag), never change. */
async function expectAccountAsFound(readable: string[] = []) {
  expect(await aws.accountState()).toEqual(before.state);
  expect(await aws.policyBody()).toBe(before.policy);
  const touched = aws.sim.log.filter((r) => r.userName && preExisting.has(r.userName.toLowerCase()));
  expect(touched.filter((r) => !(readable.includes(r.userName!) && r.action === 'GetUser'))).toEqual([]);
}

describe('interrupted runs', () => {
  test(`${RUNS} runs stopped with SIGINT at random moments leave nothing behind`, async () => {
    const rng = seededRandom('sigint');
    const figures: string[] = [];
    let withUsers = 0;
    let withPolicyChanged = 0;
    for (let i = 0; i < RUNS; i++) {
      // Half the runs are the account-policy cases alone, so that many stops land while the policy is changed.
      const only = i % 2 === 1 ? ['--tag', 'password-policy'] : [];
      // And both ways of having users: every other pair of runs gives each case fresh ones.
      const isolation = ['--isolation', i % 4 < 2 ? 'pooled' : 'fresh'];
      // The moment counts from a point in the run, so that it falls in the same part of a run on a fast
      // machine and a slow one: for all cases, the journal's creation (the run's first act in the account,
      // seconds before the first case); for the policy cases, their first user (the cases have begun).
      const moment = rng.int(i % 2 === 1 ? 2500 : 8000);
      const known = new Set(journals());
      const run = startCli(['run', ...OPT_IN, ...isolation, ...only], aws.env);
      const begun = () => journals().some((j) => !known.has(j) && (!only.length || readFileSync(join(aws.journalDir, j), 'utf8').includes('"type":"user"')));
      for (let waited = 0; !begun() && run.child.exitCode === null && waited < 30_000; waited += 20) await sleep(20);
      await sleep(moment);
      const usersAtStop = liveUsersInJournals();
      const policyChanged = (await aws.policyBody()) !== before.policy;
      // Under load a short run can end before its moment comes: then it is a finished run, checked the same.
      const finishedFirst = run.child.exitCode !== null;
      if (!finishedFirst) run.child.kill('SIGINT');
      const { code, signal, stderr } = await run.done;
      const removed = /removed (\d+) user\(s\)(?:; account password policy (\w+))?/.exec(stderr);
      figures.push(`run ${String(i + 1).padStart(2)}: ${only.length ? 'policy cases' : 'all cases   '} ${isolation[1]!.padEnd(6)} SIGINT ${String(moment).padStart(4)} ms after ${only.length ? 'its first user' : 'its journal   '}, users of the run in the account ${String(usersAtStop).padStart(3)}, policy changed ${policyChanged ? 'yes' : 'no '}, exit ${code ?? signal}${finishedFirst || code === 0 ? ' (finished before the signal)' : ''}, sweep removed ${removed?.[1] ?? '-'}, policy ${removed?.[2] ?? '-'}`);
      if (usersAtStop > 0) withUsers++;
      if (policyChanged) withPolicyChanged++;
      // Stopped while Node is still loading the tool, the process dies of the signal (the shell shows 130):
      // nothing was created then, which the checks below confirm.
      // Exit 0 is right only for a run that never saw the signal (it had finished): a run that saw it says so.
      const finished = code === 0 && !stderr.includes('SIGINT:');
      expect(code === 130 || signal === 'SIGINT' || finished, `exit ${code} ${signal}: ${stderr}`).toBe(true);
      expect(journals()).toEqual([]);
      await expectAccountAsFound();
    }
    console.log(`${RUNS} interrupted runs:\n${figures.join('\n')}\n${withUsers} stopped with users of the run in the account, ${withPolicyChanged} with the policy changed`);
    // The moments must actually have caught runs in the middle of something.
    expect(withUsers).toBeGreaterThanOrEqual(5);
    expect(withPolicyChanged).toBeGreaterThanOrEqual(3);
  }, 900_000);

  test('SIGINT while the terminal output is gone (a `| tee` killed by the same Ctrl-C): the clean-up still happens', async () => {
    const run = startCli(['run', ...OPT_IN, '--tag', 'password-policy'], aws.env);
    for (let waited = 0; liveUsersInJournals() === 0 && waited < 20_000; waited += 20) await sleep(20);
    expect(liveUsersInJournals()).toBeGreaterThan(0);
    run.child.stdout.destroy();
    run.child.stderr.destroy();
    run.child.kill('SIGINT');
    const { code } = await run.done;
    expect(code).toBe(130);
    expect(journals()).toEqual([]);
    await expectAccountAsFound();
  }, 120_000);

  test('kill -9 mid-run, then `cleanup --yes`, leaves nothing behind; the dry run before it changes nothing', async () => {
    const run = startCli(['run', ...OPT_IN, '--tag', 'password-policy'], aws.env);
    // Kill when the run has users in the account and the policy is changed (or after 20 s regardless).
    for (let waited = 0; waited < 20_000; waited += 25) {
      if (liveUsersInJournals() > 0 && (await aws.policyBody()) !== before.policy) break;
      await sleep(25);
    }
    const usersAtKill = liveUsersInJournals();
    const policyChanged = (await aws.policyBody()) !== before.policy;
    run.child.kill('SIGKILL');
    const killed = await run.done;
    expect(killed.signal).toBe('SIGKILL');
    expect(usersAtKill).toBeGreaterThan(0);
    expect(policyChanged).toBe(true);
    expect(journals()).toHaveLength(1);

    // The journal a kill leaves holds names and the policy, never a secret.
    const journalText = readFileSync(join(aws.journalDir, journals()[0]!), 'utf8');
    expect(journalText).toContain('"type":"user"');
    expect([...aws.secrets, ...[...aws.passwordsSeen].filter((p) => p.length >= 4)].filter((secret) => journalText.includes(secret))).toEqual([]);

    const dry = await runCli(['cleanup', '--target', 'aws'], aws.env);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stderr).toContain('would remove user ic-');
    expect(dry.stderr).toContain('would restore the account password policy');
    expect(dry.stderr).toContain('run ic-zz9oth'.slice(0, 0) + 'run zz9oth has no journal here'); // another machine's run, left alone
    expect(journals()).toHaveLength(1);

    const refused = await runCli(['cleanup', '--target', 'aws', '--yes'], aws.env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--allow-aws-account 123456789012');

    // --older-than 0 takes the journal-less runs found by path or by a run's name at the root path too:
    // their users have no run tag, so they stay.
    const clean = await runCli(['cleanup', '--target', 'aws', '--yes', '--allow-aws-account', '123456789012', '--older-than', '0'], aws.env);
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stderr).toContain("left alone (not this run's): ic-zz9oth-u0: it has no iam-conformance:run-id tag");
    expect(clean.stderr).toContain("left alone (not this run's): ic-abc123-u0: it has no iam-conformance:run-id tag");
    expect(clean.stderr).toMatch(/removed [1-9]\d* user\(s\); account password policy restored/);
    console.log(`kill -9 with ${usersAtKill} user(s) of the run in the account and the policy changed; cleanup said:\n${clean.stderr}`);
    expect(journals()).toEqual([]);
    await expectAccountAsFound(['ic-zz9oth-u0', 'ic-abc123-u0']);

    const again = await runCli(['cleanup', '--target', 'aws', '--yes', '--allow-aws-account', '123456789012'], aws.env);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('nothing to clean up');
  }, 300_000);

  test('kill -9 while the run has its user at the root path with a managed policy attached: `cleanup` finds it by its journal and removes it', async () => {
    // The case's clean-up detaches the policy first: hold that request, so the kill lands with the user
    // at "/" and the policy still attached.
    const detaching = aws.holdNext('DetachUserPolicy');
    const run = startCli(['run', ...OPT_IN, '--id', 'ChangePassword/allowed-by-managed-policy'], aws.env);
    await Promise.race([detaching, run.done]);
    type Listed = { users: Record<string, { name: string; path: string; attached?: string[] }> };
    const left = Object.values(((await aws.accountState()) as Listed).users).filter((u) => u.path === '/' && u.name.startsWith('ic-') && (u.attached?.length ?? 0) > 0);
    run.child.kill('SIGKILL');
    await run.done;
    expect(left.map((u) => u.attached)).toEqual([['arn:aws:iam::aws:policy/IAMUserChangePassword']]);
    const clean = await runCli(['cleanup', '--target', 'aws', '--yes', '--allow-aws-account', '123456789012'], aws.env);
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stderr).toContain('removed 1 user(s); account password policy restored');
    expect(journals()).toEqual([]);
    // (The log is the server's whole history: the test before read those two.)
    await expectAccountAsFound(['ic-zz9oth-u0', 'ic-abc123-u0']);
  }, 120_000);

  test('a run with no journal here, known only by its users at the root path: cleanup removes the one with its tag and leaves the others', async () => {
    const tag = (run: string) => [{ Key: 'iam-conformance:run-id', Value: run }];
    const ARN = 'arn:aws:iam::aws:policy/IAMUserChangePassword';
    await aws.seed.send(new CreateUserCommand({ UserName: 'ic-zz8abc-u1', Path: '/', Tags: tag('zz8abc') }));
    await aws.seed.send(new AttachUserPolicyCommand({ UserName: 'ic-zz8abc-u1', PolicyArn: ARN }));
    await aws.seed.send(new CreateLoginProfileCommand({ UserName: 'ic-zz8abc-u1', Password: 'Seeded-passw0rd!' }));
    await aws.seed.send(new CreateUserCommand({ UserName: 'ic-zz8abc-u2', Path: '/', Tags: tag('zz7xyz') }));
    const clean = await runCli(['cleanup', '--target', 'aws', '--yes', '--allow-aws-account', '123456789012', '--older-than', '0', '--run-id', 'zz8abc'], aws.env);
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stderr).toContain('run zz8abc (found by its path or names, no journal here)');
    expect(clean.stderr).toContain('removed 1 user(s)');
    expect(clean.stderr).toContain("left alone (not this run's): ic-zz8abc-u2: tagged for another run (iam-conformance:run-id=zz7xyz)");
    type Listed = { users: Record<string, { name: string }> };
    const names = Object.values(((await aws.accountState()) as Listed).users).map((u) => u.name);
    expect(names).not.toContain('ic-zz8abc-u1');
    expect(names).toContain('ic-zz8abc-u2');
    await aws.seed.send(new DeleteUserCommand({ UserName: 'ic-zz8abc-u2' }));
    expect(journals()).toEqual([]);
    await expectAccountAsFound(['ic-zz9oth-u0', 'ic-abc123-u0']);
  }, 120_000);
});
