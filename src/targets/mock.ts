import { MUTANTS } from '../mock/mutants.ts';
import type { Emulator } from '../mock/emulator.ts';
import { FAULT_KINDS, type FaultKind, type FaultyEmulator } from '../mock/faults.ts';
import type { Attachment, TargetAdapter } from './types.ts';

/** Requests to this host never leave the process (msw intercepts them; `.invalid` never resolves). */
export const MOCK_ENDPOINT = 'http://iam.mock.iam-conformance.invalid';

const CAPABILITIES = { root: true, disposableAccount: true, accountPolicyWritable: true, propagationDelays: false, enforcesSignatures: true };

/** What tests and tools can reach of an attached mock: the emulator and the faults in front of it. */
export interface MockControls {
  emulator: Emulator;
  faults?: FaultyEmulator;
}

/**
 * The reference emulator (src/mock/). Needs nothing installed; every run gets a fresh, empty account.
 * Served three ways, chosen by what the client needs: inside the process that runs the cases through
 * msw (the default), over loopback HTTP on a free port (for a client that runs in another process, or
 * --serve loopback), or handed each request directly (`direct`: no interception, for mutation
 * testing, where only verdicts matter; raw Query client only).
 */
export const mockTarget: TargetAdapter = {
  name: 'mock',
  summary: 'the reference emulator, in-process on msw (default; needs nothing)',
  options: [
    { key: 'serve', flag: 'serve', env: 'IAM_CONFORMANCE_MOCK_SERVE', type: 'string', choices: ['in-process', 'loopback', 'direct'], value: 'HOW', help: 'in-process (msw), loopback (HTTP on 127.0.0.1), direct (query client only)', defaultText: 'in-process, loopback for clients in another process' },
    { key: 'mutant', flag: 'mutant', env: 'IAM_CONFORMANCE_MOCK_MUTANT', type: 'string', choices: () => MUTANTS.map((m) => m.id), value: 'ID', help: 'deviate from AWS in one named way (src/mock/mutants.ts)' },
    { key: 'faultRate', flag: 'fault-rate', env: 'IAM_CONFORMANCE_MOCK_FAULT_RATE', type: 'number', min: 0, max: 1, value: 'R', help: 'put transport faults (throttling, 5xx pages, resets, cut-short XML) before this share of requests' },
    { key: 'faultKinds', flag: 'fault-kinds', env: 'IAM_CONFORMANCE_MOCK_FAULT_KINDS', type: 'list', choices: FAULT_KINDS, value: 'KIND', help: 'with --fault-rate: which faults', defaultText: 'all but latency (latency too with --fault-latency-ms)' },
    { key: 'faultLatencyMs', flag: 'fault-latency-ms', env: 'IAM_CONFORMANCE_MOCK_FAULT_LATENCY_MS', type: 'integer', min: 1, value: 'MS', help: 'with --fault-rate: also hold some answers this long (beyond --request-timeout-ms)' },
    { key: 'faultSeed', flag: 'fault-seed', env: 'IAM_CONFORMANCE_MOCK_FAULT_SEED', type: 'string', value: 'SEED', help: 'with --fault-rate: which requests the faults strike', defaultText: 'faults' },
  ],
  defaults: { concurrency: 32 },
  checkPlan(plan) {
    return plan.targetOptions.serve === 'direct' && plan.client !== 'query' ? '--serve direct hands requests straight to the emulator: only --client query can send them' : undefined;
  },
  async start(options) {
    const serve = (options.options.serve as string | undefined) ?? (options.needsNetwork ? 'loopback' : 'in-process');
    if (serve !== 'loopback') return { target: 'mock', endpoint: MOCK_ENDPOINT, region: 'us-east-1', admin: { accessKeyId: '', secretAccessKey: '' }, capabilities: CAPABILITIES, serve: serve as 'in-process' | 'direct', settings: options.options, async stop() {} };
    const { emulator, answerer } = await buildMock(options.options);
    const { startMockServer } = await import('../mock/server.ts');
    const server = await startMockServer({ emulator, front: answerer });
    options.log?.(`the reference emulator serves at ${server.url}`);
    return { target: 'mock', endpoint: server.url, region: 'us-east-1', admin: emulator.admin, rootCredentials: emulator.root, capabilities: CAPABILITIES, serve: 'network', stop: () => server.close() };
  },
  async attach(session) {
    if (session.serve !== 'in-process' && session.serve !== 'direct') return { session, close() {} };
    const { emulator, answerer, faults } = await buildMock(session.settings ?? {});
    const here = { ...session, admin: emulator.admin, rootCredentials: emulator.root };
    const controls: MockControls = { emulator, ...(faults ? { faults } : {}) };
    if (session.serve === 'direct') {
      const { directTransport } = await import('../mock/direct.ts');
      return { session: here, fetch: directTransport(answerer), controls, close() {} };
    }
    const { interceptInProcess } = await import('../mock/msw.ts');
    const interception = interceptInProcess(answerer, session.endpoint);
    return { session: here, controls, close: () => interception.close() } satisfies Attachment;
  },
};

/** The emulator with the plan's deviation, behind the plan's faults. Loaded lazily: other targets never load it. */
async function buildMock(options: Record<string, unknown>) {
  const { createEmulator } = await import('../mock/emulator.ts');
  const mutant = options.mutant ? MUTANTS.find((m) => m.id === options.mutant) : undefined;
  const emulator = createEmulator({ behaviour: mutant?.behaviour() });
  const rate = (options.faultRate as number | undefined) ?? 0;
  if (rate <= 0) return { emulator, answerer: emulator as Pick<Emulator, 'handle'> };
  const { withFaults } = await import('../mock/faults.ts');
  const latencyMs = options.faultLatencyMs as number | undefined;
  const kinds = (options.faultKinds as FaultKind[] | undefined) ?? FAULT_KINDS.filter((k) => k !== 'latency' || latencyMs !== undefined);
  const faults = withFaults(emulator, { rate, kinds, latencyMs, seed: (options.faultSeed as string | undefined) ?? 'faults' });
  return { emulator, answerer: faults as Pick<Emulator, 'handle'>, faults };
}
