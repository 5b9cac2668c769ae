/**
 * The AWS managed policies the emulator knows, with their documents as AWS publishes them. Only the one
 * the password APIs need: IAMUserChangePassword, which the IAM User Guide ("Permitting IAM users to change
 * their own passwords") tells administrators to attach. Its resource is `user/${aws:username}` in any
 * account: a user at the root path "/" matches; a user under a longer path does not (the ARN carries the
 * path), as the emulator reads ARN wildcards segment by segment.
 */
export interface ManagedPolicy {
  name: string;
  arn: string;
  document: string;
}

const IAM_USER_CHANGE_PASSWORD = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: ['iam:ChangePassword'], Resource: ['arn:aws:iam::*:user/${aws:username}'] },
    { Effect: 'Allow', Action: ['iam:GetAccountPasswordPolicy'], Resource: '*' },
  ],
};

export const MANAGED_POLICIES: ReadonlyMap<string, ManagedPolicy> = new Map(
  [{ name: 'IAMUserChangePassword', arn: 'arn:aws:iam::aws:policy/IAMUserChangePassword', document: JSON.stringify(IAM_USER_CHANGE_PASSWORD) }].map((p) => [p.arn, p]),
);
