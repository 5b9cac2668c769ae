import { namePrefix } from '../cases/expand.ts';
import { userPathFor } from '../runner/context.ts';
import { iamEndpoint } from './aws/endpoints.ts';
import { checkOptIn } from './aws/guard.ts';
import { callerIdentity, resolveCredentials, resolveRegion } from './aws/identity.ts';
import { journalDir, journalFile } from './aws/journal.ts';
import { TargetRefused, type TargetAdapter } from './types.ts';

export const RUN_TAG_KEY = 'iam-conformance:run-id';

/**
 * A real AWS account (docs/aws.md). Before anything that could change the account: the credentials
 * are resolved from the standard chain, STS says whose they are, and the run refuses unless
 * --allow-aws-account names that very account. The run itself is supervised (src/runner/supervise.ts):
 * journaled, isolated under its own path, and swept on every exit path.
 */
export const awsTarget: TargetAdapter = {
  name: 'aws',
  summary: 'a real AWS account; needs --allow-aws-account ID (docs/aws.md)',
  supervised: true,
  async start(options) {
    const runId = options.runId;
    if (!runId) throw new Error('the aws target needs the run id');
    const region = await resolveRegion(options.region, options.profile);
    const { endpoint, signingRegion } = iamEndpoint(region);
    const admin = await resolveCredentials(options.profile, 'the run');
    const identity = await callerIdentity(admin, region, 'the run');
    const plan = {
      runId,
      path: userPathFor(runId),
      namePrefix: namePrefix(runId),
      allowAccountPolicyChanges: !!options.allowAccountPolicyChanges,
      rootProfile: options.rootProfile,
    };
    checkOptIn(identity, options.allowAccount, plan);

    let rootCredentials;
    if (options.rootProfile) {
      rootCredentials = await resolveCredentials(options.rootProfile, 'root-caller cases');
      const root = await callerIdentity(rootCredentials, region, `profile "${options.rootProfile}"`);
      if (root.account !== identity.account || !/:root$/.test(root.arn)) {
        throw new TargetRefused(`--root-profile ${options.rootProfile} is ${root.arn}, not the root user of account ${identity.account}`);
      }
    }
    options.log?.(`iam-conformance: AWS account ${identity.account} as ${identity.arn}; IAM at ${endpoint}`);
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
        journal: journalFile(journalDir(), runId),
      },
      capabilities: {
        root: !!rootCredentials,
        disposableAccount: false,
        accountPolicyWritable: plan.allowAccountPolicyChanges,
        propagationDelays: true,
        enforcesSignatures: true,
      },
      async stop() {},
    };
  },
};
