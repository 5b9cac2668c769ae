import type { Case } from '../cases/types.ts';

/**
 * How far the family scenarios (specs/iam/families/) reach: per family, the scenario cases, the
 * operations they test, and their steps by the evidence behind each (docs/coverage.md shows it). A step
 * sourced `inferred` asserts nothing strictly, so the share of recorded steps is taken among the others.
 */
export interface FamilyCoverage {
  family: string;
  cases: number;
  operations: string[];
  steps: Record<'aws-recording' | 'docs' | 'user-report' | 'inferred', number>;
}

export function scenarioCoverage(cases: Case[]): FamilyCoverage[] {
  const byFamily = new Map<string, Case[]>();
  for (const c of cases) {
    const family = c.tags.find((t) => t.startsWith('family-'))?.slice('family-'.length);
    if (c.kind === 'scenario' && family) byFamily.set(family, [...(byFamily.get(family) ?? []), c]);
  }
  return [...byFamily.entries()]
    .map(([family, own]) => {
      const steps = { 'aws-recording': 0, docs: 0, 'user-report': 0, inferred: 0 };
      for (const s of own.flatMap((c) => c.steps)) steps[s.source as keyof typeof steps]++;
      return { family, cases: own.length, operations: [...new Set(own.map((c) => c.operation))].sort(), steps };
    })
    .sort((a, b) => a.family.localeCompare(b.family, 'en'));
}

export function scenarioCoverageMarkdown(rows: FamilyCoverage[]): string[] {
  if (rows.length === 0) return [];
  const operations = new Set(rows.flatMap((r) => r.operations));
  const total = (k: keyof FamilyCoverage['steps']) => rows.reduce((n, r) => n + r.steps[k], 0);
  const asserted = total('aws-recording') + total('docs') + total('user-report');
  return [
    '## Behaviour scenarios of the families',
    '',
    `The family files (specs/iam/families/) hold ${rows.reduce((n, r) => n + r.cases, 0)} scenario cases testing ${operations.size} operations;`,
    `of their ${asserted} strictly asserted steps, ${total('aws-recording')} (${Math.round((100 * total('aws-recording')) / Math.max(asserted, 1))}%) rest on a response recorded from real AWS`,
    `(specs/evidence/aws-recordings/), ${total('docs')} on the documentation; ${total('inferred')} more are inferred and assert nothing strictly.`,
    '',
    '| family | scenario cases | operations tested | steps: aws-recording / docs / inferred |',
    '|---|---:|---|---|',
    ...rows.map((r) => `| ${r.family} | ${r.cases} | ${r.operations.join(', ')} | ${r.steps['aws-recording']} / ${r.steps.docs + r.steps['user-report']} / ${r.steps.inferred} |`),
    '',
  ];
}
