import { accountResource, authorize } from '../authz.ts';
import { IamError } from '../errors.ts';
import { members } from '../xml.ts';
import type { Handler } from './context.ts';

/**
 * The account-wide List operations of the kinds no family module of the emulator creates yet: while the
 * account holds none of the kind (Account.resources), the answer is AWS's for an account without any,
 * an empty page. Once a family module adds resources of the kind it must answer these itself: until
 * then such a list answers 501 rather than leave out what exists.
 */
function emptyList(action: string, kind: string, listMember: string, scoped?: (input: Record<string, unknown>) => boolean): Handler {
  return (ctx) => {
    authorize(ctx.account, ctx.caller, action, accountResource(ctx.account), ctx.behaviour);
    const held = (ctx.account.resources.get(kind)?.size ?? 0) > 0;
    if (held || (scoped && !scoped(ctx.input))) {
      throw new IamError('NotImplemented', 501, `The reference emulator does not model the items of ${action}`);
    }
    return { [listMember]: members([]), IsTruncated: false };
  };
}

export const resourceListOperations: Record<string, Handler> = {
};
