import { createRequire } from 'node:module';
import type { Client, TargetAddress } from './types.ts';

export interface ClientDriver {
  summary: string;
  version: string;
  /** The client runs in another process: the target must then be reachable over the network. */
  needsNetwork: boolean;
  /** Loads the client's code only when a run uses it (an SDK takes a quarter of a second to import). */
  create(address: TargetAddress): Promise<Client>;
}

const SDK_VERSION: string = createRequire(import.meta.url)('@aws-sdk/client-iam/package.json').version;

/** Every way of calling IAM the suite knows: `--client <name>`. Adding a client is adding a driver here. */
export const CLIENTS: Readonly<Record<string, ClientDriver>> = {
  'js-sdk': {
    summary: 'AWS SDK for JavaScript v3 (@aws-sdk/client-iam), as applications call IAM',
    version: SDK_VERSION,
    needsNetwork: false,
    create: async (address) => (await import('./js-sdk.ts')).jsSdkClient(address),
  },
  query: {
    summary: 'a raw awsQuery client: exact wire form, SigV4 by @smithy/signature-v4, no retries',
    version: '2010-05-08',
    needsNetwork: false,
    create: async (address) => (await import('./query.ts')).queryClient(address),
  },
};
