import { describe, expect, test } from 'vitest';
import { planRun } from '../../src/run/plan.ts';
import { runDirect } from '../../src/run/direct.ts';
import { selectCases } from '../../src/run/select.ts';
import type { MockControls } from '../../src/targets/mock.ts';
import type { CaseResult } from '../../src/runner/result.ts';

/**
 * Transport faults must never turn into conformance verdicts. The reference emulator passes every case,
 * so with faults injected in front of it, any `fail` is a misclassification: the answer to a retried
 * request is judged (and the retry noted); a request never answered makes the case an error of the run.
 * Each run is planned and scheduled exactly as `iam-conformance run` plans and schedules it.
 */
function tally(results: CaseResult[]) {
  return {
    failed: results.filter((r) => r.outcome === 'fail'),
    errored: results.filter((r) => r.outcome === 'error'),
    passed: results.filter((r) => r.outcome === 'pass'),
    retriedAndJudged: results.filter((r) => r.outcome === 'pass' && r.notes.some((n) => /retried/.test(n.text))).length,
  };
}

async function faultyRun(args: string[]) {
  const plan = planRun(['--target', 'mock', ...args], {});
  const { results, attachment } = await runDirect(plan);
  return { results, selected: (await selectCases(plan)).cases.length, faults: (attachment.controls as MockControls).faults! };
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
      const { results, faults: faulty } = await faultyRun([
        '--serve', 'direct', '--client', 'query', '--fault-rate', '0.08', '--fault-latency-ms', '150', '--fault-seed', `run${run}`,
        '--request-timeout-ms', '100', '--retry-attempts', '6', '--retry-delay-ms', '1', '--concurrency', '32',
      ]);
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
    expect(Object.keys(injectedByKind).sort()).toEqual(['latency', 'reset', 'server-error-html', 'throttling', 'truncated-xml', 'unavailable-html']);
    for (const [kind, n] of Object.entries(injectedByKind)) expect(n, kind).toBeGreaterThan(0);
    expect(misclassified).toEqual([]);
    expect(retried).toBeGreaterThan(100);
  }, 240_000);

  test('a target that never answers makes errors of the run, not failures', async () => {
    const { results } = await faultyRun([
      '--serve', 'direct', '--client', 'query', '--fault-rate', '1', '--fault-kinds', 'reset,unavailable-html,throttling',
      '--retry-attempts', '3', '--retry-delay-ms', '1', '--concurrency', '4', '--operation', 'GetLoginProfile', '--tag', 'scenario',
    ]);
    expect(results.length).toBeGreaterThan(0);
    expect(results.map((r) => r.outcome)).toEqual(results.map(() => 'error'));
    for (const r of results) expect(r.reason).toMatch(/no response|throttled|unavailable/);
  });

  test('through the AWS SDK and msw too: the SDK retries, the runner judges the answer', async () => {
    const { results, selected, faults } = await faultyRun([
      '--client', 'js-sdk', '--fault-rate', '0.1', '--fault-kinds', 'throttling,unavailable-html,server-error-html,reset', '--fault-seed', 'sdk',
      '--retry-attempts', '4', '--retry-delay-ms', '1', '--concurrency', '8', '--operation', 'ChangePassword', '--tag', 'scenario',
    ]);
    const t = tally(results);
    expect(faults.total()).toBeGreaterThan(10);
    expect(t.failed.map((r) => r.id)).toEqual([]);
    expect(selected).toBeGreaterThan(5);
    expect(results.length).toBe(selected);
    expect(t.passed.length + t.errored.length).toBe(selected);
  }, 120_000);
});
