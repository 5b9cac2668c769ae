import { accountResource, authorize, userResource } from '../authz.ts';
import { IamError, noSuchUser } from '../errors.ts';
import { members } from '../xml.ts';
import { iso, subjectName, type Handler } from './context.ts';
import type { User } from '../state.ts';

export const userXml = (u: User) => ({ Path: u.path, UserName: u.name, UserId: u.id, Arn: u.arn, CreateDate: iso(u.createDate) });

export const userOperations: Record<string, Handler> = {
  CreateUser(ctx) {
    const name = ctx.input.UserName as string;
    const path = (ctx.input.Path as string | undefined) ?? '/';
    authorize(ctx.account, ctx.caller, 'CreateUser', `arn:aws:iam::${ctx.account.id}:user${path}${name}`, ctx.behaviour);
    if (ctx.account.user(name)) throw new IamError('EntityAlreadyExists', 409, `User with name ${name} already exists.`);
    return { User: userXml(ctx.account.createUser(name, path)) };
  },

  GetUser(ctx) {
    if (ctx.input.UserName === undefined && ctx.caller.kind === 'root') {
      // Root asking about itself.
      return { User: { UserId: ctx.account.id, Arn: ctx.caller.arn, CreateDate: iso(new Date(0)) } };
    }
    const name = subjectName(ctx);
    authorize(ctx.account, ctx.caller, 'GetUser', userResource(ctx.account, name), ctx.behaviour);
    const user = ctx.account.user(name);
    if (!user) throw noSuchUser(name);
    return { User: userXml(user) };
  },

  DeleteUser(ctx) {
    const name = ctx.input.UserName as string;
    authorize(ctx.account, ctx.caller, 'DeleteUser', userResource(ctx.account, name), ctx.behaviour);
    const user = ctx.account.user(name);
    if (!user) throw noSuchUser(name);
    if (user.administrator) throw new IamError('DeleteConflict', 409, 'Cannot delete the emulator administrator.');
    const conflict = (what: string) => new IamError('DeleteConflict', 409, `Cannot delete entity, must delete ${what} first.`);
    if (user.loginProfile) throw conflict('login profile');
    if (user.keys.length) throw conflict('access keys');
    if (user.policies.size) throw conflict('policies');
    ctx.account.users.delete(user.name.toLowerCase());
    return undefined;
  },

  ListUsers(ctx) {
    authorize(ctx.account, ctx.caller, 'ListUsers', accountResource(ctx.account), ctx.behaviour);
    const prefix = (ctx.input.PathPrefix as string | undefined) ?? '/';
    const users = [...ctx.account.users.values()].filter((u) => u.path.startsWith(prefix)).sort((a, b) => a.name.localeCompare(b.name));
    return { Users: members(users.map(userXml)), IsTruncated: false };
  },
};
