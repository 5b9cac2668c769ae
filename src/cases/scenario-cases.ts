import type { Case } from './types.ts';
import type { FamilySpec, ModelOverrides, OperationSpec, Scenario, Source } from '../specfile/types.ts';

const STRENGTH: Source[] = ['aws-recording', 'docs', 'user-report', 'inferred'];

/** Hand-written scenarios become cases as they are; steps without `as` use the spec's caller. */
export function scenarioCases(op: OperationSpec): Case[] {
  return op.scenarios.map((s) => scenarioCase(op.operation, s, op.caller, op.accountWide));
}

/**
 * A family file's scenarios: each about the operation it names, signed as the administrator unless a step
 * says otherwise. One about an operation that changes the whole account (model-overrides.yaml's
 * `accountWide`) runs serially and only where the account is disposable, like that operation's other cases.
 */
export function familyCases(family: FamilySpec, overrides: ModelOverrides | undefined): Case[] {
  return family.scenarios.map((s) => {
    const accountWide = !!overrides && s.operation! in overrides.accountWide;
    const c = scenarioCase(s.operation!, s, 'admin', accountWide);
    c.tags.push(`family-${family.family}`);
    if (accountWide && !c.requires.includes('disposable-account')) c.requires.push('disposable-account');
    return c;
  });
}

function scenarioCase(operation: string, s: Scenario, caller: string, accountWide: boolean): Case {
  const steps = s.steps.map((step) => ({ ...step, as: step.as ?? caller }));
  const source = STRENGTH.find((src) => steps.some((st) => st.source === src)) ?? 'inferred';
  return {
    id: `${operation}/${s.id}`,
    operation,
    kind: 'scenario',
    title: s.title,
    tags: ['scenario', ...(s.tags ?? [])],
    serial: accountWide || s.given?.accountPasswordPolicy !== undefined,
    requires: [...(s.requires ?? [])],
    given: s.given ?? {},
    steps,
    source,
  } satisfies Case;
}
