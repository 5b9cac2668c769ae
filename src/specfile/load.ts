import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { SpecError, SpecErrors } from './errors.ts';
import { checkSchema } from './schema-check.ts';
import { checkSemantics } from './semantics.ts';
import { parseYaml, type YamlSource } from './yaml-source.ts';
import { checkOverrides } from './overrides.ts';
import type { ErrorSpec, FamilySpec, MemberSpec, ModelOverrides, OperationSpec, Scenario, Shape, SpecSet } from './types.ts';

export { DEFAULT_SPEC_DIR } from './spec-dir.ts';
import { DEFAULT_SPEC_DIR } from './spec-dir.ts';

const SHAPES_FILE = 'shapes.yaml';
const OVERRIDES_FILE = 'model-overrides.yaml';
/** Scenarios of the families of operations, one file per family. */
const FAMILIES_DIR = 'families';

/**
 * Loads and checks every spec under `dir`: YAML syntax, the JSON Schema, then the rules a schema
 * cannot say (shape references, known error codes, unique ids, regexes that compile...).
 * Throws SpecErrors listing every problem found, each with file, pointer and line.
 */
export function loadSpecs(dir: string = DEFAULT_SPEC_DIR): SpecSet {
  const files = specFiles(dir);
  const familyFiles = familyDir(dir);
  const errors: SpecError[] = [];
  const display = (f: string) => relative(process.cwd(), f) || f;

  const shapesPath = files.find((f) => basename(f) === SHAPES_FILE);
  if (!shapesPath) throw new SpecErrors([new SpecError(display(dir), '', `no ${SHAPES_FILE} in the spec folder`)]);

  const parse = (list: string[]) => {
    const out: YamlSource[] = [];
    for (const file of list) {
      try {
        out.push(parseYaml(display(file), readFileSync(file, 'utf8')));
      } catch (e) {
        if (e instanceof SpecError) errors.push(e);
        else throw e;
      }
    }
    return out;
  };
  const sources = parse(files);
  const familySources = parse(familyFiles);

  const shapeSource = sources.find((s) => basename(s.file) === SHAPES_FILE);
  const shapes = new Map<string, Shape>();
  if (shapeSource) {
    const problems = checkSchema(shapeSource, 'shapes');
    errors.push(...problems);
    if (problems.length === 0) {
      for (const [name, raw] of Object.entries((shapeSource.data as { shapes: Record<string, Omit<Shape, 'name'>> }).shapes)) {
        shapes.set(name, { name, ...raw });
      }
    }
  }

  const overridesSource = sources.find((s) => basename(s.file) === OVERRIDES_FILE);
  let overrides: ModelOverrides | undefined;
  if (overridesSource) {
    const problems = checkSchema(overridesSource, 'overrides');
    errors.push(...problems);
    if (problems.length === 0) {
      overrides = { ...(overridesSource.data as Omit<ModelOverrides, 'file'>), file: overridesSource.file };
      errors.push(...checkOverrides(overrides, overridesSource));
    }
  }

  const operations: OperationSpec[] = [];
  const opSources = new Map<OperationSpec, YamlSource>();
  for (const source of sources) {
    if (source === shapeSource || source === overridesSource) continue;
    const problems = checkSchema(source, 'operation');
    errors.push(...problems);
    if (problems.length > 0) continue;
    const op = toOperation(source);
    operations.push(op);
    opSources.set(op, source);
  }

  const families: FamilySpec[] = [];
  const familyOf = new Map<FamilySpec, YamlSource>();
  for (const source of familySources) {
    const problems = checkSchema(source, 'family');
    errors.push(...problems);
    if (problems.length > 0) continue;
    const family = { ...(source.data as Omit<FamilySpec, 'file'>), file: source.file };
    families.push(family);
    familyOf.set(family, source);
  }

  if (errors.length === 0) errors.push(...checkSemantics({ shapes, operations, families, ...(overrides ? { overrides } : {}) }, shapeSource, opSources, familyOf));
  if (errors.length > 0) throw new SpecErrors(errors);
  operations.sort((a, b) => a.operation.localeCompare(b.operation));
  families.sort((a, b) => a.family.localeCompare(b.family));
  return { shapes, operations, families, ...(overrides ? { overrides } : {}) };
}

function specFiles(dir: string): string[] {
  let entries: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new Error('not a directory');
    entries = readdirSync(dir);
  } catch {
    throw new SpecErrors([new SpecError(dir, '', 'spec folder not found or not a directory')]);
  }
  return entries.filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => join(dir, f));
}

/** specs/iam/families/*.yaml, if the folder is there. */
function familyDir(dir: string): string[] {
  const sub = join(dir, FAMILIES_DIR);
  try {
    if (!statSync(sub).isDirectory()) return [];
  } catch {
    return [];
  }
  return readdirSync(sub).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => join(sub, f));
}

interface RawOperation {
  operation: string;
  docs: string;
  caller: string;
  accountWide?: boolean;
  input: Record<string, Omit<MemberSpec, 'name'>>;
  errors: Record<string, Omit<ErrorSpec, 'code'>>;
  scenarios: Scenario[];
}

function toOperation(source: YamlSource): OperationSpec {
  const raw = source.data as RawOperation;
  return {
    operation: raw.operation,
    docs: raw.docs,
    caller: raw.caller,
    accountWide: raw.accountWide ?? false,
    input: Object.entries(raw.input).map(([name, m]) => ({ name, ...m })),
    errors: Object.entries(raw.errors).map(([code, e]) => ({ code, ...e })),
    scenarios: raw.scenarios,
    file: source.file,
  };
}
