import { show } from './format.ts';
import { causesFor } from './causes.ts';
import { countOutcomes, OUTCOME_COLUMNS, operationsOf } from './outcomes.ts';
import type { Cause, Report } from './types.ts';
import { compareStrings } from './order.ts';

export interface MarkdownOptions {
  /** Individual failed cases listed after the causes (the rest are in report.json and report.html). */
  caseLimit?: number;
}

const EXAMPLES_PER_CAUSE = 5;
const DEFAULT_CASE_LIMIT = 60;

/**
 * report.md: the publishable form of a run (a certification report, a CI artifact). Causes first, each
 * with its count and up to five example ids; then individual cases only up to a limit, so moto's run
 * (hundreds of failures from a handful of causes) stays a page a person reads, not 400 KB of rows.
 */
export function markdownReport(report: Report, options: MarkdownOptions = {}): string {
  const limit = options.caseLimit ?? DEFAULT_CASE_LIMIT;
  const s = report.summary;
  const clientRejected = (s as { clientRejected?: number }).clientRejected;
  const out: string[] = [
    `# IAM conformance: ${report.target.name}`,
    '',
    `- Tool: ${report.tool.name} ${report.tool.version}; client: ${report.client.name} ${report.client.version}${clientDetails(report)}${report.strict ? '; strict mode' : ''}`,
    `- Target: ${report.target.name}${report.target.version ? ` ${report.target.version}` : ''}${report.target.endpoint ? ` at ${report.target.endpoint}` : ''}`,
    `- Run ${report.runId}, started ${report.startedAt}, ${(report.durationMs / 1000).toFixed(1)} s${report.shard ? `; shard ${report.shard.index}/${report.shard.count}` : ''}`,
    `- **${s.total} cases: ${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped, ${s.errored} errored${clientRejected ? `, ${clientRejected} rejected by the client` : ''}**` +
      (report.baseline ? ` (baseline ${report.baseline.file}: ${s.expectedFailures} expected failures, ${s.unexpectedPasses} unexpected passes)` : ''),
    ...(report.incomplete
      ? [`- **The run could not be carried out: ${report.cases.length} of ${report.incomplete.selected} cases ran**${report.incomplete.errors.map((e) => `\n  - ${cell(e)}`).join('')}`]
      : []),
    '',
    ...summaryMarkdown(report),
  ];

  const failed = report.cases.filter((c) => c.outcome === 'fail');
  if (failed.length) {
    out.push('', '## Individual failed cases', '');
    if (failed.length > limit) out.push(`The first ${limit} of ${failed.length} (by id); every case is in report.json and report.html.`, '');
    for (const c of failed.slice(0, limit)) {
      const d = c.differences[0];
      const what = d ? `${d.step >= 0 ? `step ${d.step + 1} ${d.call}` : `setup ${d.call}`} ${d.field}: expected ${inline(d.expected)}, got ${inline(d.actual)} (${d.source})` : '(no difference recorded)';
      out.push(`- \`${c.id}\`${c.baseline ? ' (baseline)' : ''}: ${what}${c.differences.length > 1 ? ` (+${c.differences.length - 1} more)` : ''}`);
    }
  }
  for (const [outcome, heading] of [
    ['error', 'Not carried out (errors of the run, not verdicts)'],
    ['client-rejected', 'Refused by the client (never sent: no verdict on the target)'],
    ['skip', 'Skipped'],
  ] as const) {
    const cs = report.cases.filter((c) => (c.outcome as string) === outcome);
    if (!cs.length) continue;
    out.push('', `## ${heading}`, '');
    for (const [reason, ids] of byReason(cs)) out.push(`- ${ids.length} × ${cell(reason)}: ${examples(ids)}`);
  }
  const notes = byReason(report.cases.flatMap((c) => c.notes.map((n) => ({ id: c.id, reason: n.text.replace(/ic-[a-z0-9]{6}-[^\s"']*/g, '<name>') }))));
  if (notes.size) {
    out.push('', '## Notes (SHOULD-level: inferred expectations and message wording)', '');
    const shown = [...notes].slice(0, limit);
    for (const [text, ids] of shown) out.push(`- ${ids.length} × ${cell(text)}: ${examples(ids)}`);
    if (notes.size > shown.length) out.push(`- ... and ${notes.size - shown.length} more kinds of note (report.json)`);
  }
  out.push('', '## Coverage of modelled errors', '', '| operation | error | status | exercised by |', '|---|---|---:|---|');
  for (const e of report.coverage.errors) {
    out.push(`| ${e.operation} | ${e.error} | ${e.status} | ${e.cases.length ? examples(e.cases) : `untriggerable: ${cell(e.untriggerable ?? '(no case)')}`} |`);
  }
  return out.join('\n') + '\n';
}

/**
 * The summary and the causes: the head of report.md, and what goes to GITHUB_STEP_SUMMARY. Reports of
 * schema 1.1 carry no causes: they are computed from the cases.
 */
export function summaryMarkdown(report: Report): string[] {
  const ops = operationsOf(report);
  const columns = OUTCOME_COLUMNS.filter((o) => o.always || report.cases.some((c) => (c.outcome as string) === o.outcome));
  const out = [`| operation | cases | ${columns.map((c) => c.label).join(' | ')} |`, `|---|---:|${columns.map(() => '---:').join('|')}|`];
  for (const op of ops) {
    const cs = report.cases.filter((c) => c.operation === op);
    const n = countOutcomes(cs);
    out.push(`| ${op} | ${cs.length} | ${columns.map((c) => n.get(c.outcome) ?? 0).join(' | ')} |`);
  }
  const causes = causesFor(report);
  // A green baselined run must not read red: causes whose every case the baseline expects are listed
  // apart, and each count says how many of its cases fail the run.
  const expected = new Set(report.baseline?.expectedFailures ?? []);
  const unexpectedIn = (c: Cause) => c.caseIds.filter((id) => !expected.has(id)).length;
  const failing = causes.filter((c) => unexpectedIn(c) > 0);
  const known = causes.filter((c) => unexpectedIn(c) === 0);
  if (failing.length) {
    const n = failing.reduce((k, c) => k + unexpectedIn(c), 0);
    out.push('', `## Causes: ${failing.length} ${failing.length === 1 ? 'cause' : 'causes'} of ${n} failed ${n === 1 ? 'case' : 'cases'}`, '', ...causeTable(failing, (c) => (unexpectedIn(c) < c.count ? ` (${c.count - unexpectedIn(c)} of them expected by the baseline)` : '')));
  }
  if (known.length) {
    const n = known.reduce((k, c) => k + c.count, 0);
    out.push('', `## Expected by the baseline: ${known.length} ${known.length === 1 ? 'cause' : 'causes'} of ${n} ${n === 1 ? 'case' : 'cases'} (known failures: they do not fail the run)`, '', ...causeTable(known, () => ''));
  }
  return out;
}

function causeTable(causes: readonly Cause[], remark: (c: Cause) => string): string[] {
  const out = ['| cases | cause | evidence | examples |', '|---:|---|---|---|'];
  for (const c of causes) {
    out.push(`| ${c.count} | ${cell(c.title)}${remark(c)} | ${c.example.source}${c.example.evidence ? `: ${cell(c.example.evidence)}` : ''} | ${examples(c.caseIds)} |`);
  }
  return out;
}

/** Up to five ids, then how many more. */
function examples(ids: readonly string[]): string {
  const shown = ids.slice(0, EXAMPLES_PER_CAUSE).map((id) => `\`${id}\``).join(', ');
  return ids.length > EXAMPLES_PER_CAUSE ? `${shown} and ${ids.length - EXAMPLES_PER_CAUSE} more` : shown;
}

function byReason(items: ReadonlyArray<{ id: string; reason?: string }>): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const c of items) {
    const r = c.reason ?? '(no reason given)';
    m.set(r, [...(m.get(r) ?? []), c.id]);
  }
  return new Map([...m].sort((a, b) => b[1].length - a[1].length || compareStrings(a[0], b[0])));
}

function inline(v: unknown): string {
  const s = show(v).replace(/\n/g, ' ');
  return `\`${(s.length > 120 ? `${s.slice(0, 117)}...` : s).replace(/`/g, "'")}\``;
}

function clientDetails(report: Report): string {
  const d = report.client.details;
  return d && Object.keys(d).length ? ` (${Object.entries(d).map(([k, v]) => `${k} ${v}`).join(', ')})` : '';
}

function cell(v: unknown): string {
  return show(v).replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
