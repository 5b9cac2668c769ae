import { show } from './format.ts';
import type { Report } from './types.ts';

/** report.md: the publishable form of a run (a certification report, a CI artifact). */
export function markdownReport(report: Report): string {
  const s = report.summary;
  const out: string[] = [
    `# IAM password API conformance: ${report.target.name}`,
    '',
    `- Tool: ${report.tool.name} ${report.tool.version}; client: ${report.client.name} ${report.client.version}${clientDetails(report)}${report.strict ? '; strict mode' : ''}`,
    `- Target: ${report.target.name}${report.target.version ? ` ${report.target.version}` : ''}${report.target.endpoint ? ` at ${report.target.endpoint}` : ''}`,
    `- Run ${report.runId}, started ${report.startedAt}, ${(report.durationMs / 1000).toFixed(1)} s`,
    `- **${s.total} cases: ${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped, ${s.errored} errored${s.clientRejected ? `, ${s.clientRejected} client-rejected` : ''}**` +
      (report.baseline ? ` (baseline ${report.baseline.file}: ${s.expectedFailures} expected failures, ${s.unexpectedPasses} unexpected passes)` : ''),
    '',
    '| operation | cases | passed | failed | skipped | errored |',
    '|---|---:|---:|---:|---:|---:|',
  ];
  for (const op of [...new Set(report.cases.map((c) => c.operation))].sort()) {
    const cs = report.cases.filter((c) => c.operation === op);
    const n = (o: string) => cs.filter((c) => c.outcome === o).length;
    out.push(`| ${op} | ${cs.length} | ${n('pass')} | ${n('fail')} | ${n('skip')} | ${n('error')} |`);
  }
  const failed = report.cases.filter((c) => c.outcome === 'fail');
  if (failed.length) {
    out.push('', '## Differences from AWS', '', '| case | step | field | expected | actual | evidence |', '|---|---|---|---|---|---|');
    for (const c of failed) {
      for (const d of c.differences) {
        out.push(`| \`${c.id}\`${c.baseline ? ' (baseline)' : ''} | ${d.step >= 0 ? `${d.step + 1} ${d.call}` : `setup ${d.call}`} | ${d.field} | ${cell(d.expected)} | ${cell(d.actual)} | ${d.source}${d.evidence ? `: ${cell(d.evidence)}` : ''} |`);
      }
    }
  }
  const errored = report.cases.filter((c) => c.outcome === 'error');
  if (errored.length) {
    out.push('', '## Not carried out (errors of the run, not verdicts)', '');
    for (const c of errored) out.push(`- \`${c.id}\`: ${c.reason}`);
  }
  const refused = report.cases.filter((c) => c.outcome === 'client-rejected');
  if (refused.length) {
    out.push('', `## Refused by the client (never sent: no verdict on the target)`, '');
    for (const c of refused) out.push(`- \`${c.id}\`: ${c.reason}`);
  }
  const skipped = report.cases.filter((c) => c.outcome === 'skip');
  if (skipped.length) {
    out.push('', '## Skipped', '');
    for (const c of skipped) out.push(`- \`${c.id}\`: ${c.reason}`);
  }
  const withNotes = report.cases.filter((c) => c.notes.length > 0);
  if (withNotes.length) {
    out.push('', '## Notes (SHOULD-level: inferred expectations and message wording)', '');
    for (const c of withNotes) for (const n of c.notes) out.push(`- \`${c.id}\`: ${n.text}`);
  }
  out.push('', '## Coverage of modelled errors', '', '| operation | error | status | exercised by |', '|---|---|---:|---|');
  for (const e of report.coverage.errors) {
    out.push(`| ${e.operation} | ${e.error} | ${e.status} | ${e.cases.length ? e.cases.map((id) => `\`${id}\``).join(', ') : `untriggerable: ${cell(e.untriggerable ?? '(no case)')}`} |`);
  }
  return out.join('\n') + '\n';
}

function clientDetails(report: Report): string {
  const d = report.client.details;
  return d && Object.keys(d).length ? ` (${Object.entries(d).map(([k, v]) => `${k} ${v}`).join(', ')})` : '';
}

function cell(v: unknown): string {
  return show(v).replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
