import { expandCases, filterCases } from '../cases/expand.ts';
import { loadSpecs } from '../specfile/load.ts';
import { sensitiveMembers } from '../specfile/sensitive.ts';
import type { Case } from '../cases/types.ts';
import type { SpecSet } from '../specfile/types.ts';
import { PlanError, type RunPlan } from './plan.ts';

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
export function selectCases(plan: Pick<RunPlan, 'specDir' | 'seed' | 'filter'>): Selection & { specs: SpecSet } {
  const specs = loadSpecs(plan.specDir);
  for (const op of plan.filter.operations ?? []) {
    if (!specs.operations.some((o) => o.operation === op)) {
      throw new PlanError(`unknown operation "${op}": one of ${specs.operations.map((o) => o.operation).join(', ')}`);
    }
  }
  const cases = filterCases(expandCases(specs, { seed: plan.seed }), plan.filter);
  return { specs, cases, sensitiveMembers: [...sensitiveMembers(specs)] };
}
