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
  const emulator = createEmulator({ behaviour: (await deliberateMutant())?.behaviour() });
  const rate = Number(process.env.IAM_CONFORMANCE_MOCK_FAULT_RATE || 0);
  const answerer = rate > 0 ? (await import('../mock/faults.ts')).withFaults(emulator, { rate, kinds: ['throttling', 'unavailable-html', 'server-error-html', 'reset', 'truncated-xml'] }) : emulator;
  const interception = interceptInProcess(answerer, info.endpoint);
  return {
    session: { ...info, admin: emulator.admin, rootCredentials: emulator.root },
    close: () => interception.close(),
  };
}

/**
 * IAM_CONFORMANCE_MOCK_MUTANT=<id> runs the mock with one deliberate deviation (src/mock/mutants.ts),
 * to see what the suite reports for a target that has it; IAM_CONFORMANCE_MOCK_FAULT_RATE=<0..1> puts
 * transport faults in front of it.
 */
async function deliberateMutant() {
  const id = process.env.IAM_CONFORMANCE_MOCK_MUTANT;
  if (!id) return undefined;
  const { MUTANTS } = await import('../mock/mutants.ts');
  const mutant = MUTANTS.find((m) => m.id === id);
  if (!mutant) throw new Error(`IAM_CONFORMANCE_MOCK_MUTANT: no mutant "${id}" (see src/mock/mutants.ts)`);
  return mutant;
}
