import { createEmulator } from '../mock/emulator.ts';
import { interceptInProcess, MOCK_BASE_URL } from '../mock/msw.ts';
import type { SessionInfo, TargetAdapter } from './types.ts';

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
      endpoint: MOCK_BASE_URL,
      region: 'us-east-1',
      // Filled in by attachInProcess in the process that runs the cases.
      admin: { accessKeyId: '', secretAccessKey: '' },
      capabilities: { root: true, disposableAccount: true, accountPolicyWritable: true, propagationDelays: false, enforcesSignatures: true },
      inProcess: 'mock',
      async stop() {},
    };
  },
};

/** Starts the emulator and its interception in this process; returns the session to use here. */
export function attachInProcess(info: SessionInfo): { session: SessionInfo; close(): void } {
  const emulator = createEmulator();
  const interception = interceptInProcess(emulator, info.endpoint);
  return {
    session: { ...info, admin: emulator.admin, rootCredentials: emulator.root },
    close: () => interception.close(),
  };
}
