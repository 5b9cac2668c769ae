import { appendFileSync } from 'node:fs';
import { causesFor } from './causes.ts';
import { show } from './format.ts';
import { summaryMarkdown } from './markdown.ts';
import type { Cause, Report } from './types.ts';

/** At most this many ::error annotations per run; one ::notice counts the rest. */
export const MAX_ANNOTATIONS = 10;

/**
 * GitHub Actions: workflow commands for the causes of a run, one `::error` per cause pointing at the
 * spec entry its cases come from (file and line), so the differences show on the spec files in the
 * run's summary. Causes whose every case the baseline expects are left out: they do not fail the run.
 */
export function githubAnnotations(report: Report): string[] {
  const expected = new Set(report.baseline?.expectedFailures ?? []);
  const causes = causesFor(report).filter((c) => c.caseIds.some((id) => !expected.has(id)));
  const lines = causes.slice(0, MAX_ANNOTATIONS).map((c) => annotation(c));
  const rest = causes.slice(MAX_ANNOTATIONS);
  if (rest.length) {
    const cases = rest.reduce((n, c) => n + c.count, 0);
    lines.push(`::notice title=${property(`${rest.length} more causes`)}::${data(`${rest.length} more causes (${cases} cases) are not annotated: see report.md or report.html`)}`);
  }
  return lines;
}

function annotation(c: Cause): string {
  const file = c.spec?.file ?? `specs/iam/${c.operation}.yaml`;
  const where = `file=${property(file)}${c.spec ? `,line=${c.spec.line}` : ''}`;
  const e = c.example;
  const message =
    `expected ${show(e.expected)}, got ${show(e.actual)}` +
    `${e.response?.message ? ` ("${e.response.message}")` : ''}` +
    ` in ${c.count} case${c.count === 1 ? '' : 's'}, e.g. ${e.caseId}; evidence ${e.source}${e.evidence ? `: ${e.evidence}` : ''}`;
  return `::error ${where},title=${property(c.title)}::${data(message)}`;
}

/** The summary and the causes, appended to the file GITHUB_STEP_SUMMARY names (the job's summary page). */
export function appendStepSummary(file: string, report: Report): void {
  const target = `${report.target.name}${report.target.version ? ` ${report.target.version}` : ''}`;
  const s = report.summary;
  const text = [
    `## IAM conformance: ${target} (${report.client.name})${report.shard ? `, shard ${report.shard.index}/${report.shard.count}` : ''}`,
    '',
    `**${s.total} cases: ${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped, ${s.errored} errored**` +
      (report.baseline ? ` (baseline: ${s.expectedFailures} expected failures, ${s.unexpectedPasses} unexpected passes, ${report.baseline.newFailures.length} new failures)` : ''),
    '',
    ...summaryMarkdown(report),
    '',
  ].join('\n');
  appendFileSync(file, text + '\n');
}

/** Workflow-command escaping (the runner's own rules): data escapes %, CR and LF; properties also : and ,. */
function data(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function property(s: string): string {
  return data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
