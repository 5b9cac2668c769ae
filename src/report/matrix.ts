import { causeByCase, causesFor } from './causes.ts';
import { show } from './format.ts';
import type { Report, ReportCase } from './types.ts';
import type { TargetHistory } from '../baseline/history.ts';
import { compareStrings } from './order.ts';

/** One column of the matrix: one report (a target at a version, through a client). */
export interface MatrixColumn {
  label: string;
  target: string;
  version?: string;
  client: string;
  clientVersion: string;
  file: string;
}

export interface MatrixCell {
  outcome: string;
  /** What came back, briefly: "500", "404 NoSuchEntity", or the reason of a skip. */
  detail?: string;
  cause?: string;
}

export interface MatrixRow {
  id: string;
  operation: string;
  cells: MatrixCell[];
  /** The columns do not all agree on the outcome. */
  differs: boolean;
}

export interface MatrixGroup {
  /** The causes of the row's failures, column by column ("moto 5.2.1: ChangePassword: 500 where success was expected"). */
  title: string;
  rows: MatrixRow[];
}

export interface Matrix {
  columns: MatrixColumn[];
  groups: MatrixGroup[];
  total: number;
  differing: number;
}

/**
 * Cases x reports: every case id of any report as a row, one column per report, each cell the case's
 * outcome there. Rows are grouped by the causes they fail with (the same failure in the same columns
 * makes one group), largest group first; rows that fail nowhere close the list.
 */
export function buildMatrix(inputs: ReadonlyArray<{ file: string; report: Report }>): Matrix {
  const columns: MatrixColumn[] = inputs.map(({ file, report }) => ({
    label: `${report.target.name}${report.target.version ? ` ${report.target.version}` : ''} · ${report.client.name} ${report.client.version}`,
    target: report.target.name,
    ...(report.target.version ? { version: report.target.version } : {}),
    client: report.client.name,
    clientVersion: report.client.version,
    file,
  }));
  const byId = inputs.map(({ report }) => new Map(report.cases.map((c) => [c.id, c])));
  const causes = inputs.map(({ report }) => causeByCase(causesFor(report)));
  const ids = [...new Set(inputs.flatMap(({ report }) => report.cases.map((c) => c.id)))].sort();
  const groups = new Map<string, MatrixRow[]>();
  let differing = 0;
  for (const id of ids) {
    const cells = byId.map((m, i) => cell(m.get(id), causes[i]!.get(id)?.title));
    // A column without the case (a filtered run, an older suite) is no difference between targets.
    const differs = new Set(cells.filter((c) => c.outcome !== 'none').map((c) => c.outcome)).size > 1;
    if (differs) differing++;
    // Each cause once, with the columns that fail with it: "ChangePassword: 500 where ... (moto 5.2.1, moto 5.2.5)".
    const byCause = new Map<string, string[]>();
    cells.forEach((c, i) => c.cause && byCause.set(c.cause, [...(byCause.get(c.cause) ?? []), shortLabel(columns[i]!)]));
    const title = byCause.size ? [...byCause].map(([cause, cols]) => `${cause} (${cols.join(', ')})`).join(' · ') : 'no failure in any column';
    const operation = id.split('/')[0]!;
    groups.set(title, [...(groups.get(title) ?? []), { id, operation, cells, differs }]);
  }
  const sorted = [...groups].map(([title, rows]) => ({ title, rows }));
  sorted.sort((a, b) => Number(a.title === 'no failure in any column') - Number(b.title === 'no failure in any column') || b.rows.length - a.rows.length || compareStrings(a.title, b.title));
  return { columns, groups: sorted, total: ids.length, differing };
}

function shortLabel(c: MatrixColumn): string {
  return `${c.target}${c.version ? ` ${c.version}` : ''}`;
}

function cell(c: ReportCase | undefined, cause: string | undefined): MatrixCell {
  if (!c) return { outcome: 'none', detail: 'not in this report' };
  const a = c.actual;
  const detail = c.outcome === 'skip' || c.outcome === 'error' ? c.reason : a ? `${a.status}${a.code ? ` ${a.code}` : ''}` : undefined;
  return { outcome: c.outcome, ...(detail ? { detail } : {}), ...(cause ? { cause } : {}) };
}

const SYMBOL: Record<string, string> = { pass: '✓', fail: '✗', skip: '–', error: '!', 'client-rejected': 'c', none: '·' };

/**
 * matrix.md: per operation the cases each column passes; the groups with their counts and examples
 * (with `differingOnly`, only rows where the columns differ); then, from committed baselines, each
 * target's history; then each target's main deviations as a maintainer would file them.
 */
export function matrixMarkdown(matrix: Matrix, reports: readonly Report[], options: { differingOnly?: boolean; history?: TargetHistory[]; title?: string; intro?: string } = {}): string {
  const out: string[] = [`# ${options.title ?? 'Conformance matrix'}`, ''];
  if (options.intro) out.push(options.intro, '');
  out.push(`${matrix.total} cases in ${matrix.columns.length} columns; ${matrix.differing} rows where the columns differ. Cells: ✓ pass, ✗ fail, – skip, ! error, c client-rejected, · not in that report.`, '');
  out.push('## Cases passed, per operation', '', `| operation | ${matrix.columns.map((c) => c.label).join(' | ')} |`, `|---|${matrix.columns.map(() => '---:').join('|')}|`);
  const rows = matrix.groups.flatMap((g) => g.rows);
  const ops = [...new Set(rows.map((r) => r.operation))].sort();
  for (const op of [...ops, '']) {
    const rs = op ? rows.filter((r) => r.operation === op) : rows;
    const counts = matrix.columns.map((_, i) => {
      const cs = rs.map((r) => r.cells[i]!).filter((c) => c.outcome !== 'none' && c.outcome !== 'skip');
      return `${cs.filter((c) => c.outcome === 'pass').length} / ${cs.length}`;
    });
    out.push(op ? `| ${op} | ${counts.join(' | ')} |` : `| **all** | ${counts.map((c) => `**${c}**`).join(' | ')} |`);
  }
  out.push('', `## Rows by cause${options.differingOnly ? ' (only rows where the columns differ)' : ''}`, '');
  out.push(`| cases | cause | ${matrix.columns.map((c) => c.label).join(' | ')} | examples |`, `|---:|---|${matrix.columns.map(() => ':---:').join('|')}|---|`);
  for (const g of matrix.groups) {
    const rs = options.differingOnly ? g.rows.filter((r) => r.differs) : g.rows;
    if (!rs.length) continue;
    const perColumn = matrix.columns.map((_, i) => {
      const n = new Map<string, number>();
      for (const r of rs) n.set(r.cells[i]!.outcome, (n.get(r.cells[i]!.outcome) ?? 0) + 1);
      return [...n].sort((a, b) => b[1] - a[1]).map(([o, k]) => `${SYMBOL[o] ?? o} ${k}`).join(' ');
    });
    const ex = rs.slice(0, 5).map((r) => `\`${r.id}\``).join(', ') + (rs.length > 5 ? ` and ${rs.length - 5} more` : '');
    out.push(`| ${rs.length} | ${esc(g.title)} | ${perColumn.join(' | ')} | ${ex} |`);
  }
  for (const h of options.history ?? []) {
    out.push('', `## History: ${h.target}`, '', 'From the committed baselines (fixtures/baselines/): the cases each version is known to fail, and what changed from the version before.', '');
    out.push('| version | known failures | fixed since the previous | regressed since the previous |', '|---|---:|---|---|');
    for (const v of h.versions) {
      const list = (ids: string[]) => (v.previous === undefined ? '' : ids.length === 0 ? '0' : `${ids.length}: ${ids.slice(0, 5).map((id) => `\`${id}\``).join(', ')}${ids.length > 5 ? ` and ${ids.length - 5} more` : ''}`);
      out.push(`| ${v.version} | ${v.failing.length} | ${list(v.fixed)} | ${list(v.regressed)} |`);
    }
  }
  for (const r of reports.filter((x) => causesFor(x).length > 0)) out.push(...deviations(r));
  return out.join('\n') + '\n';
}

/**
 * A target's main deviations, each in the form of an issue to file with its maintainers: the case, the
 * request, what AWS does (and the evidence that says so), and what the target does.
 */
export function deviations(report: Report, max = 10): string[] {
  const causes = causesFor(report);
  const label = `${report.target.name}${report.target.version ? ` ${report.target.version}` : ''}`;
  const failed = causes.reduce((n, c) => n + c.count, 0);
  const out = ['', `## ${label}: main deviations from AWS`, '', `${failed} failed cases from ${causes.length} causes (client ${report.client.name} ${report.client.version}); the ${Math.min(max, causes.length)} largest, each as it could be filed:`];
  for (const c of causes.slice(0, max)) {
    const ex = report.cases.find((x) => x.id === c.example.caseId);
    const step = ex && c.example.step >= 0 ? ex.steps[c.example.step] : undefined;
    const r = c.example.response;
    out.push(
      '',
      `### ${c.title} (${c.count} case${c.count === 1 ? '' : 's'})`,
      '',
      `- **Case:** \`${c.example.caseId}\`${ex ? `: ${ex.title}` : ''}${c.count > 1 ? ` (and ${c.count - 1} more, e.g. ${c.caseIds.slice(1, 4).map((id) => `\`${id}\``).join(', ')})` : ''}`,
      `- **Request:** ${step ? `\`${step.call}\` as ${step.as} with \`${oneLine(step.input ?? step.wire ?? {})}\`` : c.call}`,
      `- **AWS:** ${c.field} ${show(c.example.expected)} (evidence: ${c.example.source}${c.example.evidence ? `, ${c.example.evidence}` : ''})`,
      `- **${label}:** ${c.field} ${show(c.example.actual)}${r ? `; answered ${r.status}${r.code ? ` ${r.code}` : ''}${r.message ? ` "${oneLine(r.message)}"` : ''}` : ''}`,
    );
  }
  return out;
}

/**
 * A value on one line of a committed page: control characters a target echoes back (U+0000 in a message)
 * spelled as U+XXXX, and run names as ic-<run>-..., so the page is text and changes only when behaviour does.
 */
function oneLine(v: unknown): string {
  const s = (typeof v === 'string' ? v : JSON.stringify(v, (_k, x) => (x && typeof x === 'object' && (x as { redacted?: boolean }).redacted ? `<redacted, ${(x as { length: number }).length} chars>` : x)))
    .replace(/\s+/g, ' ')
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`)
    .replace(/\bic-[a-z0-9]{6}-/g, 'ic-<run>-');
  return (s.length > 200 ? `${s.slice(0, 197)}...` : s).replace(/`/g, "'").replace(/\|/g, '\\|');
}

function esc(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
