import type { CaseKind } from '../cases/types.ts';
import type { Source } from '../specfile/types.ts';
import type { ClientError, RawResponse } from '../clients/types.ts';
import type { Difference, Note } from '../verdict/types.ts';

/**
 * `client-rejected` (1.2): the client refused to send a request the case needs (botocore's parameter
 * validation, say), so the target was never asked: no verdict, never a target failure.
 */
export type CaseOutcome = 'pass' | 'fail' | 'skip' | 'error' | 'client-rejected';

/** What one step sent and got, as the report shows it (sensitive values already redacted). */
export interface StepRecord {
  call: string;
  as: string;
  input?: Record<string, unknown>;
  wire?: Record<string, unknown>;
  expected: Record<string, unknown>;
  source: Source;
  /** `code` is the wire code read from the body (what verdicts judge); `clientError` what the client surfaced (1.2). */
  actual?: { status: number; code?: string; message?: string; requestId?: string; output?: unknown; attempts: number; clientError?: ClientError };
  noResponse?: string;
  /** 1.2: the client refused to send this step's request: what it surfaced and said. */
  clientRejected?: { clientError: ClientError; message: string };
  /** With --transcript: the request as it went on the wire (passwords as length + short hash); not in report.json. */
  sent?: TranscriptRequest;
  /** 1.2: what the client ran for this step (the AWS CLI's command line; passwords never in it). */
  command?: string;
  /** The response on the wire, kept only with --record (it goes to recordings, not to the report). */
  raw?: RawResponse;
}

/** A step's request in transcript.jsonl: sensitive values as their length and a short hash. */
export interface TranscriptRequest {
  method: string;
  path: string;
  action?: string;
  contentType?: string;
  /** Sorted by name; Action left out (it is `action`). */
  params: Record<string, string | { length: number; sha256: string }>;
}

/** The verdict on one case; the report's `cases[]` entries are these. */
export interface CaseResult {
  id: string;
  operation: string;
  kind: CaseKind;
  title: string;
  tags: string[];
  source: Source;
  outcome: CaseOutcome;
  /** The decisive step's expectation and response (the first that failed, else the first step). */
  expected?: Record<string, unknown>;
  actual?: StepRecord['actual'];
  differences: Difference[];
  notes: Note[];
  /** Why a case was skipped or could not be carried out. */
  reason?: string;
  steps: StepRecord[];
  durationMs: number;
}
