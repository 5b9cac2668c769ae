import { charClassOf, inClass, type Range } from '../model/charclass.ts';
import { escapeTemplate } from './template.ts';
import type { ModelMember } from '../model/iam-model.ts';
import type { ModelOverrides, ValueRecipe } from '../specfile/types.ts';

/**
 * Valid values for members of the IAM model, as templates: `${run}` (bound to the six-character run id
 * when the case runs) keeps every name a run sends its own, so that whatever a target wrongly makes
 * from a probe is the run's to find and remove. Lengths are counted as the target will see them, in
 * code points, with `${run}` as six and `$$` as one.
 */
const RUN = '${run}';
const RUN_LENGTH = 6;

/** The length a template resolves to. */
export function templateLength(t: string): number {
  return [...t.split(RUN).join('r'.repeat(RUN_LENGTH)).split('$$').join('$')].length;
}

export interface ValueSource {
  overrides: ModelOverrides;
  /** The operation whose cases are being built: `members` recipes are per operation. */
  operation?: string;
  /** A counter unique within the expansion, so that two cases never send the same name. */
  nextSerial(): number;
}

/** A valid value of a scalar member (string, enum, integer, boolean), or undefined for other types. */
export function validScalar(m: ModelMember, src: ValueSource, length?: number): string | number | boolean | undefined {
  switch (m.type) {
    case 'enum':
      return m.enumValues?.[0];
    case 'integer': {
      const { min, max } = m.range ?? {};
      return min ?? (max !== undefined && max < 1 ? max : 1);
    }
    case 'boolean':
      return false;
    case 'string':
      return validString(m, src, length);
    default:
      return undefined;
  }
}

/** A valid value of any member: lists get one valid item, structures their required members. */
export function validValue(m: ModelMember, src: ValueSource): unknown {
  if (m.type === 'list') {
    const el = m.element;
    if (!el) return [];
    const count = Math.max(1, m.length?.min ?? 1);
    return Array.from({ length: count }, () => validValue(el, src));
  }
  if (m.type === 'structure') {
    const out: Record<string, unknown> = {};
    for (const f of m.members ?? []) if (f.required) out[f.name] = validValue(f, src);
    // A required structure with no required member of its own (DelegationPermission): its first scalar, so
    // that it is on the wire at all.
    const first = (m.members ?? []).find((f) => f.type === 'string' || f.type === 'enum');
    if (Object.keys(out).length === 0 && first) out[first.name] = validValue(first, src);
    return out;
  }
  return validScalar(m, src);
}

/** A string the model allows, of the given length (or a natural one within the bounds). */
export function validString(m: ModelMember, src: ValueSource, length?: number): string {
  const { min = 0, max = Number.MAX_SAFE_INTEGER } = m.length ?? {};
  const recipe = recipeFor(m, src);
  const natural = templateLength(recipe.value);
  const target = length ?? Math.min(Math.max(natural, min), max);
  return stretch(recipe, target);
}

/** The recipe for a member's valid value: its shape's, its pattern's, or one built from its class. */
export function recipeFor(m: ModelMember, src: ValueSource): ValueRecipe {
  const byMember = src.operation !== undefined ? src.overrides.members?.[`${src.operation}.${m.name}`] : undefined;
  if (byMember) return numbered(byMember, src);
  const byShape = src.overrides.shapes[m.shape];
  if (byShape) return numbered(byShape, src);
  if (m.pattern) {
    const byPattern = src.overrides.patterns[m.pattern];
    if (byPattern) return numbered(byPattern, src);
    const ranges = charClassOf(m.pattern);
    if (ranges) return classRecipe(ranges, src.nextSerial());
    // The loader refuses a model whose non-class patterns have no entry: this is a bug, not bad input.
    throw new Error(`no way to build a value for the pattern ${m.pattern} (model-overrides.yaml)`);
  }
  return { value: `ic-${RUN}-${src.nextSerial().toString(36)}`, pad: 'end', fill: 'a' };
}

/** Copies of the overrides' recipes with their `${serial}` filled in: still the overrides' own. */
const NUMBERED = new WeakSet<ValueRecipe>();

/**
 * `${serial}` in a recipe of the overrides file becomes the expansion's next serial number (base 36): for
 * values that identify what a creating operation makes (an OIDC provider is its URL), so that two cases
 * never name the same thing and no verdict hangs on which ran first.
 */
function numbered(recipe: ValueRecipe, src: ValueSource): ValueRecipe {
  if (!recipe.value.includes(SERIAL)) return recipe;
  const serial = src.nextSerial().toString(36);
  const copy = { ...recipe, value: recipe.value.split(SERIAL).join(serial), ...(recipe.short !== undefined ? { short: recipe.short.split(SERIAL).join(serial) } : {}) };
  NUMBERED.add(copy);
  return copy;
}
const SERIAL = '${serial}';

const has = (ranges: readonly Range[], chars: string) => [...chars].every((c) => inClass(ranges, c.codePointAt(0)!));

/** A value made of the class's own characters: the run's name prefix where the class allows it. */
function classRecipe(ranges: readonly Range[], serial: number): ValueRecipe {
  if (has(ranges, 'ic-0123456789abcdefghijklmnopqrstuvwxyz')) return { value: `ic-${RUN}-${serial.toString(36)}`, pad: 'end', fill: 'a' };
  if (has(ranges, '0123456789abcdefghijklmnopqrstuvwxyz')) return { value: `ic${RUN}${serial.toString(36)}`, pad: 'end', fill: 'a' };
  // A class without lower-case letters and digits both (`[\d]+`, `[A-Z0-9]+`): its first printable character.
  const first = ranges.map(([lo, hi]) => Math.max(lo, 0x21)).find((cp, i) => cp <= ranges[i]![1])!;
  const fill = escapeTemplate(String.fromCodePoint(first));
  return { value: fill, pad: 'end', fill };
}

/**
 * Whether `stretch` makes a value of that length that is still what the recipe describes: a recipe of
 * the overrides file (an ARN, a job id, a locale) only at its own length, padded where it says, or as its
 * `short` form; the generic ones (the run's name and filler) at any length, filler being valid for them.
 */
export function stretches(recipe: ValueRecipe, length: number, src: ValueSource): boolean {
  const own = NUMBERED.has(recipe) || Object.values(src.overrides.shapes).includes(recipe) || Object.values(src.overrides.members ?? {}).includes(recipe) || (Object.values(src.overrides.patterns) as ValueRecipe[]).includes(recipe);
  if (!own) return true;
  const have = templateLength(recipe.value);
  if (length === have) return true;
  if (length > have) return recipe.pad !== undefined;
  return recipe.short !== undefined && templateLength(recipe.short) === length;
}

/** The recipe's value padded (or cut) to exactly `length` characters. */
export function stretch(recipe: ValueRecipe, length: number): string {
  const base = recipe.value;
  const have = templateLength(base);
  if (have === length) return base;
  const fill = recipe.fill ?? 'a';
  if (have < length) {
    const padding = fill.repeat(length - have);
    // A value of one natural length (a locale, a job id) is padded at its end: the model constrains only its length.
    if (recipe.pad === undefined || recipe.pad === 'end') return base + padding;
    return base.slice(0, recipe.pad) + padding + base.slice(recipe.pad);
  }
  // Shorter than the template: the run prefix cannot fit, so the recipe's shortest value, or filler only.
  if (recipe.short !== undefined && templateLength(recipe.short) === length) return recipe.short;
  return fill.repeat(length);
}
