import { readFileSync } from 'node:fs';
import type { SpecSet } from './types.ts';

/**
 * Cross-checks the specs against the official IAM Smithy model (JSON AST): every input member's
 * required flag, length, pattern and range, and every operation's modelled errors with their HTTP
 * status. The specs are data written by people; this keeps them honest against the source.
 */
export interface Mismatch {
  operation: string;
  where: string;
  spec: unknown;
  model: unknown;
}

interface SmithyShape {
  type: string;
  input?: { target: string };
  errors?: Array<{ target: string }>;
  members?: Record<string, { target: string; traits?: Record<string, unknown> }>;
  traits?: Record<string, any>;
}

const NS = 'com.amazonaws.iam#';

export function checkAgainstModel(specs: SpecSet, modelPath: string): { mismatches: Mismatch[]; checked: number } {
  let model: { shapes: Record<string, SmithyShape> };
  try {
    model = JSON.parse(readFileSync(modelPath, 'utf8'));
  } catch (e) {
    throw new Error(`cannot read the model ${modelPath}: ${(e as Error).message}`);
  }
  if (!model?.shapes) throw new Error(`${modelPath} is not a Smithy JSON AST (no "shapes")`);
  const shapeOf = (id: string) => model.shapes[id.includes('#') ? id : NS + id];
  const mismatches: Mismatch[] = [];
  let checked = 0;
  const compare = (operation: string, where: string, spec: unknown, modelValue: unknown) => {
    checked++;
    if (JSON.stringify(spec ?? null) !== JSON.stringify(modelValue ?? null)) mismatches.push({ operation, where, spec, model: modelValue });
  };

  for (const op of specs.operations) {
    const opShape = shapeOf(op.operation);
    if (!opShape || opShape.type !== 'operation') {
      mismatches.push({ operation: op.operation, where: 'operation', spec: op.operation, model: '(not in the model)' });
      continue;
    }
    const input = opShape.input && opShape.input.target !== 'smithy.api#Unit' ? shapeOf(opShape.input.target) : undefined;
    const modelMembers = input?.members ?? {};
    compare(op.operation, 'input members', op.input.map((m) => m.name).sort(), Object.keys(modelMembers).sort());
    for (const member of op.input) {
      const mm = modelMembers[member.name];
      if (!mm) continue;
      const target = shapeOf(mm.target);
      const shape = specs.shapes.get(member.shape);
      const t = target?.traits ?? {};
      compare(op.operation, `${member.name} required`, member.required, 'smithy.api#required' in (mm.traits ?? {}));
      compare(op.operation, `${member.name} shape`, shape?.model, mm.target.replace(NS, ''));
      compare(op.operation, `${member.name} length`, shape?.length ?? null, t['smithy.api#length'] ?? null);
      compare(op.operation, `${member.name} pattern`, shape?.pattern ?? null, t['smithy.api#pattern'] ?? null);
      compare(op.operation, `${member.name} range`, shape?.range ?? null, t['smithy.api#range'] ?? null);
      compare(op.operation, `${member.name} sensitive`, shape?.sensitive ?? false, 'smithy.api#sensitive' in t);
    }
    const modelErrors = (opShape.errors ?? []).map((e) => {
      const s = shapeOf(e.target);
      const q = s?.traits?.['aws.protocols#awsQueryError'];
      return { code: q?.code ?? e.target.replace(NS, ''), status: q?.httpResponseCode ?? s?.traits?.['smithy.api#httpError'] };
    });
    const specErrors = op.errors.map((e) => ({ code: e.code, status: e.status }));
    const key = (l: Array<{ code: string; status: number }>) => l.map((e) => `${e.code} ${e.status}`).sort();
    compare(op.operation, 'errors (code and HTTP status)', key(specErrors), key(modelErrors));
  }
  return { mismatches, checked };
}
