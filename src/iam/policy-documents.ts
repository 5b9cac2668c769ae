/** The inline policy every case user gets, by this name. */
export const SELF_SERVICE_POLICY = 'iam-conformance-change-own-password';

/** The least a user needs to change its own password (the IAM user guide's example policy). */
export function selfServicePolicy(userArn: string | undefined): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: ['iam:ChangePassword'], Resource: [userArn ?? '*'] },
      { Effect: 'Allow', Action: ['iam:GetAccountPasswordPolicy'], Resource: '*' },
    ],
  });
}
