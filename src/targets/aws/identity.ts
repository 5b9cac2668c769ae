import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { fromIni } from '@aws-sdk/credential-provider-ini';
import { networkCause } from '../../clients/transport-errors.ts';
import { TargetRefused, TargetUnavailable } from '../types.ts';
import type { Credentials } from '../../iam/credentials.ts';

export interface CallerIdentity {
  account: string;
  arn: string;
}

/**
 * Credentials from the standard AWS chain (environment, shared config and credentials files, SSO,
 * credential_process, web identity, container and instance roles), or from one named profile. Resolved
 * once, here, and handed to the run as plain keys: the run is short next to a session's lifetime.
 */
export async function resolveCredentials(profile: string | undefined, what: string): Promise<Credentials> {
  try {
    const provider = profile ? fromIni({ profile }) : defaultProvider();
    const c = await provider();
    return { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, ...(c.sessionToken ? { sessionToken: c.sessionToken } : {}) };
  } catch (e) {
    throw new TargetRefused(
      `no AWS credentials for ${what}${profile ? ` in profile "${profile}"` : ''}: ${(e as Error).message.split('\n')[0]}\n` +
        '  The aws target uses the standard AWS credential chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE,\n' +
        '  SSO, container and instance roles); see docs/aws.md for the permissions it needs.',
    );
  }
}

/**
 * STS GetCallerIdentity: which account and principal the credentials belong to. It needs no permission
 * and changes nothing; the SDK finds STS where it always does (AWS_ENDPOINT_URL_STS included).
 */
export async function callerIdentity(credentials: Credentials, region: string, what: string): Promise<CallerIdentity> {
  const sts = new STSClient({ region, credentials, maxAttempts: 5 });
  try {
    const out = await sts.send(new GetCallerIdentityCommand({}));
    if (!out.Account || !out.Arn) throw new TargetUnavailable(`STS GetCallerIdentity for ${what} answered without an account`);
    return { account: out.Account, arn: out.Arn };
  } catch (e) {
    if (e instanceof TargetUnavailable) throw e;
    const err = e as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
    const cause = networkCause(e);
    if (cause || err.$metadata?.httpStatusCode === undefined || err.$metadata.httpStatusCode >= 500) {
      throw new TargetUnavailable(`cannot reach STS to identify ${what}: ${cause ?? err.message ?? err.name}`);
    }
    throw new TargetRefused(`AWS refused the credentials for ${what}: ${err.name}: ${err.message}`);
  } finally {
    sts.destroy();
  }
}

/**
 * The region from the usual places, as the SDK resolves it (AWS_REGION, then the profile's `region` in
 * the shared config file), else us-east-1. IAM is global: the region only picks the partition.
 */
export async function resolveRegion(explicit: string | undefined, profile: string | undefined): Promise<string> {
  if (explicit) return explicit;
  const probe = new STSClient(profile ? { profile } : {});
  try {
    return (await probe.config.region()) || 'us-east-1';
  } catch {
    return process.env.AWS_DEFAULT_REGION || 'us-east-1';
  } finally {
    probe.destroy();
  }
}
