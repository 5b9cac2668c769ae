import { call } from './call.ts';
import type { RunContext } from './context.ts';

/**
 * The account id, for expectations that quote it (`${account}`). Read from the administrator's own
 * ARN; when the target will not say, the first user a case creates tells it.
 */
export async function discoverAccountId(ctx: RunContext): Promise<string | undefined> {
  try {
    const { response } = await call(ctx, { operation: 'GetUser', input: {}, credentials: ctx.session.admin });
    const arn = (response.output?.User as { Arn?: string } | undefined)?.Arn;
    return arn ? /^arn:[^:]+:iam::(\d+):/.exec(arn)?.[1] : undefined;
  } catch {
    return undefined;
  }
}
