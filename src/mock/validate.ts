import { IamError } from './errors.ts';
import { decodeList, decodeScalarList, hasList } from './query.ts';
import type { Constraint } from './constraints.ts';
import type { Behaviour } from './behaviour.ts';

/** One decoded item of a list of structures (a tag: `{ Key, Value }`). */
export type Item = Record<string, string>;

/** Typed, validated input of one request. */
export type Input = Record<string, string | number | boolean | Item[] | string[] | undefined>;

/**
 * Step 1 of AWS's checks: the model's constraints. Every violation is collected; the answer is one
 * ValidationError listing them all (`N validation errors detected: A; B`), member names camelCased,
 * values never echoed. Parameters the operation does not have are ignored, as AWS ignores them.
 */
export function validate(params: Map<string, string>, constraints: Record<string, Constraint>, b: Behaviour): Input {
  const violations: string[] = [];
  const input: Input = {};
  for (const [name, c] of Object.entries(constraints)) {
    const at = memberPath(name, b);
    if (c.type === 'structure') {
      if (c.required && !hasList(params, name)) violations.push(`Value null at '${at}' failed to satisfy constraint: Member must not be null`);
      continue;
    }
    if (c.type === 'list') {
      const items = listMember(params, name, at, c, b, violations);
      if (items) input[name] = items;
      continue;
    }
    const value = scalar(params.get(name), at, c, b, violations);
    if (value !== undefined) input[name] = value;
  }
  if (!b.reportAllViolations) violations.splice(1);
  if (violations.length > 0) {
    const n = violations.length;
    throw new IamError('ValidationError', 400, `${n} validation error${n === 1 ? '' : 's'} detected: ${violations.join('; ')}`);
  }
  return input;
}

/** AWS names members in camelCase in these messages: `newPassword`, `minimumPasswordLength`. */
function memberPath(name: string, b: Behaviour): string {
  return b.camelCaseMembers ? name[0]!.toLowerCase() + name.slice(1) : name;
}

/** One string, integer or boolean member: its typed value, or undefined (absent or invalid). */
function scalar(raw: string | undefined, at: string, c: Constraint, b: Behaviour, violations: string[]): string | number | boolean | undefined {
  if (raw === undefined) {
    // Inferred: AWS's answer to a missing required member is unrecorded; this is the wording of the
    // validator behind AWS's Query services (Coral), with `null` where the value would be.
    if (c.required) violations.push(`Value null at '${at}' failed to satisfy constraint: Member must not be null`);
    return undefined;
  }
  const fail = (text: string) => violations.push(`Value ${b.echoValues ? `'${raw}' ` : ''}at '${at}' failed to satisfy constraint: ${text}`);
  if (c.type === 'boolean') {
    // Inferred: a boolean other than "true"/"false" (PasswordResetRequired=maybe) is a ValidationError;
    // AWS's wording for it is unrecorded.
    if (raw === 'true' || raw === 'false') return raw === 'true';
    fail('Member must be a boolean');
    return undefined;
  }
  if (c.type === 'integer') {
    // Inferred, as for booleans: a malformed or out-of-int32 integer (MinimumPasswordLength=abc) is a
    // ValidationError. Decimal only, as the SDKs send integers.
    const n = /^-?\d{1,10}$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isInteger(n) || n > 2 ** 31 - 1 || n < -(2 ** 31)) {
      fail('Member must be an integer');
      return undefined;
    }
    const [min, max] = c.range ?? [];
    if (min !== undefined && n < min) fail(`Member must have value greater than or equal to ${min}`);
    if (max !== undefined && n > max) fail(`Member must have value less than or equal to ${max}`);
    return n; // any violation above is thrown before the value is used
  }
  // Strings. Length counts characters (code points: an astral character is one) and the pattern is
  // checked as well, so an empty password breaks both `min 1` and the `+` of its pattern.
  const length = measure(raw, b.lengthUnit);
  if (c.length && length < c.length[0]) fail(`Member must have length greater than or equal to ${c.length[0]}`);
  if (c.length && length > c.length[1]) fail(`Member must have length less than or equal to ${c.length[1]}`);
  if (c.pattern && !c.pattern.re.test(raw)) fail(`Member must satisfy regular expression pattern: ${c.pattern.text}`);
  // Recorded (test_iam.snapshot.json update-invalid-status): the set itself is not listed.
  if (c.enumValues && !c.enumValues.includes(raw)) fail('Member must satisfy enum value set');
  return raw;
}

/**
 * A list of structures (Tags): the number of items, then each field of each item, named as AWS names
 * nested members: `tags.1.member.key` (1-based, as on the wire).
 */
function listMember(params: Map<string, string>, name: string, at: string, c: Constraint, b: Behaviour, violations: string[]): Item[] | string[] | undefined {
  if (!hasList(params, name)) {
    if (c.required) violations.push(`Value null at '${at}' failed to satisfy constraint: Member must not be null`);
    return undefined;
  }
  if (c.element) {
    // A list of scalars. An item that breaks any of its constraints is reported once, at the list, with
    // every constraint of the element listed (recorded: test_iam_policies err-untag-large-key, the
    // tagKeys of UntagPolicy; test_iam_oidc multiple-validation-errors, clientIDList and thumbprintList).
    const values = decodeScalarList(params, name);
    if (c.length && values.length < c.length[0]) violations.push(`Value at '${at}' failed to satisfy constraint: Member must have length greater than or equal to ${c.length[0]}`);
    if (c.length && values.length > c.length[1]) violations.push(`Value at '${at}' failed to satisfy constraint: Member must have length less than or equal to ${c.length[1]}`);
    const out: string[] = [];
    let broken = false;
    for (const { value } of values) {
      const own: string[] = [];
      const v = scalar(value, at, c.element, b, own);
      if (own.length > 0) broken = true;
      else if (typeof v === 'string') out.push(v);
    }
    if (broken) violations.push(`Value at '${at}' failed to satisfy constraint: Member must satisfy constraint: [${elementConstraints(c.element).join(', ')}]`);
    return out;
  }
  const items = decodeList(params, name);
  if (c.length && items.length < c.length[0]) violations.push(`Value at '${at}' failed to satisfy constraint: Member must have length greater than or equal to ${c.length[0]}`);
  if (c.length && items.length > c.length[1]) violations.push(`Value at '${at}' failed to satisfy constraint: Member must have length less than or equal to ${c.length[1]}`);
  return items.map(({ index, fields }) => {
    const item: Item = {};
    for (const [field, fc] of Object.entries(c.fields ?? {})) {
      const value = scalar(fields.get(field), `${at}.${index}.member.${memberPath(field, b)}`, fc, b, violations);
      if (typeof value === 'string') item[field] = value;
    }
    return item;
  });
}

/**
 * An element's constraints in the order AWS lists them: upper bound, lower bound, pattern, then (for
 * TagKeys, whose element has a pattern) `Member must not be null`. ClientIDList and ThumbprintList,
 * without patterns, end at the bounds; the other patterned lists are inferred to end as TagKeys does.
 */
function elementConstraints(c: Constraint): string[] {
  const out: string[] = [];
  if (c.length) out.push(`Member must have length less than or equal to ${c.length[1]}`, `Member must have length greater than or equal to ${c.length[0]}`);
  if (c.pattern) out.push(`Member must satisfy regular expression pattern: ${c.pattern.text}`, 'Member must not be null');
  if (c.enumValues) out.push('Member must satisfy enum value set');
  return out;
}

function measure(s: string, unit: Behaviour['lengthUnit']): number {
  if (unit === 'utf16-units') return s.length;
  if (unit === 'utf8-bytes') return Buffer.byteLength(s, 'utf8');
  return [...s].length;
}
