import type { Credentials } from '../iam/credentials.ts';
import { localEmulator } from './local-emulator.ts';
import { commandOutput } from './process.ts';
import { reportedVersion } from './reported-version.ts';
import { TargetUnavailable } from './types.ts';

/** The version ci/install-fakecloud.sh builds, and whose baseline is committed. */
export const FAKECLOUD_VERSION = '0.51.0';

/**
 * fakecloud's reserved root identity: any access key starting with "test" is the account root
 * (arn:aws:iam::<account>:root). Its docs (reference/security) say it skips both SigV4 verification and
 * IAM enforcement, so it is used only where the suite needs root: for root-caller cases, and to make
 * the administrator below.
 */
const ROOT: Credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

/** The administrator the run makes in a fresh fakecloud: an IAM user with AWS's AdministratorAccess. */
const ADMIN_USER = 'iam-conformance-admin';

/**
 * fakecloud (a Rust emulator, crates.io), started in its strictest mode: --verify-sigv4 (every signature
 * checked; unknown keys refused) and --iam strict (identity policies evaluated, denials refused). As the
 * root key bypasses both, the administrator is an ordinary IAM user the run creates with root and gives
 * AdministratorAccess (a managed policy fakecloud's evaluator knows): its requests, like the case users',
 * are verified and authorised the way AWS would.
 */
export const fakecloudTarget = localEmulator({
  name: 'fakecloud',
  summary: 'fakecloud: started locally in its strictest mode (the binary on PATH, in the tools cache, or IAM_CONFORMANCE_FAKECLOUD_BIN), or at --endpoint',
  program: 'fakecloud',
  programEnv: 'IAM_CONFORMANCE_FAKECLOUD_BIN',
  distribution: 'fakecloud',
  installHint: `build it with: bash ci/install-fakecloud.sh   (cargo install --locked fakecloud --version ${FAKECLOUD_VERSION} into the tools cache; about an hour on 2 cores), or set IAM_CONFORMANCE_FAKECLOUD_BIN to a fakecloud binary, or pass --endpoint`,
  // Every flag given, so FAKECLOUD_* variables in the user's environment cannot loosen the mode.
  args: (port) => ['--addr', `127.0.0.1:${port}`, '--verify-sigv4', '--iam', 'strict', '--storage-mode', 'memory', '--log-level', 'warn'],
  env: () => ({}),
  readyPath: '/_fakecloud/health',
  resetPath: '/_reset',
  admin: ROOT,
  root: ROOT,
  capabilities: { root: true, disposableAccount: true, accountPolicyWritable: true, propagationDelays: false, enforcesSignatures: true },
  async version(program) {
    // `fakecloud --version` prints "fakecloud 0.51.0".
    return (await commandOutput(program, ['--version']))?.split(/\s+/).pop();
  },
  endpointVersion: (endpoint) => reportedVersion(`${endpoint}/_fakecloud/health`),
  prepare: makeAdministrator,
});

/** Root creates the administrator: the user, AdministratorAccess, an access key. Any refusal ends the run (exit 3). */
async function makeAdministrator(endpoint: string, region: string): Promise<{ admin: Credentials }> {
  // Loaded here: every run plans with every adapter, and only a fakecloud run needs the signer and the XML parser.
  const { queryClient } = await import('../clients/query.ts');
  const client = queryClient({ endpoint, region, timeoutMs: 20_000 });
  const call = async (operation: string, input: Record<string, unknown>) => {
    const outcome = await client.call({ operation, input, credentials: ROOT });
    if (outcome.kind === 'no-response') throw new TargetUnavailable(`fakecloud at ${endpoint} did not answer ${operation} (${outcome.cause})`);
    // The raw query client sends whatever it is given; a refusal here would be a bug of ours, not fakecloud's.
    if (outcome.kind === 'client-rejected') throw new Error(`the query client refused ${operation}: ${outcome.message}`);
    if (outcome.status >= 300) {
      throw new TargetUnavailable(
        `fakecloud at ${endpoint} refused to make the run's administrator: ${operation} answered ${outcome.status} ${outcome.code ?? ''} ${outcome.message ?? ''}`.trim(),
        'the run makes an IAM user with AdministratorAccess as root (access key "test"); a fakecloud at --endpoint must accept that',
      );
    }
    return outcome.output ?? {};
  };
  await call('CreateUser', { UserName: ADMIN_USER });
  await call('AttachUserPolicy', { UserName: ADMIN_USER, PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' });
  const created = (await call('CreateAccessKey', { UserName: ADMIN_USER })) as { AccessKey?: { AccessKeyId?: string; SecretAccessKey?: string } };
  const key = created.AccessKey;
  if (!key?.AccessKeyId || !key.SecretAccessKey) throw new TargetUnavailable(`fakecloud at ${endpoint}: CreateAccessKey for the run's administrator returned no key`);
  return { admin: { accessKeyId: key.AccessKeyId, secretAccessKey: key.SecretAccessKey } };
}
