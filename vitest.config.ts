import { defineConfig } from 'vitest/config';
import { ConformanceReporter } from './src/run/vitest/reporter.ts';
import { conformanceProject, NATIVE_MODULES } from './src/run/vitest/project.ts';

export default defineConfig({
  test: {
    // `npm run test:unit`: in-process, no servers. `npm run test:e2e`: processes, servers, interrupted
    // runs. `npx vitest --project conformance`: the suite itself, planned from IAM_CONFORMANCE_* variables.
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/e2e/**'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
        },
      },
      { test: conformanceProject('src/') },
    ],
    experimental: { ...NATIVE_MODULES },
    // Writes the conformance reports when a run was provided; silent for the project's own tests.
    reporters: ['default', new ConformanceReporter()],
  },
});
