import { modelOperations, type ModelOperation } from '../model/iam-model.ts';
import { ENTITY_MEMBERS } from '../mock/entities.ts';
import { HANDLERS } from '../mock/operations/index.ts';
import type { Case } from '../cases/types.ts';
import { scenarioCoverage, scenarioCoverageMarkdown } from './scenario-coverage.ts';

/**
 * How far the suite reaches into the IAM model, operation by operation: what the model constrains, which
 * of those members the cases probe, which of its declared errors some case expects, and what the
 * reference emulator models. docs/coverage.md is this table (npm run docs:coverage rewrites it; a test
 * keeps it current).
 */
export interface OperationCoverage {
  operation: string;
  constrainedMembers: number;
  requiredMembers: number;
  /** Top-level members that are constrained or required, and how many of them some case varies. */
  membersToProbe: number;
  membersProbed: number;
  /** The model's declared errors, and those some case expects (strictly or as likely). */
  errors: number;
  errorsExpected: string[];
  cases: number;
  /**
   * behaviour: a handler models what the operation does; existence: its input is checked, then whether
   * what it names exists (NoSuchEntity), then 501; validation: its input is checked, then 501.
   */
  emulator: 'behaviour' | 'existence' | 'validation';
  /** Members to probe that no case varies. */
  unprobed: string[];
}

export function modelCoverage(cases: Case[]): OperationCoverage[] {
  const perOp = new Map<string, Case[]>();
  for (const c of cases) perOp.set(c.operation, [...(perOp.get(c.operation) ?? []), c]);
  return [...modelOperations().values()]
    .map((op) => {
      const own = perOp.get(op.name) ?? [];
      const toProbe = op.input.filter((m) => m.required || m.length || m.pattern || m.range || m.enumValues || m.type === 'integer' || m.type === 'boolean' || m.type === 'list');
      // A member counts as probed when a generated case varies it, or a case of a spec file names it in an id.
      const varied = new Set(own.flatMap((c) => [c.probe?.member.split('.')[0], c.id.split('/')[1]]).filter((m): m is string => !!m));
      const expected = new Set(own.flatMap((c) => c.steps.filter((s) => s.call === op.name).flatMap((s) => [s.expect.error, s.likely?.expect.error])));
      return {
        operation: op.name,
        constrainedMembers: op.input.filter((m) => m.length || m.pattern || m.range || m.enumValues).length,
        requiredMembers: op.input.filter((m) => m.required).length,
        membersToProbe: toProbe.length,
        membersProbed: toProbe.filter((m) => varied.has(m.name)).length,
        errors: op.errors.length,
        errorsExpected: op.errors.map((e) => e.code).filter((code) => expected.has(code)),
        cases: own.length,
        emulator: (HANDLERS[op.name] ? 'behaviour' : knowsExistence(op) ? 'existence' : 'validation') as OperationCoverage['emulator'],
        unprobed: toProbe.filter((m) => !varied.has(m.name)).map((m) => `${m.name} (${m.type})`),
      };
    })
    .sort((a, b) => a.operation.localeCompare(b.operation, 'en'));
}

/** Whether the emulator answers NoSuchEntity for what the operation names (src/mock/entities.ts). */
function knowsExistence(op: ModelOperation): boolean {
  return op.errors.some((e) => e.code === 'NoSuchEntity') && op.input.some((m) => ENTITY_MEMBERS[m.name]);
}

const EMULATOR_COLUMN = { behaviour: 'validation + behaviour', existence: 'validation + existence', validation: 'validation only' };

export function coverageMarkdown(rows: OperationCoverage[], cases: Case[] = []): string {
  const sum = (f: (r: OperationCoverage) => number) => rows.reduce((n, r) => n + f(r), 0);
  const withCases = rows.filter((r) => r.cases > 0);
  const noCases = rows.filter((r) => r.cases === 0).map((r) => r.operation);
  const unprobed = rows.flatMap((r) => r.unprobed.map((m) => `${r.operation}.${m}`));
  const lines = [
    '# Coverage of the IAM model',
    '',
    '<!-- Written by `npm run docs:coverage` from specs/model/ and the specs; do not edit by hand. -->',
    '',
    `The IAM model (specs/model/iam-2010-05-08.json) has ${rows.length} operations, ${sum((r) => r.constrainedMembers)} constrained`,
    `top-level input members (length, pattern, range, enum) and ${sum((r) => r.requiredMembers)} required ones. The suite has cases`,
    `for ${withCases.length} of the operations (${sum((r) => r.cases)} cases); they vary ${sum((r) => r.membersProbed)} of the ${sum((r) => r.membersToProbe)} top-level members`,
    `that are constrained, required or typed (numbers, booleans, lists), and expect ${sum((r) => r.errorsExpected.length)} of the ${sum((r) => r.errors)}`,
    `operation/error pairs the model declares (most of the rest need state: the resource families' scenarios).`,
    noCases.length ? `Operations without cases: ${noCases.join(', ')}.` : 'Every operation has cases.',
    unprobed.length
      ? `Members no case varies: ${unprobed.join(', ')} (a spec file's scenarios may still use them; no case sends them a value to probe).`
      : '',
    '',
    `The reference emulator validates the input of every operation from the model, before authentication,`,
    `with AWS's wording; it models the behaviour of ${rows.filter((r) => r.emulator === 'behaviour').length}. For ${rows.filter((r) => r.emulator === 'existence').length} more it knows whether what the request`,
    'names exists (NoSuchEntity in the recorded words, src/mock/entities.ts); once everything named exists, these and',
    `the other ${rows.filter((r) => r.emulator === 'validation').length} answer \`501 NotImplemented\`: no verdict on behaviour comes from it.`,
    '',
    '| operation | constrained members | required members | members probed | cases | errors the cases expect | reference emulator |',
    '|---|---:|---:|---:|---:|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.operation} | ${r.constrainedMembers} | ${r.requiredMembers} | ${r.membersProbed} / ${r.membersToProbe} | ${r.cases} | ${r.errorsExpected.length} / ${r.errors}${r.errorsExpected.length ? `: ${r.errorsExpected.join(', ')}` : ''} | ${EMULATOR_COLUMN[r.emulator]} |`,
    ),
    '',
    ...scenarioCoverageMarkdown(scenarioCoverage(cases)),
  ];
  return lines.join('\n');
}
