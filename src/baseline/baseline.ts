import { readFileSync } from 'node:fs';
import { parseDocument, stringify } from 'yaml';
import { summarize } from '../report/build.ts';
import type { Report } from '../report/types.ts';
import type { CaseResult } from '../runner/result.ts';
import { compareStrings } from '../report/order.ts';

/**
 * A baseline lists the cases a target is known to fail, each with how it fails and why. A run with a
 * baseline passes only when the outcomes are exactly those: a listed case that passes is an unexpected
 * pass (the baseline is stale), a failure not listed — or failing differently — is new.
 */
export interface BaselineEntry {
  /** How the decisive step was answered: "<status> <code>" or "success (200)". */
  actual: string;
  note: string;
  /**
   * Why the target's answer is not stable from run to run (moto's order of listed roles, say): then a
   * pass is not an unexpected pass. The failure, when it comes, must still be the one recorded.
   */
  unstable?: string;
}

export interface Baseline {
  target: string;
  version?: string;
  cases: Record<string, BaselineEntry>;
}

export class BaselineError extends Error {}

export function loadBaseline(file: string): Baseline {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new BaselineError(`cannot read the baseline ${file}: ${(e as Error).message}`);
  }
  const doc = parseDocument(text);
  if (doc.errors[0]) throw new BaselineError(`${file}: YAML syntax: ${doc.errors[0].message.split('\n')[0]}`);
  const data = doc.toJS() as Partial<Baseline> | null;
  if (!data || typeof data !== 'object' || typeof data.target !== 'string' || typeof data.cases !== 'object' || data.cases === null) {
    throw new BaselineError(`${file}: a baseline needs "target" (a string) and "cases" (a map of case id to { actual, note })`);
  }
  for (const [id, entry] of Object.entries(data.cases)) {
    if (!entry || typeof entry.actual !== 'string' || typeof entry.note !== 'string') {
      throw new BaselineError(`${file}: cases.${id}: needs "actual" and "note" strings`);
    }
    if (entry.unstable !== undefined && typeof entry.unstable !== 'string') throw new BaselineError(`${file}: cases.${id}: "unstable" is the reason, a string`);
  }
  return data as Baseline;
}

/** The decisive answer of a failed case, in the one-line form baselines record. */
export function actualOf(c: CaseResult): string {
  const d = c.differences[0];
  if (d?.field === 'setup') return `setup ${d.call}: ${String(d.actual).split(':')[0]}`;
  const a = c.actual;
  if (!a) return '(no response)';
  return a.status < 300 ? `success (${a.status})` : `${a.status} ${a.code ?? '(no code)'}`;
}

export function applyBaseline(report: Report, baseline: Baseline, file: string): Report {
  const expectedFailures: string[] = [];
  const unexpectedPasses: string[] = [];
  const newFailures: string[] = [];
  const cases = report.cases.map((c) => {
    const entry = baseline.cases[c.id];
    if (!entry) {
      if (c.outcome === 'fail') newFailures.push(c.id);
      return c;
    }
    if (c.outcome === 'pass') {
      if (entry.unstable) return { ...c, notes: [...c.notes, { text: `passed this time; the baseline lists it as failing at times: ${entry.unstable}` }] };
      unexpectedPasses.push(c.id);
      return { ...c, baseline: 'unexpected-pass' as const };
    }
    if (c.outcome === 'fail') {
      if (actualOf(c) === entry.actual) {
        expectedFailures.push(c.id);
        return { ...c, baseline: 'expected-failure' as const };
      }
      newFailures.push(c.id);
      return { ...c, notes: [...c.notes, { text: `fails differently than the baseline says: baseline "${entry.actual}", now "${actualOf(c)}"` }] };
    }
    return c;
  });
  const out = { ...report, cases, baseline: { file, expectedFailures, unexpectedPasses, newFailures } };
  return { ...out, summary: { ...report.summary, ...summarize(cases) } };
}

/**
 * A baseline listing every failed case of a report, with a note drawn from its first difference. With
 * `keep` (an earlier baseline of the same target), its entries for cases the report did not run stay: a
 * run of one family or operation rewrites that part of a baseline only.
 */
export function baselineFromReport(report: Report, keep?: { file: string; baseline: Baseline }): string {
  if (keep && keep.baseline.target !== report.target.name) {
    throw new BaselineError(`${keep.file} is a baseline of ${keep.baseline.target}, the report is of ${report.target.name}`);
  }
  const ran = new Set(report.cases.map((c) => c.id));
  const kept = Object.entries(keep?.baseline.cases ?? {}).filter(([id]) => !ran.has(id));
  const failed = report.cases.filter((x) => x.outcome === 'fail');
  const cases: Record<string, BaselineEntry> = {};
  const entries: Array<[string, BaselineEntry]> = [...kept];
  for (const c of failed) {
    const d = c.differences[0];
    entries.push([c.id, {
      actual: actualOf(c),
      note: d ? `${d.field}: expected ${JSON.stringify(d.expected)}, got ${JSON.stringify(d.actual)}` : 'failed',
    }]);
  }
  for (const [id, entry] of entries.sort((a, b) => compareStrings(a[0], b[0]))) cases[id] = entry;
  const header = [
    `# Known differences of ${report.target.name}${report.target.version ? ` ${report.target.version}` : ''} from AWS,`,
    `# written by \`iam-conformance baseline\` from run ${report.runId} (${report.startedAt})${kept.length ? `, keeping ${kept.length} entries of` : '.'}`,
    ...(kept.length ? [`# the earlier baseline for cases that run did not run.`] : []),
    '# A listed case that passes, or fails differently, fails a run with --baseline: keep this file current.',
    '',
  ].join('\n');
  return header + stringify({ target: report.target.name, ...(report.target.version ? { version: report.target.version } : {}), cases }, { lineWidth: 0 });
}
