import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateAccessKeyCommand, CreateLoginProfileCommand, CreateUserCommand, GetLoginProfileCommand, GetUserCommand,
  GetUserPolicyCommand, IAMClient, ListAccessKeysCommand, ListUserPoliciesCommand, ListUsersCommand, PutUserPolicyCommand,
  UpdateAccountPasswordPolicyCommand,
} from '@aws-sdk/client-iam';
import { createEmulator, ROOT_CREDENTIALS } from '../../src/mock/emulator.ts';
import { withRealism, type RealismOptions, type SimulatedAws } from '../../src/mock/realism.ts';
import { startMockServer } from '../../src/mock/server.ts';

/** Users that exist before any run: the runner must never touch them. */
export const PRE_EXISTING = [
  { UserName: 'alice', Path: '/' },
  // Under the suite's own root path, but not a run's path.
  { UserName: 'bob', Path: '/iam-conformance/' },
  // Looks like another run's user, created just now (on another machine, say): no journal here.
  { UserName: 'ic-zz9oth-u0', Path: '/iam-conformance/zz9oth/' },
  // Carries a run-like name, outside the run paths.
  { UserName: 'ic-abc123-u0', Path: '/' },
];

/** The account password policy found before the runs: it must come back byte for byte. */
export const PRE_EXISTING_POLICY = { MinimumPasswordLength: 14, RequireSymbols: true, RequireNumbers: true, MaxPasswordAge: 90, PasswordReusePrevention: 5, AllowUsersToChangePassword: true, HardExpiry: false };

export interface SimulatedAwsServer {
  url: string;
  sim: SimulatedAws;
  /** Environment for `iam-conformance run --target aws` against it. */
  env: Record<string, string>;
  journalDir: string;
  /** Everything about every user in the account, read past the realism layer (not logged). */
  accountState(): Promise<unknown>;
  /** GetAccountPasswordPolicy's raw answer, its request id cut out. */
  policyBody(): Promise<string>;
  close(): Promise<void>;
}

/**
 * The reference emulator as a simulated AWS: over HTTP, answering STS GetCallerIdentity, with
 * propagation delays and throttling in front, pre-existing users and a pre-existing password policy.
 */
export async function startSimulatedAws(realism: RealismOptions): Promise<SimulatedAwsServer> {
  const emulator = createEmulator();
  const sim = withRealism(emulator, realism);
  let realistic = false;
  const server = await startMockServer({ emulator, front: { handle: (r) => (realistic ? sim.handle(r) : emulator.handle(r)) } });
  const direct = new IAMClient({ endpoint: server.url, region: 'us-east-1', credentials: emulator.admin, maxAttempts: 1 });
  // Seeded without realism, so the account is as described before the first run.
  for (const u of PRE_EXISTING) {
    await direct.send(new CreateUserCommand(u));
    await direct.send(new CreateAccessKeyCommand({ UserName: u.UserName }));
    await direct.send(new CreateLoginProfileCommand({ UserName: u.UserName, Password: 'Pre-existing-passw0rd!x', PasswordResetRequired: true }));
    await direct.send(new PutUserPolicyCommand({ UserName: u.UserName, PolicyName: 'their-own', PolicyDocument: '{"Version":"2012-10-17","Statement":[]}' }));
  }
  await direct.send(new UpdateAccountPasswordPolicyCommand(PRE_EXISTING_POLICY));
  realistic = true;

  const dir = mkdtempSync(join(tmpdir(), 'iam-conformance-aws-'));
  const journalDir = join(dir, 'journals');
  // Root's keys in a profile of their own, as --root-profile expects; no other AWS config is read.
  const credentialsFile = join(dir, 'credentials');
  writeFileSync(credentialsFile, `[root]\naws_access_key_id = ${ROOT_CREDENTIALS.accessKeyId}\naws_secret_access_key = ${ROOT_CREDENTIALS.secretAccessKey}\n`);
  const configFile = join(dir, 'config');
  writeFileSync(configFile, '');

  const peek = async () => {
    // Reads go around the realism layer: they are the test's, not the runner's.
    realistic = false;
    try {
      const users = [];
      for (const u of (await direct.send(new ListUsersCommand({}))).Users ?? []) {
        const UserName = u.UserName!;
        const policies = [];
        for (const PolicyName of (await direct.send(new ListUserPoliciesCommand({ UserName }))).PolicyNames ?? []) {
          policies.push((await direct.send(new GetUserPolicyCommand({ UserName, PolicyName }))).PolicyDocument);
        }
        const profile = await direct.send(new GetLoginProfileCommand({ UserName })).then((o) => o.LoginProfile, () => undefined);
        users.push({
          user: (await direct.send(new GetUserCommand({ UserName }))).User,
          keys: (await direct.send(new ListAccessKeysCommand({ UserName }))).AccessKeyMetadata,
          policies,
          profile,
        });
      }
      return users;
    } finally {
      realistic = true;
    }
  };

  return {
    url: server.url,
    sim,
    journalDir,
    env: {
      AWS_ENDPOINT_URL_IAM: server.url,
      AWS_ENDPOINT_URL_STS: server.url,
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
    accountState: peek,
    async policyBody() {
      realistic = false;
      try {
        const res = await emulator.handle(await signedGet(server.url, emulator.admin));
        return (await res.text()).replace(/<RequestId>[^<]*<\/RequestId>/, '');
      } finally {
        realistic = true;
      }
    },
    async close() {
      direct.destroy();
      await server.close();
    },
  };

  async function signedGet(url: string, credentials: { accessKeyId: string; secretAccessKey: string }): Promise<Request> {
    // The raw wire form, as the query client sends it.
    const { queryClient } = await import('../../src/clients/query.ts');
    let captured: Request | undefined;
    const client = queryClient({ endpoint: url, region: 'us-east-1' }, async (input, init) => {
      captured = new Request(input as URL, init);
      return new Response('<x/>', { status: 200 });
    });
    await client.call({ operation: 'GetAccountPasswordPolicy', input: {}, credentials });
    return captured!;
  }
}

