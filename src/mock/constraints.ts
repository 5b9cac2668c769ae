/**
 * The input constraints of every operation the emulator serves, from the official IAM Smithy model.
 * This table is the emulator's own (not read from the project's spec files): the emulator is a model of
 * AWS, and the specs are checked against it rather than mirrored by it.
 */
export interface Constraint {
  /** `list` is a list of structures (`Tags.member.N.Key` on the wire), its fields in `fields`. */
  type: 'string' | 'integer' | 'boolean' | 'list';
  required?: boolean;
  /** Characters of a string, or items of a list. */
  length?: [number, number];
  /** The model's pattern, as AWS quotes it in messages (anchors dropped), and compiled. */
  pattern?: { text: string; re: RegExp };
  range?: [number | undefined, number | undefined];
  /** The fields of each item of a `list` of structures. */
  fields?: Record<string, Constraint>;
}

const pattern = (text: string) => ({ text, re: new RegExp(`^(?:${text})$`, 'u') });

const PASSWORD: Constraint = { type: 'string', length: [1, 128], pattern: pattern('[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+') };
const USER_NAME: Constraint = { type: 'string', length: [1, 64], pattern: pattern('[\\w+=,.@-]+') };
const EXISTING_USER_NAME: Constraint = { type: 'string', length: [1, 128], pattern: pattern('[\\w+=,.@-]+') };
// The model's path pattern is `^(\u002F)|(\u002F[\u0021-\u007E]+\u002F)$`. Read as a plain ECMAScript
// regex its alternation binds loosely ("/abc" would pass through `^(\u002F)`); AWS's validator matches the
// whole value against the pattern (and IAM documents that a path begins and ends with "/"), so every
// pattern here is compiled as `^(?:…)$`: for the anchored patterns that is the same thing.
const PATH: Constraint = { type: 'string', length: [1, 512], pattern: pattern('(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)') };
const POLICY_NAME: Constraint = { type: 'string', length: [1, 128], pattern: pattern('[\\w+=,.@-]+') };
const POLICY_DOCUMENT: Constraint = { type: 'string', length: [1, 131072], pattern: pattern('[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+') };
const PATH_PREFIX: Constraint = { type: 'string', length: [1, 512], pattern: pattern('\\u002F[\\u0021-\\u007F]*') };
const MARKER: Constraint = { type: 'string', length: [1, 320], pattern: pattern('[\\u0020-\\u00FF]+') };
// Tag keys and values: \p{…} classes, so the `u` flag is what makes them mean what the model means.
const TAGS: Constraint = {
  type: 'list',
  length: [0, 50],
  fields: {
    Key: { type: 'string', required: true, length: [1, 128], pattern: pattern('[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+') },
    Value: { type: 'string', required: true, length: [0, 256], pattern: pattern('[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*') },
  },
};
const ACCESS_KEY_ID: Constraint = { type: 'string', length: [16, 128], pattern: pattern('[\\w]+') };
const BOOLEAN: Constraint = { type: 'boolean' };
// arnType and policyPathType of the model.
const POLICY_ARN: Constraint = { type: 'string', length: [20, 2048] };
const POLICY_PATH: Constraint = { type: 'string', length: [1, 512], pattern: pattern('((/[A-Za-z0-9\\.,\\+@=_-]+)*)/') };
const req = (c: Constraint): Constraint => ({ ...c, required: true });
const int = (min?: number, max?: number): Constraint => ({ type: 'integer', range: [min, max] });
/** Marker and MaxItems of the List operations. */
const PAGING = { Marker: MARKER, MaxItems: int(1, 1000) };

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
  // PermissionsBoundary is left out: the emulator has no managed policies for it to name.
  CreateUser: { Path: PATH, UserName: req(USER_NAME), Tags: TAGS },
  GetUser: { UserName: EXISTING_USER_NAME },
  DeleteUser: { UserName: req(EXISTING_USER_NAME) },
  ListUsers: { PathPrefix: PATH_PREFIX, ...PAGING },
  CreateAccessKey: { UserName: EXISTING_USER_NAME },
  DeleteAccessKey: { UserName: EXISTING_USER_NAME, AccessKeyId: req(ACCESS_KEY_ID) },
  ListAccessKeys: { UserName: EXISTING_USER_NAME, ...PAGING },
  PutUserPolicy: { UserName: req(EXISTING_USER_NAME), PolicyName: req(POLICY_NAME), PolicyDocument: req(POLICY_DOCUMENT) },
  GetUserPolicy: { UserName: req(EXISTING_USER_NAME), PolicyName: req(POLICY_NAME) },
  DeleteUserPolicy: { UserName: req(EXISTING_USER_NAME), PolicyName: req(POLICY_NAME) },
  ListUserPolicies: { UserName: req(EXISTING_USER_NAME), ...PAGING },
  AttachUserPolicy: { UserName: req(USER_NAME), PolicyArn: req(POLICY_ARN) },
  DetachUserPolicy: { UserName: req(USER_NAME), PolicyArn: req(POLICY_ARN) },
  ListAttachedUserPolicies: { UserName: req(USER_NAME), PathPrefix: POLICY_PATH, ...PAGING },
};
