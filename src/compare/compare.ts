import type { Report } from '../report/types.ts';

/**
 * Lines up several reports case by case (targets against each other, or one target before and after
 * an SDK upgrade) and keeps the cases whose outcome, status or error code differ.
 */
export interface CaseCell {
  outcome: string;
  status?: number;
  code?: string;
}

export interface ComparedCase {
  id: string;
  cells: Array<CaseCell | undefined>;
}

export interface Comparison {
  columns: string[];
  total: number;
  differing: ComparedCase[];
}

export function compareReports(reports: Array<{ label: string; report: Report }>): Comparison {
  const ids = [...new Set(reports.flatMap((r) => r.report.cases.map((c) => c.id)))].sort();
  const index = reports.map((r) => new Map(r.report.cases.map((c) => [c.id, c])));
  const differing: ComparedCase[] = [];
  for (const id of ids) {
    const cells = index.map((m) => {
      const c = m.get(id);
      return c ? { outcome: c.outcome, status: c.actual?.status, code: c.actual?.code } : undefined;
    });
    const keys = new Set(cells.map((c) => (c ? `${c.outcome}|${c.status ?? ''}|${c.code ?? ''}` : 'absent')));
    if (keys.size > 1) differing.push({ id, cells });
  }
  return { columns: reports.map((r) => r.label), total: ids.length, differing };
}

function cellText(c: CaseCell | undefined): string {
  if (!c) return '(not run)';
  if (c.status === undefined) return c.outcome;
  return `${c.outcome} ${c.status}${c.code ? ` ${c.code}` : ''}`;
}

export function comparisonTable(cmp: Comparison): string {
  const header = ['case', ...cmp.columns];
  const rows = cmp.differing.map((d) => [d.id, ...d.cells.map(cellText)]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((v, i) => v.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), ...rows.map(line), '', `${cmp.differing.length} of ${cmp.total} cases differ`].join('\n') + '\n';
}

export function comparisonMarkdown(cmp: Comparison): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  return [
    `| case | ${cmp.columns.map(esc).join(' | ')} |`,
    `|---|${cmp.columns.map(() => '---').join('|')}|`,
    ...cmp.differing.map((d) => `| \`${d.id}\` | ${d.cells.map((c) => esc(cellText(c))).join(' | ')} |`),
    '',
    `${cmp.differing.length} of ${cmp.total} cases differ.`,
  ].join('\n') + '\n';
}
