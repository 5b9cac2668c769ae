import { IamError } from './errors.ts';
import type { Behaviour } from './behaviour.ts';
import type { Tag } from './state.ts';
import type { Item } from './validate.ts';

/**
 * IAM's rules for the tags of a resource, shared by the Tag* operations and the Create operations'
 * Tags parameter: keys unique regardless of case, at most 50 tags on one resource.
 */

/** The recorded InvalidInput text for two keys equal but for case (also used by CreateUser). */
export const DUPLICATE_TAG_KEYS = 'Duplicate tag keys found. Please note that Tag keys are case insensitive.';

/**
 * Managed policies are the exception: their keys are case sensitive ("A" and "a" are two tags, recorded
 * test_iam_policies.snapshot.json list-case-sensitive-tags) and a duplicate says only "Duplicate tag keys
 * found." (err-tag-duplicate-keys). Roles and users follow the rule above (test_iam_roles.snapshot.json
 * tag-role-duplicate-tags-different-case).
 */
export interface TagRules {
  caseSensitive?: boolean;
  duplicateMessage?: string;
}
export const POLICY_TAG_RULES: TagRules = { caseSensitive: true, duplicateMessage: 'Duplicate tag keys found.' };

let rules: TagRules = {};
const sameKey = (a: string, b: string, behaviour?: Behaviour) =>
  rules.caseSensitive || (behaviour && !behaviour.tagKeysCaseInsensitive) ? a === b : a.toLowerCase() === b.toLowerCase();

/** Runs `f` under a kind's own rules. */
export function withTagRules<T>(kindRules: TagRules, f: () => T): T {
  const saved = rules;
  rules = kindRules;
  try {
    return f();
  } finally {
    rules = saved;
  }
}

/** The tags of a request as state holds them, refused when two keys are the same key. */
export function checkNewTags(input: Item[] | undefined, behaviour?: Behaviour): Tag[] {
  const tags = (input ?? []).map((t) => ({ Key: t.Key!, Value: t.Value! }));
  tags.forEach((t, i) => {
    if (tags.slice(0, i).some((o) => sameKey(o.Key, t.Key, behaviour))) throw new IamError('InvalidInput', 400, rules.duplicateMessage ?? DUPLICATE_TAG_KEYS);
  });
  checkTagCount(tags.length, behaviour);
  return tags;
}

function checkTagCount(count: number, behaviour?: Behaviour): void {
  const limit = behaviour?.tagsPerResource ?? 50;
  // Docs (TagUser and the other Tag* references): at most 50 tags per resource, else LimitExceeded 409.
  if (count > limit) throw new IamError('LimitExceeded', 409, `The number of tags has reached the maximum limit of ${limit}.`);
}

/** The resource's tags after a Tag* call: a key already there (in any case) takes the new value. */
export function addTags(current: Tag[], input: Item[] | undefined, behaviour: Behaviour): Tag[] {
  const added = checkNewTags(input, behaviour);
  const next = current.map((t) => ({ ...t }));
  for (const tag of added) {
    const old = next.find((t) => sameKey(t.Key, tag.Key, behaviour));
    // Inferred: the replaced tag keeps the key as written in the new request.
    if (old) Object.assign(old, tag);
    else next.push(tag);
  }
  checkTagCount(next.length, behaviour);
  return next;
}

/** The resource's tags after an Untag* call: keys not there are ignored, as AWS does. */
export function removeTags(current: Tag[], keys: string[] | undefined, behaviour: Behaviour): Tag[] {
  const wanted = keys ?? [];
  if (!behaviour.untagMissingKeyIsNoOp) {
    const missing = wanted.find((k) => !current.some((t) => sameKey(t.Key, k, behaviour)));
    if (missing !== undefined) throw new IamError('NoSuchEntity', 404, `The tag with key ${missing} cannot be found.`);
  }
  return current.filter((t) => !wanted.some((k) => sameKey(t.Key, k, behaviour)));
}
