/**
 * npm run mutants [-- --json] [-- --only ID,ID] [-- --isolation pooled|fresh]
 *
 * Mutation testing of the suite: the reference emulator with one named fault at a time
 * (src/mock/mutants.ts), the whole suite against it, in process. A mutant is killed when at least one
 * case fails; message-only mutants are tried again in --strict mode, which asserts message text backed by
 * docs or recordings. A survivor means a missing case: add the case, never weaken the mutant.
 */
import { MUTANTS, type Mutant } from '../src/mock/mutants.ts';
import { planRun, PlanError } from '../src/run/plan.ts';
import { runDirect } from '../src/run/direct.ts';
import { selectCases } from '../src/run/select.ts';

const args = process.argv.slice(2);
const json = args.includes('--json');
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? new Set(args[onlyAt + 1]?.split(',').filter(Boolean)) : undefined;
const isolationAt = args.indexOf('--isolation');
const isolation = isolationAt >= 0 ? args[isolationAt + 1] ?? '' : 'pooled';
const unknown = [...(only ?? [])].filter((id) => !MUTANTS.some((m) => m.id === id));
if (only && (only.size === 0 || unknown.length > 0)) {
  process.stderr.write(`mutants: ${only.size === 0 ? '--only needs mutant ids' : `no mutant ${unknown.map((u) => `"${u}"`).join(', ')}`}; the mutants are: ${MUTANTS.map((m) => m.id).join(', ')}\n`);
  process.exit(2);
}

/**
 * The plan of one attempt: the mock with the mutant, requests handed straight to it (no interception:
 * only verdicts matter), the raw Query client, no retries (the emulator never has passing faults).
 */
function planFor(mutant: Mutant | undefined, strict: boolean) {
  try {
    return planRun(['--target', 'mock', '--serve', 'direct', '--client', 'query', '--concurrency', '16', '--retry-attempts', '1', '--run-id', 'mutant', '--isolation', isolation,
      ...(mutant ? ['--mutant', mutant.id] : []), ...(strict ? ['--strict'] : [])], {});
  } catch (e) {
    if (!(e instanceof PlanError)) throw e;
    process.stderr.write(`mutants: ${e.message}\n`);
    process.exit(2);
  }
}
const selection = await selectCases(planFor(undefined, false));

interface Verdict {
  id: string;
  description: string;
  killed: boolean;
  mode?: 'default' | 'strict';
  killedBy?: string[];
  casesRun: number;
  ms: number;
}

async function attempt(mutant: Mutant | undefined, strict: boolean): Promise<{ failed: string[]; errored: string[]; run: number }> {
  const { results } = await runDirect(planFor(mutant, strict), { selection, stopAtFirstFailure: mutant !== undefined });
  return {
    failed: results.filter((r) => r.outcome === 'fail').map((r) => r.id),
    errored: results.filter((r) => r.outcome === 'error').map((r) => `${r.id}: ${r.reason}`),
    run: results.length,
  };
}

// The unmutated emulator must pass everything in both modes, or no kill means anything.
for (const strict of [false, true]) {
  const control = await attempt(undefined, strict);
  if (control.failed.length || control.errored.length) {
    process.stderr.write(`the unmutated emulator fails ${strict ? 'in strict mode' : ''}: ${[...control.failed, ...control.errored].slice(0, 10).join(', ')}\n`);
    process.exit(3);
  }
}

const verdicts: Verdict[] = [];
for (const mutant of MUTANTS.filter((m) => !only || only.has(m.id))) {
  const start = performance.now();
  let r = await attempt(mutant, false);
  let mode: Verdict['mode'] = 'default';
  if (r.failed.length === 0 && mutant.messageOnly) {
    r = await attempt(mutant, true);
    mode = 'strict';
  }
  const v: Verdict = { id: mutant.id, description: mutant.description, killed: r.failed.length > 0, casesRun: r.run, ms: Math.round(performance.now() - start) };
  if (v.killed) Object.assign(v, { mode, killedBy: r.failed.slice(0, 3) });
  verdicts.push(v);
  if (!json) process.stdout.write(`${v.killed ? 'killed  ' : 'SURVIVED'} ${mutant.id.padEnd(42)} ${v.killed ? `${mode} mode, by ${v.killedBy![0]}` : `no case failed in ${v.casesRun} cases`}\n`);
  if (r.errored.length) process.stderr.write(`  (${r.errored.length} cases could not run: ${r.errored[0]})\n`);
}

const killed = verdicts.filter((v) => v.killed).length;
const survivors = verdicts.filter((v) => !v.killed).map((v) => ({ id: v.id, description: v.description }));
if (json) {
  process.stdout.write(JSON.stringify({ total: verdicts.length, killed, survivors, mutants: verdicts }) + '\n');
} else {
  process.stdout.write(`\n${killed}/${verdicts.length} mutants killed` + (survivors.length ? `; survivors (each needs a case): ${survivors.map((s) => s.id).join(', ')}` : '') + '\n');
}
process.exitCode = survivors.length ? 1 : 0;
