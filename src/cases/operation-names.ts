import type { SpecSet } from '../specfile/types.ts';
import { modelOperations } from '../model/iam-model.ts';

/**
 * What `--operation` and `--family` name, as operation names. `--operation` takes names and globs
 * (`'*Role*'`: `*` is any run of characters); `--family` the families of model-overrides.yaml. Every
 * name, glob and family must stand for at least one operation the specs have cases for, or the run
 * would quietly test nothing of what was asked.
 */
export class UnknownOperation extends Error {}

export function knownOperations(specs: SpecSet): string[] {
  const names = new Set(specs.operations.map((o) => o.operation));
  if (specs.overrides) for (const name of modelOperations().keys()) names.add(name);
  return [...names].sort();
}

export const nameGlob = (glob: string) => new RegExp(`^${glob.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);

export function familyOperations(specs: SpecSet, family: string): string[] {
  const globs = specs.overrides?.families[family];
  if (!globs) {
    const known = Object.keys(specs.overrides?.families ?? {});
    throw new UnknownOperation(`unknown family "${family}"${known.length ? `: one of ${known.join(', ')}` : ' (this spec folder defines no families)'}`);
  }
  const res = globs.map(nameGlob);
  return knownOperations(specs).filter((op) => res.some((re) => re.test(op)));
}

/** The operations a selection names, or undefined when it names none (every operation). */
export function resolveOperations(specs: SpecSet, operations: string[] = [], families: string[] = []): string[] | undefined {
  if (operations.length === 0 && families.length === 0) return undefined;
  const known = knownOperations(specs);
  const out = new Set<string>();
  for (const name of operations) {
    const matched = name.includes('*') ? known.filter((op) => nameGlob(name).test(op)) : known.filter((op) => op === name);
    if (matched.length === 0) {
      const near = known.filter((op) => op.toLowerCase() === name.toLowerCase());
      throw new UnknownOperation(`unknown operation "${name}"${near.length ? ` (did you mean ${near[0]}?)` : ''}: not one of the ${known.length} operations of the specs and the IAM model`);
    }
    for (const op of matched) out.add(op);
  }
  for (const family of families) for (const op of familyOperations(specs, family)) out.add(op);
  return [...out].sort();
}
