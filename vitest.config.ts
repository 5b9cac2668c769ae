import { defineConfig } from 'vitest/config';
import { ConformanceReporter } from './src/report/vitest-reporter.ts';
import { ENV } from './src/config.ts';

const reportDir = process.env[ENV.reportDir];

export default defineConfig({
  test: {
    // `npx vitest` runs both projects; `npm test` runs the project's own tests only.
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'conformance',
          include: ['suites/**/*.test.ts'],
          globalSetup: ['suites/global-setup.ts'],
          // One worker holds the run's cases; concurrency comes from inside it (describe.concurrent).
          fileParallelism: false,
          maxConcurrency: Number(process.env[ENV.concurrency]) || 32,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
    reporters: reportDir ? ['default', new ConformanceReporter({ reportDir })] : ['default'],
  },
});
