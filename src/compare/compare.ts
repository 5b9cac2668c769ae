import type { Report } from '../report/types.ts';

/**
 * Lines up several reports case by case (targets against each other, or one target before and after
 * an SDK upgrade) and keeps the cases whose outcome, status or wire error code differ — and, between
 * reports of one client (two versions of the JS SDK, say), the error the client surfaced: an SDK
 * upgrade that renames an exception shows up here even when the wire is the same. Across different
 * clients the surfaced names differ by design (PasswordPolicyViolationException, ClientError, an exit
 * status), so there they are shown but not compared.
 */
export interface CaseCell {
  outcome: string;
  status?: number;
  code?: string;
  /** What the client surfaced for the decisive step (1.2 reports). */
  surfaced?: string;
}

export interface ComparedCase {
  id: string;
  cells: Array<CaseCell | undefined>;
}

export interface Comparison {
  columns: string[];
  /** Whether the surfaced errors were compared (all reports from one client, whatever its version). */
  surfacedCompared: boolean;
  total: number;
  differing: ComparedCase[];
}

export function compareReports(reports: Array<{ label: string; report: Report }>): Comparison {
  const ids = [...new Set(reports.flatMap((r) => r.report.cases.map((c) => c.id)))].sort();
  const index = reports.map((r) => new Map(r.report.cases.map((c) => [c.id, c])));
  const differing: ComparedCase[] = [];
  // Reports before 1.2 carry no surfaced errors: comparing them to one that does would flag every error case.
  const surfacedCompared = new Set(reports.map((r) => clientFamily(r.report.client.name))).size === 1 && reports.every((r) => !['1.0', '1.1'].includes(r.report.schemaVersion));
  for (const id of ids) {
    const cells = index.map((m): CaseCell | undefined => {
      const c = m.get(id);
      if (!c) return undefined;
      const surfaced = surfacedError(c);
      return { outcome: c.outcome, status: c.actual?.status, code: c.actual?.code, ...(surfaced ? { surfaced } : {}) };
    });
    const keys = new Set(cells.map((c) => (c ? `${c.outcome}|${c.status ?? ''}|${c.code ?? ''}${surfacedCompared ? `|${c.surfaced ?? ''}` : ''}` : 'absent')));
    if (keys.size > 1) differing.push({ id, cells });
  }
  return { columns: reports.map((r) => r.label), surfacedCompared, total: ids.length, differing };
}

/** `js-sdk@3.600.0` and `js-sdk` are one client in two versions. */
function clientFamily(name: string): string {
  return name.split('@')[0]!;
}

/** The decisive step's surfaced error: its name, with a CLI's exit status; a refusal's too. */
function surfacedError(c: Report['cases'][number]): string | undefined {
  const step = c.steps.find((s) => s.actual === c.actual && s.actual) ?? c.steps.find((s) => s.clientRejected);
  const e = c.actual?.clientError ?? step?.clientRejected?.clientError;
  if (!e) return undefined;
  return `${e.name}${e.code && e.code !== e.name ? `/${e.code}` : ''}${e.exitStatus !== undefined ? ` (exit ${e.exitStatus})` : ''}`;
}

function cellText(c: CaseCell | undefined): string {
  if (!c) return '(not run)';
  const surfaced = c.surfaced ? ` [${c.surfaced}]` : '';
  if (c.status === undefined) return `${c.outcome}${surfaced}`;
  return `${c.outcome} ${c.status}${c.code ? ` ${c.code}` : ''}${surfaced}`;
}

export function comparisonTable(cmp: Comparison): string {
  const header = ['case', ...cmp.columns];
  const rows = cmp.differing.map((d) => [d.id, ...d.cells.map(cellText)]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((v, i) => v.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), ...rows.map(line), '', `${cmp.differing.length} of ${cmp.total} cases differ${surfacedNote(cmp)}`].join('\n') + '\n';
}

export function comparisonMarkdown(cmp: Comparison): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  return [
    `| case | ${cmp.columns.map(esc).join(' | ')} |`,
    `|---|${cmp.columns.map(() => '---').join('|')}|`,
    ...cmp.differing.map((d) => `| \`${d.id}\` | ${d.cells.map((c) => esc(cellText(c))).join(' | ')} |`),
    '',
    `${cmp.differing.length} of ${cmp.total} cases differ${surfacedNote(cmp)}.`,
  ].join('\n') + '\n';
}

function surfacedNote(cmp: Comparison): string {
  return cmp.surfacedCompared ? ' (outcome, status, wire code or the error the client surfaced)' : ' (outcome, status or wire code; the errors the clients surface [in brackets] are compared only between versions of one client, in 1.2 reports)';
}
