import { expandCases, filterCases } from '../cases/expand.ts';
import { loadSpecs } from '../specfile/load.ts';
import { sensitiveMembers } from '../specfile/sensitive.ts';
import type { Case } from '../cases/types.ts';
import type { SpecSet } from '../specfile/types.ts';
import { PlanError, type RunPlan } from './plan.ts';
import { shardCases } from './shard.ts';
import { resolveOperations, UnknownOperation } from '../cases/operation-names.ts';

/** What a run needs of the specs: its cases, and which members hold secrets. Plain data (it crosses into vitest). */
export interface Selection {
  /** The selected cases, in schedule order. */
  cases: Case[];
  /** Members whose values are secrets (from the shapes marked sensitive). */
  sensitiveMembers: string[];
}

/**
 * The cases a plan selects: the specs loaded and checked (a bad spec file throws SpecErrors), expanded
 * with the plan's seed, filtered by its operations, tags, id globs and pattern. `run`, `run --list`,
 * `expand` and the vitest suite all select through here, so they select the same ids.
 */
export function selectCases(plan: Pick<RunPlan, 'specDir' | 'seed' | 'filter'> & Partial<Pick<RunPlan, 'rerunIds' | 'shard'>>): Selection & { specs: SpecSet; unsharded: number } {
  const specs = loadSpecs(plan.specDir);
  let operations: string[] | undefined;
  try {
    operations = resolveOperations(specs, plan.filter.operations, plan.filter.families);
  } catch (e) {
    if (e instanceof UnknownOperation) throw new PlanError(e.message);
    throw e;
  }
  let cases = filterCases(expandCases(specs, { seed: plan.seed }), { ...plan.filter, operations, families: undefined });
  if (plan.rerunIds) {
    const known = new Set(cases.map((c) => c.id));
    const wanted = new Set(plan.rerunIds);
    const gone = plan.rerunIds.filter((id) => !known.has(id));
    // A rerun that silently ran fewer cases would look like a fix: an id the specs no longer have is refused.
    if (gone.length && !plan.filter.operations && !plan.filter.families && !plan.filter.tags && !plan.filter.ids && !plan.filter.pattern) {
      throw new PlanError(`--rerun-failed: ${gone.length} case(s) of that report are not cases of these specs (first: ${gone[0]}): were the specs or the seed changed?`);
    }
    cases = cases.filter((c) => wanted.has(c.id));
  }
  // How many the filters select before the split: a shard may be empty, a selection may not.
  const unsharded = cases.length;
  if (plan.shard) cases = shardCases(cases, plan.shard);
  return { specs, unsharded, cases, sensitiveMembers: [...sensitiveMembers(specs)] };
}
