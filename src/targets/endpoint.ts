import { TargetUnavailable, type TargetAdapter } from './types.ts';

/**
 * Any IAM endpoint: a vendor's implementation, an emulator someone else runs. Credentials come from
 * the standard AWS environment variables; root credentials from IAM_CONFORMANCE_ROOT_ACCESS_KEY_ID /
 * IAM_CONFORMANCE_ROOT_SECRET_ACCESS_KEY. A shared endpoint is assumed unless
 * IAM_CONFORMANCE_DISPOSABLE_ACCOUNT=1 says the account is throwaway.
 */
export const endpointTarget: TargetAdapter = {
  name: 'endpoint',
  summary: 'any IAM endpoint URL (--endpoint), credentials from the AWS environment variables',
  async start(options) {
    const env = process.env;
    if (!options.endpoint) throw new TargetUnavailable('the endpoint target needs --endpoint URL (or IAM_CONFORMANCE_ENDPOINT)');
    let url: URL;
    try {
      url = new URL(options.endpoint);
    } catch {
      throw new TargetUnavailable(`--endpoint is not a URL: ${options.endpoint}`);
    }
    const accessKeyId = env.AWS_ACCESS_KEY_ID;
    const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
    if (!accessKeyId || !secretAccessKey) {
      throw new TargetUnavailable('no credentials for the endpoint', 'set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (an administrator of the target account)');
    }
    const rootKey = env.IAM_CONFORMANCE_ROOT_ACCESS_KEY_ID;
    const rootSecret = env.IAM_CONFORMANCE_ROOT_SECRET_ACCESS_KEY;
    const disposable = env.IAM_CONFORMANCE_DISPOSABLE_ACCOUNT === '1';
    return {
      target: 'endpoint',
      endpoint: url.toString().replace(/\/$/, ''),
      region: options.region ?? env.AWS_REGION ?? 'us-east-1',
      admin: { accessKeyId, secretAccessKey, ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}) },
      ...(rootKey && rootSecret ? { rootCredentials: { accessKeyId: rootKey, secretAccessKey: rootSecret } } : {}),
      capabilities: {
        root: !!(rootKey && rootSecret),
        disposableAccount: disposable,
        accountPolicyWritable: disposable || env.IAM_CONFORMANCE_ALLOW_ACCOUNT_POLICY_CHANGES === '1',
        propagationDelays: env.IAM_CONFORMANCE_PROPAGATION_DELAYS === '1',
      },
      async stop() {},
    };
  },
};
