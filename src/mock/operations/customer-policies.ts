import { accountResource, authorize } from '../authz.ts';
import { ENTITY_MEMBERS } from '../entities.ts';
import { IamError } from '../errors.ts';
import { MANAGED_POLICIES } from '../managed-policies.ts';
import { checkManagedPolicySize, checkPolicyDocument } from '../policy-document.ts';
import { checkNewTags, POLICY_TAG_RULES, withTagRules } from '../tags.ts';
import { members } from '../xml.ts';
import { randomId, type Account, type CustomerPolicy, type PolicyVersion } from '../state.ts';
import { iso, page, type Handler, type OperationContext } from './context.ts';
import type { Item } from '../validate.ts';

/**
 * Customer managed policies (Account.policies, keyed by ARN) and their versions. Texts are recorded in
 * test_iam_policies.snapshot.json unless a comment says otherwise; AWS managed policies' refusals in
 * test_iam_managed_policies.snapshot.json test_aws_managed_policy_errors. AWS managed policies are fixed
 * data the emulator holds only the documents of (src/mock/managed-policies.ts): where an answer needs
 * more of one (its versions, its id), the emulator says it does not model it rather than invent it.
 */

/** An AWS managed policy's versions and metadata are not data the emulator holds. */
const notModelled = (action: string) => new IamError('NotImplemented', 501, `The reference emulator does not model the versions of AWS managed policies (${action})`);

/** Whether an ARN names a policy of another account: AWS's own (`arn:aws:iam::aws:policy/...`). */
const outsideAccount = (account: Account, arn: string) => /^arn:[^:]+:iam::([^:]*):/.exec(arn)?.[1] !== account.id;

/** Users, groups and roles the policy is attached to, and those it bounds. */
function attachments(account: Account, arn: string) {
  const attachedTo = [
    ...[...account.users.values()].filter((u) => u.attached.has(arn)).map((u) => ({ kind: 'User' as const, name: u.name, id: u.id, path: u.path })),
    ...[...account.groups.values()].filter((g) => g.attached.has(arn)).map((g) => ({ kind: 'Group' as const, name: g.name, id: g.id, path: g.path })),
    ...[...account.roles.values()].filter((r) => r.attached.has(arn)).map((r) => ({ kind: 'Role' as const, name: r.name, id: r.id, path: r.path })),
  ];
  const bounded = [
    ...[...account.users.values()].filter((u) => u.permissionsBoundary === arn).map((u) => ({ kind: 'User' as const, name: u.name, id: u.id, path: u.path })),
    ...[...account.roles.values()].filter((r) => r.permissionsBoundary === arn).map((r) => ({ kind: 'Role' as const, name: r.name, id: r.id, path: r.path })),
  ];
  return { attachedTo, bounded };
}

/** A policy as ListPolicies shows it (recorded filtered-policy-list); GetPolicy and CreatePolicy add Description and Tags. */
function policyXml(account: Account, p: CustomerPolicy) {
  const { attachedTo, bounded } = attachments(account, p.arn);
  return {
    PolicyName: p.name,
    PolicyId: p.id,
    Arn: p.arn,
    Path: p.path,
    DefaultVersionId: p.defaultVersion,
    AttachmentCount: attachedTo.length,
    PermissionsBoundaryUsageCount: bounded.length,
    IsAttachable: true,
    CreateDate: iso(p.createDate),
    UpdateDate: iso(p.updateDate),
  };
}

const versionXml = (p: CustomerPolicy, v: PolicyVersion) => ({ VersionId: v.id, IsDefaultVersion: v.id === p.defaultVersion, CreateDate: iso(v.createDate) });

/** NoSuchEntity for a version of a policy, whichever of the two is missing (err-get-version-nonexistent-policy, err-get-nonexistent-version). */
const noSuchVersion = (arn: string, version: string) => new IamError('NoSuchEntity', 404, `Policy ${arn} version ${version} does not exist or is not attachable.`);

/** The customer policy PolicyArn names, after authorisation on its ARN; `missing` answers for one the account does not hold. */
function customerPolicy(ctx: OperationContext, action: string, missing?: () => IamError): CustomerPolicy {
  const arn = ctx.input.PolicyArn as string;
  authorize(ctx.account, ctx.caller, action, arn, ctx.behaviour);
  const policy = ctx.account.policies.get(arn);
  if (policy) return policy;
  if (MANAGED_POLICIES.has(arn)) throw notModelled(action);
  throw missing ? missing() : new IamError('NoSuchEntity', 404, ENTITY_MEMBERS.PolicyArn!.missing(arn, action));
}

/** Authorisation, then AWS's refusal to change a policy of another account, then the policy itself. */
function ownPolicy(ctx: OperationContext, action: string, refusal: string, missing?: () => IamError): CustomerPolicy {
  const arn = ctx.input.PolicyArn as string;
  authorize(ctx.account, ctx.caller, action, arn, ctx.behaviour);
  if (outsideAccount(ctx.account, arn)) throw new IamError('AccessDenied', 403, refusal);
  return customerPolicy(ctx, action, missing);
}

function checkDocument(ctx: OperationContext, document: string): void {
  checkPolicyDocument(document, 'identity', { managed: true, effectRequired: ctx.behaviour.policyDocumentRequiresEffect });
  checkManagedPolicySize(document);
}

const listed = <T>(member: string, items: T[], ctx: OperationContext) => {
  const p = page(items, ctx.input);
  return { [member]: members(p.items), IsTruncated: p.IsTruncated, ...(p.Marker ? { Marker: p.Marker } : {}) };
};

export const customerPolicyOperations: Record<string, Handler> = {
  CreatePolicy(ctx) {
    const name = ctx.input.PolicyName as string;
    const path = (ctx.input.Path as string | undefined) ?? '/';
    const arn = `arn:aws:iam::${ctx.account.id}:policy${path}${name}`;
    authorize(ctx.account, ctx.caller, 'CreatePolicy', arn, ctx.behaviour);
    const document = ctx.input.PolicyDocument as string;
    checkDocument(ctx, document);
    // Names are unique in the account whatever the path (policy-already-exists); inferred: regardless of case, as IAM names are.
    if ([...ctx.account.policies.values()].some((p) => p.name.toLowerCase() === name.toLowerCase())) {
      throw new IamError('EntityAlreadyExists', 409, `A policy called ${name} already exists. Duplicate names are not allowed.`);
    }
    const tags = withTagRules(POLICY_TAG_RULES, () => checkNewTags(ctx.input.Tags as Item[] | undefined, ctx.behaviour));
    const now = ctx.account.now();
    const description = ctx.input.Description as string | undefined;
    const policy: CustomerPolicy = {
      name, id: 'ANPA' + randomId(17), path, arn, createDate: now, updateDate: now,
      defaultVersion: 'v1', versions: [{ id: 'v1', document, createDate: now }], nextVersion: 2, tags,
      ...(description !== undefined ? { description } : {}),
    };
    ctx.account.policies.set(arn, policy);
    // create-policy-response: no Description or Tags members when there are none.
    return { Policy: { ...policyXml(ctx.account, policy), ...(description ? { Description: description } : {}), ...(tags.length ? { Tags: members(tags) } : {}) } };
  },

  GetPolicy(ctx) {
    const policy = customerPolicy(ctx, 'GetPolicy');
    // get-policy-response: Tags always, empty when there are none.
    return { Policy: { ...policyXml(ctx.account, policy), ...(policy.description ? { Description: policy.description } : {}), Tags: members(policy.tags) } };
  },

  DeletePolicy(ctx) {
    const policy = ownPolicy(ctx, 'DeletePolicy', 'Cannot delete policies outside your own account.'); // delete-managed-policy-error
    if (ctx.behaviour.policyDeleteChecksAttachments && attachments(ctx.account, policy.arn).attachedTo.length > 0) {
      throw new IamError('DeleteConflict', 409, 'Cannot delete a policy attached to entities.'); // test_iam_roles.snapshot.json delete-attached-policy-error
    }
    // The DeletePolicy reference: the versions but the default must go first. Inferred text.
    if (policy.versions.length > 1) {
      throw new IamError('DeleteConflict', 409, "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.");
    }
    ctx.account.policies.delete(policy.arn);
    return undefined;
  },

  ListPolicies(ctx) {
    authorize(ctx.account, ctx.caller, 'ListPolicies', accountResource(ctx.account), ctx.behaviour);
    // With Scope All or AWS, AWS lists its own managed policies, which the emulator knows only a few of; a
    // usage filter needs the kinds of use of those too.
    if (ctx.input.Scope !== 'Local' || ctx.input.PolicyUsageFilter !== undefined) {
      throw new IamError('NotImplemented', 501, 'The reference emulator models ListPolicies with Scope Local only');
    }
    const prefix = (ctx.input.PathPrefix as string | undefined) ?? '/';
    const policies = [...ctx.account.policies.values()]
      .filter((p) => p.path.startsWith(prefix))
      .map((p) => policyXml(ctx.account, p))
      .filter((p) => !ctx.input.OnlyAttached || p.AttachmentCount > 0)
      .sort((a, b) => a.PolicyName.localeCompare(b.PolicyName));
    return listed('Policies', policies, ctx);
  },

  CreatePolicyVersion(ctx) {
    const policy = customerPolicy(ctx, 'CreatePolicyVersion');
    const document = ctx.input.PolicyDocument as string;
    checkDocument(ctx, document);
    if (policy.versions.length >= ctx.behaviour.policyVersionsPerPolicy) {
      throw new IamError('LimitExceeded', 409, 'A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.'); // err-version-limit-exceeded
    }
    // Numbers are never reused: v6 after v5 was deleted (create-version-after-delete).
    const version: PolicyVersion = { id: `v${policy.nextVersion++}`, document, createDate: ctx.account.now() };
    policy.versions.push(version);
    if (ctx.input.SetAsDefault === true) policy.defaultVersion = version.id;
    policy.updateDate = version.createDate;
    return { PolicyVersion: versionXml(policy, version) }; // create-version-v2, create-version-v3: no Document
  },

  GetPolicyVersion(ctx) {
    const arn = ctx.input.PolicyArn as string;
    const id = ctx.input.VersionId as string;
    const policy = customerPolicy(ctx, 'GetPolicyVersion', () => noSuchVersion(arn, id));
    const version = policy.versions.find((v) => v.id === id);
    if (!version) throw noSuchVersion(arn, id);
    return { PolicyVersion: { Document: encodeURIComponent(version.document), ...versionXml(policy, version) } };
  },

  ListPolicyVersions(ctx) {
    const policy = customerPolicy(ctx, 'ListPolicyVersions');
    // Newest first (list-versions, list-versions-at-limit).
    const versions = [...policy.versions].reverse().map((v) => versionXml(policy, v));
    return listed('Versions', versions, ctx);
  },

  DeletePolicyVersion(ctx) {
    const arn = ctx.input.PolicyArn as string;
    const id = ctx.input.VersionId as string;
    // delete-managed-policy-version-error; a policy that is not there: the text of a missing version (by analogy with GetPolicyVersion).
    const policy = ownPolicy(ctx, 'DeletePolicyVersion', 'Cannot delete policy versions for policies outside your own account.', () => noSuchVersion(arn, id));
    const version = policy.versions.find((v) => v.id === id);
    if (!version) throw noSuchVersion(arn, id); // err-delete-nonexistent-version
    if (id === policy.defaultVersion && ctx.behaviour.policyDefaultVersionUndeletable) {
      throw new IamError('DeleteConflict', 409, 'Cannot delete the default version of a policy.'); // err-delete-default-version
    }
    policy.versions = policy.versions.filter((v) => v !== version);
    return undefined;
  },

  SetDefaultPolicyVersion(ctx) {
    const arn = ctx.input.PolicyArn as string;
    const id = ctx.input.VersionId as string;
    // set-default-managed-policy-version-error, err-set-default-nonexistent-policy, err-set-default-nonexistent-version.
    const policy = ownPolicy(ctx, 'SetDefaultPolicyVersion', 'Cannot update policies outside your own account.', () => noSuchVersion(arn, id));
    if (!policy.versions.some((v) => v.id === id)) throw noSuchVersion(arn, id);
    policy.defaultVersion = id;
    policy.updateDate = ctx.account.now();
    return undefined;
  },

  ListEntitiesForPolicy(ctx) {
    const arn = ctx.input.PolicyArn as string;
    authorize(ctx.account, ctx.caller, 'ListEntitiesForPolicy', arn, ctx.behaviour);
    // Attachments are the account's own, for AWS managed policies too, so those can be answered.
    if (!ctx.account.policies.has(arn) && !MANAGED_POLICIES.has(arn)) {
      throw new IamError('NoSuchEntity', 404, ENTITY_MEMBERS.PolicyArn!.missing(arn, 'ListEntitiesForPolicy')); // err-nonexistent-policy
    }
    const { attachedTo, bounded } = attachments(ctx.account, arn);
    const usage = ctx.input.PolicyUsageFilter as string | undefined;
    const used = usage === 'PermissionsPolicy' ? attachedTo : usage === 'PermissionsBoundary' ? bounded : [...attachedTo, ...bounded];
    const filter = ctx.input.EntityFilter as string | undefined;
    const prefix = (ctx.input.PathPrefix as string | undefined) ?? '/';
    // LocalManagedPolicy / AWSManagedPolicy select policies, which nothing attaches a policy to (filter-local-managed-policy: all empty).
    const entities = used
      .filter((e, i) => used.findIndex((o) => o.kind === e.kind && o.id === e.id) === i)
      .filter((e) => (filter === undefined || filter === e.kind) && e.path.startsWith(prefix))
      .sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
    const p = page(entities, ctx.input);
    const of = (kind: 'User' | 'Group' | 'Role') => members(p.items.filter((e) => e.kind === kind).map((e) => ({ [`${kind}Name`]: e.name, [`${kind}Id`]: e.id })));
    return { PolicyGroups: of('Group'), PolicyUsers: of('User'), PolicyRoles: of('Role'), IsTruncated: p.IsTruncated, ...(p.Marker ? { Marker: p.Marker } : {}) };
  },
};
