import { TargetUnavailable, type TargetAdapter } from './types.ts';

/**
 * Any IAM endpoint: a vendor's implementation, an emulator someone else runs. Credentials come from
 * the standard AWS environment variables; root credentials from IAM_CONFORMANCE_ROOT_ACCESS_KEY_ID /
 * IAM_CONFORMANCE_ROOT_SECRET_ACCESS_KEY. A shared endpoint is assumed unless
 * IAM_CONFORMANCE_DISPOSABLE_ACCOUNT=1 says the account is throwaway.
 */
export const endpointTarget: TargetAdapter = {
  name: 'endpoint',
  summary: 'any IAM endpoint URL (--endpoint); credentials from the AWS environment variables',
  options: [
    { key: 'endpoint', flag: 'endpoint', env: 'IAM_CONFORMANCE_ENDPOINT', type: 'string', value: 'URL', help: 'the IAM endpoint to test' },
    { key: 'accessKeyId', env: 'AWS_ACCESS_KEY_ID', type: 'string', secret: true, help: "an administrator's access key id on the endpoint" },
    { key: 'secretAccessKey', env: 'AWS_SECRET_ACCESS_KEY', type: 'string', secret: true, help: "the administrator's secret access key" },
    { key: 'sessionToken', env: 'AWS_SESSION_TOKEN', type: 'string', secret: true, help: 'a session token, for temporary credentials' },
    { key: 'awsRegion', env: 'AWS_REGION', type: 'string', help: 'the signing region when --region is not given', defaultText: 'us-east-1' },
    { key: 'rootAccessKeyId', env: 'IAM_CONFORMANCE_ROOT_ACCESS_KEY_ID', type: 'string', secret: true, help: "the account root's access key id, for root-caller cases" },
    { key: 'rootSecretAccessKey', env: 'IAM_CONFORMANCE_ROOT_SECRET_ACCESS_KEY', type: 'string', secret: true, help: "the account root's secret access key" },
    { key: 'disposableAccount', flag: 'disposable-account', env: 'IAM_CONFORMANCE_DISPOSABLE_ACCOUNT', type: 'boolean', help: 'the account is throwaway: short user names and policy changes are fine' },
    { key: 'allowAccountPolicyChanges', flag: 'allow-account-policy-changes', env: 'IAM_CONFORMANCE_ALLOW_ACCOUNT_POLICY_CHANGES', type: 'boolean', help: 'run the cases that change the account password policy (the one found is put back)' },
    { key: 'propagationDelays', flag: 'propagation-delays', env: 'IAM_CONFORMANCE_PROPAGATION_DELAYS', type: 'boolean', help: 'new keys and login profiles take time to work: retry "not yet" answers' },
  ],
  // What is missing or malformed is a usage error, found before anything starts.
  checkPlan({ targetOptions: o }) {
    if (!o.endpoint) return 'the endpoint target needs --endpoint URL (or IAM_CONFORMANCE_ENDPOINT)';
    if (!URL.canParse(String(o.endpoint))) return `--endpoint is not a URL: ${String(o.endpoint)}`;
    if (!o.accessKeyId || !o.secretAccessKey) return 'no credentials for the endpoint: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (an administrator of the target account)';
    return undefined;
  },
  async start({ options, region }) {
    const accessKeyId = options.accessKeyId as string;
    const secretAccessKey = options.secretAccessKey as string;
    const endpoint = new URL(options.endpoint as string).toString().replace(/\/$/, '');
    const rootKey = options.rootAccessKeyId as string | undefined;
    const rootSecret = options.rootSecretAccessKey as string | undefined;
    const disposable = options.disposableAccount === true;
    return {
      target: 'endpoint',
      endpoint,
      region: region ?? (options.awsRegion as string | undefined) ?? 'us-east-1',
      admin: { accessKeyId, secretAccessKey, ...(options.sessionToken ? { sessionToken: options.sessionToken as string } : {}) },
      ...(rootKey && rootSecret ? { rootCredentials: { accessKeyId: rootKey, secretAccessKey: rootSecret } } : {}),
      capabilities: {
        root: !!(rootKey && rootSecret),
        disposableAccount: disposable,
        accountPolicyWritable: disposable || options.allowAccountPolicyChanges === true,
        propagationDelays: options.propagationDelays === true,
      },
      hints: {
        root: 'set IAM_CONFORMANCE_ROOT_ACCESS_KEY_ID and IAM_CONFORMANCE_ROOT_SECRET_ACCESS_KEY',
        disposableAccount: 'IAM_CONFORMANCE_DISPOSABLE_ACCOUNT=1 when the account is throwaway',
        accountPolicy: '--allow-account-policy-changes, or IAM_CONFORMANCE_DISPOSABLE_ACCOUNT=1',
      },
      async stop() {},
    };
  },
};
