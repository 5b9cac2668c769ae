import { fillProbe, mentionsProbe } from './template.ts';
import { probesFor, type ProbeContext, type ProbeValue } from './probes.ts';
import type { Case } from './types.ts';
import type { Given, GivenUser, MemberSpec, OperationSpec, Shape, Step } from '../specfile/types.ts';

/**
 * Generated constraint cases for every member that has a probe recipe: one case per probe value,
 * `<Operation>/<Member>/<probe>`, in which only that member varies.
 */
export function constraintCases(op: OperationSpec, shapes: Map<string, Shape>, ctx: ProbeContext): Case[] {
  const cases: Case[] = [];
  for (const member of op.input) {
    if (!member.probe) continue;
    const shape = shapes.get(member.shape)!;
    for (const probe of probesFor(member, shape, ctx)) cases.push(caseFor(op, member, shape, probe));
  }
  return cases;
}

function caseFor(op: OperationSpec, member: MemberSpec, shape: Shape, probe: ProbeValue): Case {
  const recipe = member.probe!;
  const valid = probe.violations.length === 0;
  // The probe can stand in the case's setup (as the user's password or name) only when the target
  // could store it; otherwise the setup uses a generated value and only the request carries the probe.
  const storable = valid && !probe.unusable && probe.value !== undefined;
  const given = storable ? fillProbe(recipe.given ?? {}, probe.value) : withoutProbe(recipe.given);
  const main: Step = {
    call: op.operation,
    as: recipe.as ?? op.caller,
    input: fillProbe(recipe.input, probe.value),
    ...fillProbe(expectationFor(op, member, shape, probe, valid), probe.value),
  };
  const then = storable ? (recipe.then ?? []).map((s) => ({ ...fillProbe(s, probe.value), as: s.as ?? recipe.as ?? op.caller })) : [];
  return {
    id: `${op.operation}/${member.name}/${probe.name}`,
    operation: op.operation,
    kind: 'constraint',
    title: probe.label,
    tags: ['constraint', member.name],
    serial: op.accountWide || given.accountPasswordPolicy !== undefined,
    requires: probe.sharedName ? ['disposable-account'] : [],
    given,
    steps: [main, ...then],
    source: main.source,
    probe: { member: member.name, name: probe.name, valid },
  };
}

function expectationFor(op: OperationSpec, member: MemberSpec, shape: Shape, probe: ProbeValue, valid: boolean): Omit<Step, 'call' | 'as' | 'input'> {
  const modelRef = `model shape ${shape.model} (${member.name}${member.required ? ', required' : ''})`;
  if (probe.value === undefined) {
    return {
      expect: { outcome: 'error' },
      source: 'docs',
      evidence: `${modelRef}: a required member`,
      likely: {
        expect: { error: 'ValidationError', status: 400, message: validationMessage(member.name, probe.violations) },
        source: 'inferred',
        evidence: 'shared evidence README, "Unknown": a missing required parameter (MissingParameter or "must not be null")',
      },
    };
  }
  if (!valid) {
    return {
      expect: { error: 'ValidationError', status: 400, message: validationMessage(member.name, probe.violations) },
      source: 'docs',
      messageSource: probe.recordedWording ? 'aws-recording' : 'inferred',
      evidence: `${modelRef}; wording as recorded in test_iam_account_password_policy (validation errors)`,
    };
  }
  if (probe.unusable && member.probe!.unusable) {
    const { expect, source, messageSource, evidence, likely } = member.probe!.unusable;
    return { expect, source, messageSource, evidence, likely };
  }
  const accepted = member.probe!.accepted;
  return accepted
    ? { expect: accepted.expect, source: accepted.source, messageSource: accepted.messageSource, evidence: accepted.evidence }
    : { expect: { outcome: 'success' }, source: 'docs', evidence: `${modelRef}: the value satisfies every constraint` };
}

/** `1 validation error detected: Value at 'newPassword' failed to satisfy constraint: ...` */
export function validationMessage(member: string, violations: string[]): string {
  const at = member[0]!.toLowerCase() + member.slice(1);
  const n = violations.length;
  const parts = violations.map((v) =>
    v === 'Member must not be null' ? `Value null at '${at}' failed to satisfy constraint: ${v}` : `Value at '${at}' failed to satisfy constraint: ${v}`,
  );
  return `${n} validation error${n === 1 ? '' : 's'} detected: ${parts.join('; ')}`;
}

/** The recipe's setup with every field that would hold the probe dropped (defaults apply). */
function withoutProbe(given: Given | undefined): Given {
  if (!given) return {};
  const users: Record<string, GivenUser> = {};
  for (const [handle, user] of Object.entries(given.users ?? {})) {
    users[handle] = Object.fromEntries(Object.entries(user).filter(([, v]) => !mentionsProbe(v))) as GivenUser;
  }
  return { ...given, ...(given.users ? { users } : {}) };
}
