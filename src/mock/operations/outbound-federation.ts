import { randomUUID } from 'node:crypto';
import { accountResource, authorize } from '../authz.ts';
import { IamError } from '../errors.ts';
import type { Handler, OperationContext } from './context.ts';

/**
 * Outbound identity federation (JWTs from GetWebIdentityToken): off in a new account, switched by
 * Enable/Disable, each refused when it would change nothing (the model's FeatureEnabled 409 and
 * FeatureDisabled 404). The texts are the model's descriptions of those errors (inferred wording).
 */
const authorized = (ctx: OperationContext, action: string) => authorize(ctx.account, ctx.caller, action, accountResource(ctx.account), ctx.behaviour);
const disabled = () => new IamError('FeatureDisabled', 404, 'Outbound identity federation is disabled for your account.');

export const outboundFederationOperations: Record<string, Handler> = {
  EnableOutboundWebIdentityFederation(ctx) {
    authorized(ctx, 'EnableOutboundWebIdentityFederation');
    if (ctx.account.outboundFederation) throw new IamError('FeatureEnabled', 409, 'Outbound identity federation is already enabled for your account.');
    ctx.account.outboundFederation = { issuer: `https://${randomUUID()}.tokens.sts.global.api.aws` };
    return { IssuerIdentifier: ctx.account.outboundFederation.issuer };
  },

  DisableOutboundWebIdentityFederation(ctx) {
    authorized(ctx, 'DisableOutboundWebIdentityFederation');
    if (!ctx.account.outboundFederation) throw disabled();
    ctx.account.outboundFederation = undefined;
    return undefined;
  },

  GetOutboundWebIdentityFederationInfo(ctx) {
    authorized(ctx, 'GetOutboundWebIdentityFederationInfo');
    if (!ctx.account.outboundFederation) throw disabled();
    return { IssuerIdentifier: ctx.account.outboundFederation.issuer, JwtVendingEnabled: true };
  },
};
