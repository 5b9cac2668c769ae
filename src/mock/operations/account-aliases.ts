import { accountResource, authorize } from '../authz.ts';
import { IamError } from '../errors.ts';
import { members } from '../xml.ts';
import { page, type Handler, type OperationContext } from './context.ts';

/**
 * The account's alias (Account.accountAlias): IAM allows one per account. Create and delete answer an
 * empty 200 (test_iam_account_aliases.snapshot.json create-alias, delete-alias).
 */
const authorized = (ctx: OperationContext, action: string) => authorize(ctx.account, ctx.caller, action, accountResource(ctx.account), ctx.behaviour);

export const accountAliasOperations: Record<string, Handler> = {
  CreateAccountAlias(ctx) {
    authorized(ctx, 'CreateAccountAlias');
    // Inferred: a second alias replaces the first (IAM allows one; the docs do not say it refuses).
    ctx.account.accountAlias = ctx.input.AccountAlias as string;
    return undefined;
  },

  ListAccountAliases(ctx) {
    authorized(ctx, 'ListAccountAliases');
    const p = page(ctx.account.accountAlias ? [ctx.account.accountAlias] : [], ctx.input);
    return { AccountAliases: members(p.items), IsTruncated: p.IsTruncated, ...(p.Marker ? { Marker: p.Marker } : {}) };
  },

  DeleteAccountAlias(ctx) {
    authorized(ctx, 'DeleteAccountAlias');
    const alias = ctx.input.AccountAlias as string;
    // The reference lists NoSuchEntity; the text is inferred (no recording shows it).
    if (ctx.account.accountAlias !== alias) throw new IamError('NoSuchEntity', 404, `The account alias ${alias} cannot be found.`);
    if (ctx.behaviour.deleteAccountAliasDeletes) ctx.account.accountAlias = undefined;
    return undefined;
  },
};
