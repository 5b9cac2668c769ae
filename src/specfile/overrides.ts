import { charClassOf } from '../model/charclass.ts';
import { compilePattern, modelOperations, type ModelMember } from '../model/iam-model.ts';
import { SpecError } from './errors.ts';
import type { YamlSource } from './yaml-source.ts';
import type { ModelOverrides } from './types.ts';

/** What stands for `${run}` when a sample is checked against its pattern: a run id has this form. */
const SAMPLE_RUN = 'abc123';

/**
 * The rules of model-overrides.yaml a schema cannot say: every operation and member it names is in the
 * model; every pattern of the model that is not one character class has an entry (else the generator
 * could not build a valid value for it); and each entry's samples are what it says they are (the valid
 * value and the accepted ones match the pattern, the rejected ones do not), so a typo cannot turn a
 * probe into its opposite.
 */
export function checkOverrides(o: ModelOverrides, source: YamlSource): SpecError[] {
  const errors: SpecError[] = [];
  const at = (pointer: string, message: string) => errors.push(new SpecError(source.file, pointer, message, source.position(pointer)));
  const ops = modelOperations();
  for (const list of ['accountWide', 'creating'] as const) {
    for (const name of Object.keys(o[list])) if (!ops.has(name)) at(`/${list}/${name}`, `no operation ${name} in the IAM model`);
  }
  for (const [name, t] of Object.entries(o.teardown)) {
    const op = ops.get(name);
    if (!op) at(`/teardown/${name}`, `no operation ${name} in the IAM model`);
    else if (!t.id.startsWith('output.') && !op.input.some((m) => m.name === t.id)) at(`/teardown/${name}/id`, `no member ${t.id} of ${name} in the IAM model`);
    else if (t.name !== undefined && !op.input.some((m) => m.name === t.name)) at(`/teardown/${name}/name`, `no member ${t.name} of ${name} in the IAM model`);
  }
  for (const ref of Object.keys(o.members ?? {})) {
    const [op, member] = ref.split('.', 2) as [string, string];
    if (!ops.get(op)?.input.some((m) => m.name === member)) at(`/members/${ref}`, `no member ${member} of ${op} in the IAM model`);
  }
  for (const ref of Object.keys(o.excluded)) {
    // `Operation.Member`, or `Operation.Member/probe` for one generated case.
    const [op, rest] = ref.split(/\.(.*)/s, 2) as [string, string];
    const member = rest.split(/[./]/)[0]!;
    if (!ops.get(op)?.input.some((m) => m.name === member)) at(`/excluded/${ref}`, `no member ${member} of ${op} in the IAM model`);
  }

  for (const [family, globs] of Object.entries(o.families)) {
    globs.forEach((glob, i) => {
      const re = new RegExp(`^${glob.split('*').join('.*')}$`);
      if (![...ops.keys()].some((op) => re.test(op))) at(`/families/${family}/${i}`, `"${glob}" matches no operation of the IAM model`);
    });
  }

  const used = new Map<string, string>();
  const visit = (op: string, m: ModelMember, path: string) => {
    if (m.pattern && !used.has(m.pattern)) used.set(m.pattern, `${op}.${path}`);
    if (m.element) visit(op, m.element, `${path}.member`);
    for (const f of m.members ?? []) visit(op, f, `${path}.${f.name}`);
  };
  for (const op of ops.values()) for (const m of op.input) visit(op.name, m, m.name);

  for (const [pattern, entry] of Object.entries(o.patterns)) {
    const where = `/patterns/${escapePointer(pattern)}`;
    if (!used.has(pattern)) {
      at(where, 'no member of the IAM model has this pattern');
      continue;
    }
    const { re } = compilePattern(pattern);
    const sample = (v: string) => v.split('${run}').join(SAMPLE_RUN).split('$$').join('$');
    if (!re.test(sample(entry.value))) at(`${where}/value`, `the valid value "${entry.value}" does not match the pattern`);
    for (const [name, v] of Object.entries(entry.accepted ?? {})) if (!re.test(sample(v))) at(`${where}/accepted/${name}`, `"${v}" does not match the pattern`);
    for (const [name, v] of Object.entries(entry.rejected ?? {})) if (re.test(sample(v))) at(`${where}/rejected/${name}`, `"${v}" matches the pattern: it is not a rejected value`);
  }
  for (const [pattern, member] of used) {
    if (!o.patterns[pattern] && !charClassOf(pattern)) {
      at('/patterns', `the pattern ${pattern} (${member} and maybe others) is not one character class: it needs an entry saying how to build a valid value`);
    }
  }
  return errors;
}

/** JSON pointer escaping (RFC 6901). */
function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
