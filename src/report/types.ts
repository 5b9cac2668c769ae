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
  cases: ReportCase[];
  /** 1.2: the failed cases grouped by what went wrong (src/report/causes.ts), largest first. */
  causes?: Cause[];
  /**
   * 1.2: set on a report of one shard of a run (`--shard i/n`), for merge-reports; `cases` is how many
   * cases the shard selected, so a merge can tell a complete shard from one whose run stopped early.
   */
  shard?: { index: number; count: number; cases?: number };
  /**
   * 1.2: set when the run was not carried out whole: errors of the harness (a failing hook, an unhandled
   * error) and how many cases were selected, of which `cases` holds fewer. Views show it as an error of the run.
   */
  incomplete?: { errors: string[]; selected: number };
  /** 1.2: the run's target settings, for the command that runs one case again (src/report/reproduce.ts). */
  reproduce?: ReproduceSettings;
}

/**
 * What `iam-conformance run` needs to reach the same target again: arguments (--target and its settings,
 * --client, --seed...) and settings taken only from the environment. Never selection, report or secret settings.
 */
export interface ReproduceSettings {
  args: string[];
  env?: Record<string, string>;
}

export type ReportCase = CaseResult & { baseline?: 'expected-failure' | 'unexpected-pass' };

/** 1.2: failing cases that differ from AWS in the same way (same operation, call, field, expected, actual). */
export interface Cause {
  /** `<Operation>-<8 hex>`: a hash of the normalised grouping key, the same on every run. */
  id: string;
  /** One line: "ChangePassword: 500 where success was expected". */
  title: string;
  operation: string;
  /** The call whose answer differed (`setup CreateUser` when the set-up failed). */
  call: string;
  field: string;
  count: number;
  caseIds: string[];
  /** The first case (by id) and what it got. */
  example: {
    caseId: string;
    step: number;
    expected: unknown;
    actual: unknown;
    source: string;
    evidence?: string;
    response?: { status: number; code?: string; message?: string };
  };
  /** Where in the specs the example case comes from, for CI annotations. */
  spec?: { file: string; line: number };
}
