import { createRequire } from 'node:module';
import type { Client, TargetAddress } from './types.ts';

export interface ClientDriver {
  summary: string;
  version: string;
  /** The client runs in another process: the target must then be reachable over the network. */
  needsNetwork: boolean;
  /** Loads the client's code only when a run uses it (an SDK takes a quarter of a second to import). */
  create(address: TargetAddress): Promise<Client>;
  /**
   * Before the target starts, in the process the user started: installs what a versioned client needs
   * on first use, or throws ClientUnavailable (exit 3) naming how to install what is missing.
   */
  prepare?(toolsDir: string | undefined, log: (line: string) => void): Promise<void>;
  /**
   * Only the cases' steps go through this client; set-up and tear-down through the raw Query client.
   * For a client whose every call costs what a command costs (the AWS CLI makes a client per command).
   */
  stepsOnly?: boolean;
}

const SDK_VERSION: string = createRequire(import.meta.url)('@aws-sdk/client-iam/package.json').version;
const PINNED_BOTO3 = '1.44.8';
const PINNED_AWSCLI = '1.46.3';

/** Every way of calling IAM the suite knows: `--client <name>`. Adding a client is adding a driver here. */
export const CLIENTS: Readonly<Record<string, ClientDriver>> = {
  'js-sdk': {
    summary: 'AWS SDK for JavaScript v3 (@aws-sdk/client-iam), as applications call IAM; js-sdk@VERSION: that exact version',
    version: SDK_VERSION,
    needsNetwork: false,
    create: async (address) => {
      const { jsSdkClient, bundledSdk } = await import('./js-sdk.ts');
      return jsSdkClient(address, await bundledSdk());
    },
  },
  query: {
    summary: 'a raw awsQuery client: exact wire form, SigV4 by @smithy/signature-v4, no retries',
    version: '2010-05-08',
    needsNetwork: false,
    create: async (address) => (await import('./query.ts')).queryClient(address),
  },
  boto3: {
    summary: `boto3 ${PINNED_BOTO3} in a Python worker (bash ci/install-clients.sh); boto3@VERSION: that exact version`,
    version: PINNED_BOTO3,
    needsNetwork: true,
    create: async (address) => (await import('./python/python-clients.ts')).boto3Client(address),
    prepare: async (toolsDir) => void (await import('./python/python-clients.ts')).pythonFor('boto3', toolsDir),
  },
  'aws-cli': {
    summary: `the AWS CLI v1 (awscli ${PINNED_AWSCLI}) through its own driver in a Python worker (bash ci/install-clients.sh)`,
    version: PINNED_AWSCLI,
    needsNetwork: true,
    stepsOnly: true,
    create: async (address) => (await import('./python/python-clients.ts')).awsCliClient(address),
    prepare: async (toolsDir) => void (await import('./python/python-clients.ts')).pythonFor('aws-cli', toolsDir),
  },
};

/** A version pin: `js-sdk@3.600.0`, `boto3@1.40.0`. */
const VERSIONED = /^(js-sdk|boto3)@(\d+\.\d+\.\d+)$/;

/**
 * The driver for a `--client` value: a name from CLIENTS, or `js-sdk@<version>` / `boto3@<version>`,
 * installed into the tools cache on first use with a dependency tree of its own.
 */
export function findClient(name: string): ClientDriver | undefined {
  if (CLIENTS[name]) return CLIENTS[name];
  const m = VERSIONED.exec(name);
  if (!m) return undefined;
  const [, family, version] = m as unknown as [string, 'js-sdk' | 'boto3', string];
  return {
    summary: `${CLIENTS[family]!.summary.split(';')[0]}, version ${version}`,
    version,
    needsNetwork: CLIENTS[family]!.needsNetwork,
    create: async (address) =>
      family === 'js-sdk'
        ? (await import('./js-sdk.ts')).jsSdkClient(address, await (await import('./js-sdk-versions.ts')).installedSdk(version, address.toolsDir))
        : (await import('./python/python-clients.ts')).boto3Client(address, version),
    prepare: async (toolsDir, log) =>
      family === 'js-sdk'
        ? (await import('./js-sdk-versions.ts')).installJsSdk(version, toolsDir, log)
        : (await import('./python/python-clients.ts')).installBoto3(version, toolsDir, log),
  };
}
