import { authorize, userResource } from '../authz.ts';
import { IamError, noSuchUser } from '../errors.ts';
import { ENTITY_MEMBERS } from '../entities.ts';
import type { Input } from '../validate.ts';
import type { Account, Caller, User } from '../state.ts';
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

/**
 * Steps 4 and 5 of every operation on a named user (AWS's order): the caller must be allowed `action` on
 * the user's ARN, then the user must exist.
 */
export function subjectUser(ctx: OperationContext, action: string): User {
  const name = subjectName(ctx);
  authorize(ctx.account, ctx.caller, action, userResource(ctx.account, name), ctx.behaviour);
  const user = ctx.account.user(name);
  if (!user) throw noSuchUser(name);
  return user;
}

/**
 * What the request's ARN member names (a provider), after authorisation on that ARN: NoSuchEntity in the
 * entity's recorded words when the account holds none.
 */
export function heldByArn<T>(ctx: OperationContext, action: string, member: string, held: ReadonlyMap<string, T>): T {
  const arn = ctx.input[member] as string;
  authorize(ctx.account, ctx.caller, action, arn, ctx.behaviour);
  const found = held.get(arn);
  if (!found) throw new IamError('NoSuchEntity', 404, ENTITY_MEMBERS[member]!.missing(arn, action));
  return found;
}

export function iso(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * One page of a List operation: MaxItems items (100 when left out, as IAM documents) from Marker on.
 * The marker is opaque to clients; here it is the index of the next item, base64url-encoded.
 */
export function page<T>(items: T[], input: OperationContext['input']): { items: T[]; IsTruncated: boolean; Marker?: string } {
  const max = (input.MaxItems as number | undefined) ?? 100;
  let start = 0;
  if (input.Marker !== undefined) {
    start = Number(Buffer.from(input.Marker as string, 'base64url').toString());
    // Inferred: AWS's answer to a marker it never issued is unrecorded.
    if (!Number.isInteger(start) || start < 0 || start > items.length) throw new IamError('ValidationError', 400, 'Invalid Marker.');
  }
  const end = start + max;
  if (end >= items.length) return { items: items.slice(start), IsTruncated: false };
  return { items: items.slice(start, end), IsTruncated: true, Marker: Buffer.from(String(end)).toString('base64url') };
}
