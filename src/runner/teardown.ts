import { call } from './call.ts';
import { REMOVALS, removeResource, type ResourceKind, type Send } from '../iam/removal.ts';
import type { RunContext } from './context.ts';
import type { Creates } from '../specfile/types.ts';

/** Something a step of the case made (its request succeeded), to remove after the steps. */
export interface Made {
  kind: ResourceKind;
  id: string;
}

/**
 * What a succeeding step made, read from its input or its output as model-overrides.yaml's `teardown`
 * says; undefined when the identifier is not there (an answer without it: nothing to find again).
 */
export function madeBy(creates: Creates, input: Record<string, unknown> | undefined, output: Record<string, unknown> | undefined): Made | undefined {
  const [from, path] = creates.id.startsWith('output.') ? [output, creates.id.slice('output.'.length)] : [input, creates.id];
  let v: unknown = from;
  for (const part of path.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
  return typeof v === 'string' && v !== '' ? { kind: creates.kind as ResourceKind, id: v } : undefined;
}

/** IAM's names are case-insensitive; ARNs and serial numbers (an OIDC provider's holds its URL) are not. */
const sameId = (member: string, a: string, b: string) => (member.endsWith('Name') ? a.toLowerCase() === b.toLowerCase() : a === b);

/**
 * A succeeding step that deleted what an earlier step made (a lifecycle scenario's DeleteRole) or renamed
 * it (UpdateServerCertificate's NewServerCertificateName): what the tear-down is to remove changes with it.
 * Updates `made` in place and says what went and what came, for the journal.
 */
export function followMade(made: Made[], operation: string, input: Record<string, unknown>): { gone: Made[]; renamed: Made[] } {
  const gone: Made[] = [];
  const renamed: Made[] = [];
  const kept: Made[] = [];
  for (const m of made) {
    const r = REMOVALS[m.kind];
    const named = input[r.id];
    const renamedTo = input[`New${r.id}`];
    if (typeof named !== 'string' || !sameId(r.id, named, m.id)) kept.push(m);
    else if (operation === r.remove) gone.push(m);
    else if (typeof renamedTo === 'string' && renamedTo !== '') {
      gone.push(m);
      const now = { kind: m.kind, id: renamedTo };
      renamed.push(now);
      kept.push(now);
    } else kept.push(m);
  }
  made.splice(0, made.length, ...kept);
  return { gone, renamed };
}

/**
 * Requests of the tear-down, as the administrator, through the run's harness client. NoSuchEntity is an
 * answer ("already gone"), except for the operations in `known`: the delete of what a step was just seen
 * to make, which on a target with propagation delays may not see it yet and is asked again.
 */
export function harnessSend(ctx: RunContext, known: ReadonlySet<string> = new Set()): Send {
  return async (operation, input) => {
    const patient = known.has(operation) && !!ctx.session.capabilities.propagationDelays;
    const { response } = await call(ctx, { operation, input, credentials: ctx.session.admin }, patient ? undefined : 'NoSuchEntity');
    if (response.status >= 300) {
      throw Object.assign(new Error(`${response.status} ${response.code ?? ''} ${response.message ?? ''}`.trim()), { code: response.code ?? `HTTP ${response.status}` });
    }
    return response.output ?? {};
  };
}

/**
 * Removes what the case's steps made, the latest first (what was made last may hang on what came before),
 * each freed first of what IAM requires (src/iam/removal.ts); what is already gone counts as done.
 * Returns what could not be removed, for the case's notes: a leftover, never a verdict.
 */
export async function removeMade(ctx: RunContext, made: Made[]): Promise<string[]> {
  const leaks: string[] = [];
  for (const m of [...made].reverse()) {
    try {
      await removeResource(harnessSend(ctx, new Set([REMOVALS[m.kind].remove])), m.kind, m.id);
      ctx.journal?.madeRemoved(m.kind, m.id);
    } catch (e) {
      leaks.push(`${m.kind} ${m.id}: ${(e as Error).message}`);
    }
  }
  return leaks;
}

/**
 * DeleteUser answered DeleteConflict: a step gave the user more than set-up did (a second key, a group,
 * a certificate...). Lists what hangs on the user, takes all of it away, then deletes. Returns the
 * reason it still could not, or undefined once the user is gone.
 */
export async function freeAndDeleteUser(ctx: RunContext, userName: string): Promise<string | undefined> {
  try {
    await removeResource(harnessSend(ctx), 'user', userName);
    return undefined;
  } catch (e) {
    return `DeleteUser ${userName}: ${(e as Error).message}`;
  }
}
