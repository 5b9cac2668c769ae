import { DEFAULT_SEED } from '../cases/expand.ts';
import type { OptionDecl, OptionValue } from '../settings.ts';
import { allOptions, type RunPlan } from './plan.ts';
import type { ReproduceSettings } from '../report/types.ts';
import { compareStrings } from '../report/order.ts';

/**
 * What runs a case again against the same target as this run (report.json `reproduce`): the target and
 * its own settings (--endpoint, --mutant, the program to start...), the client, region, spec folder, seed
 * and strictness. Not the settings that select cases or say where reports go (the reproducer adds --id),
 * and never a secret: credentials come from the reader's own environment.
 */
export function reproduceSettings(plan: RunPlan): ReproduceSettings {
  const args: string[] = ['--target', plan.target];
  const env: Record<string, string> = {};
  const decls = new Map(allOptions().map((d) => [d.key, d]));
  const add = (d: OptionDecl | undefined, value: OptionValue | undefined) => {
    if (!d || d.secret || d.internal || value === undefined || value === false) return;
    if (!d.flag) {
      if (d.env) env[d.env] = Array.isArray(value) ? value.join(',') : String(value);
      return;
    }
    if (value === true) args.push(`--${d.flag}`);
    else for (const v of Array.isArray(value) ? value : [value]) args.push(`--${d.flag}`, String(v));
  };
  if (plan.client !== 'js-sdk') add(decls.get('client'), plan.client);
  add(decls.get('region'), plan.region);
  add(decls.get('specs'), plan.specDir);
  if (plan.seed !== DEFAULT_SEED) add(decls.get('seed'), plan.seed);
  add(decls.get('strict'), plan.strict);
  for (const [key, value] of Object.entries(plan.targetOptions).sort(([a], [b]) => compareStrings(a, b))) add(decls.get(key), value);
  return { args, ...(Object.keys(env).length ? { env } : {}) };
}
