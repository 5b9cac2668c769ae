import { modelOperations } from '../model/iam-model.ts';
import { HANDLERS } from '../mock/operations/index.ts';
import type { Case } from '../cases/types.ts';

/**
 * How far the suite reaches into the IAM model, operation by operation: what the model constrains, how
 * many cases the specs give, and what the reference emulator models. docs/coverage.md is this table
 * (npm run docs:coverage rewrites it; a test keeps it current).
 */
export interface OperationCoverage {
  operation: string;
  constrainedMembers: number;
  requiredMembers: number;
  cases: number;
  /** behaviour: a handler models what the operation does; validation: its input is checked, then 501. */
  emulator: 'behaviour' | 'validation';
}

export function modelCoverage(cases: Case[]): OperationCoverage[] {
  const perOp = new Map<string, number>();
  for (const c of cases) perOp.set(c.operation, (perOp.get(c.operation) ?? 0) + 1);
  return [...modelOperations().values()]
    .map((op) => ({
      operation: op.name,
      constrainedMembers: op.input.filter((m) => m.length || m.pattern || m.range || m.enumValues).length,
      requiredMembers: op.input.filter((m) => m.required).length,
      cases: perOp.get(op.name) ?? 0,
      emulator: (HANDLERS[op.name] ? 'behaviour' : 'validation') as OperationCoverage['emulator'],
    }))
    .sort((a, b) => a.operation.localeCompare(b.operation, 'en'));
}

export function coverageMarkdown(rows: OperationCoverage[]): string {
  const sum = (f: (r: OperationCoverage) => number) => rows.reduce((n, r) => n + f(r), 0);
  const withCases = rows.filter((r) => r.cases > 0);
  const lines = [
    '# Coverage of the IAM model',
    '',
    '<!-- Written by `npm run docs:coverage` from specs/model/ and the specs; do not edit by hand. -->',
    '',
    `The IAM model (specs/model/iam-2010-05-08.json) has ${rows.length} operations, ${sum((r) => r.constrainedMembers)} constrained`,
    `top-level input members (length, pattern, range, enum) and ${sum((r) => r.requiredMembers)} required ones. The suite has cases`,
    `for ${withCases.length} of the operations (${sum((r) => r.cases)} cases). The reference emulator validates the input of every`,
    `operation from the model, before authentication, with AWS's wording; it models the behaviour of`,
    `${rows.filter((r) => r.emulator === 'behaviour').length} (the others answer \`501 NotImplemented\` once valid: no verdict on behaviour comes from it).`,
    '',
    '| operation | constrained members | required members | cases | reference emulator |',
    '|---|---:|---:|---:|---|',
    ...rows.map((r) => `| ${r.operation} | ${r.constrainedMembers} | ${r.requiredMembers} | ${r.cases} | ${r.emulator === 'behaviour' ? 'validation + behaviour' : 'validation only'} |`),
    '',
  ];
  return lines.join('\n');
}
