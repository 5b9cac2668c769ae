import { formatFailure } from './format.ts';
import type { Report } from './types.ts';

/** The end-of-run summary: counts per operation, then each failure with its evidence. */
export function terminalSummary(report: Report, options: { maxFailures?: number } = {}): string {
  const max = options.maxFailures ?? 25;
  const ops = [...new Set(report.cases.map((c) => c.operation))].sort();
  // A column of its own only when the client refused something (boto3, the AWS CLI): no verdict, no failure.
  const rejected = report.cases.some((c) => c.outcome === 'client-rejected');
  const rows = ops.map((op) => {
    const cs = report.cases.filter((c) => c.operation === op);
    const n = (o: string) => cs.filter((c) => c.outcome === o && !c.baseline).length;
    const row = [op, cs.length, n('pass'), n('fail'), n('skip'), n('error'), cs.filter((c) => c.baseline === 'expected-failure').length];
    return rejected ? [...row, n('client-rejected')] : row;
  });
  const header = ['operation', 'cases', 'passed', 'failed', 'skipped', 'errored', 'baseline', ...(rejected ? ['client-rejected'] : [])];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const fmt = (r: Array<string | number>) => r.map((v, i) => (i === 0 ? String(v).padEnd(widths[i]!) : String(v).padStart(widths[i]!))).join('  ');
  const s = report.summary;
  const out = [
    '',
    `iam-conformance ${report.tool.version} · target ${report.target.name}${report.target.version ? ` ${report.target.version}` : ''} · client ${report.client.name} ${report.client.version}${report.strict ? ' · strict' : ''}`,
    fmt(header),
    ...rows.map(fmt),
    '',
  ];
  const failures = report.cases.filter((c) => (c.outcome === 'fail' || c.outcome === 'error') && c.baseline !== 'expected-failure');
  for (const f of failures.slice(0, max)) out.push(formatFailure(f), '');
  if (failures.length > max) out.push(`... and ${failures.length - max} more (all of them are in report.json and report.html; report.md groups them by cause)`, '');
  const causes = report.causes ?? [];
  if (causes.length > 1) {
    out.push(`${causes.length} causes (failed cases grouped by what differs; all in report.md and report.html):`);
    for (const c of causes.slice(0, 10)) out.push(`  ${String(c.count).padStart(4)}  ${c.title}`);
    if (causes.length > 10) out.push(`  ... and ${causes.length - 10} more`);
    out.push('');
  }
  const refused = report.cases.filter((c) => c.outcome === 'client-rejected');
  if (refused.length) out.push(`${refused.length} case(s) the ${report.client.name} client refused to send (no verdict on the target), e.g. ${formatFailure(refused[0]!)}`, '');
  for (const id of report.baseline?.unexpectedPasses ?? []) out.push(`${id}: passed, but the baseline lists it as failing (update the baseline)`);
  const notes = report.cases.reduce((n, c) => n + c.notes.length, 0);
  out.push(
    `${s.total} cases: ${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped, ${s.errored} errored` +
      (s.clientRejected ? `, ${s.clientRejected} client-rejected` : '') +
      (report.baseline ? `, ${s.expectedFailures} failed as the baseline expects, ${s.unexpectedPasses} unexpectedly passed` : '') +
      ` · ${notes} notes · ${(report.durationMs / 1000).toFixed(1)} s` +
      (s.requests !== undefined && s.total > 0 ? ` · ${s.requests} requests (${(s.requests / s.total).toFixed(2)} per case), ${s.accessKeysCreated ?? 0} access keys` : ''),
  );
  return out.join('\n');
}
