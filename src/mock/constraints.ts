import { compilePattern, modelOperations, type ModelMember } from '../model/iam-model.ts';

export { compilePattern };

/**
 * The input constraints of every operation of the official IAM model, as the emulator checks them
 * (step 1 of AWS's order, before authentication). Derived from the model by the one reader
 * (src/model/iam-model.ts), not from the project's spec files: the specs are checked against the
 * emulator, not mirrored by it.
 */
export interface Constraint {
  /**
   * `list` is a list on the wire (`Tags.member.N.Key`, `ClientIDList.member.N`): its items in `fields` or
   * `element`. `structure` (CreateDelegationRequest's Permissions) is checked for presence only.
   */
  type: 'string' | 'integer' | 'boolean' | 'list' | 'structure';
  required?: boolean;
  /** Characters of a string, or items of a list. */
  length?: [number, number];
  /** The model's pattern, as AWS quotes it in messages (anchors dropped), and compiled. */
  pattern?: { text: string; re: RegExp };
  range?: [number | undefined, number | undefined];
  /**
   * A path (pathType): AWS's validator does not apply the model's pattern; IAM's own check does, after
   * authentication, with its own message (src/mock/paths.ts).
   */
  path?: true;
  /** An enum's values (a string outside them is a ValidationError). */
  enumValues?: string[];
  /** The fields of each item of a `list` of structures. */
  fields?: Record<string, Constraint>;
  /** The constraint of each item of a `list` of scalars. */
  element?: Constraint;
}

/** The model's pathType pattern (Path, NewPath of users, groups, roles, instance profiles, MFA devices, certificates). */
export const PATH_TYPE = '^(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)$';

function constraintOf(m: ModelMember): Constraint | undefined {
  const base = m.required ? { required: true } : {};
  switch (m.type) {
    case 'string':
    case 'enum':
      return {
        type: 'string',
        ...base,
        ...(m.length ? { length: [m.length.min ?? 0, m.length.max ?? Number.MAX_SAFE_INTEGER] as [number, number] } : {}),
        ...(m.pattern === PATH_TYPE ? { path: true } : m.pattern ? { pattern: compilePattern(m.pattern) } : {}),
        ...(m.enumValues ? { enumValues: m.enumValues } : {}),
      };
    case 'integer':
      return { type: 'integer', ...base, ...(m.range ? { range: [m.range.min, m.range.max] as [number | undefined, number | undefined] } : {}) };
    case 'boolean':
      return { type: 'boolean', ...base };
    case 'list': {
      const length = m.length ? { length: [m.length.min ?? 0, m.length.max ?? Number.MAX_SAFE_INTEGER] as [number, number] } : {};
      const el = m.element;
      if (el?.type === 'structure') {
        const fields: Record<string, Constraint> = {};
        for (const f of el.members ?? []) {
          const c = constraintOf(f);
          if (c && c.type !== 'list') fields[f.name] = c;
        }
        return { type: 'list', ...base, ...length, fields };
      }
      const element = el ? constraintOf(el) : undefined;
      return { type: 'list', ...base, ...length, ...(element && element.type !== 'list' ? { element } : {}) };
    }
    case 'structure':
      // Its members (`Permissions.PolicyTemplateArn`) are not checked yet: none is constrained but by
      // length, and the one such input is a preview feature.
      return { type: 'structure', ...base };
    default:
      // Timestamps (no IAM input constrains one): not checked.
      return undefined;
  }
}

/** Every operation's members and their constraints, from the model. */
export function modelConstraints(): Record<string, Record<string, Constraint>> {
  const out: Record<string, Record<string, Constraint>> = {};
  for (const op of modelOperations().values()) {
    const members: Record<string, Constraint> = {};
    for (const m of op.input) {
      const c = constraintOf(m);
      if (c) members[m.name] = c;
    }
    out[op.name] = members;
  }
  return out;
}

export const OPERATIONS: Record<string, Record<string, Constraint>> = modelConstraints();

/** The error codes the model lists for each operation. */
export const MODEL_ERRORS: Record<string, string[]> = Object.fromEntries([...modelOperations().values()].map((op) => [op.name, op.errors.map((e) => e.code)]));
