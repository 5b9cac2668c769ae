import type { SessionInfo, TargetAdapter } from './types.ts';

/** Requests to this host never leave the process (msw intercepts them; `.invalid` never resolves). */
export const MOCK_ENDPOINT = 'http://iam.mock.iam-conformance.invalid';

/**
 * The reference emulator, in the worker's own process: requests to MOCK_BASE_URL never leave it
 * (msw intercepts them). Needs nothing installed; every run gets a fresh, empty account.
 */
export const mockTarget: TargetAdapter = {
  name: 'mock',
  summary: 'the in-process reference emulator on msw (default; needs nothing)',
  async start() {
    return {
      target: 'mock',
      endpoint: MOCK_ENDPOINT,
      region: 'us-east-1',
      // Filled in by attachInProcess in the process that runs the cases.
      admin: { accessKeyId: '', secretAccessKey: '' },
      capabilities: { root: true, disposableAccount: true, accountPolicyWritable: true, propagationDelays: false, enforcesSignatures: true },
      inProcess: 'mock',
      async stop() {},
    };
  },
};

/**
 * Starts the emulator and its interception in this process; returns the session to use here.
 * Loaded lazily: runs against other targets never load msw or the emulator.
 */
export async function attachInProcess(info: SessionInfo): Promise<{ session: SessionInfo; close(): void }> {
  const { createEmulator } = await import('../mock/emulator.ts');
  const { interceptInProcess } = await import('../mock/msw.ts');
  const emulator = createEmulator();
  const interception = interceptInProcess(emulator, info.endpoint);
  return {
    session: { ...info, admin: emulator.admin, rootCredentials: emulator.root },
    close: () => interception.close(),
  };
}
