import { constraintCases } from './constraint-cases.ts';
import { modelCases } from './model-cases.ts';
import { modelOperations } from '../model/iam-model.ts';
import { familyCases, scenarioCases } from './scenario-cases.ts';
import { seededRandom } from './random.ts';
import { NAME_PREFIX_TEMPLATE } from './template.ts';
import type { Case } from './types.ts';
import type { ModelOverrides, SpecSet } from '../specfile/types.ts';

/** The seed of the generated probe values unless --seed says otherwise: cases are the same on every run. */
export const DEFAULT_SEED = 'iam-conformance-1';

export interface ExpandOptions {
  /** Seeds the generated probe values: the same seed gives byte-identical cases. */
  seed: string;
}

/**
 * Every case of every operation: scenarios first, then generated constraint cases, then the cases
 * generated from the IAM model for the members no spec declares. Independent of any
 * run: no run id, no clock; what must be unique per run is a template bound when the case executes.
 */
export function expandCases(specs: SpecSet, options: ExpandOptions): Case[] {
  const rng = seededRandom(options.seed);
  let serial = 0;
  const ctx = { rng, namePrefix: NAME_PREFIX_TEMPLATE, nextSerial: () => serial++ };
  const cases: Case[] = [];
  for (const op of specs.operations) cases.push(...scenarioCases(op), ...constraintCases(op, specs.shapes, ctx));
  for (const family of specs.families ?? []) cases.push(...familyCases(family, specs.overrides));
  // Every other member of every operation of the model, when the spec folder has the overrides file.
  if (specs.overrides) cases.push(...modelCases(modelOperations(), specs.operations, specs.overrides, ctx.nextSerial));
  for (const c of cases) c.given = withDefaultUsers(c);
  if (specs.overrides) for (const c of cases) markCreations(c, specs.overrides.teardown);
  const seen = new Set<string>();
  for (const c of cases) {
    if (seen.has(c.id)) throw new Error(`two cases share the id ${c.id}`);
    seen.add(c.id);
  }
  return cases;
}

/** Each step that makes something when it succeeds says what and where its id is: the tear-down removes it. */
function markCreations(c: Case, teardown: ModelOverrides['teardown']): void {
  for (const step of c.steps) {
    const creates = teardown[step.call];
    if (creates) step.creates = creates;
  }
}

/**
 * A case that declares no users gets the default one, `user`, only when it refers to it: a case about
 * the account policy alone creates nothing it does not need.
 */
function withDefaultUsers(c: Case): Case['given'] {
  if (c.given.users !== undefined) return c.given;
  const text = JSON.stringify(c.steps);
  const uses = c.steps.some((s) => s.as === 'user' || s.as === 'wrongSecret') || /\$\{user[.}]/.test(text);
  return { ...c.given, users: uses ? { user: {} } : {} };
}
