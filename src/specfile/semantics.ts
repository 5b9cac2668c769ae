import { SpecError } from './errors.ts';
import { pathToPointer, type YamlSource } from './yaml-source.ts';
import { BUILTIN_CALLERS, COMMON_ERRORS, SUPPORT_OPERATIONS, TEMPLATE_REF, USER_FIELDS } from './vocabulary.ts';
import type { Expectation, Given, OperationSpec, Shape, SpecSet, Step } from './types.ts';

type Path = Array<string | number>;

/**
 * The rules a JSON Schema cannot state: references resolve, ids are unique, regexes compile,
 * bounds are ordered, expected errors exist for the operation with the status the spec declares.
 */
export function checkSemantics(
  specs: SpecSet,
  shapeSource: YamlSource | undefined,
  sources: Map<OperationSpec, YamlSource>,
): SpecError[] {
  const errors: SpecError[] = [];
  const at = (source: YamlSource | undefined, path: Path, message: string) => {
    const pointer = pathToPointer(path);
    errors.push(new SpecError(source?.file ?? 'specs', pointer, message, source?.position(pointer)));
  };

  for (const shape of specs.shapes.values()) checkShape(shape, (p, m) => at(shapeSource, ['shapes', shape.name, ...p], m));

  const byName = new Map<string, OperationSpec>();
  for (const op of specs.operations) {
    const source = sources.get(op);
    const report = (p: Path, m: string) => at(source, p, m);
    const expectedFile = `${op.operation}.yaml`;
    if (!op.file.endsWith(expectedFile)) report(['operation'], `operation ${op.operation} must live in ${expectedFile}`);
    if (byName.has(op.operation)) report(['operation'], `operation ${op.operation} is also specified in ${byName.get(op.operation)!.file}`);
    byName.set(op.operation, op);
  }

  for (const op of specs.operations) {
    const source = sources.get(op);
    const report = (p: Path, m: string) => at(source, p, m);

    for (const member of op.input) {
      const shape = specs.shapes.get(member.shape);
      if (!shape) report(['input', member.name, 'shape'], `unknown shape "${member.shape}" (shapes.yaml has ${[...specs.shapes.keys()].join(', ')})`);
      if (!member.probe) continue;
      const inputText = JSON.stringify(member.probe.input);
      if (!inputText.includes('${probe}')) report(['input', member.name, 'probe', 'input'], 'a probe must place ${probe} in its input');
      const handles = userHandles(member.probe.given);
      checkGiven(member.probe.given, ['input', member.name, 'probe', 'given'], handles, true, report);
      checkRefs(member.probe.input, ['input', member.name, 'probe', 'input'], handles, true, report);
      if (member.probe.as) checkCaller(member.probe.as, ['input', member.name, 'probe', 'as'], handles, report);
      for (const [claimName, claim] of [['accepted', member.probe.accepted], ['unusable', member.probe.unusable]] as const) {
        if (claim) checkExpectation(claim.expect, op, ['input', member.name, 'probe', claimName, 'expect'], report);
      }
      (member.probe.then ?? []).forEach((step, i) =>
        checkStep(step, ['input', member.name, 'probe', 'then', i], handles, true, byName, report),
      );
    }

    const seen = new Map<string, number>();
    op.scenarios.forEach((scenario, i) => {
      if (seen.has(scenario.id)) report(['scenarios', i, 'id'], `duplicate scenario id "${scenario.id}" (also at /scenarios/${seen.get(scenario.id)})`);
      seen.set(scenario.id, i);
      if (op.input.some((m) => `${op.operation}/${m.name}` === `${op.operation}/${scenario.id}`)) {
        report(['scenarios', i, 'id'], `scenario id "${scenario.id}" collides with a member's generated case ids`);
      }
      const handles = userHandles(scenario.given);
      checkGiven(scenario.given, ['scenarios', i, 'given'], handles, false, report);
      scenario.steps.forEach((step, j) => checkStep(step, ['scenarios', i, 'steps', j], handles, false, byName, report));
    });

    for (const e of op.errors) {
      const common = COMMON_ERRORS[e.code];
      if (common !== undefined && common !== e.status) report(['errors', e.code, 'status'], `${e.code} is always ${common}, not ${e.status}`);
    }
  }
  return errors;
}

function checkShape(shape: Shape, report: (p: Path, m: string) => void): void {
  if (shape.pattern !== undefined) {
    try {
      new RegExp(shape.pattern, 'u');
    } catch (e) {
      report(['pattern'], `invalid regular expression: ${(e as Error).message}`);
    }
    if (shape.type !== 'string') report(['pattern'], `a pattern needs type string, not ${shape.type}`);
  }
  for (const key of ['length', 'range'] as const) {
    const b = shape[key];
    if (b && b.min !== undefined && b.max !== undefined && b.min > b.max) report([key], `min ${b.min} is greater than max ${b.max}`);
  }
  if (shape.length && shape.type !== 'string') report(['length'], `a length needs type string, not ${shape.type}`);
  if (shape.range && shape.type !== 'integer') report(['range'], `a range needs type integer, not ${shape.type}`);
  const fits: Record<Shape['values'], Shape['type']> = { password: 'string', userName: 'string', integer: 'integer', boolean: 'boolean' };
  if (fits[shape.values] !== shape.type) report(['values'], `value generator "${shape.values}" does not make ${shape.type} values`);
}

function userHandles(given: Given | undefined): Set<string> {
  return new Set(given?.users ? Object.keys(given.users) : ['user']);
}

function checkGiven(given: Given | undefined, path: Path, handles: Set<string>, inProbe: boolean, report: (p: Path, m: string) => void) {
  if (!given?.users) return;
  for (const [handle, user] of Object.entries(given.users)) {
    checkRefs(user.password, [...path, 'users', handle, 'password'], handles, inProbe, report);
    checkRefs(user.name, [...path, 'users', handle, 'name'], handles, inProbe, report);
    if (user.exists === false && (user.loginProfile || user.accessKey)) {
      report([...path, 'users', handle], 'a user that does not exist cannot have a login profile or an access key');
    }
    // The only users a run may have outside its own path are at "/", and a shared account's clean-up
    // knows those by their run-made names (ic-<run>-…): a fixed name there would be left behind.
    if (user.path !== undefined && user.name !== undefined) {
      report([...path, 'users', handle], 'a user at the root path must have a run-made name (leave out `name`): clean-up finds such users by name');
    }
  }
}

function checkCaller(caller: string, path: Path, handles: Set<string>, report: (p: Path, m: string) => void) {
  if (!BUILTIN_CALLERS.has(caller) && !handles.has(caller)) {
    report(path, `unknown caller "${caller}" (admin, root, or a user of the case: ${[...handles].join(', ')})`);
  }
}

function checkStep(
  step: Step,
  path: Path,
  handles: Set<string>,
  inProbe: boolean,
  operations: Map<string, OperationSpec>,
  report: (p: Path, m: string) => void,
) {
  const op = operations.get(step.call);
  if (!op && !SUPPORT_OPERATIONS.has(step.call)) report([...path, 'call'], `unknown operation "${step.call}"`);
  if (step.as) checkCaller(step.as, [...path, 'as'], handles, report);
  if (step.input && step.wire) report([...path, 'wire'], 'a step has either input or wire, not both');
  checkRefs(step.input, [...path, 'input'], handles, inProbe, report);
  checkRefs(step.expect, [...path, 'expect'], handles, inProbe, report);
  if (op) {
    checkExpectation(step.expect, op, [...path, 'expect'], report);
    if (step.likely) checkExpectation(step.likely.expect, op, [...path, 'likely', 'expect'], report);
  }
}

function checkExpectation(expect: Expectation, op: OperationSpec, path: Path, report: (p: Path, m: string) => void) {
  if (expect.outcome === 'success' && (expect.error || expect.status && expect.status >= 400 || expect.message)) {
    report(path, 'outcome success contradicts an expected error, error status or message');
  }
  if (expect.outcome === 'error' && (expect.output || expect.absent)) report(path, 'outcome error contradicts expected output');
  for (const [key, code] of [['error', expect.error], ['notError', expect.notError]] as const) {
    if (!code) continue;
    const modelled = op.errors.find((e) => e.code === code);
    const common = COMMON_ERRORS[code];
    if (!modelled && common === undefined) {
      report([...path, key], `${code} is not an error of ${op.operation} (its errors: ${op.errors.map((e) => e.code).join(', ')}; or ${Object.keys(COMMON_ERRORS).join(', ')})`);
      continue;
    }
    const status = modelled?.status ?? common;
    if (key === 'error' && expect.status !== undefined && expect.status !== status) {
      report([...path, 'status'], `${code} is declared with status ${status}, not ${expect.status}`);
    }
  }
}

/** Every `${name}` / `${name.field}` in a value must name something the case has. */
function checkRefs(value: unknown, path: Path, handles: Set<string>, inProbe: boolean, report: (p: Path, m: string) => void) {
  if (value === undefined || value === null) return;
  if (typeof value === 'string') {
    for (const m of value.matchAll(TEMPLATE_REF)) {
      const [ref, name, field] = m;
      const ok =
        (name === 'probe' && inProbe && !field) ||
        (name === 'account' && !field) ||
        (name === 'password' && field !== undefined && /^\d+$/.test(field)) ||
        (handles.has(name!) && (!field || USER_FIELDS.has(field)));
      if (!ok) report(path, `unknown reference ${ref}${name === 'probe' ? ' (only probes have ${probe})' : ''}`);
    }
    return;
  }
  if (Array.isArray(value)) value.forEach((v, i) => checkRefs(v, [...path, i], handles, inProbe, report));
  else if (typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) checkRefs(v, [...path, k], handles, inProbe, report);
  }
}
