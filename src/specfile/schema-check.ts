import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { SpecError } from './errors.ts';
import type { YamlSource } from './yaml-source.ts';

const SCHEMA_DIR = fileURLToPath(new URL('../../specs/schema/', import.meta.url));

type SchemaKind = 'operation' | 'shapes' | 'overrides' | 'family';
let compiled: Record<SchemaKind, ValidateFunction> | undefined;

function validators() {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: true, strict: true });
    const load = (name: string) => JSON.parse(readFileSync(SCHEMA_DIR + name, 'utf8'));
    const operation = load('operation.schema.json');
    // A family file's scenarios are the operation files' scenarios: one definition, referenced.
    ajv.addSchema(operation);
    compiled = {
      operation: ajv.getSchema(operation.$id)!,
      family: ajv.compile(load('family.schema.json')),
      shapes: ajv.compile(load('shapes.schema.json')),
      overrides: ajv.compile(load('overrides.schema.json')),
    };
  }
  return compiled;
}

/** Checks a parsed file against its JSON Schema; each violation becomes a located SpecError. */
export function checkSchema(source: YamlSource, kind: SchemaKind): SpecError[] {
  const validate = validators()[kind];
  if (validate(source.data)) return [];
  return simplify(validate.errors ?? []).map((e) => {
    const pointer = e.keyword === 'additionalProperties' ? `${e.instancePath}/${e.params.additionalProperty}` : e.instancePath;
    return new SpecError(source.file, pointer || '/', describe(e), source.position(pointer));
  });
}

function describe(e: ErrorObject): string {
  switch (e.keyword) {
    case 'additionalProperties':
      return `unknown key "${e.params.additionalProperty}"`;
    case 'enum':
      return `must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'required':
      return `missing required key "${e.params.missingProperty}"`;
    default:
      return e.message ?? e.keyword;
  }
}

/** oneOf/propertyNames produce a cascade of errors for one mistake; keep the informative ones. */
function simplify(errors: ErrorObject[]): ErrorObject[] {
  const specific = errors.filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'if');
  const seen = new Set<string>();
  return specific.filter((e) => {
    const key = `${e.instancePath}|${describe(e)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
