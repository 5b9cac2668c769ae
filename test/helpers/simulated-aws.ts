import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateAccessKeyCommand, CreateLoginProfileCommand, CreateUserCommand, IAMClient, PutUserPolicyCommand, UpdateAccountPasswordPolicyCommand } from '@aws-sdk/client-iam';
import { createEmulator, ROOT_CREDENTIALS } from '../../src/mock/emulator.ts';
import { withRealism, type RealismOptions, type SimulatedAws } from '../../src/mock/realism.ts';
import { startMockServer } from '../../src/mock/server.ts';

/** Users that exist before any run: the runner must never touch them. */
export const PRE_EXISTING = [
  { UserName: 'alice', Path: '/' },
  // Under the suite's own root path, but not a run's path.
  { UserName: 'bob', Path: '/iam-conformance/' },
  // Looks like another run's user, created just now (on another machine, say): no journal here, no tag.
  { UserName: 'ic-zz9oth-u0', Path: '/iam-conformance/zz9oth/' },
  // Carries a run-like name, outside the run paths.
  { UserName: 'ic-abc123-u0', Path: '/' },
];
export const PRE_EXISTING_PASSWORD = 'Pre-existing-passw0rd!x';

/** The account password policy found before the runs: it must come back byte for byte. */
export const PRE_EXISTING_POLICY = { MinimumPasswordLength: 14, RequireSymbols: true, RequireNumbers: true, MaxPasswordAge: 90, PasswordReusePrevention: 5, AllowUsersToChangePassword: true, HardExpiry: false };

export interface SimulatedAwsServer {
  url: string;
  sim: SimulatedAws;
  /** Environment for `iam-conformance run --target aws` against it. */
  env: Record<string, string>;
  journalDir: string;
  /** Every password member value any request carried: none may appear in any output. */
  passwordsSeen: Set<string>;
  /** Secrets that must appear in no output: the administrator's and root's secret keys, the seeded password. */
  secrets: string[];
  /** The whole account as the emulator holds it: users, paths, tags, keys, policies, passwords and their history. */
  accountState(): unknown;
  /** GetAccountPasswordPolicy's raw answer, its request id cut out. */
  policyBody(): Promise<string>;
  /**
   * The next request for `action` is never answered (a client caught mid-request, as when its process is
   * killed); resolves when it arrives. For tests that must stop a run at one exact point.
   */
  holdNext(action: string): Promise<void>;
  /** An administrator's client on the account that bypasses the realism and the log: for seeding state. */
  seed: IAMClient;
  close(): Promise<void>;
}

/**
 * The reference emulator as a simulated AWS: over HTTP, answering STS GetCallerIdentity, with
 * propagation delays and throttling in front, pre-existing users and a pre-existing password policy.
 * The runner talks to the realistic front; the test seeds and reads through a second, plain server on
 * the same emulator, so that every request the runner makes is delayed and logged, and none of the test's.
 */
export async function startSimulatedAws(realism: RealismOptions): Promise<SimulatedAwsServer> {
  const emulator = createEmulator();
  const sim = withRealism(emulator, realism);
  const passwordsSeen = new Set<string>();
  const holds = new Map<string, () => void>();
  const front = await startMockServer({
    emulator,
    front: {
      async handle(request) {
        const params = new URLSearchParams(await request.clone().text());
        for (const [k, v] of params) if (/^(Password|NewPassword|OldPassword)$/.test(k) && v) passwordsSeen.add(v);
        const held = holds.get(params.get('Action') ?? '');
        if (held) {
          holds.delete(params.get('Action')!);
          held();
          return new Promise<never>(() => {});
        }
        return sim.handle(request);
      },
    },
  });
  const plain = await startMockServer({ emulator });
  const direct = new IAMClient({ endpoint: plain.url, region: 'us-east-1', credentials: emulator.admin, maxAttempts: 1 });
  for (const u of PRE_EXISTING) {
    await direct.send(new CreateUserCommand(u));
    await direct.send(new CreateAccessKeyCommand({ UserName: u.UserName }));
    await direct.send(new CreateLoginProfileCommand({ UserName: u.UserName, Password: PRE_EXISTING_PASSWORD, PasswordResetRequired: true }));
    await direct.send(new PutUserPolicyCommand({ UserName: u.UserName, PolicyName: 'their-own', PolicyDocument: '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:ListBucket","Resource":"*"}]}' }));
  }
  await direct.send(new UpdateAccountPasswordPolicyCommand(PRE_EXISTING_POLICY));

  const dir = mkdtempSync(join(tmpdir(), 'iam-conformance-aws-'));
  const journalDir = join(dir, 'journals');
  // Root's keys in a profile of their own, as --root-profile expects; no other AWS config is read.
  const credentialsFile = join(dir, 'credentials');
  writeFileSync(credentialsFile, `[root]\naws_access_key_id = ${ROOT_CREDENTIALS.accessKeyId}\naws_secret_access_key = ${ROOT_CREDENTIALS.secretAccessKey}\n`);
  const configFile = join(dir, 'config');
  writeFileSync(configFile, '');

  return {
    url: front.url,
    sim,
    journalDir,
    passwordsSeen,
    secrets: [emulator.admin.secretAccessKey, ROOT_CREDENTIALS.secretAccessKey, PRE_EXISTING_PASSWORD],
    env: {
      AWS_ENDPOINT_URL_IAM: front.url,
      AWS_ENDPOINT_URL_STS: front.url,
      AWS_ACCESS_KEY_ID: emulator.admin.accessKeyId,
      AWS_SECRET_ACCESS_KEY: emulator.admin.secretAccessKey,
      AWS_REGION: 'us-east-1',
      AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
      AWS_CONFIG_FILE: configFile,
      AWS_EC2_METADATA_DISABLED: 'true',
      // Whatever the machine's own AWS settings, these runs see only the simulated account.
      AWS_SESSION_TOKEN: '',
      AWS_PROFILE: '',
      AWS_ENDPOINT_URL: '',
      IAM_CONFORMANCE_JOURNAL_DIR: journalDir,
      IAM_CONFORMANCE_RETRY_DELAY_MS: '50',
      IAM_CONFORMANCE_RETRY_ATTEMPTS: '10',
    },
    accountState() {
      const account = emulator.state();
      // Everything the account holds, of every kind the emulator models (users and what hangs on them,
      // groups, roles, profiles, policies, providers, certificates, devices, what exists by kind), read
      // generically so that a kind added later is compared too. The credential report is the one thing a
      // run may leave changed: generating one is what its cases do, and AWS keeps only the latest.
      const { credentialReport: _report, ...held } = account as unknown as Record<string, unknown>;
      return snapshot(held);
    },
    seed: direct,
    holdNext(action) {
      return new Promise<void>((arrived) => holds.set(action, arrived));
    },
    async policyBody() {
      const res = await fetch(plain.url, await signedPolicyRead(plain.url, emulator.admin));
      return (await res.text()).replace(/<RequestId>[^<]*<\/RequestId>/, '');
    },
    async close() {
      direct.destroy();
      await front.close();
      await plain.close();
    },
  };
}

/** A signed GetAccountPasswordPolicy, as the raw Query client sends it. */
async function signedPolicyRead(url: string, credentials: { accessKeyId: string; secretAccessKey: string }): Promise<RequestInit> {
  const { queryClient } = await import('../../src/clients/query.ts');
  let init: RequestInit | undefined;
  const fetch = (async (_input: unknown, i?: RequestInit) => {
    init = i;
    return new Response('<x/>', { status: 200 });
  }) as typeof globalThis.fetch;
  const client = queryClient({ endpoint: url, region: 'us-east-1', fetch });
  await client.call({ operation: 'GetAccountPasswordPolicy', input: {}, credentials });
  return init!;
}

/**
 * A plain, comparable copy of emulator state: maps as objects by key, sets as their items (empty ones left out, as a
 * kind whose last resource went is the same account as one that never had any), dates as ISO text,
 * functions dropped.
 */
function snapshot(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Map) return Object.fromEntries([...value.entries()].map(([k, v]) => [String(k), snapshot(v)]));
  if (value instanceof Set) return [...value].map(snapshot);
  if (Array.isArray(value)) return value.map(snapshot);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (typeof v === 'function' || v === undefined) continue;
      if ((v instanceof Map || v instanceof Set) && v.size === 0) continue;
      out[k] = snapshot(v);
    }
    return out;
  }
  return value;
}
