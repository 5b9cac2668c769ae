/** The three results of a certification (manifest.json's `result`), with their exit codes: 0, 1, 3. */
export type CertificationResult = 'certified' | 'not certified' | 'incomplete';

/** A certification's counts, from the report's cases (`clientRejected`: cases the client refused to send). */
export interface CertificationCounts {
  total: number;
  passed: number;
  failed: number;
  skipped: number;
  errored: number;
  clientRejected: number;
}

/** Counts outcomes case by case (never trusting a summary): what verify-bundle compares summaries with. */
export function countOutcomes(cases: ReadonlyArray<{ outcome: string }>): CertificationCounts & { other: number } {
  const c = { total: cases.length, passed: 0, failed: 0, skipped: 0, errored: 0, clientRejected: 0, other: 0 };
  for (const { outcome } of cases) {
    if (outcome === 'pass') c.passed++;
    else if (outcome === 'fail') c.failed++;
    else if (outcome === 'skip') c.skipped++;
    else if (outcome === 'error') c.errored++;
    else if (outcome === 'client-rejected') c.clientRejected++;
    else c.other++;
  }
  return c;
}

/** Cases that ran but were not judged: skipped, errored, refused by the client. */
export function unjudged(c: CertificationCounts): number {
  return c.skipped + c.errored + c.clientRejected;
}

/**
 * The result follows from the counts alone. A failed case settles it: not certified, whatever else is
 * missing (no missing case could make it pass). Otherwise a case that was not judged leaves it incomplete.
 * `allCasesRan` is false when the report holds fewer cases than the suite.
 */
export function resultOf(c: CertificationCounts, allCasesRan = true): CertificationResult {
  if (c.failed > 0) return 'not certified';
  if (!allCasesRan || unjudged(c) > 0 || c.total === 0 || c.passed !== c.total) return 'incomplete';
  return 'certified';
}
