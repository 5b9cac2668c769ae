import { IamError } from '../errors.ts';
import type { Input } from '../validate.ts';
import type { Account, Caller } from '../state.ts';
import type { Behaviour } from '../behaviour.ts';

/** What an operation handler gets: the account, the authenticated caller, the validated input. */
export interface OperationContext {
  account: Account;
  caller: Caller;
  input: Input;
  behaviour: Behaviour;
}

/** The XML result element's content, or undefined for operations with no output. */
export type Handler = (ctx: OperationContext) => Record<string, unknown> | undefined;

/** The user an operation acts on: UserName, or the calling IAM user itself (recorded message for others). */
export function subjectName(ctx: OperationContext): string {
  const name = ctx.input.UserName as string | undefined;
  if (name !== undefined) return name;
  if (ctx.caller.kind === 'user') return ctx.caller.user.name;
  throw new IamError('ValidationError', 400, 'Must specify userName when calling with non-User credentials');
}

export function iso(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
