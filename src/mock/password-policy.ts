import type { PasswordPolicy } from './state.ts';
import type { Behaviour } from './behaviour.ts';

/** The symbols the password policy documentation lists. */
const SYMBOLS = new Set("!@#$%^&*()_+-=[]{}|'");

const TYPES = [
  { test: (c: string) => c >= 'A' && c <= 'Z', message: 'Password should have at least one uppercase letter' },
  { test: (c: string) => c >= 'a' && c <= 'z', message: 'Password should have at least one lowercase letter' },
  { test: (c: string) => c >= '0' && c <= '9', message: 'Password should have at least one number' },
  { test: (c: string) => SYMBOLS.has(c), message: 'Password should have at least one symbol' },
] as const;

/** The defaults an UpdateAccountPasswordPolicy with no members sets (recorded from AWS). */
export function policyFrom(input: Record<string, unknown>, b: Behaviour): PasswordPolicy {
  const policy: PasswordPolicy = {
    MinimumPasswordLength: (input.MinimumPasswordLength as number | undefined) ?? b.defaultMinimumPasswordLength,
    RequireSymbols: input.RequireSymbols === true,
    RequireNumbers: input.RequireNumbers === true,
    RequireUppercaseCharacters: input.RequireUppercaseCharacters === true,
    RequireLowercaseCharacters: input.RequireLowercaseCharacters === true,
    AllowUsersToChangePassword: input.AllowUsersToChangePassword === true,
  };
  if (input.MaxPasswordAge !== undefined) policy.MaxPasswordAge = input.MaxPasswordAge as number;
  if (input.PasswordReusePrevention !== undefined) policy.PasswordReusePrevention = input.PasswordReusePrevention as number;
  if (input.HardExpiry !== undefined) policy.HardExpiry = input.HardExpiry as boolean;
  return policy;
}

/**
 * Why a password breaks the account's rules, or undefined. With a custom policy: its minimum length and
 * Require* flags, then reuse of the last N passwords (the current one included: inferred). Without one,
 * AWS's default rules: 8 characters and three of the four character types (user-reported wording).
 * Several violations: the first, in the order length, uppercase, lowercase, number, symbol (inferred).
 */
export function policyViolation(password: string, policy: PasswordPolicy | undefined, history: string[], b: Behaviour): string | undefined {
  const chars = [...password];
  const has = TYPES.map((t) => chars.some(t.test));
  if (!policy) {
    if (!b.defaultRules) return undefined;
    const min = b.defaultRulesMinimumLength;
    if (chars.length < min) return `Password should have a minimum length of ${min}`;
    const missing = TYPES.filter((_, i) => !has[i]);
    if (missing.length > 1) {
      return `Password should meet ${missing.length - 1} more of the following requirements: ${missing.map((t) => t.message).join(', ')}`;
    }
    return undefined;
  }
  if (b.policyRules.minimumLength && chars.length < policy.MinimumPasswordLength) return `Password should have a minimum length of ${policy.MinimumPasswordLength}`;
  const r = b.policyRules;
  const required = [r.uppercase && policy.RequireUppercaseCharacters, r.lowercase && policy.RequireLowercaseCharacters, r.numbers && policy.RequireNumbers, r.symbols && policy.RequireSymbols];
  for (const [i, t] of TYPES.entries()) if (required[i] && !has[i]) return t.message;
  const n = policy.PasswordReusePrevention;
  // Inferred wording and window: the last N passwords, the current one included.
  if (n && r.reuse && history.slice(-(n + b.reuseWindowOffset)).includes(password)) return 'Password was used previously and cannot be reused';
  return undefined;
}
