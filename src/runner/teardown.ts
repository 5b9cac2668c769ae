import { call } from './call.ts';
import { removeResource, type ResourceKind, type Send } from '../iam/removal.ts';
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

/** Requests of the tear-down, as the administrator, through the run's harness client. */
export function harnessSend(ctx: RunContext): Send {
  return async (operation, input) => {
    const { response } = await call(ctx, { operation, input, credentials: ctx.session.admin }, 'NoSuchEntity');
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
  const send = harnessSend(ctx);
  for (const m of [...made].reverse()) {
    try {
      await removeResource(send, m.kind, m.id);
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
