import { accountResource, authorize } from '../authz.ts';
import { members } from '../xml.ts';
import type { Handler } from './context.ts';

/** The account's OIDC and SAML identity providers, by ARN (src/mock/entities.ts keeps which exist). */
export const providerOperations: Record<string, Handler> = {
  ListOpenIDConnectProviders(ctx) {
    authorize(ctx.account, ctx.caller, 'ListOpenIDConnectProviders', accountResource(ctx.account), ctx.behaviour);
    const arns = [...(ctx.account.resources.get('oidc-provider') ?? [])].sort();
    return { OpenIDConnectProviderList: members(arns.map((Arn) => ({ Arn }))) };
  },

  ListSAMLProviders(ctx) {
    authorize(ctx.account, ctx.caller, 'ListSAMLProviders', accountResource(ctx.account), ctx.behaviour);
    const arns = [...(ctx.account.resources.get('saml-provider') ?? [])].sort();
    return { SAMLProviderList: members(arns.map((Arn) => ({ Arn }))) };
  },
};
