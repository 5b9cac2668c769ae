import { X509Certificate } from 'node:crypto';
import { IamError } from '../errors.ts';
import { ENTITY_MEMBERS } from '../entities.ts';
import { members } from '../xml.ts';
import { randomId, type SigningCertificate, type User } from '../state.ts';
import { iso, page, subjectUser, type Handler, type OperationContext } from './context.ts';

/**
 * A user's X.509 signing certificates, held on the user (User.signingCertificates). Texts are recorded in
 * test_iam_signing_certificates.snapshot.json unless a comment says otherwise.
 */

const certificateXml = (user: User, c: SigningCertificate) => ({
  UserName: user.name,
  CertificateId: c.id,
  CertificateBody: c.body,
  Status: c.status,
  UploadDate: iso(c.uploadDate),
});

/** The user's certificate CertificateId names (update-nonexistent-certificate-error, delete-nonexistent-certificate-error). */
function certificateOf(ctx: OperationContext, user: User): SigningCertificate {
  const id = ctx.input.CertificateId as string;
  const cert = user.signingCertificates?.find((c) => c.id === id);
  if (!cert) throw new IamError('NoSuchEntity', 404, ENTITY_MEMBERS.CertificateId!.missing(id, ''));
  return cert;
}

export const signingCertificateOperations: Record<string, Handler> = {
  UploadSigningCertificate(ctx) {
    const user = subjectUser(ctx, 'UploadSigningCertificate');
    const body = ctx.input.CertificateBody as string;
    try {
      new X509Certificate(body);
    } catch {
      // upload-invalid-certificate-error: the body itself is in the message.
      throw new IamError('MalformedCertificate', 400, `Certificate ${body} is malformed.`);
    }
    const held = (user.signingCertificates ??= []);
    // Code and status from the UploadSigningCertificate reference ("associated with an IAM user in the
    // account": any user's); the message is inferred.
    if ([...ctx.account.users.values()].some((u) => u.signingCertificates?.some((c) => c.body === body))) throw new IamError('DuplicateCertificate', 409, 'The same certificate is associated with an IAM user in the account.');
    const limit = ctx.behaviour.signingCertificatesPerUser;
    if (held.length >= limit) throw new IamError('LimitExceeded', 409, `Cannot exceed quota for CertificatesPerUser: ${limit}`); // upload-exceeds-limit-error
    // Ids are upper-case letters and digits (28 here, as the reference's example).
    const cert: SigningCertificate = { id: randomId(28), body, status: 'Active', uploadDate: ctx.account.now() };
    held.push(cert);
    return { Certificate: certificateXml(user, cert) };
  },

  ListSigningCertificates(ctx) {
    const user = subjectUser(ctx, 'ListSigningCertificates');
    const p = page((user.signingCertificates ?? []).map((c) => certificateXml(user, c)), ctx.input);
    return { Certificates: members(p.items), IsTruncated: p.IsTruncated, ...(p.Marker ? { Marker: p.Marker } : {}) };
  },

  UpdateSigningCertificate(ctx) {
    const user = subjectUser(ctx, 'UpdateSigningCertificate');
    const cert = certificateOf(ctx, user);
    if (ctx.behaviour.updateSigningCertificateSetsStatus) cert.status = ctx.input.Status as SigningCertificate['status'];
    return undefined;
  },

  DeleteSigningCertificate(ctx) {
    const user = subjectUser(ctx, 'DeleteSigningCertificate');
    const cert = certificateOf(ctx, user);
    user.signingCertificates = user.signingCertificates!.filter((c) => c !== cert);
    return undefined;
  },
};
