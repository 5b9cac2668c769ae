import { SpecError } from './errors.ts';
import { pathToPointer, type YamlSource } from './yaml-source.ts';
import { BUILTIN_CALLERS, COMMON_ERRORS, SUPPORT_OPERATIONS, TEMPLATE_REF, USER_FIELDS } from './vocabulary.ts';
import { modelOperations } from '../model/iam-model.ts';
import { recordingCitationProblem } from './recordings.ts';
import type { Expectation, FamilySpec, Given, OperationSpec, Scenario, Shape, SpecSet, Step } from './types.ts';

type Path = Array<string | number>;

/**
 * The rules a JSON Schema cannot state: references resolve, ids are unique, regexes compile,
 * bounds are ordered, expected errors exist for the operation with the status the spec declares.
 */
export function checkSemantics(
  specs: SpecSet,
  shapeSource: YamlSource | undefined,
  sources: Map<OperationSpec, YamlSource>,
  familySources: Map<FamilySpec, YamlSource> = new Map(),
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
      if (scenario.operation !== undefined) report(['scenarios', i, 'operation'], `only family files name a scenario's operation; this file's is ${op.operation}`);
      checkScenario(scenario, ['scenarios', i], byName, report);
    });

    for (const e of op.errors) {
      const common = COMMON_ERRORS[e.code];
      if (common !== undefined && common !== e.status) report(['errors', e.code, 'status'], `${e.code} is always ${common}, not ${e.status}`);
    }
  }

  // Family files: every scenario names an operation of the model; its case id is <operation>/<id>.
  const ids = new Map<string, string>();
  for (const op of specs.operations) for (const s of op.scenarios) ids.set(`${op.operation}/${s.id}`, op.file);
  for (const family of specs.families ?? []) {
    const source = familySources.get(family);
    const report = (p: Path, m: string) => at(source, p, m);
    if (!family.file.endsWith(`${family.family}.yaml`)) report(['family'], `family ${family.family} must live in families/${family.family}.yaml`);
    if (specs.overrides && !(family.family in specs.overrides.families)) {
      report(['family'], `no family "${family.family}" in model-overrides.yaml (its families: ${Object.keys(specs.overrides.families).join(', ')})`);
    }
    family.scenarios.forEach((scenario, i) => {
      if (!scenario.operation) return report(['scenarios', i], 'a scenario of a family file names its operation (`operation:`)');
      if (!byName.has(scenario.operation) && !modelOperations().has(scenario.operation)) {
        return report(['scenarios', i, 'operation'], `no operation ${scenario.operation} in the IAM model`);
      }
      const id = `${scenario.operation}/${scenario.id}`;
      if (ids.has(id)) report(['scenarios', i, 'id'], `the case id ${id} is also in ${ids.get(id)}`);
      ids.set(id, family.file);
      checkScenario(scenario, ['scenarios', i], byName, report);
      // Family scenarios cite recordings exactly, so that anyone can read the answer an expectation rests on.
      scenario.steps.forEach((step, j) => {
        const claims: Array<[{ source: string; evidence?: string }, string[]]> = [[step, []], ...(step.likely ? [[step.likely, ['likely']] as [{ source: string; evidence?: string }, string[]]] : [])];
        for (const [claim, where] of claims) {
          if (claim.source !== 'aws-recording') continue;
          const problem = recordingCitationProblem(claim.evidence);
          if (problem) report(['scenarios', i, 'steps', j, ...where, 'evidence'], problem);
        }
      });
    });
  }
  return errors;
}

/** Handles and references of one scenario, and each step's call and expectation. */
function checkScenario(scenario: Scenario, path: Path, byName: Map<string, OperationSpec>, report: (p: Path, m: string) => void) {
  const handles = userHandles(scenario.given);
  for (const h of handles) if (RESERVED_NAMES.has(h)) report([...path, 'given', 'users', h], `"${h}" is a reserved name (\${${h}.…} means something else), choose another handle`);
  checkGiven(scenario.given, [...path, 'given'], handles, false, report);
  const kept = new Set<string>();
  scenario.steps.forEach((step, j) => {
    checkStep(step, [...path, 'steps', j], handles, false, byName, report, kept);
    for (const label of Object.keys(step.keep ?? {})) kept.add(label);
  });
}

/** Template names that are not user handles: `${name.x}` (a run-made name), `${kept.x}` (a kept output). */
const RESERVED_NAMES = new Set(['name', 'kept', 'account', 'password', 'probe', 'run']);

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
  kept: ReadonlySet<string> = new Set(),
) {
  const op = operations.get(step.call) ?? modelSpec(step.call);
  if (!op && !SUPPORT_OPERATIONS.has(step.call)) report([...path, 'call'], `unknown operation "${step.call}" (not in the spec files nor the IAM model)`);
  if (step.as) checkCaller(step.as, [...path, 'as'], handles, report);
  if (step.input && step.wire) report([...path, 'wire'], 'a step has either input or wire, not both');
  checkRefs(step.input, [...path, 'input'], handles, inProbe, report, kept);
  checkRefs(step.wire, [...path, 'wire'], handles, inProbe, report, kept);
  checkRefs(step.expect, [...path, 'expect'], handles, inProbe, report, kept);
  if (op) {
    checkExpectation(step.expect, op, [...path, 'expect'], report);
    if (step.likely) checkExpectation(step.likely.expect, op, [...path, 'likely', 'expect'], report);
  }
}

/** An operation of the IAM model with no spec file: its errors are the model's. */
function modelSpec(name: string): OperationSpec | undefined {
  const m = modelOperations().get(name);
  if (!m) return undefined;
  return { operation: name, docs: '', caller: 'admin', accountWide: false, input: [], errors: m.errors.map((e) => ({ ...e })), scenarios: [], file: '' };
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
function checkRefs(value: unknown, path: Path, handles: Set<string>, inProbe: boolean, report: (p: Path, m: string) => void, kept: ReadonlySet<string> = new Set()) {
  if (value === undefined || value === null) return;
  if (typeof value === 'string') {
    for (const m of value.matchAll(TEMPLATE_REF)) {
      const [ref, name, field] = m;
      const ok =
        (name === 'probe' && inProbe && !field) ||
        (name === 'account' && !field) ||
        (name === 'password' && field !== undefined && /^\d+$/.test(field)) ||
        (name === 'name' && field !== undefined && !inProbe) ||
        (name === 'run' && !field && !inProbe) ||
        (name === 'kept' && field !== undefined && kept.has(field)) ||
        (handles.has(name!) && (!field || USER_FIELDS.has(field)));
      const why = name === 'probe' ? ' (only probes have ${probe})' : name === 'kept' ? ' (no earlier step keeps it)' : '';
      if (!ok) report(path, `unknown reference ${ref}${why}`);
    }
    return;
  }
  if (Array.isArray(value)) value.forEach((v, i) => checkRefs(v, [...path, i], handles, inProbe, report, kept));
  else if (typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) checkRefs(v, [...path, k], handles, inProbe, report, kept);
  }
}
