/**
 * `--target aws`, proven against a simulated AWS (test/helpers/simulated-aws.ts): the opt-in, and a
 * full run that leaves the account exactly as it found it.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli, startCli } from '../../helpers/cli.ts';
import { expandCases } from '../../../src/cases/expand.ts';
import { DEFAULT_SEED } from '../../../src/run/plan.ts';
import { loadSpecs } from '../../../src/specfile/load.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The text of every file under a directory. */
const readTree = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'));
import { PRE_EXISTING, startSimulatedAws, type SimulatedAwsServer } from '../../helpers/simulated-aws.ts';

let aws: SimulatedAwsServer;
let before: { state: unknown; policy: string };
const recordings = mkdtempSync(join(tmpdir(), 'iam-conformance-recordings-'));

beforeAll(async () => {
  aws = await startSimulatedAws({ keyDelayMs: 150, profileDelayMs: 100, userDelayMs: 50, throttleRate: 0.01 });
  before = { state: await aws.accountState(), policy: await aws.policyBody() };
});
afterAll(() => aws?.close());

const preExistingNames = new Set(PRE_EXISTING.map((u) => u.UserName.toLowerCase()).concat('iam-conformance-admin'));

describe('--target aws: the opt-in', () => {
  test('without --allow-aws-account: exit 2, only the identity call, and a message that says how to opt in', async () => {
    const { code, stderr } = await runCli(['run', '--target', 'aws', '--quiet'], aws.env);
    expect(code).toBe(2);
    expect(stderr).toContain('refusing to run against AWS account 123456789012');
    expect(stderr).toContain('--allow-aws-account 123456789012');
    expect(stderr).toContain('/iam-conformance/');
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(aws.sim.log).toEqual([]); // not one IAM request: STS GetCallerIdentity alone
  });

  test('with another account id: exit 2, nothing sent to IAM', async () => {
    const { code, stderr } = await runCli(['run', '--target', 'aws', '--allow-aws-account', '999999999999'], aws.env);
    expect(code).toBe(2);
    expect(stderr).toContain('belong to AWS account 123456789012');
    expect(aws.sim.log).toEqual([]);
  });

  test('a malformed account id is a usage error', async () => {
    const { code, stderr } = await runCli(['run', '--target', 'aws', '--allow-aws-account', '12345'], aws.env);
    expect(code).toBe(2);
    expect(stderr).toContain('12-digit');
  });

  test('no credentials at all: exit 2 naming the credential chain', async () => {
    const { code, stderr } = await runCli(['run', '--target', 'aws', '--allow-aws-account', '123456789012'], {
      ...aws.env,
      AWS_ACCESS_KEY_ID: '',
      AWS_SECRET_ACCESS_KEY: '',
      AWS_PROFILE: 'nonexistent',
    });
    expect(code).toBe(2);
    expect(stderr).toContain('no AWS credentials');
    expect(aws.sim.log).toEqual([]);
  });
});

describe.each(['pooled', 'fresh'])('--target aws: a full run, --isolation %s', (isolation) => {
  test('every case runs (root and account-policy ones included), and the account is left byte for byte as found', async () => {
    rmSync(recordings, { recursive: true, force: true });
    const { code, stdout, stderr } = await runCli(
      ['run', '--target', 'aws', '--isolation', isolation, '--allow-aws-account', '123456789012', '--allow-account-policy-changes', '--root-profile', 'root', '--quiet', '--report-dir', `${aws.journalDir}/../report`, '--record', '--record-dir', recordings],
      aws.env,
    );
    expect(stderr).toContain('removed 0 user(s); account password policy restored');
    // Skipped: only the cases whose user name is too short to carry the run's prefix (a real account is shared).
    const all = expandCases(loadSpecs(), { seed: DEFAULT_SEED });
    const shortNames = all.filter((c) => c.requires.includes('disposable-account')).length;
    expect(shortNames).toBeGreaterThan(0);
    // On a mismatch, the cases that failed or errored and why: the summary line alone does not say.
    const report = JSON.parse(readFileSync(join(aws.journalDir, '..', 'report', 'report.json'), 'utf8')) as { cases: { id: string; outcome: string; reason?: string }[] };
    const unexpected = report.cases.filter((c) => c.outcome === 'fail' || c.outcome === 'error').map((c) => `${c.outcome} ${c.id}: ${c.reason ?? ''}`);
    expect(stdout, unexpected.join('\n')).toContain(`${all.length} cases: ${all.length - shortNames} passed, 0 failed, ${shortNames} skipped, 0 errored`);
    expect(code).toBe(0);
    console.log(`full run against the simulated AWS: ${JSON.stringify(aws.sim.struck)}, ${aws.sim.log.length} IAM requests`);
    // The realism struck, and the run got through it.
    expect(aws.sim.struck.keyNotYetValid).toBeGreaterThan(0);
    expect(aws.sim.struck.profileNotYetModifiable).toBeGreaterThan(0);
    expect(aws.sim.struck.userNotYetVisible).toBeGreaterThan(0);
    expect(aws.sim.struck.throttled).toBeGreaterThan(0);
    // Nothing left, nothing else touched.
    expect(await aws.accountState()).toEqual(before.state);
    expect(await aws.policyBody()).toBe(before.policy);
    expect(aws.sim.log.filter((r) => r.userName && preExistingNames.has(r.userName.toLowerCase()))).toEqual([]);
    expect(existsSync(aws.journalDir) ? readdirSync(aws.journalDir) : []).toEqual([]);

    // No secret anywhere: not the keys, not a password any request carried (4 characters and up: shorter
    // ones occur by chance), in the terminal, the reports or the recordings.
    const outputs = [stdout, stderr, ...readTree(join(aws.journalDir, '..', 'report')), ...readTree(recordings)];
    const secrets = [...aws.secrets, ...[...aws.passwordsSeen].filter((p) => p.length >= 4)];
    expect(secrets.length).toBeGreaterThan(isolation === 'fresh' ? 900 : 400);
    expect(secrets.filter((secret) => outputs.some((text) => text.includes(secret)))).toEqual([]);

    // --record: the raw answers, one file per operation, passwords redacted, the account id replaced.
    const [dir] = readdirSync(recordings);
    expect(dir).toMatch(/^\d{4}-\d{2}-\d{2}-aws-[a-z0-9]+$/);
    const files = readdirSync(join(recordings, dir!));
    // One file per operation the run sent a request of (the skipped account-wide ones have none).
    const ran = new Set(all.filter((c) => !c.requires.includes('disposable-account')).map((c) => c.operation));
    expect(files).toHaveLength(ran.size);
    let bodies = 0;
    for (const f of files) {
      const text = readFileSync(join(recordings, dir!, f), 'utf8');
      expect(text).not.toContain('123456789012');
      const doc = JSON.parse(text) as { target: string; cases: Record<string, { steps: { input?: Record<string, unknown>; response: { body: string } | null }[] }> };
      expect(doc.target).toBe('aws');
      for (const c of Object.values(doc.cases)) {
        for (const step of c.steps) {
          for (const m of ['Password', 'OldPassword', 'NewPassword']) {
            if (step.input?.[m] !== undefined) expect(step.input[m]).toMatchObject({ redacted: true });
          }
          if (step.response?.body.includes('Response xmlns=')) bodies++;
        }
      }
    }
    expect(bodies).toBeGreaterThan(900);
  }, 600_000);
});

describe('--target aws: runs that must not overlap', () => {
  test('a second run changing the password policy while one does is refused (exit 2), and so is a reused run id', async () => {
    const first = startCli(['run', '--target', 'aws', '--allow-aws-account', '123456789012', '--allow-account-policy-changes', '--tag', 'password-policy', '--quiet'], { ...aws.env, IAM_CONFORMANCE_RUN_ID: 'same01' });
    // Wait until the first run's journal holds the policy it found.
    const journal = join(aws.journalDir, 'same01.jsonl');
    for (let waited = 0; !(existsSync(journal) && readFileSync(journal, 'utf8').includes('account-policy')) && waited < 20_000; waited += 50) await sleep(50);
    const second = await runCli(['run', '--target', 'aws', '--allow-aws-account', '123456789012', '--allow-account-policy-changes', '--quiet'], aws.env);
    expect(second.code).toBe(2);
    expect(second.stderr).toContain('run same01');
    expect(second.stderr).toContain('is changing the account password policy');
    const reused = await runCli(['run', '--target', 'aws', '--allow-aws-account', '123456789012', '--quiet'], { ...aws.env, IAM_CONFORMANCE_RUN_ID: 'same01' });
    expect(reused.code).toBe(2);
    expect(reused.stderr).toMatch(/same01/);
    // A run id whose user at the root path is still there (here a pre-existing ic-abc123-u0) is used too.
    const atRoot = await runCli(['run', '--target', 'aws', '--allow-aws-account', '123456789012', '--quiet'], { ...aws.env, IAM_CONFORMANCE_RUN_ID: 'abc123' });
    expect(atRoot.code).toBe(2);
    expect(atRoot.stderr).toContain('a user named ic-abc123-u0 already exists at the path /');
    const done = await first.done;
    expect(done.code, done.stderr).toBe(0);
    expect(await aws.accountState()).toEqual(before.state);
    expect(await aws.policyBody()).toBe(before.policy);
  }, 120_000);
});
