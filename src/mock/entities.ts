import { IamError, noSuchUser } from './errors.ts';
import { MANAGED_POLICIES } from './managed-policies.ts';
import type { Account } from './state.ts';
import type { Input } from './validate.ts';

/**
 * The existence of every kind of IAM resource an operation names, and AWS's NoSuchEntity answer for one
 * that does not exist. The emulator models the behaviour of some operations only (src/mock/operations/);
 * for the others it still knows what exists — users in Account.users, AWS managed policies in
 * MANAGED_POLICIES, every other kind in Account.resources — so a valid request naming something that
 * does not exist is answered as AWS answers it. The texts are the recorded ones
 * (../shared/evidence/aws-recordings, the key after each); where an operation's own text is unrecorded,
 * that of a sibling operation on the same kind stands in (by analogy), and `inferred` marks kinds whose
 * text no recording shows.
 */
export type EntityKind =
  | 'user' | 'role' | 'group' | 'instance-profile' | 'policy' | 'permissions-boundary' | 'oidc-provider' | 'saml-provider'
  | 'server-certificate' | 'mfa-device' | 'ssh-public-key' | 'signing-certificate' | 'service-specific-credential'
  | 'access-key' | 'delegation-request' | 'report-job' | 'deletion-task' | 'arn';

/** `arn:aws:iam::123456789012:role/path/name` → the role `name`; undefined for an ARN of no IAM entity. */
function arnEntity(arn: string): { kind: EntityKind; name: string } | undefined {
  const m = /^arn:[^:]+:iam::[^:]*:(user|role|group|policy)\/(?:.*\/)?([^/]+)$/.exec(arn);
  if (!m) return undefined;
  return m[1] === 'policy' ? { kind: 'policy', name: arn } : { kind: m[1] as EntityKind, name: m[2]! };
}

/** The text for a principal or policy ARN that names nothing: that kind's own (inferred for these operations). */
function arnMissing(arn: string): string {
  const e = arnEntity(arn)!;
  return e.kind === 'policy' ? policyMissing(arn, '') : ENTITY_MEMBERS[{ user: 'UserName', role: 'RoleName', group: 'GroupName' }[e.kind as 'user']]!.missing(e.name, '');
}

interface EntityMember {
  kind: EntityKind;
  /** AWS's message for a value that names nothing; `operation` for the texts that differ by operation. */
  missing: (value: string, operation: string) => string;
}

/** Deleting, detaching or tagging a policy that is not there says "was not found" (test_iam.snapshot.json delete-non-existent-policy-exc, test_iam_policies.snapshot.json err-tag-nonexistent-policy, test_iam_roles.snapshot.json detach-nonexistent-policy-error); attaching or reading one, "does not exist or is not attachable" (test_iam_users.snapshot.json attach-nonexistent-policy-error, test_iam_policies.snapshot.json err-nonexistent-policy). */
const policyMissing = (arn: string, op: string) =>
  /^(Delete|Detach|Tag|Untag|ListPolicyTags)/.test(op) ? `Policy ${arn} was not found.` : `Policy ${arn} does not exist or is not attachable.`;

/** By member name: the same member names the same kind in every operation of the model. */
export const ENTITY_MEMBERS: Record<string, EntityMember> = {
  UserName: { kind: 'user', missing: (v) => noSuchUser(v).message }, // test_iam.snapshot.json invalid-user-name-exception
  RoleName: { kind: 'role', missing: (v) => `The role with name ${v} cannot be found.` }, // test_iam_roles.snapshot.json get-role-error
  GroupName: { kind: 'group', missing: (v) => `The group with name ${v} cannot be found.` }, // test_iam_groups.snapshot.json get-group-not-found
  InstanceProfileName: { kind: 'instance-profile', missing: (v) => `Instance Profile ${v} cannot be found.` }, // test_iam_instance_profiles.snapshot.json get-nonexistent-error
  PolicyArn: { kind: 'policy', missing: policyMissing },
  PermissionsBoundary: { kind: 'permissions-boundary', missing: (v) => `Scope ARN: ${v} does not exist or is not attachable.` }, // test_iam_roles.snapshot.json put-nonexistent-policy-error
  OpenIDConnectProviderArn: {
    kind: 'oidc-provider',
    // test_iam_oidc.snapshot.json deletion-not-found-error (delete) and not-found-error (the others)
    missing: (v, op) => (op.startsWith('Delete') ? `OpenId connect Provider ${v} cannot be found.` : `OpenIDConnect Provider not found for arn ${v}`),
  },
  SAMLProviderArn: { kind: 'saml-provider', missing: (v) => `Manifest not found for arn ${v}` }, // test_iam_saml_providers.snapshot.json get-not-found
  ServerCertificateName: { kind: 'server-certificate', missing: (v) => `The Server Certificate with name ${v} cannot be found.` }, // test_iam_server_certificates.snapshot.json get-nonexistent-certificate-error
  SerialNumber: { kind: 'mfa-device', missing: (v) => `MFA Device with serial number ${v} does not exist.` }, // test_iam_mfa.snapshot.json delete-nonexistent-error
  SSHPublicKeyId: { kind: 'ssh-public-key', missing: (v) => `The Public Key with id ${v} cannot be found.` }, // test_iam_ssh_public_keys.snapshot.json get-not-found
  CertificateId: { kind: 'signing-certificate', missing: (v) => `The Certificate with id ${v} cannot be found.` }, // test_iam_signing_certificates.snapshot.json update-nonexistent-certificate-error
  ServiceSpecificCredentialId: { kind: 'service-specific-credential', missing: (v) => `No such credential ${v} exists` }, // test_iam.snapshot.json update-wrong-id
  AccessKeyId: { kind: 'access-key', missing: (v) => `The Access Key with id ${v} cannot be found.` }, // test_iam_users.snapshot.json update-nonexistent-access-key-error
  // An ARN of any principal or policy: its kind is the ARN's resource type (arnEntity).
  PolicySourceArn: { kind: 'arn', missing: (v) => arnMissing(v) },
  Arn: { kind: 'arn', missing: (v) => arnMissing(v) },
  EntityArn: { kind: 'arn', missing: (v) => arnMissing(v) },
  // inferred: no recording shows these texts.
  DelegationRequestId: { kind: 'delegation-request', missing: (v) => `The delegation request with id ${v} cannot be found.` },
  JobId: { kind: 'report-job', missing: (v) => `The job with id ${v} cannot be found.` },
  DeletionTaskId: { kind: 'deletion-task', missing: (v) => `The deletion task with id ${v} cannot be found.` },
};

/**
 * The order AWS checks an operation's entities in, where it is not the model's member order:
 * RemoveUserFromGroup of an unknown user from an unknown group names the user
 * (test_iam_groups.snapshot.json remove-from-unknown-group).
 */
const CHECK_ORDER: Record<string, string[]> = { RemoveUserFromGroup: ['UserName', 'GroupName'] };

/** Whether the account holds the resource `value` names. */
export function exists(account: Account, kind: EntityKind, value: string): boolean {
  if (kind === 'arn') {
    const e = arnEntity(value);
    return e ? exists(account, e.kind, e.name) : true; // not an IAM entity: nothing the emulator can say
  }
  if (kind === 'user') return account.user(value) !== undefined;
  if (kind === 'access-key') return [...account.users.values()].some((u) => u.keys.some((k) => k.id === value));
  if ((kind === 'policy' || kind === 'permissions-boundary') && MANAGED_POLICIES.has(value)) return true;
  // The kinds with a state model of their own (src/mock/state.ts).
  if (kind === 'group') return account.groups.has(value.toLowerCase());
  if (kind === 'role') return account.roles.has(value.toLowerCase());
  if (kind === 'instance-profile') return account.instanceProfiles.has(value.toLowerCase());
  if (kind === 'policy' || kind === 'permissions-boundary') return account.policies.has(value);
  if (kind === 'oidc-provider') return account.oidcProviders.has(value);
  if (kind === 'saml-provider') return account.samlProviders.has(value);
  if (kind === 'server-certificate') return account.serverCertificates.has(value.toLowerCase());
  if (kind === 'mfa-device') return account.mfaDevices.has(value);
  if (kind === 'signing-certificate') return [...account.users.values()].some((u) => u.signingCertificates?.some((c) => c.id === value));
  if (kind === 'ssh-public-key') return [...account.users.values()].some((u) => u.sshPublicKeys?.some((k) => k.id === value));
  if (kind === 'service-specific-credential') return [...account.users.values()].some((u) => u.serviceCredentials?.some((c) => c.id === value));
  return account.resources.get(kind)?.has(key(kind, value)) ?? false;
}

/** Names are case-insensitive in IAM (users, roles, groups, profiles, certificates); ids and ARNs are not. */
function key(kind: EntityKind, value: string): string {
  return ['role', 'group', 'instance-profile', 'server-certificate'].includes(kind) ? value.toLowerCase() : value;
}

/** Records that a resource exists (what a family module calls when it creates one). */
export function addResource(account: Account, kind: EntityKind, value: string): void {
  let set = account.resources.get(kind);
  if (!set) account.resources.set(kind, (set = new Set()));
  set.add(key(kind, value));
}

/** Records that a resource no longer exists. */
export function deleteResource(account: Account, kind: EntityKind, value: string): void {
  account.resources.get(kind)?.delete(key(kind, value));
}

/** The entity members of a request, in the order AWS checks them. */
export function namedEntities(operation: string, input: Input): Array<{ member: string; value: string; entity: EntityMember }> {
  const names = Object.keys(input).filter((m) => ENTITY_MEMBERS[m] && typeof input[m] === 'string');
  const order = CHECK_ORDER[operation];
  if (order) names.sort((a, b) => rank(order, a) - rank(order, b));
  return names.map((member) => ({ member, value: input[member] as string, entity: ENTITY_MEMBERS[member]! }));
}

const rank = (order: string[], m: string) => (order.includes(m) ? order.indexOf(m) : order.length);

/**
 * For an operation whose behaviour is not modelled: the NoSuchEntity AWS answers when the request names a
 * resource that does not exist (only for operations whose model lists NoSuchEntity), else undefined.
 */
export function missingEntity(account: Account, operation: string, input: Input, modelErrors: string[]): IamError | undefined {
  if (!modelErrors.includes('NoSuchEntity')) return undefined;
  for (const { value, entity } of namedEntities(operation, input)) {
    if (!exists(account, entity.kind, value)) return new IamError('NoSuchEntity', 404, entity.missing(value, operation));
  }
  return undefined;
}
