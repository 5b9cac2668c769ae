import { X509Certificate, createPrivateKey } from 'node:crypto';
import { accountResource, authorize } from '../authz.ts';
import { IamError } from '../errors.ts';
import { ENTITY_MEMBERS } from '../entities.ts';
import { members } from '../xml.ts';
import { randomId, type ServerCertificate } from '../state.ts';
import { iso, page, type Handler, type OperationContext } from './context.ts';
import type { Item } from '../validate.ts';

/**
 * Server certificates (UploadServerCertificate and the operations on one), held in
 * Account.serverCertificates by lower-cased name. Texts are recorded in
 * test_iam_server_certificates.snapshot.json unless a comment says otherwise.
 */

const arnOf = (ctx: OperationContext, path: string, name: string) => `arn:aws:iam::${ctx.account.id}:server-certificate${path}${name}`;

/** get-nonexistent-certificate-error, delete-nonexistent-certificate-error. */
const missing = (name: string) => new IamError('NoSuchEntity', 404, ENTITY_MEMBERS.ServerCertificateName!.missing(name, ''));
/** upload-duplicate-certificate-error. */
const taken = (name: string) => new IamError('EntityAlreadyExists', 409, `The Server Certificate with name ${name} already exists.`);

const metadata = (c: ServerCertificate) => ({
  Path: c.path,
  ServerCertificateName: c.name,
  ServerCertificateId: c.id,
  Arn: c.arn,
  UploadDate: iso(c.uploadDate),
  ...(c.expiration ? { Expiration: iso(c.expiration) } : {}),
});

/**
 * The certificate's expiry, after checking that body and key are PEM and belong together. Codes from the
 * UploadServerCertificate reference (MalformedCertificate, KeyPairMismatch, both 400); the messages are
 * inferred: no recording shows them.
 */
function checkedExpiration(body: string, key: string, chain: string | undefined): Date {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(body);
    if (chain !== undefined) new X509Certificate(chain);
  } catch {
    throw new IamError('MalformedCertificate', 400, 'Unable to parse certificate. Please ensure the certificate is in PEM format.');
  }
  let matches: boolean;
  try {
    matches = cert.checkPrivateKey(createPrivateKey(key));
  } catch {
    throw new IamError('MalformedCertificate', 400, 'Unable to parse private key.');
  }
  if (!matches) throw new IamError('KeyPairMismatch', 400, 'The public key certificate and the private key do not match.');
  return new Date(cert.validTo);
}

function existing(ctx: OperationContext, action: string): ServerCertificate {
  const name = ctx.input.ServerCertificateName as string;
  const held = ctx.account.serverCertificates.get(name.toLowerCase());
  authorize(ctx.account, ctx.caller, action, held?.arn ?? arnOf(ctx, '/', name), ctx.behaviour);
  if (!held) throw missing(name);
  return held;
}

export const serverCertificateOperations: Record<string, Handler> = {
  UploadServerCertificate(ctx) {
    const name = ctx.input.ServerCertificateName as string;
    const path = (ctx.input.Path as string | undefined) ?? '/';
    authorize(ctx.account, ctx.caller, 'UploadServerCertificate', arnOf(ctx, path, name), ctx.behaviour);
    // The name is checked before the PEM (inferred: the recording's duplicate carries a valid pair).
    if (ctx.behaviour.serverCertificateDuplicatesRejected && ctx.account.serverCertificates.has(name.toLowerCase())) throw taken(name);
    const body = ctx.input.CertificateBody as string;
    const chain = ctx.input.CertificateChain as string | undefined;
    const expiration = checkedExpiration(body, ctx.input.PrivateKey as string, chain);
    const tags = ((ctx.input.Tags as Item[] | undefined) ?? []).map((t) => ({ Key: t.Key!, Value: t.Value! }));
    const cert: ServerCertificate = {
      name,
      id: 'ASCA' + randomId(17),
      path,
      arn: arnOf(ctx, path, name),
      body,
      ...(chain !== undefined ? { chain } : {}),
      uploadDate: ctx.account.now(),
      expiration,
      tags,
    };
    ctx.account.serverCertificates.set(name.toLowerCase(), cert);
    // upload-certificate: the metadata only (tags, when given, as the reference says).
    return { ServerCertificateMetadata: metadata(cert), ...(tags.length ? { Tags: members(tags) } : {}) };
  },

  GetServerCertificate(ctx) {
    const cert = existing(ctx, 'GetServerCertificate');
    // get-certificate: Tags is there even when empty.
    return {
      ServerCertificate: {
        ServerCertificateMetadata: metadata(cert),
        CertificateBody: cert.body,
        ...(cert.chain !== undefined ? { CertificateChain: cert.chain } : {}),
        Tags: members(cert.tags),
      },
    };
  },

  ListServerCertificates(ctx) {
    authorize(ctx.account, ctx.caller, 'ListServerCertificates', accountResource(ctx.account), ctx.behaviour);
    const prefix = ctx.behaviour.serverCertificateListHonoursPathPrefix ? ((ctx.input.PathPrefix as string | undefined) ?? '/') : '/';
    const certs = [...ctx.account.serverCertificates.values()].filter((c) => c.path.startsWith(prefix)).sort((a, b) => a.name.localeCompare(b.name));
    const p = page(certs, ctx.input);
    return { ServerCertificateMetadataList: members(p.items.map(metadata)), IsTruncated: p.IsTruncated, ...(p.Marker ? { Marker: p.Marker } : {}) };
  },

  UpdateServerCertificate(ctx) {
    const cert = existing(ctx, 'UpdateServerCertificate');
    const newName = (ctx.input.NewServerCertificateName as string | undefined) ?? cert.name;
    const newPath = ctx.behaviour.serverCertificateUpdateMovesPath ? ((ctx.input.NewPath as string | undefined) ?? cert.path) : cert.path;
    // Inferred: the reference lists EntityAlreadyExists; its text is taken from the upload's.
    const other = ctx.account.serverCertificates.get(newName.toLowerCase());
    if (other && other !== cert) throw taken(newName);
    ctx.account.serverCertificates.delete(cert.name.toLowerCase());
    cert.name = newName;
    cert.path = newPath;
    cert.arn = arnOf(ctx, newPath, newName);
    ctx.account.serverCertificates.set(newName.toLowerCase(), cert);
    return undefined;
  },

  DeleteServerCertificate(ctx) {
    const cert = existing(ctx, 'DeleteServerCertificate');
    ctx.account.serverCertificates.delete(cert.name.toLowerCase());
    return undefined;
  },
};
