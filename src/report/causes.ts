import { createHash } from 'node:crypto';
import { show } from './format.ts';
import type { Cause, ReportCase } from './types.ts';
import { compareStrings } from './order.ts';

/**
 * Causes: the failing cases grouped by what went wrong, so a reader sees twenty causes before 844 rows.
 * Two cases share a cause when their decisive difference (the first) has the same operation, call,
 * field, expected and actual value once the values are normalised: run-specific names, account ids,
 * request ids and long probe values are replaced by placeholders, so the grouping (and each cause's id)
 * is the same on every run.
 */
/** A report's causes: as it carries them (every report since 1.2), else worked out from its cases (older ones). */
export function causesFor(report: { causes?: Cause[]; cases: readonly ReportCase[] }): Cause[] {
  return report.causes ?? causesOf(report.cases);
}

export function causesOf(cases: readonly ReportCase[]): Cause[] {
  const groups = new Map<string, { key: CauseKey; cases: ReportCase[] }>();
  for (const c of [...cases].sort((a, b) => compareStrings(a.id, b.id))) {
    const key = causeKey(c);
    if (!key) continue;
    const k = JSON.stringify(key);
    const g = groups.get(k) ?? { key, cases: [] };
    g.cases.push(c);
    groups.set(k, g);
  }
  const causes: Cause[] = [];
  for (const [k, g] of groups) {
    const first = g.cases[0]!;
    const d = first.differences[0]!;
    const step = d.step >= 0 ? first.steps[d.step] : undefined;
    causes.push({
      id: `${g.key.operation}-${createHash('sha256').update(k).digest('hex').slice(0, 8)}`,
      title: causeTitle(g.key, step?.actual),
      operation: g.key.operation,
      call: g.key.call,
      field: g.key.field,
      count: g.cases.length,
      caseIds: g.cases.map((c) => c.id),
      example: {
        caseId: first.id,
        step: d.step,
        expected: d.expected,
        actual: d.actual,
        source: d.source,
        ...(d.evidence ? { evidence: d.evidence } : {}),
        ...(step?.actual ? { response: { status: step.actual.status, ...(step.actual.code ? { code: step.actual.code } : {}), ...(step.actual.message ? { message: step.actual.message } : {}) } } : {}),
      },
    });
  }
  // Largest first; equal counts by id, so the order never depends on the order the cases ran in.
  return causes.sort((a, b) => b.count - a.count || compareStrings(a.id, b.id));
}

export interface CauseKey {
  operation: string;
  call: string;
  field: string;
  expected: string;
  actual: string;
  /** For an error code difference the status that came back, for a status difference its code: the title says it of every case. */
  response?: string;
}

/** The grouping key of a failed case (undefined for any other outcome). */
export function causeKey(c: ReportCase): CauseKey | undefined {
  if (c.outcome !== 'fail') return undefined;
  const d = c.differences[0];
  if (!d) return { operation: c.operation, call: c.operation, field: '(no difference recorded)', expected: '', actual: '' };
  const step = d.step >= 0 ? c.steps[d.step] : undefined;
  const key: CauseKey = { operation: c.operation, call: d.step >= 0 ? d.call : `setup ${d.call}`, field: d.field, expected: normalise(d.expected), actual: normalise(d.actual) };
  // "error was expected" hides which: success where ValidationError was expected is another cause than
  // success where NoSuchEntity was.
  const expectedCode = step?.expected?.error;
  if (d.field === 'outcome' && key.expected === 'error' && typeof expectedCode === 'string') key.expected = `error ${expectedCode}`;
  // What the code or status difference hides: the status of a wrong code, the code of a wrong status.
  if (d.field === 'error' && step?.actual) key.response = String(step.actual.status);
  if (d.field === 'status' && step?.actual?.code) key.response = step.actual.code;
  return key;
}

/** The cause of each failed case, by case id (for views that start from a case). */
export function causeByCase(causes: readonly Cause[]): Map<string, Cause> {
  const m = new Map<string, Cause>();
  for (const c of causes) for (const id of c.caseIds) m.set(id, c);
  return m;
}

/**
 * A value with what changes from run to run taken out: names made for the run (ic-<run id>-...),
 * 12-digit account ids, request ids (UUIDs), and anything very long cut short.
 */
export function normalise(v: unknown): string {
  let s = show(v);
  s = s.replace(/ic-[a-z0-9]{6}-[A-Za-z0-9+=,.@_-]*/g, '<name>');
  s = s.replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<uuid>');
  s = s.replace(/\b\d{12}\b/g, '<account>');
  s = s.replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z?/g, '<time>');
  return s.length > 160 ? `${s.slice(0, 157)}...` : s;
}

function causeTitle(key: CauseKey, response: { status: number; code?: string } | undefined): string {
  const where = key.call === key.operation ? key.operation : `${key.operation} (${key.call})`;
  // "501 InternalFailure where success was expected": for the outcome, say what came back on the wire.
  if (key.field === 'outcome' && response) {
    return `${where}: ${response.status}${response.code ? ` ${response.code}` : ''} where ${key.expected} was expected`;
  }
  // "error (no code) where ValidationError was expected" does not say it was a 500: the answer does.
  if (key.field === 'error' && key.response) return `${where}: error ${key.actual} with status ${key.response} where ${key.expected} was expected`;
  if (key.field === 'status' && key.response) return `${where}: status ${key.actual} ${key.response} where ${key.expected} was expected`;
  return `${where}: ${key.field} ${key.actual} where ${key.expected} was expected`;
}
