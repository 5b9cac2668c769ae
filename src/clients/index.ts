import { jsSdkClient, SDK_VERSION } from './js-sdk.ts';
import { queryClient, QUERY_VERSION } from './query.ts';
import type { ClientFactory } from './types.ts';

/** Every way of calling IAM the suite knows: `--client <name>`. */
export const CLIENTS: Readonly<Record<string, { summary: string; version: string; create: ClientFactory }>> = {
  'js-sdk': { summary: 'AWS SDK for JavaScript v3 (@aws-sdk/client-iam), as applications call IAM', version: SDK_VERSION, create: jsSdkClient },
  query: { summary: 'a raw awsQuery client: exact wire form, SigV4 by @smithy/signature-v4, no retries', version: QUERY_VERSION, create: queryClient },
};
