import { OPERATIONS, type Constraint } from './constraints.ts';

/**
 * The emulator's model of AWS, as named parameters. The defaults are AWS's behaviour (as far as the
 * evidence goes); a *mutant* (src/mock/mutants.ts) changes one of them, to check that the suite notices.
 * Every rule of the emulator that a real implementation could plausibly get wrong reads its switch here.
 */
export interface Behaviour {
  /** The model's input constraints, per operation (a mutant may loosen or tighten one). */
  constraints: Record<string, Record<string, Constraint>>;
  /** How a string's length is counted for length constraints. */
  lengthUnit: 'code-points' | 'utf16-units' | 'utf8-bytes';
  /** Validation messages: camelCase member names, and never the value. */
  camelCaseMembers: boolean;
  echoValues: boolean;
  reportAllViolations: boolean;
  /** Stored passwords are exactly as sent (a mutant trims them). */
  trimPasswords: boolean;
  verifySignatures: boolean;
  acceptUnknownKeys: boolean;
  /** Root calling ChangePassword gets InvalidUserType. */
  rejectRootChangePassword: boolean;
  /** Users may act only as their identity policies allow (a mutant lets them act on anyone). */
  enforceUserPolicies: boolean;
  honourAllowUsersToChangePassword: boolean;
  /** AWS managed policies attached to a user count in its authorisation (a mutant ignores them). */
  honourManagedPolicies: boolean;
  checkOldPassword: boolean;
  policyRules: { minimumLength: boolean; uppercase: boolean; lowercase: boolean; numbers: boolean; symbols: boolean; reuse: boolean };
  /** Added to N when checking the last N passwords (0 is AWS's). */
  reuseWindowOffset: number;
  /** AWS's default rules when no custom policy is set (8 characters, three of four types). */
  defaultRules: boolean;
  defaultRulesMinimumLength: number;
  /** MinimumPasswordLength when UpdateAccountPasswordPolicy leaves it out. */
  defaultMinimumPasswordLength: number;
  /** A member left out of UpdateAccountPasswordPolicy resets to its default (no partial updates). */
  partialPolicyUpdates: boolean;
  /** Unset optional policy members are absent from GetAccountPasswordPolicy, not 0/false. */
  absentMembersAsZero: boolean;
  expirePasswordsFollowsMaxAge: boolean;
  /** UpdateLoginProfile with PasswordResetRequired left out keeps the flag. */
  resetFlagOmittedMeansUnchanged: boolean;
  createLoginProfileResetDefault: boolean;
  rejectSecondLoginProfile: boolean;
  deleteLoginProfileDeletes: boolean;
  loginProfileHasCreateDate: boolean;
  /** Rewrites an error just before it is sent: wrong codes, statuses or messages. */
  rewriteError?: (e: { code: string; status: number; message: string }, action: string) => { code: string; status: number; message: string };
  /** The XML namespace of every response. */
  namespace: string;
  errorTypeFor4xx: 'Sender' | 'Receiver';
  /** Server certificates, MFA devices, signing certificates (src/mock/operations/server-certificates.ts, mfa-devices.ts, signing-certificates.ts). */
  serverCertificateDuplicatesRejected: boolean;
  serverCertificateListHonoursPathPrefix: boolean;
  /** UpdateServerCertificate's NewPath moves the certificate (a mutant keeps the old path). */
  serverCertificateUpdateMovesPath: boolean;
  virtualMfaDuplicatesRejected: boolean;
  deleteVirtualMfaDeletes: boolean;
  /** EnableMFADevice and ResyncMFADevice check the two codes against the device's seed. */
  mfaCodesChecked: boolean;
  /** Signing certificates a user may hold (AWS: 2). */
  signingCertificatesPerUser: number;
  updateSigningCertificateSetsStatus: boolean;
  /** Access keys, SSH public keys, service-specific credentials and UpdateUser (src/mock/operations/access-keys.ts, ssh-public-keys.ts, service-credentials.ts, users.ts). */
  accessKeysPerUser: number;
  updateAccessKeySetsStatus: boolean;
  /** UploadSSHPublicKey refuses a body that is not an RSA public key of 2048 bits or more. */
  sshKeyBodyChecked: boolean;
  updateSshPublicKeySetsStatus: boolean;
  updateServiceCredentialSetsStatus: boolean;
  /** DeleteUser refuses while the user holds a service-specific credential (a mutant deletes it anyway). */
  serviceCredentialsBlockUserDelete: boolean;
  /** UpdateUser's rename keeps what the user holds (a mutant loses its access keys). */
  renameKeepsAccessKeys: boolean;
  /** UpdateUser's rename keeps the user in its groups (a mutant drops the memberships). */
  renameKeepsGroupMemberships: boolean;
  /** DeleteUser refuses while the user holds an access key. */
  accessKeysBlockUserDelete: boolean;
  listUsersHonoursMaxItems: boolean;
  /** OIDC and SAML providers, the account alias (src/mock/operations/oidc-providers.ts, saml-providers.ts, account-aliases.ts). */
  oidcDuplicateUrlsRejected: boolean;
  oidcThumbprintUpdateReplaces: boolean;
  /** RemoveClientIDFromOpenIDConnectProvider of an id not there succeeds (a mutant refuses it). */
  oidcRemoveMissingClientIdIsNoOp: boolean;
  samlDuplicateNamesRejected: boolean;
  /** CreateSAMLProvider and UpdateSAMLProvider refuse a document that is not SAML metadata. */
  samlMetadataChecked: boolean;
  samlUpdateReplacesDocument: boolean;
  deleteAccountAliasDeletes: boolean;
  /** GetAccountSummary has GlobalEndpointTokenVersion (a mutant leaves it out). */
  accountSummaryHasTokenVersion: boolean;
  /** Tag keys compare regardless of case (AWS: true). */
  tagKeysCaseInsensitive: boolean;
  /** Tags one resource may hold (AWS: 50). */
  tagsPerResource: number;
  /** Untag* of a key not there answers success (AWS: true). */
  untagMissingKeyIsNoOp: boolean;
  /** List*Tags honours MaxItems (AWS: true). */
  tagListsHonourMaxItems: boolean;
  /** Customer managed policies (src/mock/operations/customer-policies.ts). Versions one policy may have (AWS: 5). */
  policyVersionsPerPolicy: number;
  /** DeletePolicy refuses a policy attached to a user, group or role (AWS: DeleteConflict). */
  policyDeleteChecksAttachments: boolean;
  /** DeletePolicyVersion refuses the default version (AWS: DeleteConflict). */
  policyDefaultVersionUndeletable: boolean;
  /** A managed policy's statement must say its Effect (AWS: true; a mutant reads a missing one as Allow). */
  policyDocumentRequiresEffect: boolean;
  /** Groups (src/mock/operations/groups.ts). DeleteGroup refuses a group with members (AWS: DeleteConflict). */
  groupDeleteRefusesMembers: boolean;
  /** UpdateGroup's rename keeps the group's users (a mutant loses them). */
  groupRenameKeepsMembers: boolean;
  listGroupsHonoursMaxItems: boolean;
  /** DetachGroupPolicy of a policy not attached answers NoSuchEntity (a mutant answers success). */
  detachUnattachedGroupPolicyRefused: boolean;
  /** DeleteUser refuses while the user is in a group (AWS: DeleteConflict). */
  groupMembershipBlocksUserDelete: boolean;
  /** Roles and instance profiles (src/mock/operations/roles.ts, instance-profiles.ts). MaxSessionDuration when CreateRole leaves it out (AWS: 3600). */
  roleDefaultMaxSessionDuration: number;
  /** UpdateRole's MaxSessionDuration is stored (a mutant ignores it). */
  updateRoleSetsMaxSessionDuration: boolean;
  /** DeleteRole refuses a role an instance profile holds (AWS: DeleteConflict). */
  roleDeleteChecksInstanceProfiles: boolean;
  /** DeleteRole refuses a role with an inline policy (AWS: DeleteConflict). */
  roleDeleteChecksInlinePolicies: boolean;
  /** ListRoles honours MaxItems (AWS: true). */
  roleListHonoursMaxItems: boolean;
  /** DeleteRolePermissionsBoundary removes the boundary (a mutant keeps it). */
  deleteRoleBoundaryDeletes: boolean;
  /** Roles one instance profile may hold (AWS: 1). */
  rolesPerInstanceProfile: number;
  /** DeleteInstanceProfile refuses a profile holding a role (AWS: DeleteConflict). */
  instanceProfileDeleteChecksRoles: boolean;
}

export function awsBehaviour(): Behaviour {
  return {
    constraints: structuredClone(OPERATIONS),
    lengthUnit: 'code-points',
    camelCaseMembers: true,
    echoValues: false,
    reportAllViolations: true,
    trimPasswords: false,
    verifySignatures: true,
    acceptUnknownKeys: false,
    rejectRootChangePassword: true,
    enforceUserPolicies: true,
    honourManagedPolicies: true,
    honourAllowUsersToChangePassword: true,
    checkOldPassword: true,
    policyRules: { minimumLength: true, uppercase: true, lowercase: true, numbers: true, symbols: true, reuse: true },
    reuseWindowOffset: 0,
    defaultRules: true,
    defaultRulesMinimumLength: 8,
    defaultMinimumPasswordLength: 6,
    partialPolicyUpdates: false,
    absentMembersAsZero: false,
    expirePasswordsFollowsMaxAge: true,
    resetFlagOmittedMeansUnchanged: true,
    createLoginProfileResetDefault: false,
    rejectSecondLoginProfile: true,
    deleteLoginProfileDeletes: true,
    loginProfileHasCreateDate: true,
    namespace: 'https://iam.amazonaws.com/doc/2010-05-08/',
    errorTypeFor4xx: 'Sender',
    serverCertificateDuplicatesRejected: true,
    serverCertificateListHonoursPathPrefix: true,
    serverCertificateUpdateMovesPath: true,
    virtualMfaDuplicatesRejected: true,
    deleteVirtualMfaDeletes: true,
    mfaCodesChecked: true,
    signingCertificatesPerUser: 2,
    updateSigningCertificateSetsStatus: true,
    accessKeysPerUser: 2,
    updateAccessKeySetsStatus: true,
    sshKeyBodyChecked: true,
    updateSshPublicKeySetsStatus: true,
    updateServiceCredentialSetsStatus: true,
    serviceCredentialsBlockUserDelete: true,
    renameKeepsAccessKeys: true,
    renameKeepsGroupMemberships: true,
    accessKeysBlockUserDelete: true,
    listUsersHonoursMaxItems: true,
    oidcDuplicateUrlsRejected: true,
    oidcThumbprintUpdateReplaces: true,
    oidcRemoveMissingClientIdIsNoOp: true,
    samlDuplicateNamesRejected: true,
    samlMetadataChecked: true,
    samlUpdateReplacesDocument: true,
    deleteAccountAliasDeletes: true,
    accountSummaryHasTokenVersion: true,
    tagKeysCaseInsensitive: true,
    tagsPerResource: 50,
    untagMissingKeyIsNoOp: true,
    tagListsHonourMaxItems: true,
    policyVersionsPerPolicy: 5,
    policyDeleteChecksAttachments: true,
    policyDefaultVersionUndeletable: true,
    policyDocumentRequiresEffect: true,
    groupDeleteRefusesMembers: true,
    groupRenameKeepsMembers: true,
    listGroupsHonoursMaxItems: true,
    detachUnattachedGroupPolicyRefused: true,
    groupMembershipBlocksUserDelete: true,
    roleDefaultMaxSessionDuration: 3600,
    updateRoleSetsMaxSessionDuration: true,
    roleDeleteChecksInstanceProfiles: true,
    roleDeleteChecksInlinePolicies: true,
    roleListHonoursMaxItems: true,
    deleteRoleBoundaryDeletes: true,
    rolesPerInstanceProfile: 1,
    instanceProfileDeleteChecksRoles: true,
  };
}
