import { TEMPLATE_REF } from '../specfile/vocabulary.ts';
import type { Case } from './types.ts';

/**
 * What a case's creating steps name that another case of the same run may name too: `kind:value` for
 * every step that makes something (`creates`) under a name that is the same in every case of a run.
 *
 * Most cases name what they make after themselves (`${name.o}`, bound to the case's own next name), but
 * a generated case may not: CreateOpenIDConnectProvider's `Url/length-0` and `Url/missing` both make a
 * provider whose URL is empty on a target that takes them, and `UserName/codepoint-U+005A` and
 * `…-U+007A` differ only in letter case, which IAM's names ignore. Two such cases at the same time meet
 * each other (409 EntityAlreadyExists for whichever comes second); one after the other they do not, since
 * each removes what it made. The scheduler runs cases that share an identity one at a time, and the
 * lanes keep them in one lane, so no verdict depends on which case another one ran beside.
 */
export function sharedIdentities(c: Case): string[] {
  const keys: string[] = [];
  for (const step of c.steps) {
    if (!step.creates) continue;
    const member = step.creates.name ?? (step.creates.id.startsWith('output.') ? undefined : step.creates.id);
    if (!member) continue;
    const value = (step.input as Record<string, unknown> | undefined)?.[member];
    // A member left out names nothing, which every case that leaves it out names alike.
    const text = value === undefined ? '' : typeof value === 'string' ? value : undefined;
    if (text === undefined || !runConstant(text)) continue;
    keys.push(`${step.creates.kind}:${member.endsWith('Name') ? text.toLowerCase() : text}`);
  }
  return [...new Set(keys)];
}

/** True when a template resolves alike in every case of a run: no reference but `${run}` and `${account}`. */
function runConstant(text: string): boolean {
  for (const m of text.replaceAll('$$', '').matchAll(TEMPLATE_REF)) {
    if (!((m[1] === 'run' && !m[2]) || m[1] === 'account')) return false;
  }
  return true;
}
