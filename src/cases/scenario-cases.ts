import type { Case } from './types.ts';
import type { OperationSpec, Source } from '../specfile/types.ts';

const STRENGTH: Source[] = ['aws-recording', 'docs', 'user-report', 'inferred'];

/** Hand-written scenarios become cases as they are; steps without `as` use the spec's caller. */
export function scenarioCases(op: OperationSpec): Case[] {
  return op.scenarios.map((s) => {
    const steps = s.steps.map((step) => ({ ...step, as: step.as ?? op.caller }));
    const source = STRENGTH.find((src) => steps.some((st) => st.source === src)) ?? 'inferred';
    return {
      id: `${op.operation}/${s.id}`,
      operation: op.operation,
      kind: 'scenario',
      title: s.title,
      tags: ['scenario', ...(s.tags ?? [])],
      serial: op.accountWide || s.given?.accountPasswordPolicy !== undefined,
      requires: s.requires ?? [],
      given: s.given ?? {},
      steps,
      source,
    } satisfies Case;
  });
}
