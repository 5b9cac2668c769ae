import { IamError } from '../errors.ts';
import { members } from '../xml.ts';
import { iso, page, subjectUser, type Handler } from './context.ts';

export const accessKeyOperations: Record<string, Handler> = {
  CreateAccessKey(ctx) {
    const user = subjectUser(ctx, 'CreateAccessKey');
    if (user.keys.length >= 2) throw new IamError('LimitExceeded', 409, 'Cannot exceed quota for AccessKeysPerUser: 2');
    const key = ctx.account.newAccessKey();
    user.keys.push(key);
    return { AccessKey: { UserName: user.name, AccessKeyId: key.id, Status: key.status, SecretAccessKey: key.secret, CreateDate: iso(key.createDate) } };
  },

  DeleteAccessKey(ctx) {
    const user = subjectUser(ctx, 'DeleteAccessKey');
    const i = user.keys.findIndex((k) => k.id === ctx.input.AccessKeyId);
    if (i < 0) throw new IamError('NoSuchEntity', 404, `The Access Key with id ${String(ctx.input.AccessKeyId)} cannot be found.`);
    user.keys.splice(i, 1);
    return undefined;
  },

  ListAccessKeys(ctx) {
    const user = subjectUser(ctx, 'ListAccessKeys');
    const keys = user.keys.map((k) => ({ UserName: user.name, AccessKeyId: k.id, Status: k.status, CreateDate: iso(k.createDate) }));
    const p = page(keys, ctx.input);
    return { AccessKeyMetadata: members(p.items), IsTruncated: p.IsTruncated, ...(p.Marker ? { Marker: p.Marker } : {}) };
  },
};
