import { namePrefix, RUN_TAG_KEY, userPathFor } from '../../iam/names.ts';
import { iamEndpoint } from './endpoints.ts';
import { checkOptIn } from './guard.ts';
import { appendJournal, journalDir, journalFile } from './journal.ts';
import { TargetRefused, type TargetAdapter } from '../types.ts';

/**
 * A real AWS account (docs/aws.md). Before anything that could change the account: the credentials
 * are resolved from the standard chain, STS says whose they are, and the run refuses unless
 * --allow-aws-account names that very account. The run itself is supervised (./supervise.ts):
 * journaled, isolated under its own path, and swept on every exit path.
 */
export const awsTarget: TargetAdapter = {
  name: 'aws',
  summary: 'a real AWS account, guarded: needs --allow-aws-account ID (docs/aws.md)',
  options: [
    { key: 'allowAccount', flag: 'allow-aws-account', type: 'string', value: 'ID', help: 'the 12-digit account the run may change; without it, or for another account, the run refuses (exit 2)' },
    { key: 'allowAccountPolicyChanges', flag: 'allow-account-policy-changes', env: 'IAM_CONFORMANCE_ALLOW_ACCOUNT_POLICY_CHANGES', type: 'boolean', help: 'run the cases that change the account password policy (the one found is put back); for aws, only as a flag' },
    { key: 'rootProfile', flag: 'root-profile', type: 'string', value: 'NAME', help: "a profile with the account's root credentials, for root-caller cases" },
    { key: 'profile', flag: 'profile', type: 'string', value: 'NAME', help: "the profile for the run's credentials", defaultText: 'the standard AWS chain' },
    { key: 'iamEndpointUrl', env: 'AWS_ENDPOINT_URL_IAM', type: 'string', help: "IAM's endpoint instead of AWS's (as for every AWS SDK; a simulated AWS, say)" },
    { key: 'endpointUrl', env: 'AWS_ENDPOINT_URL', type: 'string', help: 'every service at this endpoint, unless AWS_ENDPOINT_URL_IAM says otherwise' },
    { key: 'journalDir', flag: 'journal-dir', env: 'IAM_CONFORMANCE_JOURNAL_DIR', type: 'string', value: 'DIR', help: 'where runs journal what they create', defaultText: '~/.local/state/iam-conformance/journals' },
  ],
  defaults: { concurrency: 8, caseTimeoutMs: 600_000, retryAttempts: 8, retryDelayMs: 1500 },
  // A variable set for the endpoint target must not change a real account's password policy.
  checkPlan: ({ origins }) =>
    origins.allowAccountPolicyChanges?.startsWith('env:')
      ? `a real account's password policy changes only with the flag --allow-account-policy-changes, not with ${origins.allowAccountPolicyChanges.slice(4)}`
      : undefined,
  async start({ runId, region: explicitRegion, options, log }) {
    // The AWS SDK's STS client and credential chain load only for this target.
    const { callerIdentity, resolveCredentials, resolveRegion } = await import('./identity.ts');
    const profile = options.profile as string | undefined;
    const rootProfile = options.rootProfile as string | undefined;
    const region = await resolveRegion(explicitRegion, profile);
    const { endpoint, signingRegion } = iamEndpoint(region, { AWS_ENDPOINT_URL_IAM: options.iamEndpointUrl as string | undefined, AWS_ENDPOINT_URL: options.endpointUrl as string | undefined });
    const admin = await resolveCredentials(profile, 'the run');
    const identity = await callerIdentity(admin, region, 'the run');
    const plan = {
      runId,
      path: userPathFor(runId),
      namePrefix: namePrefix(runId),
      allowAccountPolicyChanges: options.allowAccountPolicyChanges === true,
      rootProfile,
    };
    checkOptIn(identity, options.allowAccount as string | undefined, plan);

    let rootCredentials;
    if (rootProfile) {
      rootCredentials = await resolveCredentials(rootProfile, 'root-caller cases');
      const root = await callerIdentity(rootCredentials, region, `profile "${rootProfile}"`);
      if (root.account !== identity.account || !/:root$/.test(root.arn)) {
        throw new TargetRefused(`--root-profile ${rootProfile} is ${root.arn}, not the root user of account ${identity.account}`);
      }
    }
    log?.(`iam-conformance: AWS account ${identity.account} as ${identity.arn}; IAM at ${endpoint}`);
    return {
      target: 'aws',
      endpoint,
      region: signingRegion,
      admin,
      ...(rootCredentials ? { rootCredentials } : {}),
      accountId: identity.account,
      isolation: {
        runId,
        path: plan.path,
        namePrefix: plan.namePrefix,
        tag: { Key: RUN_TAG_KEY, Value: runId },
        journal: journalFile(journalDir(options.journalDir as string | undefined), runId),
      },
      capabilities: {
        root: !!rootCredentials,
        disposableAccount: false,
        accountPolicyWritable: plan.allowAccountPolicyChanges,
        propagationDelays: true,
        enforcesSignatures: true,
      },
      hints: {
        root: 'for aws: --root-profile',
        disposableAccount: "a real account is never disposable",
        accountPolicy: 'for aws: --allow-account-policy-changes',
      },
      settings: { profile },
      async stop() {},
    };
  },
  /** Where the cases run: every user is journaled before it is created, and forgotten once deleted. */
  async attach(session) {
    const file = session.isolation!.journal;
    return {
      session,
      journal: {
        userCreating: (name) => appendJournal(file, { type: 'user', name, pid: process.pid, at: new Date().toISOString() }),
        userDeleted: (name) => appendJournal(file, { type: 'user-deleted', name, pid: process.pid }),
        made: (kind, id) => appendJournal(file, { type: 'made', kind, id, pid: process.pid }),
        madeRemoved: (kind, id) => appendJournal(file, { type: 'made-removed', kind, id, pid: process.pid }),
        process: (pid) => appendJournal(file, { type: 'process', pid, role: 'worker' }),
      },
      close() {},
    };
  },
  async joinSupervisor() {
    const { sessionFromSupervisor } = await import('./supervise.ts');
    return sessionFromSupervisor();
  },
  async leaveSupervisor(exitCode) {
    const { tellSupervisor } = await import('./supervise.ts');
    await tellSupervisor(exitCode);
  },
  async supervise(session, plan, log) {
    const { supervise } = await import('./supervise.ts');
    return supervise({ session, args: plan.argv, log, profile: session.settings?.profile as string | undefined });
  },
};
