import { STRICT_SOURCES, type Claim, type Expectation, type Source } from '../specfile/types.ts';
import { absentMembers, matchOutput } from './output-match.ts';
import { sameValidationMessage } from './validation-message.ts';
import type { Response } from '../clients/types.ts';
import type { Difference, Judgement, Note } from './types.ts';

export interface JudgeOptions {
  /** Message text backed by docs or an AWS recording becomes a MUST. */
  strict: boolean;
}

/** A step with its templates resolved: what was expected of one response, and on what evidence. */
export interface StepClaim extends Claim {
  index: number;
  call: string;
  likely?: Claim;
}

/**
 * The verdict on one response. Outcome, code, status and output are MUST claims when their source is
 * evidence (docs, aws-recording, user-report); message text is a SHOULD unless --strict and backed by
 * docs or a recording; everything inferred, and every `likely` claim, is a SHOULD. MUST misses are
 * differences (the case fails); SHOULD misses are notes.
 */
export function judge(claim: StepClaim, response: Response, options: JudgeOptions): Judgement {
  const differences: Difference[] = [];
  const notes: Note[] = [];
  const strict = STRICT_SOURCES.includes(claim.source);
  const messageSource = claim.messageSource ?? claim.source;
  const messageStrict = options.strict && (messageSource === 'docs' || messageSource === 'aws-recording');

  for (const miss of misses(claim.expect, response)) {
    const isMust = miss.field === 'message' ? messageStrict : strict;
    const source = miss.field === 'message' ? messageSource : claim.source;
    if (isMust) differences.push({ step: claim.index, call: claim.call, ...miss, source, evidence: claim.evidence });
    else notes.push({ step: claim.index, source, text: `${claim.call} ${miss.field}: expected ${show(miss.expected)} (${source}), got ${show(miss.actual)}` });
  }
  if (claim.likely) {
    for (const miss of misses(claim.likely.expect, response)) {
      notes.push({
        step: claim.index,
        source: claim.likely.source,
        text: `${claim.call} ${miss.field}: likely ${show(miss.expected)} (${claim.likely.source}${claim.likely.evidence ? `: ${claim.likely.evidence}` : ''}), got ${show(miss.actual)}`,
      });
    }
  }
  return { differences, notes };
}

interface Miss {
  field: string;
  expected: unknown;
  actual: unknown;
}

function misses(expect: Expectation, r: Response): Miss[] {
  const out: Miss[] = [];
  const ok = r.status >= 200 && r.status < 300;
  const actualOutcome = ok ? 'success' : 'error';
  const wantOutcome = expect.outcome ?? (expect.error ? 'error' : undefined);
  if (wantOutcome && wantOutcome !== actualOutcome) {
    out.push({ field: 'outcome', expected: wantOutcome, actual: ok ? `success (${r.status})` : `error ${r.code ?? '(no code)'} (${r.status})` });
    return out; // the rest would only repeat this difference
  }
  if (expect.error && expect.error !== r.code) out.push({ field: 'error', expected: expect.error, actual: r.code ?? '(no code)' });
  if (expect.status !== undefined && expect.status !== r.status) out.push({ field: 'status', expected: expect.status, actual: r.status });
  if (expect.notError && r.code === expect.notError) out.push({ field: 'error', expected: `anything but ${expect.notError}`, actual: r.code });
  if (expect.message !== undefined) {
    const same = r.message !== undefined && (expect.error === 'ValidationError' ? sameValidationMessage(expect.message, r.message) : expect.message.trim() === r.message.trim());
    if (!same) out.push({ field: 'message', expected: expect.message, actual: r.message ?? '(none)' });
  }
  if (expect.namespace !== undefined && expect.namespace !== r.namespace) out.push({ field: 'namespace', expected: expect.namespace, actual: r.namespace ?? '(none)' });
  if (expect.errorType !== undefined && expect.errorType !== r.errorType) out.push({ field: 'errorType', expected: expect.errorType, actual: r.errorType ?? '(none)' });
  if (expect.output) for (const m of matchOutput(expect.output, r.output)) out.push({ field: `output.${m.path}`, expected: m.expected, actual: m.actual });
  if (expect.absent) for (const m of absentMembers(expect.absent, r.output)) out.push({ field: `output.${m.path}`, expected: m.expected, actual: m.actual });
  return out;
}

function show(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v) ?? String(v);
}

export function strongest(sources: Source[]): Source {
  for (const s of ['aws-recording', 'docs', 'user-report'] as const) if (sources.includes(s)) return s;
  return 'inferred';
}
