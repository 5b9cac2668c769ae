import { accessKeyOperations } from './access-keys.ts';
import { accountReportOperations } from './account-reports.ts';
import { accountPolicyOperations } from './account-policy.ts';
import { loginProfileOperations } from './login-profiles.ts';
import { managedPolicyOperations } from './managed-policies.ts';
import { organizationOperations } from './organizations.ts';
import { outboundFederationOperations } from './outbound-federation.ts';
import { providerOperations } from './providers.ts';
import { resourceListOperations } from './resource-lists.ts';
import { userPolicyOperations } from './user-policies.ts';
import { userOperations } from './users.ts';
import type { Handler } from './context.ts';

/** Every action the emulator serves. */
export const HANDLERS: Record<string, Handler> = {
  ...userOperations,
  ...accessKeyOperations,
  ...userPolicyOperations,
  ...managedPolicyOperations,
  ...loginProfileOperations,
  ...accountPolicyOperations,
  ...accountReportOperations,
  ...organizationOperations,
  ...outboundFederationOperations,
  ...providerOperations,
  ...resourceListOperations,
};
