import type { Report, ReportCase } from './types.ts';

/**
 * The outcomes a view shows, in order. `client-rejected` (the client refused to send the request, so
 * nothing was judged) is shown only when a report has such cases: older reports never do.
 */
export const OUTCOME_COLUMNS: ReadonlyArray<{ outcome: string; label: string; always: boolean }> = [
  { outcome: 'pass', label: 'passed', always: true },
  { outcome: 'fail', label: 'failed', always: true },
  { outcome: 'skip', label: 'skipped', always: true },
  { outcome: 'error', label: 'errored', always: true },
  { outcome: 'client-rejected', label: 'client-rejected', always: false },
];

export function countOutcomes(cases: readonly ReportCase[]): Map<string, number> {
  const n = new Map<string, number>();
  for (const c of cases) n.set(c.outcome, (n.get(c.outcome) ?? 0) + 1);
  return n;
}

export function operationsOf(report: Pick<Report, 'cases'>): string[] {
  return [...new Set(report.cases.map((c) => c.operation))].sort();
}
