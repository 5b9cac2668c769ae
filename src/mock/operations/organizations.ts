import { accountResource, authorize } from '../authz.ts';
import { IamError } from '../errors.ts';
import type { Handler } from './context.ts';

/**
 * Centralised root access for AWS Organizations. The emulator's account belongs to no organisation, so
 * each of these answers OrganizationNotFoundException (400) with the model's description of that error
 * as its text (inferred: no recording shows it).
 */
const noOrganization = (action: string): Handler => (ctx) => {
  authorize(ctx.account, ctx.caller, action, accountResource(ctx.account), ctx.behaviour);
  throw new IamError('OrganizationNotFoundException', 400, 'The request was rejected because no organization is associated with your account.');
};

export const organizationOperations: Record<string, Handler> = Object.fromEntries(
  ['ListOrganizationsFeatures', 'EnableOrganizationsRootCredentialsManagement', 'DisableOrganizationsRootCredentialsManagement', 'EnableOrganizationsRootSessions', 'DisableOrganizationsRootSessions'].map((op) => [op, noOrganization(op)]),
);
