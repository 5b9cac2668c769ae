import { accountResource, authorize } from '../authz.ts';
import { IamError } from '../errors.ts';
import { iso, type Handler, type OperationContext } from './context.ts';
import type { Account } from '../state.ts';

/**
 * GetAccountSummary and the credential report: account-wide reads of what exists. The quotas are the
 * defaults AWS recorded (test_iam_account_summary.snapshot.json transformed-summary); the counts are the
 * emulator's own state.
 */
const QUOTAS = {
  AccessKeysPerUserQuota: 2, AssumeRolePolicySizeQuota: 2048, AttachedPoliciesPerGroupQuota: 10, AttachedPoliciesPerRoleQuota: 10,
  AttachedPoliciesPerUserQuota: 10, GroupPolicySizeQuota: 5120, GroupsPerUserQuota: 10, GroupsQuota: 300, InstanceProfilesQuota: 1000,
  PoliciesQuota: 1500, PolicySizeQuota: 6144, PolicyVersionsInUseQuota: 10000, RolePolicySizeQuota: 10240, RolesQuota: 1000,
  ServerCertificatesQuota: 20, SigningCertificatesPerUserQuota: 2, UserPolicySizeQuota: 2048, UsersQuota: 5000, VersionsPerPolicyQuota: 5,
};

function summary(account: Account, withTokenVersion: boolean): Record<string, number> {
  const mfa = [...account.mfaDevices.values()];
  return {
    ...QUOTAS,
    Users: account.users.size,
    Groups: account.groups.size,
    Roles: account.roles.size,
    Policies: account.policies.size,
    InstanceProfiles: account.instanceProfiles.size,
    ServerCertificates: account.serverCertificates.size,
    MFADevices: mfa.length,
    MFADevicesInUse: mfa.filter((d) => d.user !== undefined).length,
    Providers: account.oidcProviders.size + account.samlProviders.size,
    PolicyVersionsInUse: 0,
    // The emulator's root has an access key (ROOT_CREDENTIALS) and no password, MFA or certificate.
    AccountAccessKeysPresent: 1,
    AccountMFAEnabled: 0,
    AccountPasswordPresent: 0,
    AccountSigningCertificatesPresent: 0,
    ...(withTokenVersion ? { GlobalEndpointTokenVersion: 1 } : {}),
  };
}

/** The credential report's columns, as recorded (test_iam_credential_report.snapshot.json credentials-report). */
const COLUMNS = [
  'user', 'arn', 'user_creation_time', 'password_enabled', 'password_last_used', 'password_last_changed', 'password_next_rotation', 'mfa_active',
  'access_key_1_active', 'access_key_1_last_rotated', 'access_key_1_last_used_date', 'access_key_1_last_used_region', 'access_key_1_last_used_service',
  'access_key_2_active', 'access_key_2_last_rotated', 'access_key_2_last_used_date', 'access_key_2_last_used_region', 'access_key_2_last_used_service',
  'cert_1_active', 'cert_1_last_rotated', 'cert_2_active', 'cert_2_last_rotated',
];

function reportCsv(account: Account): string {
  const rows = [...account.users.values()].map((u) => {
    const key = (i: number) => {
      const k = u.keys[i];
      return [String(k?.status === 'Active'), k ? iso(k.createDate) : 'N/A', 'N/A', 'N/A', 'N/A'];
    };
    const password = u.loginProfile ? ['true', 'no_information', iso(u.loginProfile.createDate), 'N/A'] : ['false', 'N/A', 'N/A', 'N/A'];
    return [u.name, u.arn, iso(u.createDate), ...password, 'false', ...key(0), ...key(1), 'false', 'N/A', 'false', 'N/A'];
  });
  return [COLUMNS, ...rows].map((r) => r.join(',')).join('\n');
}

const authorized = (ctx: OperationContext, action: string) => authorize(ctx.account, ctx.caller, action, accountResource(ctx.account), ctx.behaviour);

export const accountReportOperations: Record<string, Handler> = {
  GetAccountSummary(ctx) {
    authorized(ctx, 'GetAccountSummary');
    return { SummaryMap: { entry: Object.entries(summary(ctx.account, ctx.behaviour.accountSummaryHasTokenVersion)).map(([key, value]) => ({ key, value })) } };
  },

  GenerateCredentialReport(ctx) {
    authorized(ctx, 'GenerateCredentialReport');
    // The emulator generates at once: the first request says STARTED, later ones COMPLETE (as recorded:
    // initial-generate-response, generate-completed-response).
    if (ctx.account.credentialReport) return { State: 'COMPLETE' };
    ctx.account.credentialReport = { generated: ctx.account.now() };
    return { State: 'STARTED', Description: 'No report exists. Starting a new report generation task' };
  },

  GetCredentialReport(ctx) {
    authorized(ctx, 'GetCredentialReport');
    const report = ctx.account.credentialReport;
    // The text is the model's description of the error (the recording has no message).
    if (!report) throw new IamError('ReportNotPresent', 410, 'The credential report does not exist. To generate a credential report, use GenerateCredentialReport.');
    return { Content: Buffer.from(reportCsv(ctx.account)).toString('base64'), ReportFormat: 'text/csv', GeneratedTime: iso(report.generated) };
  },
};
