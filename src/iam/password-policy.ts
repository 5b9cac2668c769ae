/** The members UpdateAccountPasswordPolicy takes; Get also returns ExpirePasswords, which is derived. */
export const POLICY_MEMBERS = [
  'MinimumPasswordLength', 'RequireSymbols', 'RequireNumbers', 'RequireUppercaseCharacters', 'RequireLowercaseCharacters',
  'AllowUsersToChangePassword', 'MaxPasswordAge', 'PasswordReusePrevention', 'HardExpiry',
] as const;

/** The account password policy as found before a run changed it: put back exactly afterwards. */
export type PolicySnapshot = { exists: false } | { exists: true; policy: Record<string, unknown> };

/** The policy members as GetAccountPasswordPolicy returns them, ExpirePasswords (derived) left out. */
export function policyMembers(found: Record<string, unknown> | undefined): Record<string, unknown> {
  const policy: Record<string, unknown> = {};
  for (const m of POLICY_MEMBERS) if (found?.[m] !== undefined) policy[m] = found[m];
  return policy;
}
