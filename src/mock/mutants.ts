import { awsBehaviour, type Behaviour } from './behaviour.ts';
import type { Constraint } from './constraints.ts';

/**
 * Named faults for mutation testing of the suite: each is one deviation from AWS that a real
 * implementation could plausibly have. `npm run mutants` runs the suite against the emulator with each
 * in turn; a mutant the suite does not notice ("survives") means a missing case.
 * `messageOnly` mutants change nothing but text, which only --strict asserts.
 */
export interface Mutant {
  id: string;
  description: string;
  behaviour: () => Partial<Behaviour>;
  messageOnly?: boolean;
}

type Patch = Partial<Constraint> | ((c: Constraint) => Partial<Constraint>);

/** The constraint table with one member's constraint changed, on every operation that has the member shape. */
function constraint(match: (op: string, member: string, c: Constraint) => boolean, patch: Patch): () => Partial<Behaviour> {
  return () => {
    const constraints = awsBehaviour().constraints;
    for (const [op, members] of Object.entries(constraints)) {
      for (const [member, c] of Object.entries(members)) {
        if (match(op, member, c)) members[member] = { ...c, ...(typeof patch === 'function' ? patch(c) : patch) };
      }
    }
    return { constraints };
  };
}

const isPassword = (_op: string, m: string) => m === 'Password' || m === 'OldPassword' || m === 'NewPassword';
const isUserName = (op: string, m: string) => m === 'UserName' && /LoginProfile$/.test(op);
/** A pattern that accepts different characters while AWS's wording stays in messages. */
const pattern = (c: Constraint, source: string) => ({ pattern: { text: c.pattern!.text, re: new RegExp(source, 'u') } });
const rules = (off: keyof Behaviour['policyRules']) => () => ({ policyRules: { ...awsBehaviour().policyRules, [off]: false } });
const rewrite = (when: (e: { code: string; status: number }, action: string) => boolean, to: Partial<{ code: string; status: number; message: string }>) =>
  () => ({ rewriteError: (e: { code: string; status: number; message: string }, action: string) => (when(e, action) ? { ...e, ...to } : e) });

export const MUTANTS: Mutant[] = [
  // Lengths
  { id: 'password-max-127', description: 'passwords limited to 127 characters', behaviour: constraint(isPassword, { length: [1, 127] }) },
  { id: 'password-max-129', description: 'passwords of 129 characters accepted', behaviour: constraint(isPassword, { length: [1, 129] }) },
  { id: 'password-min-2', description: 'one-character passwords fail validation instead of the policy', behaviour: constraint(isPassword, { length: [2, 128] }) },
  { id: 'new-password-max-127', description: 'only NewPassword limited to 127 characters', behaviour: constraint((op, m) => op === 'ChangePassword' && m === 'NewPassword', { length: [1, 127] }) },
  { id: 'old-password-max-129', description: 'only OldPassword accepts 129 characters', behaviour: constraint((op, m) => op === 'ChangePassword' && m === 'OldPassword', { length: [1, 129] }) },
  { id: 'length-in-utf8-bytes', description: 'length counted in UTF-8 bytes', behaviour: () => ({ lengthUnit: 'utf8-bytes' }) },
  { id: 'username-max-63', description: 'user names limited to 63 characters', behaviour: constraint(isUserName, { length: [1, 63] }) },
  { id: 'username-max-65', description: 'user names of 65 characters accepted', behaviour: constraint(isUserName, { length: [1, 65] }) },
  { id: 'username-min-2', description: 'one-character user names refused', behaviour: constraint(isUserName, { length: [2, 64] }) },
  { id: 'update-login-profile-password-max-127', description: "UpdateLoginProfile's Password limited to 127", behaviour: constraint((op, m) => op === 'UpdateLoginProfile' && m === 'Password', { length: [1, 127] }) },
  // Character classes
  { id: 'password-accepts-u0100', description: 'password class too wide: U+0100 and above accepted', behaviour: constraint(isPassword, (c) => pattern(c, '^[\\u0009\\u000A\\u000D\\u0020-\\uFFFF]+$')) },
  { id: 'password-rejects-latin1', description: 'password class too narrow: U+0080..U+00FF refused', behaviour: constraint(isPassword, (c) => pattern(c, '^[\\u0009\\u000A\\u000D\\u0020-\\u007F]+$')) },
  { id: 'password-rejects-del', description: 'DEL (U+007F) refused in passwords', behaviour: constraint(isPassword, (c) => pattern(c, '^[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u0080-\\u00FF]+$')) },
  { id: 'password-rejects-tab', description: 'TAB refused in passwords', behaviour: constraint(isPassword, (c) => pattern(c, '^[\\u000A\\u000D\\u0020-\\u00FF]+$')) },
  { id: 'password-rejects-cr', description: 'CR refused in passwords', behaviour: constraint(isPassword, (c) => pattern(c, '^[\\u0009\\u000A\\u0020-\\u00FF]+$')) },
  { id: 'password-accepts-vt', description: 'VT and FF (U+000B, U+000C) accepted in passwords', behaviour: constraint(isPassword, (c) => pattern(c, '^[\\u0009-\\u000D\\u0020-\\u00FF]+$')) },
  { id: 'password-accepts-controls', description: 'every C0 control accepted in passwords', behaviour: constraint(isPassword, (c) => pattern(c, '^[\\u0000-\\u00FF]+$')) },
  { id: 'password-rejects-space', description: 'SPACE refused in passwords', behaviour: constraint(isPassword, (c) => pattern(c, '^[\\u0009\\u000A\\u000D\\u0021-\\u00FF]+$')) },
  { id: 'password-trimmed', description: 'passwords stored with surrounding whitespace trimmed', behaviour: () => ({ trimPasswords: true }) },
  { id: 'username-unicode-word', description: 'user names accept Unicode letters (\\w with Unicode semantics)', behaviour: constraint(isUserName, (c) => pattern(c, '^[\\p{L}\\p{N}_+=,.@-]+$')) },
  { id: 'username-accepts-slash', description: 'user names accept "/"', behaviour: constraint(isUserName, (c) => pattern(c, '^[\\w+=,.@/-]+$')) },
  { id: 'username-rejects-at', description: 'user names refuse "@"', behaviour: constraint(isUserName, (c) => pattern(c, '^[\\w+=,.-]+$')) },
  { id: 'username-rejects-plus-equals', description: 'user names refuse "+" and "="', behaviour: constraint(isUserName, (c) => pattern(c, '^[\\w,.@-]+$')) },
  // Ranges
  { id: 'min-length-accepts-5', description: 'MinimumPasswordLength 5 accepted', behaviour: constraint((_o, m) => m === 'MinimumPasswordLength', { range: [5, 128] }) },
  { id: 'min-length-max-127', description: 'MinimumPasswordLength 128 refused', behaviour: constraint((_o, m) => m === 'MinimumPasswordLength', { range: [6, 127] }) },
  { id: 'max-age-accepts-1096', description: 'MaxPasswordAge 1096 accepted', behaviour: constraint((_o, m) => m === 'MaxPasswordAge', { range: [1, 1096] }) },
  { id: 'max-age-accepts-0', description: 'MaxPasswordAge 0 accepted', behaviour: constraint((_o, m) => m === 'MaxPasswordAge', { range: [0, 1095] }) },
  { id: 'reuse-max-23', description: 'PasswordReusePrevention 24 refused', behaviour: constraint((_o, m) => m === 'PasswordReusePrevention', { range: [1, 23] }) },
  { id: 'reuse-accepts-0', description: 'PasswordReusePrevention 0 accepted', behaviour: constraint((_o, m) => m === 'PasswordReusePrevention', { range: [0, 24] }) },
  { id: 'required-old-password-optional', description: 'OldPassword may be left out (and is then not checked)', behaviour: () => ({ ...constraint((o, m) => o === 'ChangePassword' && m === 'OldPassword', { required: false })(), checkOldPassword: false }) },
  // Validation wording (text only)
  { id: 'validation-echoes-value', description: 'validation messages quote the value', behaviour: () => ({ echoValues: true }), messageOnly: true },
  { id: 'validation-pascal-case-members', description: 'validation messages name members in PascalCase', behaviour: () => ({ camelCaseMembers: false }), messageOnly: true },
  { id: 'validation-first-violation-only', description: 'only the first of several violations is reported', behaviour: () => ({ reportAllViolations: false }), messageOnly: true },
  { id: 'no-login-profile-message', description: 'a different message for a missing login profile', behaviour: rewrite((e) => e.code === 'NoSuchEntity', { message: 'Login profile not found.' }), messageOnly: true },
  // Codes and statuses
  { id: 'no-such-entity-400', description: 'NoSuchEntity with HTTP 400', behaviour: rewrite((e) => e.code === 'NoSuchEntity', { status: 400 }) },
  { id: 'entity-already-exists-400', description: 'EntityAlreadyExists with HTTP 400', behaviour: rewrite((e) => e.code === 'EntityAlreadyExists', { status: 400 }) },
  { id: 'policy-violation-403', description: 'PasswordPolicyViolation with HTTP 403', behaviour: rewrite((e) => e.code === 'PasswordPolicyViolation', { status: 403 }) },
  { id: 'policy-violation-as-invalid-input', description: 'policy violations answered as InvalidInput', behaviour: rewrite((e) => e.code === 'PasswordPolicyViolation', { code: 'InvalidInput' }) },
  { id: 'validation-error-500', description: 'ValidationError with HTTP 500', behaviour: rewrite((e) => e.code === 'ValidationError', { status: 500 }) },
  { id: 'validation-as-invalid-input', description: 'validation failures answered as InvalidInput', behaviour: rewrite((e) => e.code === 'ValidationError', { code: 'InvalidInput' }) },
  { id: 'access-denied-401', description: 'AccessDenied with HTTP 401', behaviour: rewrite((e) => e.code === 'AccessDenied', { status: 401 }) },
  { id: 'no-such-entity-exception-suffix', description: 'error codes carry an "Exception" suffix (NoSuchEntityException)', behaviour: rewrite((e) => e.code === 'NoSuchEntity', { code: 'NoSuchEntityException' }) },
  { id: 'invalid-user-type-403', description: 'InvalidUserType with HTTP 403', behaviour: rewrite((e) => e.code === 'InvalidUserType', { status: 403 }) },
  { id: 'signature-mismatch-as-invalid-token', description: 'a wrong signature answered InvalidClientTokenId', behaviour: rewrite((e) => e.code === 'SignatureDoesNotMatch', { code: 'InvalidClientTokenId' }) },
  // Semantics
  { id: 'old-password-not-checked', description: 'ChangePassword does not check OldPassword', behaviour: () => ({ checkOldPassword: false }) },
  { id: 'policy-min-length-ignored', description: 'MinimumPasswordLength not enforced', behaviour: rules('minimumLength') },
  { id: 'policy-uppercase-ignored', description: 'RequireUppercaseCharacters not enforced', behaviour: rules('uppercase') },
  { id: 'policy-lowercase-ignored', description: 'RequireLowercaseCharacters not enforced', behaviour: rules('lowercase') },
  { id: 'policy-numbers-ignored', description: 'RequireNumbers not enforced', behaviour: rules('numbers') },
  { id: 'policy-symbols-ignored', description: 'RequireSymbols not enforced', behaviour: rules('symbols') },
  { id: 'policy-reuse-ignored', description: 'PasswordReusePrevention not enforced', behaviour: rules('reuse') },
  { id: 'reuse-window-one-short', description: 'reuse prevention checks one password fewer than N', behaviour: () => ({ reuseWindowOffset: -1 }) },
  { id: 'no-default-rules', description: 'no rules at all when no custom policy is set', behaviour: () => ({ defaultRules: false }) },
  { id: 'default-rules-length-6', description: 'default rules ask for 6 characters, not 8', behaviour: () => ({ defaultRulesMinimumLength: 6 }) },
  { id: 'policy-default-min-length-8', description: 'MinimumPasswordLength defaults to 8 when left out', behaviour: () => ({ defaultMinimumPasswordLength: 8 }) },
  { id: 'partial-policy-updates', description: 'UpdateAccountPasswordPolicy keeps members left out', behaviour: () => ({ partialPolicyUpdates: true }) },
  { id: 'absent-policy-members-as-zero', description: 'unset MaxPasswordAge/PasswordReusePrevention/HardExpiry returned as 0/false', behaviour: () => ({ absentMembersAsZero: true }) },
  { id: 'expire-passwords-always-false', description: 'ExpirePasswords ignores MaxPasswordAge', behaviour: () => ({ expirePasswordsFollowsMaxAge: false }) },
  { id: 'signatures-not-checked', description: 'SigV4 signatures not verified', behaviour: () => ({ verifySignatures: false }) },
  { id: 'unknown-keys-accepted', description: 'unknown access keys accepted (as the administrator)', behaviour: () => ({ verifySignatures: false, acceptUnknownKeys: true }) },
  { id: 'users-act-on-anyone', description: 'identity policies not enforced: a user can act on another user', behaviour: () => ({ enforceUserPolicies: false }) },
  { id: 'managed-policies-ignored', description: 'an attached AWS managed policy (IAMUserChangePassword) allows nothing', behaviour: () => ({ honourManagedPolicies: false }) },
  { id: 'allow-users-to-change-password-ignored', description: 'AllowUsersToChangePassword has no effect', behaviour: () => ({ honourAllowUsersToChangePassword: false }) },
  { id: 'root-may-change-password', description: 'root calling ChangePassword is not refused', behaviour: () => ({ rejectRootChangePassword: false }) },
  { id: 'reset-flag-cleared-when-omitted', description: 'UpdateLoginProfile without PasswordResetRequired clears the flag', behaviour: () => ({ resetFlagOmittedMeansUnchanged: false }) },
  { id: 'reset-required-by-default', description: 'CreateLoginProfile defaults PasswordResetRequired to true', behaviour: () => ({ createLoginProfileResetDefault: true }) },
  { id: 'second-login-profile-accepted', description: 'a second CreateLoginProfile overwrites the first', behaviour: () => ({ rejectSecondLoginProfile: false }) },
  { id: 'delete-login-profile-no-op', description: 'DeleteLoginProfile answers success but keeps the profile', behaviour: () => ({ deleteLoginProfileDeletes: false }) },
  { id: 'login-profile-without-create-date', description: 'login profiles returned without CreateDate', behaviour: () => ({ loginProfileHasCreateDate: false }) },
  // Server certificates, MFA devices, signing certificates
  { id: 'server-certificate-duplicate-accepted', description: 'a second UploadServerCertificate with a taken name replaces the first', behaviour: () => ({ serverCertificateDuplicatesRejected: false }) },
  { id: 'server-certificates-list-ignores-path-prefix', description: 'ListServerCertificates ignores PathPrefix', behaviour: () => ({ serverCertificateListHonoursPathPrefix: false }) },
  { id: 'server-certificate-update-keeps-path', description: 'UpdateServerCertificate ignores NewPath', behaviour: () => ({ serverCertificateUpdateMovesPath: false }) },
  { id: 'virtual-mfa-duplicate-accepted', description: 'a second CreateVirtualMFADevice with a taken name replaces the first', behaviour: () => ({ virtualMfaDuplicatesRejected: false }) },
  { id: 'delete-virtual-mfa-no-op', description: 'DeleteVirtualMFADevice answers success but keeps the device', behaviour: () => ({ deleteVirtualMfaDeletes: false }) },
  { id: 'mfa-codes-not-checked', description: 'EnableMFADevice accepts any two codes', behaviour: () => ({ mfaCodesChecked: false }) },
  { id: 'signing-certificate-limit-3', description: 'a user may hold three signing certificates', behaviour: () => ({ signingCertificatesPerUser: 3 }) },
  { id: 'update-signing-certificate-no-op', description: 'UpdateSigningCertificate answers success but keeps the status', behaviour: () => ({ updateSigningCertificateSetsStatus: false }) },
  // Access keys, SSH public keys, service-specific credentials, users
  { id: 'access-key-third-accepted', description: 'a user may hold three access keys', behaviour: () => ({ accessKeysPerUser: 3 }) },
  { id: 'update-access-key-no-op', description: 'UpdateAccessKey answers success but keeps the status', behaviour: () => ({ updateAccessKeySetsStatus: false }) },
  { id: 'ssh-key-body-not-checked', description: 'UploadSSHPublicKey accepts a body that is not a public key', behaviour: () => ({ sshKeyBodyChecked: false }) },
  { id: 'ssh-key-update-ignored', description: 'UpdateSSHPublicKey answers success but keeps the status', behaviour: () => ({ updateSshPublicKeySetsStatus: false }) },
  { id: 'service-credential-update-ignored', description: 'UpdateServiceSpecificCredential answers success but keeps the status', behaviour: () => ({ updateServiceCredentialSetsStatus: false }) },
  { id: 'delete-user-ignores-service-credentials', description: 'DeleteUser deletes a user that holds a service-specific credential', behaviour: () => ({ serviceCredentialsBlockUserDelete: false }) },
  { id: 'user-rename-loses-keys', description: "UpdateUser's rename drops the user's access keys", behaviour: () => ({ renameKeepsAccessKeys: false }) },
  { id: 'user-rename-loses-groups', description: "UpdateUser's rename leaves the user out of its groups", behaviour: () => ({ renameKeepsGroupMemberships: false }) },
  { id: 'delete-user-ignores-access-keys', description: 'DeleteUser deletes a user that holds an access key', behaviour: () => ({ accessKeysBlockUserDelete: false }) },
  { id: 'list-users-ignores-max-items', description: 'ListUsers returns every user whatever MaxItems says', behaviour: () => ({ listUsersHonoursMaxItems: false }) },
  // OIDC and SAML providers, the account alias and summary
  { id: 'oidc-duplicate-url-accepted', description: 'a second CreateOpenIDConnectProvider with a taken URL replaces the first', behaviour: () => ({ oidcDuplicateUrlsRejected: false }) },
  { id: 'oidc-thumbprint-update-appends', description: 'UpdateOpenIDConnectProviderThumbprint adds to the list instead of replacing it', behaviour: () => ({ oidcThumbprintUpdateReplaces: false }) },
  { id: 'oidc-remove-missing-client-id-errors', description: 'RemoveClientIDFromOpenIDConnectProvider of an id not there answers NoSuchEntity', behaviour: () => ({ oidcRemoveMissingClientIdIsNoOp: false }) },
  { id: 'saml-duplicate-name-accepted', description: 'a second CreateSAMLProvider with a taken name replaces the first', behaviour: () => ({ samlDuplicateNamesRejected: false }) },
  { id: 'saml-metadata-not-checked', description: 'CreateSAMLProvider accepts a document that is not SAML metadata', behaviour: () => ({ samlMetadataChecked: false }) },
  { id: 'saml-update-keeps-document', description: 'UpdateSAMLProvider answers success but keeps the old metadata', behaviour: () => ({ samlUpdateReplacesDocument: false }) },
  { id: 'delete-account-alias-no-op', description: 'DeleteAccountAlias answers success but keeps the alias', behaviour: () => ({ deleteAccountAliasDeletes: false }) },
  { id: 'account-summary-without-token-version', description: 'GetAccountSummary leaves out GlobalEndpointTokenVersion', behaviour: () => ({ accountSummaryHasTokenVersion: false }) },
  // Tags
  { id: 'tag-keys-case-sensitive', description: 'tag keys differing only in case are two keys', behaviour: () => ({ tagKeysCaseInsensitive: false }) },
  { id: 'tags-limit-51', description: 'a resource may hold 51 tags', behaviour: () => ({ tagsPerResource: 51 }) },
  { id: 'untag-missing-key-errors', description: 'Untag* of a key not there answers NoSuchEntity', behaviour: () => ({ untagMissingKeyIsNoOp: false }) },
  { id: 'tag-list-ignores-max-items', description: 'List*Tags returns every tag whatever MaxItems says', behaviour: () => ({ tagListsHonourMaxItems: false }) },
  // Customer managed policies and policy documents
  { id: 'policy-sixth-version-accepted', description: 'a managed policy may have six versions', behaviour: () => ({ policyVersionsPerPolicy: 6 }) },
  { id: 'policy-delete-ignores-attachments', description: 'DeletePolicy deletes a policy still attached to a user', behaviour: () => ({ policyDeleteChecksAttachments: false }) },
  { id: 'policy-default-version-deletable', description: 'DeletePolicyVersion deletes the default version', behaviour: () => ({ policyDefaultVersionUndeletable: false }) },
  { id: 'policy-document-accepts-missing-effect', description: 'a managed policy statement without Effect is read as Allow', behaviour: () => ({ policyDocumentRequiresEffect: false }) },
  // Groups
  { id: 'group-delete-ignores-members', description: 'DeleteGroup deletes a group that still has members', behaviour: () => ({ groupDeleteRefusesMembers: false }) },
  { id: 'group-rename-drops-members', description: "UpdateGroup's rename loses the group's users", behaviour: () => ({ groupRenameKeepsMembers: false }) },
  { id: 'list-groups-ignores-max-items', description: 'ListGroups returns every group whatever MaxItems says', behaviour: () => ({ listGroupsHonoursMaxItems: false }) },
  { id: 'detach-unattached-group-policy-accepted', description: 'DetachGroupPolicy of a policy the group does not have answers success', behaviour: () => ({ detachUnattachedGroupPolicyRefused: false }) },
  { id: 'delete-user-ignores-groups', description: 'DeleteUser deletes a user that is still in a group', behaviour: () => ({ groupMembershipBlocksUserDelete: false }) },
  // Roles and instance profiles
  { id: 'role-max-session-default-wrong', description: 'CreateRole without MaxSessionDuration gives 43200 seconds, not 3600', behaviour: () => ({ roleDefaultMaxSessionDuration: 43200 }) },
  { id: 'update-role-keeps-max-session', description: 'UpdateRole answers success but keeps the old MaxSessionDuration', behaviour: () => ({ updateRoleSetsMaxSessionDuration: false }) },
  { id: 'role-delete-ignores-inline-policy', description: 'DeleteRole deletes a role that still has an inline policy', behaviour: () => ({ roleDeleteChecksInlinePolicies: false }) },
  { id: 'roles-list-ignores-max-items', description: 'ListRoles returns every role whatever MaxItems says', behaviour: () => ({ roleListHonoursMaxItems: false }) },
  { id: 'role-delete-ignores-instance-profile', description: 'DeleteRole deletes a role an instance profile still holds', behaviour: () => ({ roleDeleteChecksInstanceProfiles: false }) },
  { id: 'delete-role-boundary-no-op', description: 'DeleteRolePermissionsBoundary answers success but keeps the boundary', behaviour: () => ({ deleteRoleBoundaryDeletes: false }) },
  { id: 'instance-profile-accepts-second-role', description: 'an instance profile may hold two roles', behaviour: () => ({ rolesPerInstanceProfile: 2 }) },
  { id: 'instance-profile-delete-ignores-role', description: 'DeleteInstanceProfile deletes a profile that still holds a role', behaviour: () => ({ instanceProfileDeleteChecksRoles: false }) },
  // The wire
  { id: 'wrong-xml-namespace', description: 'responses in another XML namespace', behaviour: () => ({ namespace: 'https://iam.amazonaws.com/doc/2010-05-09/' }) },
  { id: 'receiver-type-for-client-errors', description: 'client errors typed Receiver instead of Sender', behaviour: () => ({ errorTypeFor4xx: 'Receiver' }) },
];
