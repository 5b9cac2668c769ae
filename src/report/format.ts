import type { CaseResult } from '../runner/result.ts';

/** One value as a person reads it. */
export function show(v: unknown): string {
  if (v === undefined) return '(nothing)';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

/**
 * A failed or errored case in a few lines: what was expected, what came back, and the evidence
 * behind the expectation. Used for vitest's failure message and the terminal summary.
 */
export function formatFailure(r: CaseResult): string {
  if (r.outcome === 'error') return `${r.id}: could not be carried out: ${r.reason ?? 'unknown reason'}`;
  if (r.outcome === 'client-rejected') return `${r.id}: client-rejected (never sent, no verdict): ${r.reason ?? 'unknown reason'}`;
  const lines = [`${r.id}: ${r.title}`];
  for (const d of r.differences) {
    const where = d.step >= 0 ? `step ${d.step + 1} ${d.call}` : `setup ${d.call}`;
    lines.push(`  ${where} ${d.field}: expected ${show(d.expected)}, got ${show(d.actual)}`);
  }
  const evidence = [...new Set(r.differences.map((d) => `${d.source}${d.evidence ? `: ${d.evidence}` : ''}`))];
  for (const e of evidence) lines.push(`  evidence: ${e}`);
  const step = r.differences[0] ? r.steps[r.differences[0].step] : undefined;
  if (step?.actual) {
    const a = step.actual;
    lines.push(`  response: ${a.status} ${a.code ?? ''}${a.message ? ` "${a.message}"` : ''}`.trimEnd());
  }
  return lines.join('\n');
}
