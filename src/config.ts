import { randomBytes } from 'node:crypto';
import type { CaseFilter } from './cases/expand.ts';

/**
 * The settings of one run. The CLI and plain `npx vitest` both arrive here through environment
 * variables, so every setting works the same either way (README, "Configuration").
 */
export interface RunConfig {
  target: string;
  endpoint?: string;
  region?: string;
  image?: string;
  client: string;
  runId: string;
  strict: boolean;
  showSecrets: boolean;
  filter: CaseFilter;
  specDir?: string;
  concurrency: number;
  /** --record: keep raw responses as evidence under this directory. */
  recordDir?: string;
}

export const ENV = {
  target: 'IAM_CONFORMANCE_TARGET',
  endpoint: 'IAM_CONFORMANCE_ENDPOINT',
  region: 'IAM_CONFORMANCE_REGION',
  image: 'IAM_CONFORMANCE_IMAGE',
  client: 'IAM_CONFORMANCE_CLIENT',
  runId: 'IAM_CONFORMANCE_RUN_ID',
  strict: 'IAM_CONFORMANCE_STRICT',
  showSecrets: 'IAM_CONFORMANCE_SHOW_SECRETS',
  operations: 'IAM_CONFORMANCE_OPERATIONS',
  tags: 'IAM_CONFORMANCE_TAGS',
  ids: 'IAM_CONFORMANCE_IDS',
  specDir: 'IAM_CONFORMANCE_SPECS',
  concurrency: 'IAM_CONFORMANCE_CONCURRENCY',
  reportDir: 'IAM_CONFORMANCE_REPORT_DIR',
  recordDir: 'IAM_CONFORMANCE_RECORD_DIR',
  /**
   * Set for the process that runs the cases of a supervised run (aws): it takes its session from the
   * supervisor over IPC, and exits with it.
   */
  supervised: 'IAM_CONFORMANCE_SUPERVISED',
  /** Bounded retries for eventual consistency: attempts, and the first pause (it grows linearly). */
  retryAttempts: 'IAM_CONFORMANCE_RETRY_ATTEMPTS',
  retryDelayMs: 'IAM_CONFORMANCE_RETRY_DELAY_MS',
} as const;

const list = (v: string | undefined) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined);
const flag = (v: string | undefined) => v === '1' || v === 'true';

export function newRunId(): string {
  // Short (it prefixes user names, max 64 chars) and lower-case (IAM names are case-insensitive).
  return randomBytes(4).toString('hex').slice(0, 6);
}

export function runConfigFromEnv(env: NodeJS.ProcessEnv = process.env): RunConfig {
  const target = env[ENV.target] || 'mock';
  return {
    target,
    endpoint: env[ENV.endpoint] || undefined,
    region: env[ENV.region] || undefined,
    image: env[ENV.image] || undefined,
    client: env[ENV.client] || 'js-sdk',
    runId: env[ENV.runId] || newRunId(),
    strict: flag(env[ENV.strict]),
    showSecrets: flag(env[ENV.showSecrets]),
    filter: { operations: list(env[ENV.operations]), tags: list(env[ENV.tags]), ids: list(env[ENV.ids]) },
    specDir: env[ENV.specDir] || undefined,
    concurrency: Number(env[ENV.concurrency]) || (target === 'mock' ? 32 : 8),
    recordDir: env[ENV.recordDir] || undefined,
  };
}

export function runConfigToEnv(config: RunConfig): Record<string, string> {
  const env: Record<string, string> = {
    [ENV.target]: config.target,
    [ENV.client]: config.client,
    [ENV.runId]: config.runId,
    [ENV.strict]: config.strict ? '1' : '',
    [ENV.showSecrets]: config.showSecrets ? '1' : '',
    [ENV.operations]: config.filter.operations?.join(',') ?? '',
    [ENV.tags]: config.filter.tags?.join(',') ?? '',
    [ENV.ids]: config.filter.ids?.join(',') ?? '',
    [ENV.concurrency]: String(config.concurrency),
  };
  if (config.endpoint) env[ENV.endpoint] = config.endpoint;
  if (config.region) env[ENV.region] = config.region;
  if (config.image) env[ENV.image] = config.image;
  if (config.specDir) env[ENV.specDir] = config.specDir;
  if (config.recordDir) env[ENV.recordDir] = config.recordDir;
  return env;
}
