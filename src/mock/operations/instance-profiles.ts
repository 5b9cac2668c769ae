import { accountResource, authorize } from '../authz.ts';
import { ENTITY_MEMBERS } from '../entities.ts';
import { IamError } from '../errors.ts';
import { randomId, type Account, type InstanceProfile } from '../state.ts';
import { checkNewTags } from '../tags.ts';
import { members } from '../xml.ts';
import { iso, page, type Handler, type OperationContext } from './context.ts';
import { roleXml, subjectRole } from './roles.ts';
import type { Item } from '../validate.ts';

/**
 * Instance profiles and the one role each may hold, in Account.instanceProfiles by lower-cased name
 * (InstanceProfile.roles holds the roles' lower-cased names). Texts are recorded in
 * test_iam_instance_profiles.snapshot.json unless a comment says otherwise; a profile's tags are served by
 * src/mock/operations/tags.ts.
 */

const profileArn = (account: Account, path: string, name: string) => `arn:aws:iam::${account.id}:instance-profile${path}${name}`;

/** A profile with its roles as CreateInstanceProfile and the lists show it (create-instance-profile, list-instance-profiles). */
function profileXml(account: Account, p: InstanceProfile): Record<string, unknown> {
  const roles = p.roles.flatMap((r) => account.roles.get(r) ?? []);
  return { Path: p.path, InstanceProfileName: p.name, InstanceProfileId: p.id, Arn: p.arn, CreateDate: iso(p.createDate), Roles: members(roles.map(roleXml)) };
}

/** The profile InstanceProfileName names, after authorisation on its ARN (get-nonexistent-error). */
function subjectProfile(ctx: OperationContext, action: string): InstanceProfile {
  const name = ctx.input.InstanceProfileName as string;
  const profile = ctx.account.instanceProfiles.get(name.toLowerCase());
  authorize(ctx.account, ctx.caller, action, profile?.arn ?? profileArn(ctx.account, '/', name), ctx.behaviour);
  if (!profile) throw new IamError('NoSuchEntity', 404, ENTITY_MEMBERS.InstanceProfileName!.missing(name, action));
  return profile;
}

const paged = (items: Record<string, unknown>[], ctx: OperationContext) => {
  const p = page(items, ctx.input);
  return { InstanceProfiles: members(p.items), IsTruncated: p.IsTruncated, ...(p.Marker ? { Marker: p.Marker } : {}) };
};

const byName = (a: InstanceProfile, b: InstanceProfile) => a.name.localeCompare(b.name);

export const instanceProfileOperations: Record<string, Handler> = {
  CreateInstanceProfile(ctx) {
    const name = ctx.input.InstanceProfileName as string;
    const path = (ctx.input.Path as string | undefined) ?? '/';
    authorize(ctx.account, ctx.caller, 'CreateInstanceProfile', profileArn(ctx.account, path, name), ctx.behaviour);
    if (ctx.account.instanceProfiles.has(name.toLowerCase())) throw new IamError('EntityAlreadyExists', 409, `Instance Profile ${name} already exists.`); // create-duplicate-error
    const tags = checkNewTags(ctx.input.Tags as Item[] | undefined, ctx.behaviour);
    const profile: InstanceProfile = { name, id: 'AIPA' + randomId(17), path, arn: profileArn(ctx.account, path, name), createDate: ctx.account.now(), roles: [], tags };
    ctx.account.instanceProfiles.set(name.toLowerCase(), profile);
    // Tags only when given (create-instance-profile, create-with-tags).
    return { InstanceProfile: { ...profileXml(ctx.account, profile), ...(tags.length ? { Tags: members(tags) } : {}) } };
  },

  GetInstanceProfile(ctx) {
    const profile = subjectProfile(ctx, 'GetInstanceProfile');
    // Tags always, empty or not (get-instance-profile, get-with-initial-tags).
    return { InstanceProfile: { ...profileXml(ctx.account, profile), Tags: members(profile.tags) } };
  },

  DeleteInstanceProfile(ctx) {
    const profile = subjectProfile(ctx, 'DeleteInstanceProfile');
    if (profile.roles.length && ctx.behaviour.instanceProfileDeleteChecksRoles) {
      throw new IamError('DeleteConflict', 409, 'Cannot delete entity, must remove roles from instance profile first.'); // delete-with-role-error
    }
    ctx.account.instanceProfiles.delete(profile.name.toLowerCase());
    return undefined;
  },

  ListInstanceProfiles(ctx) {
    authorize(ctx.account, ctx.caller, 'ListInstanceProfiles', accountResource(ctx.account), ctx.behaviour);
    const prefix = (ctx.input.PathPrefix as string | undefined) ?? '/';
    const profiles = [...ctx.account.instanceProfiles.values()].filter((p) => p.path.startsWith(prefix)).sort(byName);
    return paged(profiles.map((p) => profileXml(ctx.account, p)), ctx); // list-with-prefix
  },

  ListInstanceProfilesForRole(ctx) {
    const role = subjectRole(ctx, 'ListInstanceProfilesForRole'); // list-profiles-nonexistent-role-error
    const key = role.name.toLowerCase();
    const profiles = [...ctx.account.instanceProfiles.values()].filter((p) => p.roles.includes(key)).sort(byName);
    return paged(profiles.map((p) => profileXml(ctx.account, p)), ctx); // list-for-role
  },

  AddRoleToInstanceProfile(ctx) {
    // The profile is checked before the role (add-role-nonexistent-profile-error, add-nonexistent-role-error).
    const profile = subjectProfile(ctx, 'AddRoleToInstanceProfile');
    const role = subjectRole(ctx, 'AddRoleToInstanceProfile');
    const limit = ctx.behaviour.rolesPerInstanceProfile;
    if (profile.roles.length >= limit) throw new IamError('LimitExceeded', 409, `Cannot exceed quota for InstanceSessionsPerInstanceProfile: ${limit}`); // add-second-role-error
    profile.roles.push(role.name.toLowerCase());
    return undefined;
  },

  RemoveRoleFromInstanceProfile(ctx) {
    const profile = subjectProfile(ctx, 'RemoveRoleFromInstanceProfile'); // remove-role-nonexistent-profile-error
    const role = subjectRole(ctx, 'RemoveRoleFromInstanceProfile'); // remove-nonexistent-role-error
    const key = role.name.toLowerCase();
    if (!profile.roles.includes(key)) {
      throw new IamError('NoSuchEntity', 404, `Role ${ctx.input.RoleName as string} in Instance Profile ${ctx.input.InstanceProfileName as string} cannot be found.`); // remove-unattached-role-error
    }
    profile.roles = profile.roles.filter((r) => r !== key);
    return undefined;
  },
};
