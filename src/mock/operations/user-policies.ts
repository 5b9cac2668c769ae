import { authorize, userResource } from '../authz.ts';
import { IamError, noSuchUser } from '../errors.ts';
import { members } from '../xml.ts';
import { page, type Handler, type OperationContext } from './context.ts';

function subject(ctx: OperationContext, action: string) {
  const name = ctx.input.UserName as string;
  authorize(ctx.account, ctx.caller, action, userResource(ctx.account, name), ctx.behaviour);
  const user = ctx.account.user(name);
  if (!user) throw noSuchUser(name);
  return user;
}

const noSuchPolicy = (policy: string, user: string) => new IamError('NoSuchEntity', 404, `The user policy with name ${policy} cannot be found for user ${user}.`);

export const userPolicyOperations: Record<string, Handler> = {
  PutUserPolicy(ctx) {
    const user = subject(ctx, 'PutUserPolicy');
    const document = ctx.input.PolicyDocument as string;
    try {
      JSON.parse(document);
    } catch {
      throw new IamError('MalformedPolicyDocument', 400, 'Syntax errors in policy.');
    }
    user.policies.set(ctx.input.PolicyName as string, document);
    return undefined;
  },

  GetUserPolicy(ctx) {
    const user = subject(ctx, 'GetUserPolicy');
    const name = ctx.input.PolicyName as string;
    const document = user.policies.get(name);
    if (document === undefined) throw noSuchPolicy(name, user.name);
    return { UserName: user.name, PolicyName: name, PolicyDocument: encodeURIComponent(document) };
  },

  DeleteUserPolicy(ctx) {
    const user = subject(ctx, 'DeleteUserPolicy');
    const name = ctx.input.PolicyName as string;
    if (!user.policies.delete(name)) throw noSuchPolicy(name, user.name);
    return undefined;
  },

  ListUserPolicies(ctx) {
    const user = subject(ctx, 'ListUserPolicies');
    const p = page([...user.policies.keys()].sort(), ctx.input);
    return { PolicyNames: members(p.items), IsTruncated: p.IsTruncated, ...(p.Marker ? { Marker: p.Marker } : {}) };
  },
};
