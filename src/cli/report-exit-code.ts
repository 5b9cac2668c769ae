import { EXIT } from '../exit-codes.ts';
import type { Report } from '../report/types.ts';

/**
 * The exit code a report stands for, the same for `run` and `merge-reports`: 3 when a case or the run
 * itself could not be carried out (report.incomplete: what junit.xml and report.md show as an error of
 * the run); with a baseline, 1 for new failures or unexpected passes, else 0; without one,
 * 1 for any failure, else 0.
 */
export function reportExitCode(report: Report): number {
  if (report.summary.errored > 0 || report.incomplete) return EXIT.unavailable;
  if (report.baseline) {
    return report.baseline.newFailures.length > 0 || report.baseline.unexpectedPasses.length > 0 ? EXIT.differences : EXIT.ok;
  }
  return report.summary.failed > 0 ? EXIT.differences : EXIT.ok;
}
