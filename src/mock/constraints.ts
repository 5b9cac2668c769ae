/**
 * The input constraints of every operation the emulator serves, from the official IAM Smithy model.
 * This table is the emulator's own (not read from the project's spec files): the emulator is a model of
 * AWS, and the specs are checked against it rather than mirrored by it.
 */
export interface Constraint {
  type: 'string' | 'integer' | 'boolean';
  required?: boolean;
  length?: [number, number];
  /** The model's pattern, as AWS quotes it in messages (anchors dropped), and compiled. */
  pattern?: { text: string; re: RegExp };
  range?: [number | undefined, number | undefined];
}

const pattern = (text: string) => ({ text, re: new RegExp(`^(?:${text})$`, 'u') });

const PASSWORD: Constraint = { type: 'string', length: [1, 128], pattern: pattern('[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+') };
const USER_NAME: Constraint = { type: 'string', length: [1, 64], pattern: pattern('[\\w+=,.@-]+') };
const EXISTING_USER_NAME: Constraint = { type: 'string', length: [1, 128], pattern: pattern('[\\w+=,.@-]+') };
// The model's path pattern is `^(\u002F)|(\u002F[\u0021-\u007E]+\u002F)$` (its alternation binds loosely).
const PATH: Constraint = { type: 'string', length: [1, 512], pattern: pattern('(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)') };
const POLICY_NAME: Constraint = { type: 'string', length: [1, 128], pattern: pattern('[\\w+=,.@-]+') };
const POLICY_DOCUMENT: Constraint = { type: 'string', length: [1, 131072] };
const ACCESS_KEY_ID: Constraint = { type: 'string', length: [16, 128], pattern: pattern('[\\w]+') };
const BOOLEAN: Constraint = { type: 'boolean' };
const req = (c: Constraint): Constraint => ({ ...c, required: true });
const int = (min?: number, max?: number): Constraint => ({ type: 'integer', range: [min, max] });

export const OPERATIONS: Record<string, Record<string, Constraint>> = {
  ChangePassword: { OldPassword: req(PASSWORD), NewPassword: req(PASSWORD) },
  CreateLoginProfile: { UserName: USER_NAME, Password: PASSWORD, PasswordResetRequired: BOOLEAN },
  GetLoginProfile: { UserName: USER_NAME },
  UpdateLoginProfile: { UserName: req(USER_NAME), Password: PASSWORD, PasswordResetRequired: BOOLEAN },
  DeleteLoginProfile: { UserName: USER_NAME },
  UpdateAccountPasswordPolicy: {
    MinimumPasswordLength: int(6, 128),
    RequireSymbols: BOOLEAN,
    RequireNumbers: BOOLEAN,
    RequireUppercaseCharacters: BOOLEAN,
    RequireLowercaseCharacters: BOOLEAN,
    AllowUsersToChangePassword: BOOLEAN,
    MaxPasswordAge: int(1, 1095),
    PasswordReusePrevention: int(1, 24),
    HardExpiry: BOOLEAN,
  },
  GetAccountPasswordPolicy: {},
  DeleteAccountPasswordPolicy: {},
  CreateUser: { Path: PATH, UserName: req(USER_NAME) },
  GetUser: { UserName: EXISTING_USER_NAME },
  DeleteUser: { UserName: req(EXISTING_USER_NAME) },
  ListUsers: { PathPrefix: { type: 'string', length: [1, 512] } },
  CreateAccessKey: { UserName: EXISTING_USER_NAME },
  DeleteAccessKey: { UserName: EXISTING_USER_NAME, AccessKeyId: req(ACCESS_KEY_ID) },
  ListAccessKeys: { UserName: EXISTING_USER_NAME },
  PutUserPolicy: { UserName: req(EXISTING_USER_NAME), PolicyName: req(POLICY_NAME), PolicyDocument: req(POLICY_DOCUMENT) },
  GetUserPolicy: { UserName: req(EXISTING_USER_NAME), PolicyName: req(POLICY_NAME) },
  DeleteUserPolicy: { UserName: req(EXISTING_USER_NAME), PolicyName: req(POLICY_NAME) },
  ListUserPolicies: { UserName: req(EXISTING_USER_NAME) },
};
