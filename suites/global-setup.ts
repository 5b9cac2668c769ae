/** Starts the target before any case runs (unless `iam-conformance run` already did): src/run/vitest/setup.ts. */
export { default } from '../src/run/vitest/setup.ts';
