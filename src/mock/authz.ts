import { IamError } from './errors.ts';
import type { Account, Caller, User } from './state.ts';
import type { Behaviour } from './behaviour.ts';
import { MANAGED_POLICIES } from './managed-policies.ts';

interface Statement {
  Effect?: string;
  Action?: string | string[];
  Resource?: string | string[];
}

/** `*` and `?` wildcards, case-insensitive for actions (as IAM matches them). */
function glob(pattern: string, value: string, ignoreCase: boolean): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, ignoreCase ? 'i' : '');
  return re.test(value);
}

const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/**
 * The effect of a user's inline and attached managed policies on an action and resource: explicit Deny
 * wins, else Allow, else none.
 */
function evaluate(user: User, action: string, resource: string, b: Behaviour): 'Allow' | 'Deny' | undefined {
  let allowed = false;
  const attached = b.honourManagedPolicies ? [...user.attached].flatMap((arn) => MANAGED_POLICIES.get(arn)?.document ?? []) : [];
  for (const document of [...user.policies.values(), ...attached]) {
    let statements: Statement[];
    try {
      const parsed = JSON.parse(document) as { Statement?: Statement | Statement[] };
      statements = list(parsed.Statement as never) as unknown as Statement[];
    } catch {
      continue;
    }
    for (const s of statements) {
      const actionMatches = list(s.Action).some((a) => glob(a, action, true));
      const resourceMatches = list(s.Resource).some((r) => glob(r.replace(/\$\{aws:username\}/g, user.name), resource, false));
      if (!actionMatches || !resourceMatches) continue;
      if (s.Effect === 'Deny') return 'Deny';
      if (s.Effect === 'Allow') allowed = true;
    }
  }
  return allowed ? 'Allow' : undefined;
}

/**
 * Step 4 of AWS's checks. Root and the administrator may do anything; other IAM users only what their
 * inline and attached managed policies allow — and ChangePassword / GetAccountPasswordPolicy also when
 * the account password policy has AllowUsersToChangePassword.
 */
export function authorize(account: Account, caller: Caller, action: string, resource: string, b: Behaviour): void {
  if (caller.kind === 'root' || caller.user.administrator || !b.enforceUserPolicies) return;
  const decision = evaluate(caller.user, `iam:${action}`, resource, b);
  if (decision === 'Allow') return;
  const selfService = (action === 'ChangePassword' || action === 'GetAccountPasswordPolicy') && b.honourAllowUsersToChangePassword && account.passwordPolicy?.AllowUsersToChangePassword;
  if (decision !== 'Deny' && selfService) return;
  const why = decision === 'Deny' ? `with an explicit deny in an identity-based policy` : `because no identity-based policy allows the iam:${action} action`;
  throw new IamError('AccessDenied', 403, `User: ${caller.arn} is not authorized to perform: iam:${action} on resource: ${resource} ${why}`);
}

/** The ARN a user-scoped action is authorised against (the user's, or as it would be at the root path). */
export function userResource(account: Account, name: string): string {
  return account.user(name)?.arn ?? `arn:aws:iam::${account.id}:user/${name}`;
}

/** Account-level actions are authorised against the account's resource (IAM shows `*`-like scope there). */
export function accountResource(account: Account): string {
  return `arn:aws:iam::${account.id}:*`;
}
