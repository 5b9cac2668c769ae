import { charClassOf, edgeCodePoints, inClass, sweepCodePoints } from '../model/charclass.ts';
import { codePointId, codePointLabel } from './codepoint-names.ts';
import { generatePassword, runUserName, DEFAULT_PASSWORD_LENGTH } from './values.ts';
import { escapeTemplate } from './template.ts';
import type { Random } from './random.ts';
import type { MemberSpec, Shape } from '../specfile/types.ts';

/**
 * One value to put into one member, everything else about the request valid. `violations` are the
 * constraint texts AWS words a rejection with ("Member must have length less than or equal to 128"),
 * empty when the model allows the value.
 */
export interface ProbeValue {
  name: string;
  /** undefined: the member is left out. Strings are template text: literal `$` doubled, `${run}` bound at run time. */
  value: string | number | undefined;
  label: string;
  violations: string[];
  /** Which violation wordings were recorded from AWS (others are inferred by analogy). */
  recordedWording: boolean;
  /** Valid by the model, but no password policy allows it (so it cannot be a stored password). */
  unusable?: boolean;
  /** The value cannot carry the run's unique prefix (a one-character user name). */
  sharedName?: boolean;
}

export interface ProbeContext {
  rng: Random;
  /** Prefix of every user name a run creates, as a template (NAME_PREFIX_TEMPLATE). */
  namePrefix: string;
  nextSerial(): number;
}

/** All probes for one member, generated from its shape: lengths, code points, ranges, absence. */
export function probesFor(member: MemberSpec, shape: Shape, ctx: ProbeContext): ProbeValue[] {
  const probes: ProbeValue[] = [];
  const describeShape = shapeSummary(shape);
  if (shape.length) probes.push(...lengthProbes(member, shape, ctx, describeShape));
  const ranges = shape.pattern ? charClassOf(shape.pattern) : undefined;
  if (ranges) {
    const points = member.probe?.codepoints === 'sweep' ? sweepCodePoints() : edgeCodePoints(ranges);
    for (const cp of points) {
      const valid = inClass(ranges, cp);
      probes.push({
        name: `codepoint-${codePointId(cp)}`,
        value: withCodePoint(shape, cp, ctx),
        label: `${member.name} with ${codePointLabel(cp)} in an otherwise valid value: ${valid ? 'allowed' : 'not allowed'} by the pattern ${shape.pattern}`,
        violations: valid ? [] : [patternViolation(shape)],
        recordedWording: true,
      });
    }
  }
  if (shape.range) {
    const { min, max } = shape.range;
    const edges = [min !== undefined ? [min - 1, min] : [], max !== undefined ? [max, max + 1] : []].flat();
    for (const n of edges) {
      const tooLow = min !== undefined && n < min;
      const tooHigh = max !== undefined && n > max;
      probes.push({
        name: `range-${n}`,
        value: n,
        label: `${member.name} ${n} (${describeShape}): ${tooLow || tooHigh ? 'out of range' : 'in range'}`,
        violations: tooLow
          ? [`Member must have value greater than or equal to ${min}`]
          : tooHigh
            ? [`Member must have value less than or equal to ${max}`]
            : [],
        // AWS's recorded range wording is "less than or equal to"; the lower-bound wording is by analogy.
        recordedWording: tooHigh,
      });
    }
  }
  if (member.required) {
    probes.push({
      name: 'missing',
      value: undefined,
      label: `${member.name} left out (the model marks it required)`,
      violations: ['Member must not be null'],
      recordedWording: false,
    });
  }
  return probes;
}

function lengthProbes(member: MemberSpec, shape: Shape, ctx: ProbeContext, summary: string): ProbeValue[] {
  const { min = 0, max } = shape.length!;
  const lengths = [min - 1, min, ...(max !== undefined ? [max, max + 1] : [])].filter((n) => n >= 0);
  const out: ProbeValue[] = [];
  for (const n of [...new Set(lengths)]) {
    const violations: string[] = [];
    if (n < min) violations.push(`Member must have length greater than or equal to ${min}`);
    if (max !== undefined && n > max) violations.push(`Member must have length less than or equal to ${max}`);
    // An empty value also fails a `+` pattern.
    if (n === 0 && shape.pattern?.endsWith('+$')) violations.push(patternViolation(shape));
    const value = valueOfLength(shape, n, ctx);
    const unusable = violations.length === 0 && shape.values === 'password' && n < 6;
    out.push({
      name: `length-${n}`,
      value,
      label: `${member.name} of ${n} character${n === 1 ? '' : 's'} (${summary}): ${violations.length ? 'too ' + (n < min ? 'short' : 'long') : 'allowed'}${unusable ? ', but shorter than any password policy allows' : ''}`,
      violations,
      recordedWording: false,
      unusable,
      sharedName: shape.values === 'userName' && violations.length === 0 && value.length < ctx.namePrefix.length + 1,
    });
  }
  // Length is counted in characters: a maximum-length password with two Latin-1 letters is 130 bytes
  // of UTF-8, which an implementation counting bytes refuses.
  if (shape.values === 'password' && max !== undefined) {
    const ascii = generatePassword(ctx.rng, { length: max - 2 });
    out.push({
      name: `length-${max}-utf8-${max + 2}-bytes`,
      value: escapeTemplate(ascii.slice(0, 8) + 'é' + ascii.slice(8) + 'ß'),
      label: `${member.name} of ${max} characters, two of them Latin-1 letters (${max + 2} bytes of UTF-8): allowed, length counts characters`,
      violations: [],
      recordedWording: false,
    });
  }
  return out;
}

function valueOfLength(shape: Shape, n: number, ctx: ProbeContext): string {
  if (shape.values === 'password') {
    return escapeTemplate(n < 4 ? generatePassword(ctx.rng, { length: n, only: ['lower'] }) : generatePassword(ctx.rng, { length: n }));
  }
  if (n === 0) return '';
  if (n < ctx.namePrefix.length + 2) {
    // Too short to carry the run's prefix: letters from the run's counter, unique within the run.
    const serial = ctx.nextSerial();
    return Array.from({ length: n }, (_, i) => String.fromCharCode(97 + ((serial + i) % 26))).join('');
  }
  return runUserName(ctx.namePrefix, ctx.nextSerial(), ctx.rng, n);
}

function withCodePoint(shape: Shape, cp: number, ctx: ProbeContext): string {
  const ch = String.fromCodePoint(cp);
  if (shape.values === 'password') {
    // At the end, where a target that trims whitespace or control characters would lose it.
    return escapeTemplate(generatePassword(ctx.rng, { length: DEFAULT_PASSWORD_LENGTH }) + ch);
  }
  return runUserName(ctx.namePrefix, ctx.nextSerial(), ctx.rng, undefined, escapeTemplate(`x${ch}`));
}

export function patternViolation(shape: Shape): string {
  // AWS quotes the model pattern without its anchors (recorded wording).
  return `Member must satisfy regular expression pattern: ${shape.pattern!.replace(/^\^/, '').replace(/\$$/, '')}`;
}

function shapeSummary(shape: Shape): string {
  const parts: string[] = [];
  if (shape.length) parts.push(`model length ${shape.length.min ?? 0}..${shape.length.max ?? '∞'}`);
  if (shape.range) parts.push(`model range ${shape.range.min ?? '-∞'}..${shape.range.max ?? '∞'}`);
  return parts.join(', ');
}
