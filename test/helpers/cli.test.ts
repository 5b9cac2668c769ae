import { afterEach, expect, test, vi } from 'vitest';
import { testEnv } from './cli.ts';

afterEach(() => {
  vi.unstubAllEnvs();
});

// The CLI runs of the tests must not annotate the job or write its summary when the tests themselves run
// under GitHub Actions; the e2e test of those features sets them on purpose.
test("the tests' CLI runs do not inherit GITHUB_ACTIONS or GITHUB_STEP_SUMMARY, unless a test sets them", () => {
  vi.stubEnv('GITHUB_ACTIONS', 'true');
  vi.stubEnv('GITHUB_STEP_SUMMARY', '/tmp/job-summary.md');
  const env = testEnv({});
  expect(env.GITHUB_ACTIONS).toBeUndefined();
  expect(env.GITHUB_STEP_SUMMARY).toBeUndefined();
  expect(env.PATH).toBe(process.env.PATH);
  expect(testEnv({ GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: '/tmp/s.md' })).toMatchObject({ GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: '/tmp/s.md' });
});
