import { namePrefix } from '../cases/expand.ts';
import { queryClient } from '../clients/query.ts';
import { userPathFor, type RunContext } from './context.ts';
import type { Emulator } from '../mock/emulator.ts';
import type { Client } from '../clients/types.ts';

const ENDPOINT = 'http://iam.direct.iam-conformance.invalid';

/**
 * A run context wired straight to an emulator object: the raw Query client hands each signed Request to
 * `emulator.handle`, with no interception and no network. For mutation testing, where the same suite
 * runs once per mutant and only the verdicts matter.
 */
export function directContext(emulator: Emulator, options: { runId: string; strict: boolean; sensitiveMembers: ReadonlySet<string>; client?: Client }): RunContext {
  let serial = 0;
  const prefix = namePrefix(options.runId);
  const transport = (async (url: string | URL | Request, init?: RequestInit) => emulator.handle(new Request(url, init))) as typeof fetch;
  return {
    session: {
      target: 'mock',
      endpoint: ENDPOINT,
      region: 'us-east-1',
      admin: emulator.admin,
      rootCredentials: emulator.root,
      capabilities: { root: true, disposableAccount: true, accountPolicyWritable: true, propagationDelays: false },
    },
    client: options.client ?? queryClient({ endpoint: ENDPOINT, region: 'us-east-1' }, transport),
    runId: options.runId,
    namePrefix: prefix,
    userPath: userPathFor(options.runId),
    accountId: emulator.accountId,
    strict: options.strict,
    showSecrets: false,
    sensitiveMembers: options.sensitiveMembers,
    retry: { attempts: 1, delayMs: 0 },
    nextUserName: () => `${prefix}u${serial++}`,
  };
}
