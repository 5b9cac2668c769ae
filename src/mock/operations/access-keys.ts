import { authorize } from '../authz.ts';
import { ENTITY_MEMBERS } from '../entities.ts';
import { IamError } from '../errors.ts';
import { members } from '../xml.ts';
import { iso, page, subjectUser, type Handler, type OperationContext } from './context.ts';
import type { AccessKey, User } from '../state.ts';

/**
 * A user's access keys, which are also the emulator's credentials (Account.principal): a key made
 * Inactive stops authenticating at once. Texts are recorded in test_iam_users.snapshot.json
 * (TestUserAccessKeys) unless a comment says otherwise.
 */

/** The user's key AccessKeyId names (update-nonexistent-access-key-error). */
function keyOf(ctx: OperationContext, user: User): AccessKey {
  const id = ctx.input.AccessKeyId as string;
  const key = user.keys.find((k) => k.id === id);
  if (!key) throw new IamError('NoSuchEntity', 404, ENTITY_MEMBERS.AccessKeyId!.missing(id, ''));
  return key;
}

export const accessKeyOperations: Record<string, Handler> = {
  CreateAccessKey(ctx) {
    const user = subjectUser(ctx, 'CreateAccessKey');
    const limit = ctx.behaviour.accessKeysPerUser;
    if (user.keys.length >= limit) throw new IamError('LimitExceeded', 409, `Cannot exceed quota for AccessKeysPerUser: ${limit}`); // create-third-access-key-error
    const key = ctx.account.newAccessKey();
    user.keys.push(key);
    return { AccessKey: { UserName: user.name, AccessKeyId: key.id, Status: key.status, SecretAccessKey: key.secret, CreateDate: iso(key.createDate) } };
  },

  UpdateAccessKey(ctx) {
    const user = subjectUser(ctx, 'UpdateAccessKey');
    const key = keyOf(ctx, user);
    if (ctx.behaviour.updateAccessKeySetsStatus) key.status = ctx.input.Status as AccessKey['status'];
    return undefined;
  },

  DeleteAccessKey(ctx) {
    const user = subjectUser(ctx, 'DeleteAccessKey');
    const key = keyOf(ctx, user);
    user.keys = user.keys.filter((k) => k !== key);
    return undefined;
  },

  ListAccessKeys(ctx) {
    const user = subjectUser(ctx, 'ListAccessKeys');
    const keys = user.keys.map((k) => ({ UserName: user.name, AccessKeyId: k.id, Status: k.status, CreateDate: iso(k.createDate) }));
    const p = page(keys, ctx.input);
    return { AccessKeyMetadata: members(p.items), IsTruncated: p.IsTruncated, ...(p.Marker ? { Marker: p.Marker } : {}) };
  },

  GetAccessKeyLastUsed(ctx) {
    const id = ctx.input.AccessKeyId as string;
    const owner = [...ctx.account.users.values()].find((u) => u.keys.some((k) => k.id === id));
    // A key of no user: AWS answers AccessDenied, not NoSuchEntity (the model lists no error), naming the
    // key (get-last-used-nonexistent-key-error).
    if (!owner) throw new IamError('AccessDenied', 403, `User: ${ctx.caller.arn} is not authorized to perform iam:GetAccessKeyLastUsed on resource: access key ${id}`);
    authorize(ctx.account, ctx.caller, 'GetAccessKeyLastUsed', owner.arn, ctx.behaviour);
    // The emulator does not track use: every key reads as never used, which AWS shows as N/A for region
    // and service and no LastUsedDate (get-access-key-last-used-unused).
    return { UserName: owner.name, AccessKeyLastUsed: { Region: 'N/A', ServiceName: 'N/A' } };
  },
};
