import { authorize } from '../authz.ts';
import { ENTITY_MEMBERS } from '../entities.ts';
import { IamError } from '../errors.ts';
import { members } from '../xml.ts';
import { addTags, POLICY_TAG_RULES, removeTags, withTagRules, type TagRules } from '../tags.ts';
import { page, subjectUser, type Handler, type OperationContext } from './context.ts';
import type { Account, Tag } from '../state.ts';
import type { Item } from '../validate.ts';

/** List*Tags: one page of the resource's tags, in the order they were added (recorded list-user-tags-after-tag). */
function tagPage(tags: Tag[], ctx: OperationContext) {
  const input = ctx.behaviour.tagListsHonourMaxItems ? ctx.input : { ...ctx.input, MaxItems: undefined };
  const p = page(tags, input);
  return { Tags: members(p.items), IsTruncated: p.IsTruncated, ...(p.Marker ? { Marker: p.Marker } : {}) };
}

export const tagOperations: Record<string, Handler> = {
  TagUser(ctx) {
    const user = subjectUser(ctx, 'TagUser');
    user.tags = addTags(user.tags, ctx.input.Tags as Item[] | undefined, ctx.behaviour);
    return undefined;
  },
  UntagUser(ctx) {
    const user = subjectUser(ctx, 'UntagUser');
    user.tags = removeTags(user.tags, ctx.input.TagKeys as string[] | undefined, ctx.behaviour);
    return undefined;
  },
  ListUserTags(ctx) {
    return tagPage(subjectUser(ctx, 'ListUserTags').tags, ctx);
  },
};

/** The other taggable kinds: the member naming the resource, and how state finds it (names lower-cased). */
const KINDS: Record<string, { member: string; find: (a: Account, v: string) => { tags: Tag[]; arn?: string } | undefined }> = {
  Role: { member: 'RoleName', find: (a, v) => a.roles.get(v.toLowerCase()) },
  InstanceProfile: { member: 'InstanceProfileName', find: (a, v) => a.instanceProfiles.get(v.toLowerCase()) },
  Policy: { member: 'PolicyArn', find: (a, v) => a.policies.get(v) },
  OpenIDConnectProvider: { member: 'OpenIDConnectProviderArn', find: (a, v) => a.oidcProviders.get(v) },
  SAMLProvider: { member: 'SAMLProviderArn', find: (a, v) => a.samlProviders.get(v) },
  ServerCertificate: { member: 'ServerCertificateName', find: (a, v) => a.serverCertificates.get(v.toLowerCase()) },
  MFADevice: { member: 'SerialNumber', find: (a, v) => a.mfaDevices.get(v) },
};

/** Authorize on the resource's ARN, then find it, with the NoSuchEntity text of ENTITY_MEMBERS. */
function tagged(ctx: OperationContext, kind: string, action: string): { tags: Tag[] } {
  const { member, find } = KINDS[kind]!;
  const value = ctx.input[member] as string;
  const found = find(ctx.account, value);
  authorize(ctx.account, ctx.caller, action, found?.arn ?? value, ctx.behaviour);
  if (!found) throw new IamError('NoSuchEntity', 404, ENTITY_MEMBERS[member]!.missing(value, action));
  return found;
}

const kindRules = (kind: string): TagRules => (kind === 'Policy' ? POLICY_TAG_RULES : {});

for (const kind of Object.keys(KINDS)) {
  tagOperations[`Tag${kind}`] = (ctx) => {
    const r = tagged(ctx, kind, `Tag${kind}`);
    r.tags = withTagRules(kindRules(kind), () => addTags(r.tags, ctx.input.Tags as Item[] | undefined, ctx.behaviour));
    return undefined;
  };
  tagOperations[`Untag${kind}`] = (ctx) => {
    const r = tagged(ctx, kind, `Untag${kind}`);
    r.tags = withTagRules(kindRules(kind), () => removeTags(r.tags, ctx.input.TagKeys as string[] | undefined, ctx.behaviour));
    return undefined;
  };
  tagOperations[`List${kind}Tags`] = (ctx) => tagPage(tagged(ctx, kind, `List${kind}Tags`).tags, ctx);
}
