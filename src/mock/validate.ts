import { IamError } from './errors.ts';
import type { Constraint } from './constraints.ts';
import type { Behaviour } from './behaviour.ts';

/** Typed, validated input of one request. */
export type Input = Record<string, string | number | boolean | undefined>;

/**
 * Step 1 of AWS's checks: the model's constraints. Every violation is collected; the answer is one
 * ValidationError listing them all, member names camelCased, values never echoed.
 */
export function validate(params: Map<string, string>, constraints: Record<string, Constraint>, b: Behaviour): Input {
  const violations: string[] = [];
  const input: Input = {};
  for (const [name, c] of Object.entries(constraints)) {
    const at = b.camelCaseMembers ? name[0]!.toLowerCase() + name.slice(1) : name;
    const raw = params.get(name);
    if (raw === undefined) {
      // Inferred: AWS's answer to a missing required member is unconfirmed (Coral's usual wording).
      if (c.required) violations.push(`Value null at '${at}' failed to satisfy constraint: Member must not be null`);
      continue;
    }
    const fail = (text: string) => violations.push(`Value ${b.echoValues ? `'${raw}' ` : ''}at '${at}' failed to satisfy constraint: ${text}`);
    if (c.type === 'boolean') {
      // Inferred: a malformed boolean is refused (AWS's behaviour is unconfirmed).
      if (raw !== 'true' && raw !== 'false') fail('Member must be a boolean');
      else input[name] = raw === 'true';
      continue;
    }
    if (c.type === 'integer') {
      if (!/^-?\d+$/.test(raw)) {
        fail('Member must be an integer'); // inferred, as for booleans
        continue;
      }
      const n = Number(raw);
      const [min, max] = c.range ?? [];
      if (min !== undefined && n < min) fail(`Member must have value greater than or equal to ${min}`);
      if (max !== undefined && n > max) fail(`Member must have value less than or equal to ${max}`);
      input[name] = n;
      continue;
    }
    // Length counts characters (code points): an astral character is one.
    const length = measure(raw, b.lengthUnit);
    if (c.length && length < c.length[0]) fail(`Member must have length greater than or equal to ${c.length[0]}`);
    if (c.length && length > c.length[1]) fail(`Member must have length less than or equal to ${c.length[1]}`);
    if (c.pattern && !c.pattern.re.test(raw)) fail(`Member must satisfy regular expression pattern: ${c.pattern.text}`);
    input[name] = raw;
  }
  if (!b.reportAllViolations) violations.splice(1);
  if (violations.length > 0) {
    const n = violations.length;
    throw new IamError('ValidationError', 400, `${n} validation error${n === 1 ? '' : 's'} detected: ${violations.join('; ')}`);
  }
  return input;
}

function measure(s: string, unit: Behaviour['lengthUnit']): number {
  if (unit === 'utf16-units') return s.length;
  if (unit === 'utf8-bytes') return Buffer.byteLength(s, 'utf8');
  return [...s].length;
}
