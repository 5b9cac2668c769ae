import { describe, expect, test } from 'vitest';
import { expandCases, filterCases, namePrefix } from '../../src/cases/expand.ts';
import { jsSdkClient } from '../../src/clients/js-sdk.ts';
import { createEmulator } from '../../src/mock/emulator.ts';
import { withFaults } from '../../src/mock/faults.ts';
import { interceptInProcess } from '../../src/mock/msw.ts';
import { directContext } from '../../src/runner/in-process.ts';
import { userPathFor, type RunContext } from '../../src/runner/context.ts';
import { runAll } from '../../src/runner/run-all.ts';
import { loadSpecs } from '../../src/spec/load.ts';
import { sensitiveMembers } from '../../src/spec/sensitive.ts';
import type { CaseResult } from '../../src/runner/result.ts';

/**
 * Transport faults must never turn into conformance verdicts. The reference emulator passes every case,
 * so with faults injected in front of it, any `fail` is a misclassification: the answer to a retried
 * request is judged (and the retry noted); a request never answered makes the case an error of the run.
 */
const specs = loadSpecs();
const sensitive = sensitiveMembers(specs);

function tally(results: CaseResult[]) {
  return {
    failed: results.filter((r) => r.outcome === 'fail'),
    errored: results.filter((r) => r.outcome === 'error'),
    passed: results.filter((r) => r.outcome === 'pass'),
    retriedAndJudged: results.filter((r) => r.outcome === 'pass' && r.notes.some((n) => /retried/.test(n.text))).length,
  };
}

describe('fault injection', () => {
  test('over 1000 faults across full runs, zero misclassified cases', async () => {
    let faults = 0;
    let cases = 0;
    let misclassified: string[] = [];
    let errored = 0;
    let retried = 0;
    const injectedByKind: Record<string, number> = {};
    for (let run = 0; faults < 1000 && run < 6; run++) {
      const emulator = createEmulator();
      const faulty = withFaults(emulator, { rate: 0.08, latencyMs: 150, seed: `run${run}` });
      const ctx = directContext(emulator, {
        runId: `faults${run}`, strict: false, sensitiveMembers: sensitive, handler: faulty, timeoutMs: 100,
        retry: { attempts: 6, delayMs: 1 },
      });
      const results = await runAll(expandCases(specs, { runId: `faults${run}` }), ctx, { concurrency: 32 });
      const t = tally(results);
      faults += faulty.total();
      cases += results.length;
      misclassified = misclassified.concat(t.failed.map((r) => `${r.id}: ${JSON.stringify(r.differences)}`));
      errored += t.errored.length;
      retried += t.retriedAndJudged;
      for (const [kind, n] of Object.entries(faulty.injected)) injectedByKind[kind] = (injectedByKind[kind] ?? 0) + n;
    }
    console.log(`fault injection: ${faults} faults over ${cases} cases; ${retried} cases judged after retries, ${errored} errors of the run, ${misclassified.length} misclassified`);
    expect(faults).toBeGreaterThanOrEqual(1000);
    // Every kind, over all runs (cut-short answers only hit reads, so one run may have none).
    for (const [kind, n] of Object.entries(injectedByKind)) expect(n, kind).toBeGreaterThan(0);
    expect(misclassified).toEqual([]);
    expect(retried).toBeGreaterThan(100);
  }, 240_000);

  test('a target that never answers makes errors of the run, not failures', async () => {
    const emulator = createEmulator();
    const faulty = withFaults(emulator, { rate: 1, kinds: ['reset', 'unavailable-html', 'throttling'] });
    const ctx = directContext(emulator, { runId: 'down', strict: false, sensitiveMembers: sensitive, handler: faulty, retry: { attempts: 3, delayMs: 1 } });
    const cases = filterCases(expandCases(specs, { runId: 'down' }), { operations: ['GetLoginProfile'], tags: ['scenario'] });
    const results = await runAll(cases, ctx, { concurrency: 4 });
    expect(results.length).toBeGreaterThan(0);
    expect(results.map((r) => r.outcome)).toEqual(results.map(() => 'error'));
    for (const r of results) expect(r.reason).toMatch(/no response|throttled|unavailable/);
  });

  test('through the AWS SDK and msw too: the SDK retries, the runner judges the answer', async () => {
    const endpoint = 'http://iam.faults.invalid';
    const emulator = createEmulator();
    const faulty = withFaults(emulator, { rate: 0.1, kinds: ['throttling', 'unavailable-html', 'server-error-html', 'reset'], seed: 'sdk' });
    const interception = interceptInProcess(faulty, endpoint);
    try {
      const runId = 'sdkfaults';
      let serial = 0;
      const ctx: RunContext = {
        session: { target: 'mock', endpoint, region: 'us-east-1', admin: emulator.admin, rootCredentials: emulator.root, capabilities: { root: true, disposableAccount: true, accountPolicyWritable: true, propagationDelays: false } },
        client: jsSdkClient({ endpoint, region: 'us-east-1' }),
        runId, namePrefix: namePrefix(runId), userPath: userPathFor(runId), accountId: emulator.accountId,
        strict: false, showSecrets: false, sensitiveMembers: sensitive, retry: { attempts: 4, delayMs: 1 },
        nextUserName: () => `${namePrefix(runId)}u${serial++}`,
      };
      const cases = filterCases(expandCases(specs, { runId }), { operations: ['ChangePassword'], tags: ['scenario'] });
      const t = tally(await runAll(cases, ctx, { concurrency: 8 }));
      ctx.client.close();
      expect(faulty.total()).toBeGreaterThan(10);
      expect(t.failed.map((r) => r.id)).toEqual([]);
      expect(t.passed.length + t.errored.length).toBe(cases.length);
    } finally {
      interception.close();
    }
  }, 120_000);
});
