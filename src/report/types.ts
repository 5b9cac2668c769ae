import type { CaseResult } from '../runner/result.ts';
import type { Capabilities } from '../targets/types.ts';

/** Bump on any change a consumer of report.json could notice; report.schema.json describes it. */
export const REPORT_SCHEMA_VERSION = '1.2';

export interface Summary {
  total: number;
  passed: number;
  failed: number;
  skipped: number;
  errored: number;
  /** Failed as the baseline says (not counted in `failed`). */
  expectedFailures: number;
  /** Listed in the baseline but passed: the baseline is stale, and the run fails. */
  unexpectedPasses: number;
  /** 1.1: requests sent to the target, every attempt, set-up and tear-down included. */
  requests?: number;
  /** 1.1: access keys the run created. */
  accessKeysCreated?: number;
  /** 1.2: cases the client refused to send (no verdict; never counted as failed). */
  clientRejected?: number;
}

export interface ErrorCoverage {
  operation: string;
  error: string;
  status: number;
  /** Cases whose expectation names this error. */
  cases: string[];
  untriggerable?: string;
}

export interface MemberCoverage {
  operation: string;
  member: string;
  probes: string[];
}

export interface Report {
  schemaVersion: string;
  tool: { name: string; version: string };
  target: { name: string; endpoint?: string; version?: string; capabilities: Capabilities };
  /** 1.2: `details` says what else the client is made of (boto3 and the AWS CLI: the botocore each really loaded). */
  client: { name: string; version: string; details?: Record<string, string> };
  runId: string;
  /** The seed the cases were expanded with (1.1): with the spec files, it reproduces every probe value. */
  seed?: string;
  strict: boolean;
  startedAt: string;
  durationMs: number;
  summary: Summary;
  /** Set when a baseline was applied: its file, and the case ids in each baseline category. */
  baseline?: { file: string; expectedFailures: string[]; unexpectedPasses: string[]; newFailures: string[] };
  coverage: { errors: ErrorCoverage[]; members: MemberCoverage[] };
  cases: Array<CaseResult & { baseline?: 'expected-failure' | 'unexpected-pass' }>;
}
