import { EXIT } from '../exit-codes.ts';
import type { Report } from '../report/types.ts';

/**
 * The exit code a complete report stands for, the same for `run` and `merge-reports`: 3 when a case could
 * not be carried out; with a baseline, 1 for new failures or unexpected passes, else 0; without one,
 * 1 for any failure, else 0.
 */
export function reportExitCode(report: Report): number {
  if (report.summary.errored > 0) return EXIT.unavailable;
  if (report.baseline) {
    return report.baseline.newFailures.length > 0 || report.baseline.unexpectedPasses.length > 0 ? EXIT.differences : EXIT.ok;
  }
  return report.summary.failed > 0 ? EXIT.differences : EXIT.ok;
}
