import { accessKeyOperations } from './access-keys.ts';
import { accountReportOperations } from './account-reports.ts';
import { accountPolicyOperations } from './account-policy.ts';
import { loginProfileOperations } from './login-profiles.ts';
import { managedPolicyOperations } from './managed-policies.ts';
import { organizationOperations } from './organizations.ts';
import { outboundFederationOperations } from './outbound-federation.ts';
import { oidcProviderOperations } from './oidc-providers.ts';
import { samlProviderOperations } from './saml-providers.ts';
import { accountAliasOperations } from './account-aliases.ts';
import { serverCertificateOperations } from './server-certificates.ts';
import { mfaDeviceOperations } from './mfa-devices.ts';
import { signingCertificateOperations } from './signing-certificates.ts';
import { sshPublicKeyOperations } from './ssh-public-keys.ts';
import { serviceCredentialOperations } from './service-credentials.ts';
import { resourceListOperations } from './resource-lists.ts';
import { customerPolicyOperations } from './customer-policies.ts';
import { groupOperations } from './groups.ts';
import { roleOperations } from './roles.ts';
import { instanceProfileOperations } from './instance-profiles.ts';
import { userPolicyOperations } from './user-policies.ts';
import { userOperations } from './users.ts';
import { tagOperations } from './tags.ts';
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
  ...oidcProviderOperations,
  ...samlProviderOperations,
  ...accountAliasOperations,
  ...serverCertificateOperations,
  ...mfaDeviceOperations,
  ...signingCertificateOperations,
  ...sshPublicKeyOperations,
  ...serviceCredentialOperations,
  ...tagOperations,
  ...groupOperations,
  ...roleOperations,
  ...instanceProfileOperations,
  ...customerPolicyOperations,
  ...resourceListOperations,
};
