import { expect, test } from 'vitest';
import { MUTANTS } from '../../src/mock/mutants.ts';
import { planRun } from '../../src/run/plan.ts';
import { runDirect } from '../../src/run/direct.ts';
import { selectCases } from '../../src/run/select.ts';

/**
 * Pooled and fresh isolation give the same verdict on every case, id by id, against the reference
 * emulator and against each of its deliberate deviations: a pooled user can never carry one case's
 * deviation into another case's verdict. (The whole suite, twice per mutant: a few minutes.)
 */
const BASE = ['--target', 'mock', '--serve', 'direct', '--client', 'query', '--retry-attempts', '1', '--run-id', 'equiv1'];
const selection = selectCases(planRun(BASE, {}));

/** Each case's outcome, or that the run as a whole could not be carried out (the same in both modes). */
async function verdicts(args: string[]): Promise<Record<string, string>> {
  try {
    const { results } = await runDirect(planRun([...BASE, ...args], {}), { selection });
    return Object.fromEntries(results.map((r) => [r.id, r.outcome]));
  } catch {
    return { '(the run)': 'could not be carried out' };
  }
}

test('the same verdicts in both modes, with no deviation and with each of the mutants', async () => {
  const differing: string[] = [];
  for (const mutant of [undefined, ...MUTANTS]) {
    const extra = mutant ? ['--mutant', mutant.id] : [];
    const [pooled, fresh] = [await verdicts(extra), await verdicts([...extra, '--isolation', 'fresh'])];
    const ids = [...new Set([...Object.keys(pooled), ...Object.keys(fresh)])];
    for (const id of ids) if (pooled[id] !== fresh[id]) differing.push(`${mutant?.id ?? 'no mutant'}: ${id}: pooled ${pooled[id]}, fresh ${fresh[id]}`);
  }
  expect(differing).toEqual([]);
}, 1_800_000);
