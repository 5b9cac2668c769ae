import { expect, test } from 'vitest';
import { MUTANTS } from '../../src/mock/mutants.ts';
import { planRun } from '../../src/run/plan.ts';
import { runDirect } from '../../src/run/direct.ts';
import { selectCases } from '../../src/run/select.ts';
import { casesOfLane } from '../../src/run/lanes.ts';
import type { Lane } from '../../src/run/lanes.ts';

/**
 * Pooled and fresh isolation give the same verdict on every case, id by id, against the reference
 * emulator and against each of its deliberate deviations: a pooled user can never carry one case's
 * deviation into another case's verdict. And a run spread over two workers (--workers 2: two lanes, each
 * with an emulator of its own as each worker process has, then the account-wide lane) gives the verdicts
 * of a run in one. (The whole suite, three times per mutant: about 25 minutes on 2 cores.)
 */
const BASE = ['--target', 'mock', '--serve', 'direct', '--client', 'query', '--retry-attempts', '1', '--run-id', 'equiv1'];
const selection = await selectCases(planRun(BASE, {}));

/** Each case's outcome, or that the run as a whole could not be carried out (the same in both modes). */
async function verdicts(args: string[], lane?: Lane): Promise<Record<string, string>> {
  try {
    const { results } = await runDirect(planRun([...BASE, ...args], {}), { selection: { ...selection, cases: casesOfLane(selection.cases, lane) }, ...(lane ? { lane } : {}) });
    return Object.fromEntries(results.map((r) => [r.id, r.outcome]));
  } catch {
    return { '(the run)': 'could not be carried out' };
  }
}

/**
 * The verdicts of a run in two lanes and the account-wide one after them, as `--workers 2` runs it. A run
 * that could not be carried out in one lane could not be in lanes either: any lane's failure is the run's
 * (a mutant that breaks putting the password policy back fails the account-wide lane alone).
 */
async function inLanes(args: string[]): Promise<Record<string, string>> {
  const lanes = [...(await Promise.all([0, 1].map((index) => verdicts(args, { index, count: 2 })))), await verdicts(args, 'account-wide')];
  const failed = lanes.find((l) => '(the run)' in l);
  return failed ?? Object.assign({}, ...lanes);
}

test('the same verdicts in both modes and in two lanes, with no deviation and with each of the mutants', async () => {
  const differing: string[] = [];
  let compared = 0;
  for (const mutant of [undefined, ...MUTANTS]) {
    const extra = mutant ? ['--mutant', mutant.id] : [];
    const [pooled, fresh, lanes] = [await verdicts(extra), await verdicts([...extra, '--isolation', 'fresh']), await inLanes(extra)];
    const ids = [...new Set([...Object.keys(pooled), ...Object.keys(fresh), ...Object.keys(lanes)])];
    for (const id of ids) {
      compared++;
      if (pooled[id] !== fresh[id]) differing.push(`${mutant?.id ?? 'no mutant'}: ${id}: pooled ${pooled[id]}, fresh ${fresh[id]}`);
      if (pooled[id] !== lanes[id]) differing.push(`${mutant?.id ?? 'no mutant'}: ${id}: one lane ${pooled[id]}, two lanes ${lanes[id]}`);
    }
  }
  expect(compared).toBeGreaterThan(selection.cases.length * MUTANTS.length);
  expect(differing).toEqual([]);
}, 2_700_000);
