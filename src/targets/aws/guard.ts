import { TargetRefused } from '../types.ts';
import type { CallerIdentity } from './identity.ts';

export interface Plan {
  runId: string;
  path: string;
  namePrefix: string;
  allowAccountPolicyChanges: boolean;
  rootProfile?: string;
}

/** What a run will create and change in the account, in words, for the opt-in message and the log. */
export function describePlan(plan: Plan): string[] {
  return [
    `  It creates IAM users under the path ${plan.path} (names ${plan.namePrefix}…, tagged iam-conformance:run-id=${plan.runId}),`,
    '  each with an access key, an inline policy letting it change its own password and a login profile',
    '  (one user at the root path / instead, with the AWS managed policy IAMUserChangePassword attached),',
    '  changes their passwords, and deletes all of it afterwards (also after a failure or Ctrl-C; after a',
    '  kill, `iam-conformance cleanup --target aws` finds it again). Nothing else is read, changed or deleted.',
    plan.allowAccountPolicyChanges
      ? '  It changes the account password policy (--allow-account-policy-changes) and puts the one found back afterwards.'
      : '  It leaves the account password policy alone: those cases are skipped (--allow-account-policy-changes runs them).',
    plan.rootProfile ? `  Root-caller cases sign with profile "${plan.rootProfile}".` : '  Root-caller cases are skipped (--root-profile runs them).',
  ];
}

/**
 * A real account is touched only with the user's explicit say-so, for that very account: the id given
 * with --allow-aws-account must be the one the credentials belong to. Called after STS
 * GetCallerIdentity and before any request that could change anything.
 */
export function checkOptIn(identity: CallerIdentity, allowAccount: string | undefined, plan: Plan): void {
  if (allowAccount !== undefined && !/^\d{12}$/.test(allowAccount)) {
    throw new TargetRefused(`--allow-aws-account must be a 12-digit account id, not "${allowAccount}"`);
  }
  if (allowAccount === identity.account) return;
  const head =
    allowAccount === undefined
      ? `refusing to run against AWS account ${identity.account} (as ${identity.arn}) without an explicit opt-in.`
      : `the credentials belong to AWS account ${identity.account} (as ${identity.arn}), not to ${allowAccount}: refusing to run.`;
  throw new TargetRefused(
    [head, ...describePlan(plan), `  To go ahead: --allow-aws-account ${identity.account}   (docs/aws.md lists the permissions it needs)`, '  Nothing was changed: only STS GetCallerIdentity was called.'].join('\n'),
  );
}
