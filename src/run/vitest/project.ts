/**
 * The conformance project's vitest settings, in one place: vitest.config.ts lists it among the
 * projects (for `npx vitest --project conformance`), and `iam-conformance run` hands it to vitest
 * directly, without loading and bundling the config file on every run.
 */
export const CONFORMANCE_PROJECT = {
  name: 'conformance',
  include: ['suites/**/*.test.ts'],
  globalSetup: ['suites/global-setup.ts'],
  // The run's scheduler (src/run/execute.ts) owns concurrency and per-case timeouts; the tests only wait
  // for its verdicts, in schedule order.
  fileParallelism: false,
  testTimeout: 0,
  hookTimeout: 0,
} as const;

/** The code runs as Node runs it (its own type stripping, as the CLI does): no Vite transform on the way. */
export const NATIVE_MODULES = { viteModuleRunner: false, nodeLoader: false } as const;
