/**
 * The conformance suite: one vitest test per case. Cases that touch only their own users run
 * concurrently; cases that change the account password policy run one at a time afterwards, and the
 * policy found before them is restored after them. All logic lives in src/; this file only wires it.
 */
import { afterAll, beforeAll, describe, inject, test, type TestContext } from 'vitest';
import { CLIENTS } from '../src/clients/index.ts';
import { expandCases, filterCases, namePrefix } from '../src/cases/expand.ts';
import { loadSpecs } from '../src/spec/load.ts';
import { sensitiveMembers } from '../src/spec/sensitive.ts';
import { attachInProcess } from '../src/targets/mock.ts';
import { userPathFor, type RunContext } from '../src/runner/context.ts';
import { runCase } from '../src/runner/run-case.ts';
import { restoreAccountPolicy, snapshotAccountPolicy, type PolicySnapshot } from '../src/runner/account-policy.ts';
import { discoverAccountId } from '../src/runner/account-id.ts';
import { retryPolicy } from '../src/runner/retry-policy.ts';
import { appendJournal } from '../src/targets/aws/journal.ts';
import { formatFailure } from '../src/report/format.ts';
import type { Case } from '../src/cases/types.ts';

const { config, session: info } = inject('iamConformance');
const specs = loadSpecs(config.specDir);
const cases = filterCases(expandCases(specs, { runId: config.runId }), config.filter);

let ctx: RunContext;
let detach = () => {};

beforeAll(async () => {
  let session = info;
  if (info.inProcess === 'mock') {
    const attached = await attachInProcess(info);
    session = attached.session;
    detach = attached.close;
  }
  const client = CLIENTS[config.client];
  if (!client) throw new Error(`unknown client "${config.client}"`);
  let userSerial = 0;
  const prefix = namePrefix(config.runId);
  ctx = {
    session,
    client: client.create({ endpoint: session.endpoint, region: session.region, capture: !!config.recordDir }),
    runId: config.runId,
    namePrefix: prefix,
    userPath: userPathFor(config.runId),
    strict: config.strict,
    showSecrets: config.showSecrets,
    sensitiveMembers: sensitiveMembers(specs),
    retry: retryPolicy(session.capabilities.propagationDelays),
    nextUserName: () => `${prefix}u${userSerial++}`,
  };
  ctx.accountId = session.accountId ?? (await discoverAccountId(ctx));
  // In a shared account the supervisor waits for every process that may create something: this one too.
  if (session.isolation) appendJournal(session.isolation.journal, { type: 'process', pid: process.pid, role: 'worker' });
});

afterAll(() => {
  ctx?.client.close();
  detach();
});

async function run(c: Case, context: TestContext) {
  const result = await runCase(c, ctx);
  context.task.meta.iamConformance = result;
  if (result.outcome === 'skip') context.skip(result.reason);
  if (result.outcome !== 'pass') throw new Error(formatFailure(result));
}

describe.concurrent('cases', () => {
  for (const c of cases.filter((c) => !c.serial)) test(c.id, (context) => run(c, context));
});

// Not concurrent: these cases share the account's password policy.
describe('account-wide cases', () => {
  let snapshot: PolicySnapshot | undefined;
  const serial = cases.filter((c) => c.serial);
  beforeAll(async () => {
    if (serial.length > 0 && ctx.session.capabilities.accountPolicyWritable) {
      snapshot = await snapshotAccountPolicy(ctx);
      ctx.accountPolicyBaseline = snapshot;
    }
  });
  afterAll(async () => {
    if (snapshot) await restoreAccountPolicy(ctx, snapshot);
  });
  for (const c of serial) test(c.id, (context) => run(c, context));
});
