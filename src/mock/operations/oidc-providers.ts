import { accountResource, authorize } from '../authz.ts';
import { IamError } from '../errors.ts';
import { ENTITY_MEMBERS } from '../entities.ts';
import { members } from '../xml.ts';
import type { OidcProvider } from '../state.ts';
import { heldByArn, iso, type Handler, type OperationContext } from './context.ts';
import type { Item } from '../validate.ts';

/**
 * OpenID Connect providers, held in Account.oidcProviders by ARN. A provider is its URL: the ARN is
 * `oidc-provider/<host/path>`, the URL without its scheme, and IAM answers that same form as `Url`
 * (API_GetOpenIDConnectProvider.html example: `server.example.com`). Texts are recorded in
 * test_iam_oidc.snapshot.json unless a comment says otherwise.
 */

/** The URL as IAM keeps it: without `https://` and without a trailing slash. */
const bare = (url: string) => url.replace(/^https:\/\//i, '').replace(/\/$/, '');
const arnOf = (ctx: OperationContext, url: string) => `arn:aws:iam::${ctx.account.id}:oidc-provider/${bare(url)}`;

/** The provider the request names, after authorisation (not-found-error, deletion-not-found-error). */
function existing(ctx: OperationContext, action: string): OidcProvider {
  return heldByArn(ctx, action, 'OpenIDConnectProviderArn', ctx.account.oidcProviders);
}

/** too-many-thumbprints: at most 5 thumbprints (the recorded text says "fewer than 5"). */
function checkThumbprints(list: string[]): void {
  if (list.length > 5) throw new IamError('InvalidInput', 400, 'Thumbprint list must contain fewer than 5 entries.');
}

/** quota-error: at most 100 client ids. */
function checkClientIds(list: string[]): void {
  if (list.length > 100) throw new IamError('LimitExceeded', 409, 'Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: 100');
}

export const oidcProviderOperations: Record<string, Handler> = {
  CreateOpenIDConnectProvider(ctx) {
    const url = ctx.input.Url as string;
    authorize(ctx.account, ctx.caller, 'CreateOpenIDConnectProvider', accountResource(ctx.account), ctx.behaviour);
    // invalid-url: only https URLs with a host.
    if (!/^https:\/\/[^/?#\s]+/i.test(url)) throw new IamError('ValidationError', 400, 'Invalid Open ID Connect Provider URL');
    const arn = arnOf(ctx, url);
    // duplicate-error: the URL as sent.
    if (ctx.behaviour.oidcDuplicateUrlsRejected && ctx.account.oidcProviders.has(arn)) {
      throw new IamError('EntityAlreadyExists', 409, `Provider with url ${url} already exists.`);
    }
    const thumbprints = (ctx.input.ThumbprintList as string[] | undefined) ?? [];
    const clientIds = [...new Set((ctx.input.ClientIDList as string[] | undefined) ?? [])];
    checkThumbprints(thumbprints);
    checkClientIds(clientIds);
    const tags = ((ctx.input.Tags as Item[] | undefined) ?? []).map((t) => ({ Key: t.Key!, Value: t.Value! }));
    ctx.account.oidcProviders.set(arn, { arn, url: bare(url), clientIds, thumbprints, createDate: ctx.account.now(), tags });
    return { OpenIDConnectProviderArn: arn, ...(tags.length ? { Tags: members(tags) } : {}) };
  },

  GetOpenIDConnectProvider(ctx) {
    const p = existing(ctx, 'GetOpenIDConnectProvider');
    // get-response: the lists and Tags are there even when empty.
    return {
      Url: p.url,
      ClientIDList: members(p.clientIds),
      ThumbprintList: members(p.thumbprints),
      CreateDate: iso(p.createDate),
      Tags: members(p.tags),
    };
  },

  ListOpenIDConnectProviders(ctx) {
    authorize(ctx.account, ctx.caller, 'ListOpenIDConnectProviders', accountResource(ctx.account), ctx.behaviour);
    const arns = [...ctx.account.oidcProviders.keys()].sort();
    return { OpenIDConnectProviderList: members(arns.map((Arn) => ({ Arn }))) };
  },

  UpdateOpenIDConnectProviderThumbprint(ctx) {
    const p = existing(ctx, 'UpdateOpenIDConnectProviderThumbprint');
    const list = ctx.input.ThumbprintList as string[];
    checkThumbprints(list);
    // after-update: the list given replaces the old one.
    p.thumbprints = ctx.behaviour.oidcThumbprintUpdateReplaces ? [...list] : [...p.thumbprints, ...list];
    return undefined;
  },

  AddClientIDToOpenIDConnectProvider(ctx) {
    const p = existing(ctx, 'AddClientIDToOpenIDConnectProvider');
    const id = ctx.input.ClientID as string;
    // Idempotent (API_AddClientIDToOpenIDConnectProvider.html): an id already there is not added again.
    if (!p.clientIds.includes(id)) {
      checkClientIds([...p.clientIds, id]);
      p.clientIds.push(id);
    }
    return undefined;
  },

  RemoveClientIDFromOpenIDConnectProvider(ctx) {
    const p = existing(ctx, 'RemoveClientIDFromOpenIDConnectProvider');
    const id = ctx.input.ClientID as string;
    // Idempotent (API_RemoveClientIDFromOpenIDConnectProvider.html): an id not there is no error.
    // Inferred text for the mutant that refuses it.
    if (!p.clientIds.includes(id) && !ctx.behaviour.oidcRemoveMissingClientIdIsNoOp) {
      throw new IamError('NoSuchEntity', 404, `Client ID ${id} is not registered with the provider.`);
    }
    p.clientIds = p.clientIds.filter((c) => c !== id);
    return undefined;
  },

  DeleteOpenIDConnectProvider(ctx) {
    const p = existing(ctx, 'DeleteOpenIDConnectProvider');
    ctx.account.oidcProviders.delete(p.arn);
    return undefined;
  },
};
