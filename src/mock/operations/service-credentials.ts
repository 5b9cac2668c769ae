import { randomBytes } from 'node:crypto';
import { accountResource, authorize } from '../authz.ts';
import { ENTITY_MEMBERS } from '../entities.ts';
import { IamError } from '../errors.ts';
import { members } from '../xml.ts';
import { randomId, type ServiceCredential, type User } from '../state.ts';
import { iso, page, subjectUser, type Handler, type OperationContext } from './context.ts';

/**
 * A user's service-specific credentials (a user name and password for CodeCommit or Keyspaces), held on
 * the user (User.serviceCredentials). Texts are recorded in test_iam.snapshot.json
 * (TestIAMServiceSpecificCredentials) unless a comment says otherwise. The password is a secret: it is
 * returned by Create and Reset only, as AWS does, and never appears in a list.
 */

/**
 * The services whose credentials the emulator models. Bedrock and CloudWatch Logs API keys (which the
 * reference also names) take an alias, a secret and an expiry the emulator does not model.
 */
const MODELLED = new Set(['codecommit.amazonaws.com', 'cassandra.amazonaws.com']);
const OTHER_SUPPORTED = new Set(['bedrock.amazonaws.com', 'logs.amazonaws.com']);
/** Service-specific credentials per user per service (IAM quotas: 2). */
const PER_SERVICE = 2;

/** A service no credential can be made for: NoSuchEntity, not NotSupportedService (invalid-service-exception). */
function checkService(name: string): void {
  if (OTHER_SUPPORTED.has(name)) throw new IamError('NotImplemented', 501, `The reference emulator does not model service-specific credentials for ${name}`);
  if (!MODELLED.has(name)) throw new IamError('NoSuchEntity', 404, `No such service ${name} is supported for Service Specific Credentials`);
}

const metadataXml = (user: User, c: ServiceCredential) => ({
  UserName: user.name,
  Status: c.status,
  ServiceUserName: c.serviceUserName,
  CreateDate: iso(c.createDate),
  ServiceSpecificCredentialId: c.id,
  ServiceName: c.serviceName,
});
const credentialXml = (user: User, c: ServiceCredential) => ({ ...metadataXml(user, c), ServicePassword: c.password });

/** A password as AWS hands them out: 40 characters of base64 (inferred: no recording shows one). */
const newPassword = () => randomBytes(30).toString('base64');

/** The user's credential ServiceSpecificCredentialId names (update-wrong-id, reset-wrong-id, delete-wrong-id). */
function credentialOf(ctx: OperationContext, user: User): ServiceCredential {
  const id = ctx.input.ServiceSpecificCredentialId as string;
  const c = user.serviceCredentials?.find((x) => x.id === id);
  if (!c) throw new IamError('NoSuchEntity', 404, ENTITY_MEMBERS.ServiceSpecificCredentialId!.missing(id, ''));
  return c;
}

export const serviceCredentialOperations: Record<string, Handler> = {
  CreateServiceSpecificCredential(ctx) {
    // The user is checked before the service (invalid-user-and-service-exception).
    const user = subjectUser(ctx, 'CreateServiceSpecificCredential');
    const service = ctx.input.ServiceName as string;
    checkService(service);
    const held = (user.serviceCredentials ??= []);
    // Docs (IAM quotas and the reference's LimitExceeded); the text is inferred.
    if (held.filter((c) => c.serviceName === service).length >= PER_SERVICE) throw new IamError('LimitExceeded', 409, `Cannot exceed quota for ServiceSpecificCredentialsPerUserPerService: ${PER_SERVICE}`);
    const c: ServiceCredential = {
      // Ids begin ACCA as AWS's do (inferred: the recordings mask them).
      id: 'ACCA' + randomId(17),
      serviceName: service,
      // `<user>-at-<account>` (create-service-specific-credential-response).
      serviceUserName: `${user.name}-at-${ctx.account.id}`,
      password: newPassword(),
      status: 'Active',
      createDate: ctx.account.now(),
    };
    held.push(c);
    return { ServiceSpecificCredential: credentialXml(user, c) };
  },

  ListServiceSpecificCredentials(ctx) {
    const service = ctx.input.ServiceName as string | undefined;
    // AllUsers: every user's (the reference: not together with UserName), authorised on the account.
    let users: User[];
    if (ctx.input.AllUsers === true) {
      authorize(ctx.account, ctx.caller, 'ListServiceSpecificCredentials', accountResource(ctx.account), ctx.behaviour);
      users = [...ctx.account.users.values()].sort((a, b) => a.name.localeCompare(b.name));
    } else {
      users = [subjectUser(ctx, 'ListServiceSpecificCredentials')];
    }
    // An unsupported service named as a filter: the create's error (list-service-specific-credentials-invalid-service).
    if (service !== undefined) checkService(service);
    const items = users.flatMap((u) => (u.serviceCredentials ?? []).filter((c) => service === undefined || c.serviceName === service).map((c) => metadataXml(u, c)));
    const p = page(items, ctx.input);
    return { ServiceSpecificCredentials: members(p.items), IsTruncated: p.IsTruncated, ...(p.Marker ? { Marker: p.Marker } : {}) };
  },

  UpdateServiceSpecificCredential(ctx) {
    const user = subjectUser(ctx, 'UpdateServiceSpecificCredential');
    const c = credentialOf(ctx, user);
    if (ctx.behaviour.updateServiceCredentialSetsStatus) c.status = ctx.input.Status as ServiceCredential['status'];
    return undefined;
  },

  ResetServiceSpecificCredential(ctx) {
    const user = subjectUser(ctx, 'ResetServiceSpecificCredential');
    const c = credentialOf(ctx, user);
    // A new password; the status stays as it was (reset-service-specific-credential-response: Inactive).
    c.password = newPassword();
    return { ServiceSpecificCredential: credentialXml(user, c) };
  },

  DeleteServiceSpecificCredential(ctx) {
    const user = subjectUser(ctx, 'DeleteServiceSpecificCredential');
    const c = credentialOf(ctx, user);
    user.serviceCredentials = user.serviceCredentials!.filter((x) => x !== c);
    return undefined;
  },
};
