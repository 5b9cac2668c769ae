import { accountResource, authorize } from '../authz.ts';
import { IamError } from '../errors.ts';
import { ENTITY_MEMBERS, exists, namedEntities } from '../entities.ts';
import { MANAGED_POLICIES } from '../managed-policies.ts';
import { checkPolicyDocument } from '../policy-document.ts';
import { members } from '../xml.ts';
import { randomId, type Account, type Group } from '../state.ts';
import { userXml } from './users.ts';
import { iso, page, subjectUser, type Handler, type OperationContext } from './context.ts';

/**
 * Groups (Account.groups, keyed by lower-cased name): their lifecycle, memberships, inline policies and
 * attached managed policies. Texts are recorded in test_iam_groups.snapshot.json unless a comment says
 * otherwise.
 */

/** A group as CreateGroup, GetGroup and every list show it (create-group, list-groups). */
const groupXml = (g: Group) => ({ Path: g.path, GroupName: g.name, GroupId: g.id, Arn: g.arn, CreateDate: iso(g.createDate) });

const groupArn = (account: Account, path: string, name: string) => `arn:aws:iam::${account.id}:group${path}${name}`;

/** One page of `items` as `{ [listMember]: …, IsTruncated, Marker? }`. */
function listPage<T>(listMember: string, items: T[], input: OperationContext['input']) {
  const p = page(items, input);
  return { [listMember]: members(p.items), IsTruncated: p.IsTruncated, ...(p.Marker ? { Marker: p.Marker } : {}) };
}

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);

/**
 * Steps 4 and 5 of an operation on a group: the caller must be allowed `action` on the group's ARN (as it
 * would be at the root path when there is none), then every entity the request names must exist, in
 * AWS's order (namedEntities: RemoveUserFromGroup names the user first, remove-from-unknown-group).
 */
function subjectGroup(ctx: OperationContext, action: string): Group {
  const name = ctx.input.GroupName as string;
  const group = ctx.account.groups.get(name.toLowerCase());
  authorize(ctx.account, ctx.caller, action, group?.arn ?? groupArn(ctx.account, '/', name), ctx.behaviour);
  for (const { value, entity } of namedEntities(action, ctx.input)) {
    if (!exists(ctx.account, entity.kind, value)) throw new IamError('NoSuchEntity', 404, entity.missing(value, action));
  }
  return group!;
}

/** get-nonexistent-policy: the text names the policy only (DeleteGroupPolicy's by analogy). */
const noSuchGroupPolicy = (policy: string) => new IamError('NoSuchEntity', 404, `The group policy with name ${policy} cannot be found.`);

/** The name a managed policy is listed under: AWS managed (MANAGED_POLICIES) or the account's own. */
function policyName(account: Account, arn: string): string {
  return MANAGED_POLICIES.get(arn)?.name ?? account.policies.get(arn)?.name ?? arn.slice(arn.lastIndexOf('/') + 1);
}

/** A managed policy's path, from its ARN (`arn:aws:iam::aws:policy/service-role/X` → `/service-role/`). */
const policyPath = (arn: string) => arn.slice(arn.indexOf(':policy/') + ':policy'.length, arn.lastIndexOf('/') + 1);

/** The groups `user` (lower-cased name) belongs to. */
export function groupsOf(account: Account, user: string): Group[] {
  return [...account.groups.values()].filter((g) => g.members.has(user.toLowerCase()));
}

export const groupOperations: Record<string, Handler> = {
  CreateGroup(ctx) {
    const name = ctx.input.GroupName as string;
    const path = (ctx.input.Path as string | undefined) ?? '/';
    const arn = groupArn(ctx.account, path, name);
    authorize(ctx.account, ctx.caller, 'CreateGroup', arn, ctx.behaviour);
    if (ctx.account.groups.has(name.toLowerCase())) throw new IamError('EntityAlreadyExists', 409, `Group with name ${name} already exists.`); // create-group-duplicate
    const group: Group = { name, id: 'AGPA' + randomId(17), path, arn, createDate: ctx.account.now(), members: new Set(), policies: new Map(), attached: new Set() };
    ctx.account.groups.set(name.toLowerCase(), group);
    return { Group: groupXml(group) };
  },

  GetGroup(ctx) {
    const group = subjectGroup(ctx, 'GetGroup');
    // A member is held by lower-cased name; one no longer there (renamed elsewhere) is left out.
    const users = [...group.members].flatMap((u) => ctx.account.user(u) ?? []).sort(byName);
    return { Group: groupXml(group), ...listPage('Users', users.map(userXml), ctx.input) }; // group-with-user
  },

  UpdateGroup(ctx) {
    const group = subjectGroup(ctx, 'UpdateGroup');
    const newName = (ctx.input.NewGroupName as string | undefined) ?? group.name;
    const newPath = (ctx.input.NewPath as string | undefined) ?? group.path;
    const taken = ctx.account.groups.get(newName.toLowerCase());
    if (taken && taken !== group) throw new IamError('EntityAlreadyExists', 409, `Group with name ${newName} already exists.`); // update-duplicate-name
    ctx.account.groups.delete(group.name.toLowerCase());
    group.name = newName;
    group.path = newPath;
    group.arn = groupArn(ctx.account, newPath, newName);
    // The IAM User Guide (id_groups_manage_rename.html): the group keeps its users and policies.
    if (!ctx.behaviour.groupRenameKeepsMembers) group.members.clear();
    ctx.account.groups.set(newName.toLowerCase(), group);
    return undefined;
  },

  DeleteGroup(ctx) {
    const group = subjectGroup(ctx, 'DeleteGroup');
    // Code and status from the DeleteGroup reference (DeleteConflict); no recording shows these texts for a
    // group: the members one is inferred, the policy ones are DeleteUser's and DeleteRole's recorded texts
    // (delete-user-with-inline-policy-error, delete-role-with-policy-error), by analogy.
    if (group.members.size && ctx.behaviour.groupDeleteRefusesMembers) throw new IamError('DeleteConflict', 409, 'Cannot delete entity, must remove users from group first.');
    if (group.policies.size) throw new IamError('DeleteConflict', 409, 'Cannot delete entity, must delete policies first.');
    if (group.attached.size) throw new IamError('DeleteConflict', 409, 'Cannot delete entity, must detach all policies first.');
    ctx.account.groups.delete(group.name.toLowerCase());
    return undefined;
  },

  ListGroups(ctx) {
    authorize(ctx.account, ctx.caller, 'ListGroups', accountResource(ctx.account), ctx.behaviour);
    const prefix = (ctx.input.PathPrefix as string | undefined) ?? '/';
    const groups = [...ctx.account.groups.values()].filter((g) => g.path.startsWith(prefix)).sort(byName);
    const input = ctx.behaviour.listGroupsHonoursMaxItems ? ctx.input : { ...ctx.input, MaxItems: undefined };
    return listPage('Groups', groups.map(groupXml), input);
  },

  AddUserToGroup(ctx) {
    const group = subjectGroup(ctx, 'AddUserToGroup');
    // A second add of a member succeeds and changes nothing (test_add_user_to_group_idempotent).
    group.members.add((ctx.input.UserName as string).toLowerCase());
    return undefined;
  },

  RemoveUserFromGroup(ctx) {
    const group = subjectGroup(ctx, 'RemoveUserFromGroup');
    // Removing a user who is not a member succeeds (test_iam_users.snapshot.json remove-nonmember-user-from-group).
    group.members.delete((ctx.input.UserName as string).toLowerCase());
    return undefined;
  },

  ListGroupsForUser(ctx) {
    const user = subjectUser(ctx, 'ListGroupsForUser');
    return listPage('Groups', groupsOf(ctx.account, user.name).sort(byName).map(groupXml), ctx.input); // list-groups-for-user
  },

  PutGroupPolicy(ctx) {
    const group = subjectGroup(ctx, 'PutGroupPolicy');
    const document = ctx.input.PolicyDocument as string;
    checkPolicyDocument(document, 'identity');
    group.policies.set(ctx.input.PolicyName as string, document);
    return undefined;
  },

  GetGroupPolicy(ctx) {
    const group = subjectGroup(ctx, 'GetGroupPolicy');
    const name = ctx.input.PolicyName as string;
    const document = group.policies.get(name);
    if (document === undefined) throw noSuchGroupPolicy(name);
    // URL-encoded on the wire, as GetUserPolicy's (the SDKs decode it: get-group-policy shows it decoded).
    return { GroupName: group.name, PolicyName: name, PolicyDocument: encodeURIComponent(document) };
  },

  DeleteGroupPolicy(ctx) {
    const group = subjectGroup(ctx, 'DeleteGroupPolicy');
    const name = ctx.input.PolicyName as string;
    if (!group.policies.delete(name)) throw noSuchGroupPolicy(name);
    return undefined;
  },

  ListGroupPolicies(ctx) {
    const group = subjectGroup(ctx, 'ListGroupPolicies');
    return listPage('PolicyNames', [...group.policies.keys()].sort(), ctx.input); // list-policies-with-one
  },

  AttachGroupPolicy(ctx) {
    // The policy must exist, AWS managed or the account's own (attach-nonexistent-policy-error's text, via
    // ENTITY_MEMBERS.PolicyArn).
    const group = subjectGroup(ctx, 'AttachGroupPolicy');
    group.attached.add(ctx.input.PolicyArn as string);
    return undefined;
  },

  DetachGroupPolicy(ctx) {
    const group = subjectGroup(ctx, 'DetachGroupPolicy');
    const arn = ctx.input.PolicyArn as string;
    const detached = group.attached.delete(arn);
    if (!detached && ctx.behaviour.detachUnattachedGroupPolicyRefused) throw new IamError('NoSuchEntity', 404, ENTITY_MEMBERS.PolicyArn!.missing(arn, 'DetachGroupPolicy')); // detach-unattached-error
    return undefined;
  },

  ListAttachedGroupPolicies(ctx) {
    const group = subjectGroup(ctx, 'ListAttachedGroupPolicies');
    const prefix = (ctx.input.PathPrefix as string | undefined) ?? '/';
    const attached = [...group.attached].filter((arn) => policyPath(arn).startsWith(prefix)).map((arn) => ({ PolicyName: policyName(ctx.account, arn), PolicyArn: arn }));
    attached.sort((a, b) => a.PolicyName.localeCompare(b.PolicyName));
    return listPage('AttachedPolicies', attached, ctx.input); // list-attached-after-attach
  },
};
