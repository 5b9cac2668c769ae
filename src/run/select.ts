import { filterCases } from '../cases/filter.ts';
import { sensitiveMembers } from '../specfile/sensitive.ts';
import type { Case } from '../cases/types.ts';
import type { SpecSet } from '../specfile/types.ts';
import { PlanError, type RunPlan } from './plan.ts';
import { shardCases } from './shard.ts';
import { cachedSuite } from '../cases/suite-cache.ts';
import { toolsCacheDir } from '../iam/tools-cache.ts';
import { DEFAULT_SPEC_DIR } from '../specfile/spec-dir.ts';
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
export async function selectCases(plan: Pick<RunPlan, 'specDir' | 'seed' | 'filter'> & Partial<Pick<RunPlan, 'rerunIds' | 'shard' | 'toolsDir'>>): Promise<Selection & { specs: SpecSet; unsharded: number }> {
  // Checked and expanded once per contents (src/cases/suite-cache.ts): IAM_CONFORMANCE_SUITE_CACHE=off reads nothing back.
  const cacheDir = process.env.IAM_CONFORMANCE_SUITE_CACHE === 'off' ? undefined : toolsCacheDir(plan.toolsDir);
  const specDir = plan.specDir ?? DEFAULT_SPEC_DIR;
  // The YAML parser, the schema checker and the generator are loaded only when the cache has no suite for these inputs.
  const suite = await cachedSuite(cacheDir, specDir, plan.seed, async () => {
    const [{ loadSpecs }, { expandCases }] = await Promise.all([import('../specfile/load.ts'), import('../cases/expand.ts')]);
    const specs = loadSpecs(specDir);
    return { specs, cases: expandCases(specs, { seed: plan.seed }) };
  });
  let operations: string[] | undefined;
  try {
    operations = resolveOperations(suite.specs, plan.filter.operations, plan.filter.families);
  } catch (e) {
    if (e instanceof UnknownOperation) throw new PlanError(e.message);
    throw e;
  }
  // Selected by their heads: only the operations a run selects are read back from the cache.
  let heads = filterCases(suite.heads, { ...plan.filter, operations, families: undefined });
  if (plan.rerunIds) {
    const known = new Set(heads.map((c) => c.id));
    const wanted = new Set(plan.rerunIds);
    const gone = plan.rerunIds.filter((id) => !known.has(id));
    // A rerun that silently ran fewer cases would look like a fix: an id the specs no longer have is refused.
    if (gone.length && !plan.filter.operations && !plan.filter.families && !plan.filter.tags && !plan.filter.ids && !plan.filter.pattern) {
      throw new PlanError(`--rerun-failed: ${gone.length} case(s) of that report are not cases of these specs (first: ${gone[0]}): were the specs or the seed changed?`);
    }
    heads = heads.filter((c) => wanted.has(c.id));
  }
  // How many the filters select before the split: a shard may be empty, a selection may not.
  const unsharded = heads.length;
  if (plan.shard) heads = shardCases(heads, plan.shard);
  return { specs: suite.specs, unsharded, cases: await suite.cases(heads), sensitiveMembers: [...sensitiveMembers(suite.specs)] };
}
