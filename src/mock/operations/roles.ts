import { accountResource, authorize } from '../authz.ts';
import { ENTITY_MEMBERS, exists } from '../entities.ts';
import { IamError } from '../errors.ts';
import { MANAGED_POLICIES } from '../managed-policies.ts';
import { checkPolicyDocument } from '../policy-document.ts';
import { randomId, type Account, type Role } from '../state.ts';
import { checkNewTags } from '../tags.ts';
import { members } from '../xml.ts';
import { iso, page, type Handler, type OperationContext } from './context.ts';
import type { Item } from '../validate.ts';

/**
 * Roles: their trust policy, description and session length, inline and attached policies and
 * permissions boundary, held in Account.roles by lower-cased name. Texts are recorded in
 * test_iam_roles.snapshot.json unless a comment says otherwise. Instance profiles (which hold roles) are
 * src/mock/operations/instance-profiles.ts; a role's tags, src/mock/operations/tags.ts.
 */

const roleArn = (account: Account, path: string, name: string) => `arn:aws:iam::${account.id}:role${path}${name}`;

/**
 * A role as CreateRole, UpdateRoleDescription and an instance profile's Roles show it: no
 * MaxSessionDuration, no RoleLastUsed (create-role-response, update-role-description-response,
 * test_iam_instance_profiles.snapshot.json get-with-role). The trust policy is URL-encoded on the wire.
 */
export function roleXml(r: Role): Record<string, unknown> {
  return {
    Path: r.path,
    RoleName: r.name,
    RoleId: r.id,
    Arn: r.arn,
    CreateDate: iso(r.createDate),
    AssumeRolePolicyDocument: encodeURIComponent(r.assumeRolePolicy),
    ...(r.description !== undefined ? { Description: r.description } : {}),
  };
}

const boundaryXml = (r: Role) =>
  r.permissionsBoundary ? { PermissionsBoundary: { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: r.permissionsBoundary } } : {};
const tagsXml = (r: Role) => (r.tags.length ? { Tags: members(r.tags) } : {});

/** ListRoles: with MaxSessionDuration, without RoleLastUsed, boundary or tags (list-roles-with-path, list-roles-with-boundary, list-role-response). */
const listedRoleXml = (r: Role) => ({ ...roleXml(r), MaxSessionDuration: r.maxSessionDuration });

/** GetRole: everything, RoleLastUsed empty for a role never used (get-role-response, get-role-with-boundary). */
const fullRoleXml = (r: Role) => ({ ...listedRoleXml(r), ...boundaryXml(r), RoleLastUsed: {}, ...tagsXml(r) });

/**
 * The role RoleName names, after authorisation on its ARN: NoSuchEntity in the recorded words
 * (get-role-error) when the account holds none.
 */
export function subjectRole(ctx: OperationContext, action: string, member = 'RoleName'): Role {
  const name = ctx.input[member] as string;
  const role = ctx.account.roles.get(name.toLowerCase());
  authorize(ctx.account, ctx.caller, action, role?.arn ?? roleArn(ctx.account, '/', name), ctx.behaviour);
  if (!role) throw new IamError('NoSuchEntity', 404, ENTITY_MEMBERS.RoleName!.missing(name, action));
  return role;
}

/**
 * A permissions boundary must be a policy's ARN (put-invalid-boundary-error, create-role-invalid-boundary-error:
 * InvalidInput) and name a policy the account can attach, AWS managed or its own (put-nonexistent-policy-error).
 */
function checkBoundary(ctx: OperationContext, arn: string): void {
  if (!/^arn:[^:]+:iam::(?:\d{12}|aws):policy\/./.test(arn)) throw new IamError('InvalidInput', 400, `ARN ${arn} is not valid.`);
  if (!exists(ctx.account, 'permissions-boundary', arn)) throw new IamError('NoSuchEntity', 404, ENTITY_MEMBERS.PermissionsBoundary!.missing(arn, ''));
}

/** A managed policy's ARN, else ValidationError (test_role_managed_policy_errors non-existent-malformed-policy-arn). */
function policyArn(ctx: OperationContext): string {
  const arn = ctx.input.PolicyArn as string;
  if (!/^arn:[^:]+:iam::[^:]*:policy\/./.test(arn)) throw new IamError('ValidationError', 400, `ARN ${arn} is not valid.`);
  return arn;
}

/** The name of an attached policy: AWS managed ones are fixed data, customer ones in Account.policies. */
const policyName = (account: Account, arn: string) => MANAGED_POLICIES.get(arn)?.name ?? account.policies.get(arn)?.name ?? arn.slice(arn.lastIndexOf('/') + 1);

const noSuchRolePolicy = (name: string) => new IamError('NoSuchEntity', 404, `The role policy with name ${name} cannot be found.`); // get-deleted-policy-error

const paged = <T>(member: string, items: T[], ctx: OperationContext) => {
  const p = page(items, ctx.input);
  return { [member]: members(p.items), IsTruncated: p.IsTruncated, ...(p.Marker ? { Marker: p.Marker } : {}) };
};

export const roleOperations: Record<string, Handler> = {
  CreateRole(ctx) {
    const name = ctx.input.RoleName as string;
    const path = (ctx.input.Path as string | undefined) ?? '/';
    authorize(ctx.account, ctx.caller, 'CreateRole', roleArn(ctx.account, path, name), ctx.behaviour);
    if (ctx.account.roles.has(name.toLowerCase())) throw new IamError('EntityAlreadyExists', 409, `Role with name ${name} already exists.`); // create-role-already-exists-error
    const document = ctx.input.AssumeRolePolicyDocument as string;
    checkPolicyDocument(document, 'trust');
    const boundary = ctx.input.PermissionsBoundary as string | undefined;
    if (boundary !== undefined) checkBoundary(ctx, boundary);
    const tags = checkNewTags(ctx.input.Tags as Item[] | undefined, ctx.behaviour);
    const role: Role = {
      name,
      id: 'AROA' + randomId(17),
      path,
      arn: roleArn(ctx.account, path, name),
      createDate: ctx.account.now(),
      assumeRolePolicy: document,
      ...(ctx.input.Description !== undefined ? { description: ctx.input.Description as string } : {}),
      // 3600 when left out, as the CreateRole reference says (get-role-response).
      maxSessionDuration: (ctx.input.MaxSessionDuration as number | undefined) ?? ctx.behaviour.roleDefaultMaxSessionDuration,
      policies: new Map(),
      attached: new Set(),
      ...(boundary !== undefined ? { permissionsBoundary: boundary } : {}),
      tags,
    };
    ctx.account.roles.set(name.toLowerCase(), role);
    // create-role-with-boundary, create-role-response (test_role_with_tags): the boundary and tags, when given.
    return { Role: { ...roleXml(role), ...boundaryXml(role), ...tagsXml(role) } };
  },

  GetRole(ctx) {
    return { Role: fullRoleXml(subjectRole(ctx, 'GetRole')) };
  },

  UpdateRole(ctx) {
    const role = subjectRole(ctx, 'UpdateRole');
    // Members left out keep their values (get-role-after-defaults).
    if (ctx.input.Description !== undefined) role.description = ctx.input.Description as string;
    if (ctx.input.MaxSessionDuration !== undefined && ctx.behaviour.updateRoleSetsMaxSessionDuration) role.maxSessionDuration = ctx.input.MaxSessionDuration as number;
    return {};
  },

  UpdateRoleDescription(ctx) {
    const role = subjectRole(ctx, 'UpdateRoleDescription');
    role.description = ctx.input.Description as string;
    return { Role: { ...roleXml(role), ...boundaryXml(role), ...tagsXml(role) } }; // update-role-description-response
  },

  UpdateAssumeRolePolicy(ctx) {
    const role = subjectRole(ctx, 'UpdateAssumeRolePolicy');
    const document = ctx.input.PolicyDocument as string;
    checkPolicyDocument(document, 'trust');
    role.assumeRolePolicy = document;
    return undefined;
  },

  DeleteRole(ctx) {
    const role = subjectRole(ctx, 'DeleteRole');
    const key = role.name.toLowerCase();
    const conflict = (what: string) => new IamError('DeleteConflict', 409, `Cannot delete entity, must ${what} first.`);
    if (ctx.behaviour.roleDeleteChecksInstanceProfiles && [...ctx.account.instanceProfiles.values()].some((p) => p.roles.includes(key))) {
      throw conflict('remove roles from instance profile'); // delete-role-with-instance-profile-error
    }
    if (role.policies.size && ctx.behaviour.roleDeleteChecksInlinePolicies) throw conflict('delete policies'); // delete-role-with-inline-policy-error
    if (role.attached.size) throw conflict('detach all policies'); // delete-role-with-policy-error
    ctx.account.roles.delete(key);
    return undefined;
  },

  ListRoles(ctx) {
    authorize(ctx.account, ctx.caller, 'ListRoles', accountResource(ctx.account), ctx.behaviour);
    const prefix = (ctx.input.PathPrefix as string | undefined) ?? '/';
    const roles = [...ctx.account.roles.values()].filter((r) => r.path.startsWith(prefix)).sort((a, b) => a.name.localeCompare(b.name));
    const input = ctx.behaviour.roleListHonoursMaxItems ? ctx.input : { ...ctx.input, MaxItems: undefined };
    return paged('Roles', roles.map(listedRoleXml), { ...ctx, input });
  },

  PutRolePolicy(ctx) {
    const role = subjectRole(ctx, 'PutRolePolicy');
    const document = ctx.input.PolicyDocument as string;
    checkPolicyDocument(document, 'identity');
    role.policies.set(ctx.input.PolicyName as string, document);
    return undefined;
  },

  GetRolePolicy(ctx) {
    const role = subjectRole(ctx, 'GetRolePolicy');
    const name = ctx.input.PolicyName as string;
    const document = role.policies.get(name);
    if (document === undefined) throw noSuchRolePolicy(name);
    return { RoleName: role.name, PolicyName: name, PolicyDocument: encodeURIComponent(document) };
  },

  DeleteRolePolicy(ctx) {
    const role = subjectRole(ctx, 'DeleteRolePolicy');
    const name = ctx.input.PolicyName as string;
    if (!role.policies.delete(name)) throw noSuchRolePolicy(name); // delete-nonexistent-policy-error
    return undefined;
  },

  ListRolePolicies(ctx) {
    const role = subjectRole(ctx, 'ListRolePolicies');
    return paged('PolicyNames', [...role.policies.keys()].sort(), ctx);
  },

  AttachRolePolicy(ctx) {
    const role = subjectRole(ctx, 'AttachRolePolicy');
    const arn = policyArn(ctx);
    // attach-nonexistent-policy-error
    if (!exists(ctx.account, 'policy', arn)) throw new IamError('NoSuchEntity', 404, ENTITY_MEMBERS.PolicyArn!.missing(arn, 'AttachRolePolicy'));
    role.attached.add(arn);
    return undefined;
  },

  DetachRolePolicy(ctx) {
    const role = subjectRole(ctx, 'DetachRolePolicy');
    const arn = policyArn(ctx);
    // detach-not-attached-policy-error, detach-nonexistent-policy-error: the same text either way.
    if (!role.attached.delete(arn)) throw new IamError('NoSuchEntity', 404, ENTITY_MEMBERS.PolicyArn!.missing(arn, 'DetachRolePolicy'));
    return undefined;
  },

  ListAttachedRolePolicies(ctx) {
    const role = subjectRole(ctx, 'ListAttachedRolePolicies');
    const prefix = (ctx.input.PathPrefix as string | undefined) ?? '/';
    // A policy's path is what its ARN holds between `policy` and its name.
    const pathOf = (arn: string) => arn.slice(arn.indexOf(':policy') + 7, arn.lastIndexOf('/') + 1);
    const attached = [...role.attached].filter((arn) => pathOf(arn).startsWith(prefix)).sort().map((arn) => ({ PolicyName: policyName(ctx.account, arn), PolicyArn: arn }));
    return paged('AttachedPolicies', attached, ctx);
  },

  PutRolePermissionsBoundary(ctx) {
    const role = subjectRole(ctx, 'PutRolePermissionsBoundary');
    const arn = ctx.input.PermissionsBoundary as string;
    checkBoundary(ctx, arn);
    role.permissionsBoundary = arn;
    return undefined;
  },

  DeleteRolePermissionsBoundary(ctx) {
    const role = subjectRole(ctx, 'DeleteRolePermissionsBoundary');
    // Inferred: a role without a boundary is left as it is (no recording shows that answer).
    if (ctx.behaviour.deleteRoleBoundaryDeletes) delete role.permissionsBoundary;
    return undefined;
  },
};
