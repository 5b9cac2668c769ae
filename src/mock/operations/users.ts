import { accountResource, authorize } from '../authz.ts';
import { IamError } from '../errors.ts';
import { members } from '../xml.ts';
import { iso, page, subjectUser, type Handler } from './context.ts';
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
    if (user.keys.length) throw conflict('access keys');
    if (user.policies.size) throw conflict('policies');
    // As the DeleteUser reference says: detach managed policies first.
    if (user.attached.size) throw new IamError('DeleteConflict', 409, 'Cannot delete entity, must detach all policies first.');
    ctx.account.users.delete(user.name.toLowerCase());
    return undefined;
  },

  ListUsers(ctx) {
    authorize(ctx.account, ctx.caller, 'ListUsers', accountResource(ctx.account), ctx.behaviour);
    const prefix = (ctx.input.PathPrefix as string | undefined) ?? '/';
    const users = [...ctx.account.users.values()].filter((u) => u.path.startsWith(prefix)).sort((a, b) => a.name.localeCompare(b.name));
    const p = page(users, ctx.input);
    return { Users: members(p.items.map(userXml)), IsTruncated: p.IsTruncated, ...(p.Marker ? { Marker: p.Marker } : {}) };
  },
};
