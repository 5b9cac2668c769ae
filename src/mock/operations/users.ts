import { accountResource, authorize } from '../authz.ts';
import { IamError } from '../errors.ts';
import { members } from '../xml.ts';
import { iso, page, subjectUser, type Handler, type OperationContext } from './context.ts';
import type { User } from '../state.ts';
import type { Item } from '../validate.ts';

/** A user as ListUsers shows it (IAM lists no tags). */
export const userXml = (u: User) => ({ Path: u.path, UserName: u.name, UserId: u.id, Arn: u.arn, CreateDate: iso(u.createDate) });
/** A user as CreateUser and GetUser show it: with its tags, when it has any. */
const userWithTags = (u: User) => ({ ...userXml(u), ...(u.tags.length ? { Tags: members(u.tags) } : {}) });

export const userOperations: Record<string, Handler> = {
  CreateUser(ctx) {
    const name = ctx.input.UserName as string;
    const path = (ctx.input.Path as string | undefined) ?? '/';
    authorize(ctx.account, ctx.caller, 'CreateUser', `arn:aws:iam::${ctx.account.id}:user${path}${name}`, ctx.behaviour);
    if (ctx.account.user(name)) throw new IamError('EntityAlreadyExists', 409, `User with name ${name} already exists.`);
    const tags = (ctx.input.Tags as Item[] | undefined) ?? [];
    // Tag keys are unique regardless of case (IAM's rule for tags).
    if (new Set(tags.map((t) => t.Key!.toLowerCase())).size < tags.length) throw new IamError('InvalidInput', 400, 'Duplicate tag keys found. Please note that Tag keys are case insensitive.');
    const user = ctx.account.createUser(name, path);
    user.tags = tags.map((t) => ({ Key: t.Key!, Value: t.Value! }));
    return { User: userWithTags(user) };
  },

  GetUser(ctx) {
    if (ctx.input.UserName === undefined && ctx.caller.kind === 'root') {
      // Root asking about itself.
      return { User: { UserId: ctx.account.id, Arn: ctx.caller.arn, CreateDate: iso(ctx.account.createDate) } };
    }
    const user = subjectUser(ctx, 'GetUser');
    return { User: userWithTags(user) };
  },

  DeleteUser(ctx) {
    const user = subjectUser(ctx, 'DeleteUser');
    if (user.administrator) throw new IamError('DeleteConflict', 409, 'Cannot delete the emulator administrator.');
    const conflict = (what: string) => new IamError('DeleteConflict', 409, `Cannot delete entity, must delete ${what} first.`);
    if (user.loginProfile) throw conflict('login profile');
    if (user.keys.length && ctx.behaviour.accessKeysBlockUserDelete) throw conflict('access keys');
    if (user.policies.size) throw conflict('policies');
    // As the DeleteUser reference says: detach managed policies first.
    if (user.attached.size) throw new IamError('DeleteConflict', 409, 'Cannot delete entity, must detach all policies first.');
    // The DeleteUser reference: remove the user from its groups first (the text is inferred: unrecorded).
    const inGroup = [...ctx.account.groups.values()].some((g) => g.members.has(user.name.toLowerCase()));
    if (inGroup && ctx.behaviour.groupMembershipBlocksUserDelete) throw new IamError('DeleteConflict', 409, 'Cannot delete entity, must remove users from group first.');
    // A service-specific credential (delete-user-existing-credential); an SSH public key, which the
    // DeleteUser reference also names, by analogy (its text is unrecorded).
    if ((user.serviceCredentials?.length && ctx.behaviour.serviceCredentialsBlockUserDelete) || user.sshPublicKeys?.length) {
      throw new IamError('DeleteConflict', 409, 'Cannot delete entity, must remove referenced objects first.');
    }
    ctx.account.users.delete(user.name.toLowerCase());
    return undefined;
  },

  UpdateUser(ctx) {
    const user = subjectUser(ctx, 'UpdateUser');
    const newName = ctx.input.NewUserName as string | undefined;
    const newPath = ctx.input.NewPath as string | undefined;
    if (newName !== undefined && newName.toLowerCase() !== user.name.toLowerCase()) {
      // By analogy with CreateUser's create-duplicate-user-error (UpdateUser's own text is unrecorded).
      if (ctx.account.user(newName)) throw new IamError('EntityAlreadyExists', 409, `User with name ${newName} already exists.`);
      renameUser(ctx, user, newName);
    } else if (newName !== undefined) {
      user.name = newName;
    }
    if (newPath !== undefined) user.path = newPath;
    // Id and CreateDate stay; the ARN follows name and path (get-updated-user).
    user.arn = `arn:aws:iam::${ctx.account.id}:user${user.path}${user.name}`;
    return undefined;
  },

  ListUsers(ctx) {
    authorize(ctx.account, ctx.caller, 'ListUsers', accountResource(ctx.account), ctx.behaviour);
    const prefix = (ctx.input.PathPrefix as string | undefined) ?? '/';
    const users = [...ctx.account.users.values()].filter((u) => u.path.startsWith(prefix)).sort((a, b) => a.name.localeCompare(b.name));
    const p = page(users, ctx.behaviour.listUsersHonoursMaxItems ? ctx.input : { ...ctx.input, MaxItems: undefined });
    return { Users: members(p.items.map(userXml)), IsTruncated: p.IsTruncated, ...(p.Marker ? { Marker: p.Marker } : {}) };
  },
};

/**
 * A rename keeps everything the user holds, now under the new name (test_iam_users.snapshot.json
 * TestUserRename: keys, login profile, SSH keys, MFA devices, service credentials, certificates): what
 * the account holds by the user's name (group members, MFA devices) is renamed with it.
 */
function renameUser(ctx: OperationContext, user: User, newName: string): void {
  const [from, to] = [user.name.toLowerCase(), newName.toLowerCase()];
  ctx.account.users.delete(from);
  user.name = newName;
  ctx.account.users.set(to, user);
  if (!ctx.behaviour.renameKeepsAccessKeys) user.keys = [];
  for (const g of ctx.account.groups.values()) {
    if (g.members.delete(from) && ctx.behaviour.renameKeepsGroupMemberships) g.members.add(to);
  }
  for (const d of ctx.account.mfaDevices.values()) if (d.user === from) d.user = to;
}
