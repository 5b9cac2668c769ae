import type { Random } from './random.ts';

/**
 * Valid values for generated cases. A generated password satisfies every password policy AWS
 * allows up to its length: it has all four character types and never repeats within a run.
 */
export const CHARACTER_TYPES = {
  lower: 'abcdefghijkmnopqrstuvwxyz',
  upper: 'ABCDEFGHJKLMNPQRSTUVWXYZ',
  number: '23456789',
  // The symbols the password policy documentation lists. ("$" is safe in generated values: they are
  // escaped as data before the runner resolves templates, src/cases/template.ts.)
  symbol: "!@#$%^&*()_+-=[]{}|'",
} as const;

export type CharacterType = keyof typeof CHARACTER_TYPES;
const ALL_TYPES = Object.keys(CHARACTER_TYPES) as CharacterType[];

/** Long enough for any policy a shared account is likely to have, short enough to read in a trace. */
export const DEFAULT_PASSWORD_LENGTH = 20;

export interface PasswordRecipe {
  length?: number;
  only?: CharacterType[];
  without?: CharacterType[];
}

export function generatePassword(rng: Random, recipe: PasswordRecipe = {}): string {
  const length = recipe.length ?? DEFAULT_PASSWORD_LENGTH;
  const types = (recipe.only ?? ALL_TYPES).filter((t) => !recipe.without?.includes(t));
  if (types.length === 0) throw new Error('a password recipe excludes every character type');
  const chars: string[] = types.slice(0, length).map((t) => rng.pick(CHARACTER_TYPES[t]));
  const pool = types.map((t) => CHARACTER_TYPES[t]).join('');
  while (chars.length < length) chars.push(rng.pick(pool));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}

/** Characters valid in a user name (`[\w+=,.@-]`) that never need escaping anywhere. */
const NAME_FILL = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A user name owned by this run: the run's prefix, a counter, and padding to an exact length. */
export function runUserName(prefix: string, serial: number, rng: Random, length?: number, extra = ''): string {
  const base = `${prefix}${serial.toString(36)}${extra}`;
  if (length === undefined) return base;
  let name = base;
  while (name.length < length) name += rng.pick(NAME_FILL);
  return name.slice(0, length);
}
