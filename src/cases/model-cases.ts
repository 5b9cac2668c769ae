import { charClassOf, edgeCodePoints, inClass } from '../model/charclass.ts';
import { codePointId, codePointLabel } from './codepoint-names.ts';
import { escapeTemplate } from './template.ts';
import { templateLength, validString, validValue, recipeFor, stretch, stretches, type ValueSource } from './model-values.ts';
import { compilePattern, type ModelMember, type ModelOperation } from '../model/iam-model.ts';
import type { Case } from './types.ts';
import type { Claim, Expectation, ModelOverrides, OperationSpec, Source, Step } from '../specfile/types.ts';

/**
 * Constraint cases for every operation of the IAM model, generated from the model alone (plus the
 * overrides file's data): for each constrained or required input member, values on both sides of each
 * bound, each class edge and each enum, and its absence. Exactly one member varies; the others hold
 * valid values and only the required ones are sent. Ids: `CreateRole/RoleName/length-65`,
 * `TagUser/Tags.member.Key/length-129`.
 *
 * What a case may assert comes from the evidence: a value the model rejects draws 400 ValidationError
 * (docs: the model), worded as AWS words it where a recording shows the form; a value it allows draws no
 * ValidationError. What is not settled (the answer to a missing member or a malformed number, what a
 * valid value then meets) is asserted only in its certain part, the rest a note.
 */

/** Operations that only read: a valid probe of one changes nothing, whatever it names. */
const READ_ONLY = /^(Get|List|Simulate)/;

const MODEL_EVIDENCE = 'IAM model (specs/model/iam-2010-05-08.json)';
/** Where each wording of a validation message was recorded from AWS. */
const RECORDED = {
  lengthMax: "test_iam_mfa.snapshot.json create-path-too-long-error ('Member must have length less than or equal to 512')",
  lengthMin: "test_iam_policies.snapshot.json err-untag-large-key (the element form lists 'Member must have length greater than or equal to 1')",
  pattern: 'test_iam_policies.snapshot.json err-set-default-invalid-version-format (the pattern quoted without ^ and $)',
  enum: "test_iam.snapshot.json update-invalid-status ('Member must satisfy enum value set')",
  valueMax: 'test_iam_account_password_policy.snapshot.json validation-errors',
  nested: "test_iam_policies.snapshot.json err-large-key (at 'tags.1.member.key')",
  listLength: "test_iam_policies.snapshot.json err-too-many-tags (at 'tags')",
  element: "test_iam_policies.snapshot.json err-untag-large-key, test_iam_oidc.snapshot.json multiple-validation-errors (an element's constraints listed in brackets)",
} as const;

interface Probe {
  /** The last id segment: `length-65`, `codepoint-U+0020`, `missing`. */
  name: string;
  label: string;
  /** The member's value; undefined leaves it out. */
  value: unknown;
  /** Sent as this exact wire text instead (a malformed number or boolean). */
  wireText?: string;
  /** The claim on the answer. */
  claim: Claim;
  likely?: Claim;
  valid: boolean;
}

/** Where in the request a probe goes: a top-level member, or a field inside the first item of a list. */
interface Slot {
  /** `RoleName`, `Tags.member.Key`, `TagKeys.member`, `Tags` (the list itself). */
  path: string;
  /** How AWS names it in a message: `roleName`, `tags.1.member.key`, `tagKeys`. */
  at: string;
  member: ModelMember;
  /** The request with this slot holding `value`. */
  put(value: unknown): Record<string, unknown>;
  /** A list element: violations are worded as the list's ("Member must satisfy constraint: [...]"). */
  elementOf?: ModelMember;
}

export function modelCases(ops: Map<string, ModelOperation>, specs: OperationSpec[], overrides: ModelOverrides, nextSerial: () => number): Case[] {
  const src: ValueSource = { overrides, nextSerial };
  const written = new Map(specs.map((s) => [s.operation, new Set(s.input.map((m) => m.name))]));
  const cases: Case[] = [];
  for (const op of [...ops.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    src.operation = op.name;
    // A hand-written spec owns the members it declares: their cases and ids stay as they are.
    const declared = written.get(op.name) ?? new Set<string>();
    for (const member of op.input) {
      if (declared.has(member.name) || overrides.excluded[`${op.name}.${member.name}`]) continue;
      for (const slot of slotsOf(op, member, src)) {
        for (const probe of probesFor(slot, op, src)) {
          if (overrides.excluded[`${op.name}.${slot.path}/${probe.name}`]) continue;
          // A valid value of a creating operation makes something: it is probed only where the overrides
          // say how to remove what it made (`teardown`), which the case then does after its step.
          if (probe.valid && overrides.creating[op.name] !== undefined && overrides.teardown[op.name] === undefined) continue;
          if (probe.valid && overrides.shapes[slot.member.shape]?.noValidProbes) continue;
          cases.push(caseOf(op, slot, probe, overrides));
        }
      }
    }
  }
  return cases;
}

/** The request with every required member valid, the varied one left for the slot to fill. */
function baseRequest(op: ModelOperation, except: string, src: ValueSource): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const m of op.input) if ((m.required || src.overrides.alwaysSent[m.name]) && m.name !== except) out[m.name] = validValue(m, src);
  return out;
}

const camel = (name: string) => name[0]!.toLowerCase() + name.slice(1);

function slotsOf(op: ModelOperation, member: ModelMember, src: ValueSource): Slot[] {
  const base = () => baseRequest(op, member.name, src);
  const top: Slot = { path: member.name, at: camel(member.name), member, put: (v) => withMember(base(), member.name, v) };
  if (member.type !== 'list') return [top];
  const slots: Slot[] = [top];
  const el = member.element!;
  if (el.type === 'structure') {
    for (const field of el.members ?? []) {
      if (field.type === 'list') continue;
      slots.push({
        path: `${member.name}.member.${field.name}`,
        at: `${camel(member.name)}.1.member.${camel(field.name)}`,
        member: field,
        put: (v) => {
          const item = validValue(el, src) as Record<string, unknown>;
          return { ...base(), [member.name]: [withMember(item, field.name, v)] };
        },
      });
    }
  } else {
    slots.push({ path: `${member.name}.member`, at: camel(member.name), member: el, elementOf: member, put: (v) => ({ ...base(), [member.name]: [v] }) });
  }
  return slots;
}

function withMember(req: Record<string, unknown>, name: string, value: unknown): Record<string, unknown> {
  const out = { ...req };
  if (value === undefined) delete out[name];
  else out[name] = value;
  return out;
}

function probesFor(slot: Slot, op: ModelOperation, src: ValueSource): Probe[] {
  const m = slot.member;
  const probes: Probe[] = [];
  if (m.type === 'list' && slot.elementOf === undefined) {
    probes.push(...listLengthProbes(slot, src));
  } else if (m.type === 'string') {
    probes.push(...lengthProbes(slot, src), ...patternProbes(slot, op, src));
  } else if (m.type === 'enum') {
    probes.push(...enumProbes(slot));
  } else if (m.type === 'integer') {
    probes.push(...rangeProbes(slot), malformed(slot, 'not-a-number', 'abc', 'an integer'));
  } else if (m.type === 'boolean') {
    probes.push(malformed(slot, 'not-a-boolean', 'maybe', 'a boolean'));
  }
  // Inside a list item only the structure's own required fields; the list's element is never absent.
  if (m.required && slot.elementOf === undefined) probes.push(missing(slot));
  return probes;
}

/** A violation: ValidationError with AWS's wording; the message strict only where its form was recorded. */
function rejected(slot: Slot, violations: string[], recorded: string | undefined): Claim {
  const texts = slot.elementOf ? [`Member must satisfy constraint: [${elementConstraints(slot.member).join(', ')}]`] : violations;
  // Member names that begin with an acronym (SAMLProviderArn): how AWS camel-cases them is not recorded.
  const plainName = !/^[A-Z]{2}/.test(slot.path);
  const wordingRecorded = recorded !== undefined && plainName && (!slot.elementOf || slot.path === 'TagKeys.member');
  const n = texts.length;
  return {
    expect: {
      error: 'ValidationError',
      status: 400,
      message: `${n} validation error${n === 1 ? '' : 's'} detected: ${texts.map((t) => `Value at '${slot.at}' failed to satisfy constraint: ${t}`).join('; ')}`,
    },
    source: 'docs',
    messageSource: wordingRecorded ? 'aws-recording' : 'inferred',
    evidence: `${MODEL_EVIDENCE}; wording: ${wordingRecorded ? recorded : `by analogy with ${recorded ?? RECORDED.pattern}`}`,
  };
}

/** What the validator finds wrong with a string value: its length, its pattern (unless IAM checks it itself), its enum. */
function stringViolations(m: ModelMember, value: string, o: ModelOverrides): string[] {
  const text = value.split('${run}').join('abc123').split('$$').join('$');
  const out: string[] = [];
  const n = [...text].length;
  if (m.length?.min !== undefined && n < m.length.min) out.push(`Member must have length greater than or equal to ${m.length.min}`);
  if (m.length?.max !== undefined && n > m.length.max) out.push(`Member must have length less than or equal to ${m.length.max}`);
  if (m.pattern && !o.patterns[m.pattern]?.rejection && !compilePattern(m.pattern).re.test(text)) out.push(patternText(m.pattern));
  return out;
}

function accepted(op: ModelOperation): { claim: Claim; likely: Claim } {
  const entity = op.errors.some((e) => e.code === 'NoSuchEntity');
  return {
    claim: { expect: { notError: 'ValidationError' }, source: 'docs', evidence: `${MODEL_EVIDENCE}: the value satisfies every constraint of the member` },
    likely: entity
      ? { expect: { error: 'NoSuchEntity', status: 404 }, source: 'inferred', evidence: `the model lists NoSuchEntity for ${op.name}, and what the request names was never created` }
      : { expect: { outcome: 'success' }, source: 'inferred', evidence: `nothing in the request needs to exist` },
  };
}

/** The constraints of a list's element as AWS lists them: upper bound, lower bound, pattern, not null. */
function elementConstraints(el: ModelMember): string[] {
  const out: string[] = [];
  if (el.length?.max !== undefined) out.push(`Member must have length less than or equal to ${el.length.max}`);
  if (el.length?.min !== undefined) out.push(`Member must have length greater than or equal to ${el.length.min}`);
  if (el.pattern) {
    out.push(patternText(el.pattern));
    // Recorded for TagKeys; the other lists with a patterned element are inferred to say the same.
    out.push('Member must not be null');
  }
  if (el.enumValues) out.push('Member must satisfy enum value set');
  return out;
}

const patternText = (p: string) => `Member must satisfy regular expression pattern: ${p.replace(/^\^/, '').replace(/\$$/, '')}`;

function lengthProbes(slot: Slot, src: ValueSource): Probe[] {
  const m = slot.member;
  if (!m.length) return [];
  const { min = 0, max } = m.length;
  const limit = src.overrides.longestProbe;
  const lengths = [min - 1, min, ...(max !== undefined ? [max, max + 1] : [])].filter((n) => n >= 0 && n <= limit);
  const probes: Probe[] = [];
  for (const n of [...new Set(lengths)]) {
    const tooShort = n < min;
    const tooLong = max !== undefined && n > max;
    const value = n === 0 ? '' : validString(m, src, n);
    const label = `${slot.path} of ${n} character${n === 1 ? '' : 's'} (model length ${min}..${max ?? '∞'})`;
    const violations = stringViolations(m, value, src.overrides);
    if (tooShort || tooLong) {
      // Every violation of the value is listed (an empty value also fails a `+` pattern).
      probes.push({ name: `length-${n}`, label: `${label}: too ${tooShort ? 'short' : 'long'}`, value, claim: rejected(slot, violations, tooShort ? RECORDED.lengthMin : RECORDED.lengthMax), valid: false });
    } else if (violations.length === 0 && stretches(recipeFor(m, src), n, src)) {
      probes.push(validProbe(slot, `length-${n}`, `${label}: allowed`, value));
    }
    // (A length the bounds allow but no value of the pattern has, such as a two-character path, is not
    // probed; nor one an override's recipe cannot make: twenty characters of filler are no ARN, and AWS
    // refuses a malformed ARN with ValidationError "ARN x is not valid.", test_iam_roles.snapshot.json
    // non-existent-malformed-policy-arn.)
  }
  return probes;
}

function patternProbes(slot: Slot, op: ModelOperation, src: ValueSource): Probe[] {
  const m = slot.member;
  if (!m.pattern) return [];
  const entry = src.overrides.patterns[m.pattern];
  const probes: Probe[] = [];
  if (entry) {
    for (const [name, value] of Object.entries(entry.rejected ?? {})) {
      const label = `${slot.path} "${value}": the pattern ${m.pattern} rejects it`;
      const r = entry.rejection;
      const violations = stringViolations(m, value, src.overrides);
      const claim: Claim = r && violations.length === 0
        ? {
            expect: { error: r.error, status: r.status, message: r.message },
            source: 'docs',
            messageSource: r.recordedFor?.includes(op.name) ? 'aws-recording' : 'inferred',
            evidence: `${MODEL_EVIDENCE}; answer: ${r.evidence}${r.recordedFor?.includes(op.name) ? '' : ' (recorded for another operation: the message is by analogy)'}`,
          }
        : rejected(slot, violations.length ? violations : [patternText(m.pattern)], RECORDED.pattern);
      probes.push({ name: `pattern-${name}`, label, value: value, claim, valid: false });
    }
    for (const [name, value] of Object.entries(entry.accepted ?? {})) {
      if (stringViolations(m, value, src.overrides).length > 0) continue;
      probes.push(validProbe(slot, `pattern-${name}`, `${slot.path} "${value}": allowed by the pattern ${m.pattern}`, value));
    }
    return probes;
  }
  const ranges = charClassOf(m.pattern);
  if (!ranges) return probes;
  // One value per side of each edge of the class, at the end of an otherwise valid value of a length
  // the member allows (the last character replaced, so the length stays the same).
  const recipe = recipeFor(m, src);
  const { min = 0, max = Number.MAX_SAFE_INTEGER } = m.length ?? {};
  const length = Math.min(Math.max(templateLength(recipe.value) + 2, min, 1), max);
  for (const cp of edgeCodePoints(ranges)) {
    const base = stretch(recipe, length);
    const value = replaceLast(base, escapeTemplate(String.fromCodePoint(cp)));
    const violations = stringViolations(m, value, src.overrides);
    const ok = violations.length === 0;
    if (ok !== inClass(ranges, cp)) continue; // the rest of the value decides, not this code point: no probe of it
    const label = `${slot.path} with ${codePointLabel(cp)} in an otherwise valid value: ${ok ? 'allowed' : 'not allowed'} by the pattern ${m.pattern}`;
    probes.push(
      ok
        ? validProbe(slot, `codepoint-${codePointId(cp)}`, label, value)
        : { name: `codepoint-${codePointId(cp)}`, label, value, claim: rejected(slot, violations, RECORDED.pattern), valid: false },
    );
  }
  return probes;
}

/** The template with its last character (never part of `${run}` or a `$$`) replaced. */
function replaceLast(t: string, ch: string): string {
  if (t.endsWith('$$')) return t.slice(0, -2) + ch;
  if (t.endsWith('}') && t.endsWith('${run}')) return t + ch; // cannot happen with padded recipes; kept safe
  const chars = [...t];
  chars[chars.length - 1] = ch;
  return chars.join('');
}

function enumProbes(slot: Slot): Probe[] {
  const values = slot.member.enumValues ?? [];
  const first = values[0] ?? 'x';
  const changed = first === first.toUpperCase() ? first.toLowerCase() : first.toUpperCase();
  const probes: Probe[] = [];
  const claim = () => rejected(slot, ['Member must satisfy enum value set'], RECORDED.enum);
  probes.push({ name: 'enum-unknown', label: `${slot.path} "ic-not-a-value": not one of ${values.join(', ')}`, value: 'ic-not-a-value', claim: claim(), valid: false });
  if (!values.includes(changed)) {
    probes.push({ name: 'enum-case-changed', label: `${slot.path} "${changed}": ${first} with its case changed (enum values are case-sensitive)`, value: changed, claim: claim(), valid: false });
  }
  return probes;
}

function rangeProbes(slot: Slot): Probe[] {
  const { min, max } = slot.member.range ?? {};
  const probes: Probe[] = [];
  for (const n of [min !== undefined ? [min - 1, min] : [], max !== undefined ? [max, max + 1] : []].flat()) {
    const low = min !== undefined && n < min;
    const high = max !== undefined && n > max;
    const label = `${slot.path} ${n} (model range ${min ?? '-∞'}..${max ?? '∞'})`;
    if (low || high) {
      const constraint = low ? `Member must have value greater than or equal to ${min}` : `Member must have value less than or equal to ${max}`;
      probes.push({ name: `range-${n}`, label: `${label}: out of range`, value: n, claim: rejected(slot, [constraint], high ? RECORDED.valueMax : undefined), valid: false });
    } else {
      probes.push(validProbe(slot, `range-${n}`, `${label}: in range`, n));
    }
  }
  return probes;
}

function malformed(slot: Slot, name: string, text: string, what: string): Probe {
  return {
    name,
    label: `${slot.path} sent as "${text}" on the wire, not ${what}`,
    value: undefined,
    wireText: text,
    claim: { expect: { outcome: 'error', status: 400 }, source: 'docs', evidence: `${MODEL_EVIDENCE}: the member is ${what}; AWS's answer to a malformed one is not recorded (shared evidence README, "Unknown"), so only a client error is asserted` },
    likely: { expect: { error: 'ValidationError', status: 400 }, source: 'inferred', evidence: 'the validator behind AWS Query services refuses a malformed scalar with ValidationError' },
    valid: false,
  };
}

function missing(slot: Slot): Probe {
  return {
    name: 'missing',
    label: `${slot.path} left out (the model marks it required)`,
    value: undefined,
    claim: { expect: { outcome: 'error', status: 400 }, source: 'docs', evidence: `${MODEL_EVIDENCE}: a required member; AWS's answer to its absence is not recorded, so only a client error is asserted` },
    likely: {
      expect: { error: 'ValidationError', status: 400, message: `1 validation error detected: Value null at '${slot.at}' failed to satisfy constraint: Member must not be null` },
      source: 'inferred',
      evidence: 'shared evidence README, "Unknown": other Query services answer MissingParameter or a "must not be null" ValidationError',
    },
    valid: false,
  };
}

function validProbe(slot: Slot, name: string, label: string, value: unknown): Probe {
  return { name, label, value, claim: { expect: {}, source: 'docs' }, valid: true };
}

function listLengthProbes(slot: Slot, src: ValueSource): Probe[] {
  const m = slot.member;
  const max = m.length?.max;
  if (max === undefined || max > 1000) return [];
  const items = Array.from({ length: max + 1 }, () => validValue(m.element!, src));
  return [
    {
      name: `items-${max + 1}`,
      label: `${slot.path} with ${max + 1} items (the model allows at most ${max})`,
      value: items,
      claim: rejected(slot, [`Member must have length less than or equal to ${max}`], RECORDED.listLength),
      valid: false,
    },
  ];
}

function caseOf(op: ModelOperation, slot: Slot, probe: Probe, o: ModelOverrides): Case {
  const request = slot.put(probe.value);
  let claim = probe.claim;
  let likely = probe.likely;
  if (probe.valid) ({ claim, likely } = accepted(op));
  const step: Step = {
    call: op.name,
    as: 'admin',
    ...(probe.wireText !== undefined ? { wire: { ...wireForm(request), [slot.path.replace('.member', '.member.1')]: probe.wireText } } : { input: request }),
    expect: claim.expect as Expectation,
    source: claim.source,
    ...(claim.messageSource && claim.messageSource !== claim.source ? { messageSource: claim.messageSource } : {}),
    ...(claim.evidence ? { evidence: claim.evidence } : {}),
    ...(likely ? { likely } : {}),
  };
  const accountWide = o.accountWide[op.name] !== undefined;
  // A valid probe of an operation that changes something, naming what the run does not own (a one-letter
  // name), could act on a real account's own resource: such a case needs a disposable account.
  // A creating operation's valid probe (made only where the overrides say how to remove it) is the run's
  // when the member that names what it makes holds the run id (a one-letter GroupName does not; a Path
  // probe beside the run's GroupName does): the sweep of an interrupted run finds it by that name.
  const t = o.teardown[op.name];
  // Without a naming member (a service-linked role is named by AWS), nothing made is the run's.
  const creating = t !== undefined && o.creating[op.name] !== undefined;
  const naming = creating ? (t.name ?? (t.id.startsWith('output.') ? undefined : t.id)) : undefined;
  const named = creating ? (naming !== undefined ? request[naming] : undefined) : probe.value;
  const unowned = probe.valid && !READ_ONLY.test(op.name) && !JSON.stringify(named ?? '').includes(creating ? 'ic-${run}' : '${run}');
  return {
    id: `${op.name}/${slot.path}/${probe.name}`,
    operation: op.name,
    kind: 'constraint',
    title: probe.label,
    tags: ['constraint', 'model', slot.path],
    serial: accountWide,
    requires: accountWide || unowned ? ['disposable-account'] : [],
    given: {},
    steps: [step],
    source: step.source as Source,
    probe: { member: slot.path, name: probe.name, valid: probe.valid },
  };
}

/** The request as awsQuery form parameters (lists as `Name.member.N`), for a probe sent as raw text. */
function wireForm(input: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  const put = (name: string, v: unknown) => {
    if (v === undefined || v === null) return;
    if (Array.isArray(v)) v.forEach((item, i) => put(`${name}.member.${i + 1}`, item));
    else if (typeof v === 'object') for (const [k, fv] of Object.entries(v)) put(`${name}.${k}`, fv);
    else out[name] = String(v);
  };
  for (const [k, v] of Object.entries(input)) put(k, v);
  return out;
}
