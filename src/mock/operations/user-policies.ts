import { IamError } from '../errors.ts';
import { members } from '../xml.ts';
import { checkPolicyDocument } from '../policy-document.ts';
import { page, subjectUser, type Handler } from './context.ts';


const noSuchPolicy = (policy: string, user: string) => new IamError('NoSuchEntity', 404, `The user policy with name ${policy} cannot be found for user ${user}.`);

export const userPolicyOperations: Record<string, Handler> = {
  PutUserPolicy(ctx) {
    const user = subjectUser(ctx, 'PutUserPolicy');
    const document = ctx.input.PolicyDocument as string;
    checkPolicyDocument(document, 'identity');
    user.policies.set(ctx.input.PolicyName as string, document);
    return undefined;
  },

  GetUserPolicy(ctx) {
    const user = subjectUser(ctx, 'GetUserPolicy');
    const name = ctx.input.PolicyName as string;
    const document = user.policies.get(name);
    if (document === undefined) throw noSuchPolicy(name, user.name);
    return { UserName: user.name, PolicyName: name, PolicyDocument: encodeURIComponent(document) };
  },

  DeleteUserPolicy(ctx) {
    const user = subjectUser(ctx, 'DeleteUserPolicy');
    const name = ctx.input.PolicyName as string;
    if (!user.policies.delete(name)) throw noSuchPolicy(name, user.name);
    return undefined;
  },

  ListUserPolicies(ctx) {
    const user = subjectUser(ctx, 'ListUserPolicies');
    const p = page([...user.policies.keys()].sort(), ctx.input);
    return { PolicyNames: members(p.items), IsTruncated: p.IsTruncated, ...(p.Marker ? { Marker: p.Marker } : {}) };
  },
};
