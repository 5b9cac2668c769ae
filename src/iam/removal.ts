/**
 * How to remove each kind of IAM resource a run may make, freed first of what IAM requires: a role must
 * leave its instance profiles and lose its policies before DeleteRole, a group lose its members and
 * policies, a managed policy be detached everywhere and lose its other versions, a user lose everything
 * hanging on it. One table serves every clean-up path: a case's tear-down on any target (src/runner/
 * teardown.ts, through the run's harness client) and the sweep of a run on aws (src/targets/aws/
 * sweep-resources.ts, through the JS SDK). It speaks in operation names and plain inputs, so it needs no
 * client of its own: `Send` is whichever the caller has.
 */

/** Sends one request; resolves to its output, rejects with an error carrying the wire `code`. */
export type Send = (operation: string, input: Record<string, unknown>) => Promise<Record<string, unknown>>;

/** A resource kind: the member that names one, and how to take one apart. */
export interface Removal {
  kind: ResourceKind;
  /** The input member of the delete (and of the release lists) that identifies one. */
  id: string;
  /** What must go first, in order: each lists what hangs on the resource and removes every item. */
  release: Release[];
  /** The delete itself. */
  remove: string;
}

/** One dependent: `list` (paged with Marker where IAM pages it) yields items; `remove` takes each away. */
interface Release {
  /** The listing operation, called with the resource's id; absent: `remove` is called once, as is. */
  list?: string;
  /** Where the items are in the listing's output. */
  items?: string;
  remove: string;
  /** The removal's input beyond the resource's id, from one listed item. */
  args?: (item: Record<string, unknown> | string) => Record<string, unknown>;
  skip?: (item: Record<string, unknown> | string) => boolean;
}

export type ResourceKind =
  | 'user' | 'group' | 'role' | 'managed policy' | 'instance profile' | 'OIDC provider' | 'SAML provider'
  | 'server certificate' | 'virtual MFA device' | 'account alias';

const field = (name: string) => (item: Record<string, unknown> | string) => ({ [name]: typeof item === 'string' ? item : item[name] });

export const REMOVALS: Record<ResourceKind, Removal> = {
  'instance profile': {
    kind: 'instance profile',
    id: 'InstanceProfileName',
    release: [{ list: 'GetInstanceProfile', items: 'InstanceProfile.Roles', remove: 'RemoveRoleFromInstanceProfile', args: field('RoleName') }],
    remove: 'DeleteInstanceProfile',
  },
  role: {
    kind: 'role',
    id: 'RoleName',
    release: [
      { list: 'ListInstanceProfilesForRole', items: 'InstanceProfiles', remove: 'RemoveRoleFromInstanceProfile', args: field('InstanceProfileName') },
      { list: 'ListAttachedRolePolicies', items: 'AttachedPolicies', remove: 'DetachRolePolicy', args: field('PolicyArn') },
      { list: 'ListRolePolicies', items: 'PolicyNames', remove: 'DeleteRolePolicy', args: field('PolicyName') },
      { remove: 'DeleteRolePermissionsBoundary' },
    ],
    remove: 'DeleteRole',
  },
  group: {
    kind: 'group',
    id: 'GroupName',
    release: [
      { list: 'GetGroup', items: 'Users', remove: 'RemoveUserFromGroup', args: field('UserName') },
      { list: 'ListAttachedGroupPolicies', items: 'AttachedPolicies', remove: 'DetachGroupPolicy', args: field('PolicyArn') },
      { list: 'ListGroupPolicies', items: 'PolicyNames', remove: 'DeleteGroupPolicy', args: field('PolicyName') },
    ],
    remove: 'DeleteGroup',
  },
  'managed policy': {
    kind: 'managed policy',
    id: 'PolicyArn',
    release: [
      { list: 'ListEntitiesForPolicy', items: 'PolicyUsers', remove: 'DetachUserPolicy', args: field('UserName') },
      { list: 'ListEntitiesForPolicy', items: 'PolicyGroups', remove: 'DetachGroupPolicy', args: field('GroupName') },
      { list: 'ListEntitiesForPolicy', items: 'PolicyRoles', remove: 'DetachRolePolicy', args: field('RoleName') },
      // The default version goes with the policy; DeletePolicy refuses while any other is left.
      { list: 'ListPolicyVersions', items: 'Versions', remove: 'DeletePolicyVersion', args: field('VersionId'), skip: (v) => typeof v !== 'string' && isTrue(v.IsDefaultVersion) },
    ],
    remove: 'DeletePolicy',
  },
  user: {
    kind: 'user',
    id: 'UserName',
    release: [
      { remove: 'DeleteLoginProfile' },
      { list: 'ListAccessKeys', items: 'AccessKeyMetadata', remove: 'DeleteAccessKey', args: field('AccessKeyId') },
      { list: 'ListUserPolicies', items: 'PolicyNames', remove: 'DeleteUserPolicy', args: field('PolicyName') },
      { list: 'ListAttachedUserPolicies', items: 'AttachedPolicies', remove: 'DetachUserPolicy', args: field('PolicyArn') },
      { list: 'ListGroupsForUser', items: 'Groups', remove: 'RemoveUserFromGroup', args: field('GroupName') },
      { list: 'ListSigningCertificates', items: 'Certificates', remove: 'DeleteSigningCertificate', args: field('CertificateId') },
      { list: 'ListSSHPublicKeys', items: 'SSHPublicKeys', remove: 'DeleteSSHPublicKey', args: field('SSHPublicKeyId') },
      { list: 'ListServiceSpecificCredentials', items: 'ServiceSpecificCredentials', remove: 'DeleteServiceSpecificCredential', args: field('ServiceSpecificCredentialId') },
      { list: 'ListMFADevices', items: 'MFADevices', remove: 'DeactivateMFADevice', args: field('SerialNumber') },
      { remove: 'DeleteUserPermissionsBoundary' },
    ],
    remove: 'DeleteUser',
  },
  'OIDC provider': { kind: 'OIDC provider', id: 'OpenIDConnectProviderArn', release: [], remove: 'DeleteOpenIDConnectProvider' },
  'SAML provider': { kind: 'SAML provider', id: 'SAMLProviderArn', release: [], remove: 'DeleteSAMLProvider' },
  'server certificate': { kind: 'server certificate', id: 'ServerCertificateName', release: [], remove: 'DeleteServerCertificate' },
  'virtual MFA device': {
    kind: 'virtual MFA device',
    id: 'SerialNumber',
    // A device enabled for a user must be deactivated first; the sweep's id carries the user after a space.
    // A case's tear-down asks GetMFADevice for the user (none while the device is unassigned).
    release: [{ list: 'GetMFADevice', items: 'UserName', remove: 'DeactivateMFADevice', args: field('UserName') }],
    remove: 'DeleteVirtualMFADevice',
  },
  'account alias': { kind: 'account alias', id: 'AccountAlias', release: [], remove: 'DeleteAccountAlias' },
};

/** Codes a removal reads as "already gone". */
const GONE = new Set(['NoSuchEntity']);

export const codeOf = (e: unknown): string | undefined =>
  (e as { code?: string }).code ?? (e as { Code?: string }).Code ?? (e as { name?: string }).name?.replace(/Exception$/, '');

const isTrue = (v: unknown) => v === true || v === 'true';

/**
 * The items at a dotted path of an output, whatever client read it: the SDKs give arrays, the raw Query
 * client the wire's `{ member: [...] }` (or `{ member: x }` for one item, `''` for none).
 */
export function itemsAt(output: unknown, path: string): Array<Record<string, unknown> | string> {
  let v: unknown = output;
  for (const part of path.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
  if (v && typeof v === 'object' && !Array.isArray(v) && 'member' in v) v = (v as { member: unknown }).member;
  if (v === undefined || v === '' || v === null) return [];
  return (Array.isArray(v) ? v : [v]) as Array<Record<string, unknown> | string>;
}

/** Every item of a listing, following Marker while IsTruncated. */
async function listAll(send: Send, operation: string, input: Record<string, unknown>, path: string) {
  const out: Array<Record<string, unknown> | string> = [];
  let marker: unknown;
  do {
    const page = await send(operation, marker ? { ...input, Marker: marker } : input);
    out.push(...itemsAt(page, path));
    marker = isTrue(page.IsTruncated) ? page.Marker : undefined;
  } while (marker);
  return out;
}

/**
 * Removes one resource: each release in order, then the delete. "Already gone" counts as done. A release
 * the target does not answer (an emulator without that listing) is skipped and said in `skipped`: the
 * delete then decides, and its refusal is what `remove` throws.
 */
export async function removeResource(send: Send, kind: ResourceKind, id: string, extra: Record<string, unknown> = {}): Promise<{ skipped: string[]; alreadyGone: boolean }> {
  const r = REMOVALS[kind];
  const key = { [r.id]: id, ...extra };
  const skipped: string[] = [];
  let alreadyGone = false;
  const tolerate = async (what: string, fn: () => Promise<unknown>, strict: boolean) => {
    try {
      await fn();
    } catch (e) {
      if (GONE.has(codeOf(e) ?? '')) return void (strict && (alreadyGone = true));
      if (strict) throw e;
      skipped.push(`${what}: ${codeOf(e) ?? (e as Error).message}`);
    }
  };
  for (const step of r.release) {
    if (!step.list) {
      await tolerate(step.remove, () => send(step.remove, key), false);
      continue;
    }
    let items: Array<Record<string, unknown> | string> = [];
    await tolerate(step.list, async () => (items = await listAll(send, step.list!, key, step.items!)), false);
    for (const item of items) {
      if (step.skip?.(item)) continue;
      await tolerate(step.remove, () => send(step.remove, { ...key, ...step.args!(item) }), false);
    }
  }
  await tolerate(r.remove, () => send(r.remove, key), true);
  return { skipped, alreadyGone };
}
