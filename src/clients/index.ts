import { jsSdkClient, SDK_VERSION } from './js-sdk.ts';
import { queryClient, QUERY_VERSION } from './query.ts';
import type { ClientFactory } from './types.ts';

export interface ClientDriver {
  summary: string;
  version: string;
  /** The client runs in another process (boto3, the AWS CLI): the target must be reachable over the network. */
  needsNetwork: boolean;
  create: ClientFactory;
}

/** Every way of calling IAM the suite knows: `--client <name>`. Adding a client is adding a driver here. */
export const CLIENTS: Readonly<Record<string, ClientDriver>> = {
  'js-sdk': { summary: 'AWS SDK for JavaScript v3 (@aws-sdk/client-iam), as applications call IAM', version: SDK_VERSION, needsNetwork: false, create: jsSdkClient },
  query: { summary: 'a raw awsQuery client: exact wire form, SigV4 by @smithy/signature-v4, no retries', version: QUERY_VERSION, needsNetwork: false, create: queryClient },
};
