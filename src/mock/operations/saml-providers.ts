import { randomUUID } from 'node:crypto';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { accountResource, authorize } from '../authz.ts';
import { IamError } from '../errors.ts';
import { ENTITY_MEMBERS } from '../entities.ts';
import { members } from '../xml.ts';
import type { SamlProvider } from '../state.ts';
import { heldByArn, iso, type Handler, type OperationContext } from './context.ts';
import type { Item } from '../validate.ts';

/**
 * SAML providers, held in Account.samlProviders by ARN (`saml-provider/<name>`). Texts are recorded in
 * test_iam_saml_providers.snapshot.json unless a comment says otherwise.
 */

const arnOf = (ctx: OperationContext, name: string) => `arn:aws:iam::${ctx.account.id}:saml-provider/${name}`;

/** get-not-found, delete-not-found: the same text for every operation. */
function existing(ctx: OperationContext, action: string): SamlProvider {
  return heldByArn(ctx, action, 'SAMLProviderArn', ctx.account.samlProviders);
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', removeNSPrefix: true });

/**
 * The metadata's validUntil, after checking that the document is SAML metadata: well-formed XML whose
 * root is an EntityDescriptor. The code is the reference's (InvalidInput, 400); the text is inferred (no
 * recording shows it). Without validUntil the provider is valid for 100 years (inferred: the recordings
 * show ValidUntil always present).
 */
function checkedValidUntil(document: string, now: Date): Date {
  const invalid = () => new IamError('InvalidInput', 400, 'Could not parse metadata');
  if (XMLValidator.validate(document) !== true) throw invalid();
  const root = parser.parse(document) as Record<string, Record<string, unknown> | undefined>;
  const entity = root.EntityDescriptor;
  if (!entity || typeof entity !== 'object') throw invalid();
  const until = typeof entity['@validUntil'] === 'string' ? new Date(entity['@validUntil']) : undefined;
  if (until && !Number.isNaN(until.getTime())) return until;
  return new Date(now.getTime() + 100 * 365.25 * 24 * 3600 * 1000);
}

export const samlProviderOperations: Record<string, Handler> = {
  CreateSAMLProvider(ctx) {
    const name = ctx.input.Name as string;
    const arn = arnOf(ctx, name);
    authorize(ctx.account, ctx.caller, 'CreateSAMLProvider', arn, ctx.behaviour);
    // The reference lists EntityAlreadyExists; its text is inferred (by analogy with other kinds).
    if (ctx.behaviour.samlDuplicateNamesRejected && ctx.account.samlProviders.has(arn)) {
      throw new IamError('EntityAlreadyExists', 409, `SAMLProvider ${name} already exists.`);
    }
    const document = ctx.input.SAMLMetadataDocument as string;
    const validUntil = ctx.behaviour.samlMetadataChecked ? checkedValidUntil(document, ctx.account.now()) : undefined;
    const tags = ((ctx.input.Tags as Item[] | undefined) ?? []).map((t) => ({ Key: t.Key!, Value: t.Value! }));
    ctx.account.samlProviders.set(arn, {
      arn, name, metadataDocument: document, createDate: ctx.account.now(), ...(validUntil ? { validUntil } : {}), tags,
      uuid: randomUUID(), assertionEncryptionMode: (ctx.input.AssertionEncryptionMode as string | undefined) ?? 'Allowed',
    });
    return { SAMLProviderArn: arn, ...(tags.length ? { Tags: members(tags) } : {}) };
  },

  GetSAMLProvider(ctx) {
    const p = existing(ctx, 'GetSAMLProvider');
    // get-response.
    return {
      SAMLProviderUUID: p.uuid,
      SAMLMetadataDocument: p.metadataDocument,
      CreateDate: iso(p.createDate),
      ...(p.validUntil ? { ValidUntil: iso(p.validUntil) } : {}),
      Tags: members(p.tags),
      AssertionEncryptionMode: p.assertionEncryptionMode ?? 'Allowed',
      PrivateKeyList: members([]),
    };
  },

  UpdateSAMLProvider(ctx) {
    const p = existing(ctx, 'UpdateSAMLProvider');
    const document = ctx.input.SAMLMetadataDocument as string | undefined;
    if (document !== undefined && ctx.behaviour.samlUpdateReplacesDocument) {
      const validUntil = ctx.behaviour.samlMetadataChecked ? checkedValidUntil(document, ctx.account.now()) : undefined;
      p.metadataDocument = document;
      if (validUntil) p.validUntil = validUntil;
    }
    const mode = ctx.input.AssertionEncryptionMode as string | undefined;
    if (mode) p.assertionEncryptionMode = mode;
    // update-response.
    return { SAMLProviderArn: p.arn };
  },

  ListSAMLProviders(ctx) {
    authorize(ctx.account, ctx.caller, 'ListSAMLProviders', accountResource(ctx.account), ctx.behaviour);
    const providers = [...ctx.account.samlProviders.values()].sort((a, b) => a.arn.localeCompare(b.arn));
    // list-response: Arn, ValidUntil, CreateDate.
    return {
      SAMLProviderList: members(providers.map((p) => ({ Arn: p.arn, ...(p.validUntil ? { ValidUntil: iso(p.validUntil) } : {}), CreateDate: iso(p.createDate) }))),
    };
  },

  DeleteSAMLProvider(ctx) {
    const p = existing(ctx, 'DeleteSAMLProvider');
    ctx.account.samlProviders.delete(p.arn);
    return undefined;
  },
};
