import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The official IAM Smithy model (specs/model/iam-2010-05-08.json, JSON AST), read as the rest of the
 * code needs it: the operations, and for each its input members with their constraints resolved
 * (length, pattern, range, enum, required), lists and structures down to their members. One reader,
 * so the emulator and the case generator see the same model.
 */
export const MODEL_PATH = fileURLToPath(new URL('../../specs/model/iam-2010-05-08.json', import.meta.url));
const NS = 'com.amazonaws.iam#';

export type ModelType = 'string' | 'enum' | 'integer' | 'boolean' | 'timestamp' | 'list' | 'structure' | 'other';

export interface ModelMember {
  name: string;
  /** The model shape the member targets, without the namespace (`userNameType`). */
  shape: string;
  type: ModelType;
  required: boolean;
  length?: { min?: number; max?: number };
  /** The model's pattern as written, anchors included. */
  pattern?: string;
  range?: { min?: number; max?: number };
  enumValues?: string[];
  /** A list's element. */
  element?: ModelMember;
  /** A structure's members. */
  members?: ModelMember[];
}

export interface ModelOperation {
  name: string;
  input: ModelMember[];
  /** The errors the model declares, with their awsQuery code and HTTP status. */
  errors: Array<{ code: string; status: number }>;
}

interface Shape {
  type: string;
  input?: { target: string };
  errors?: Array<{ target: string }>;
  member?: { target: string };
  members?: Record<string, { target: string; traits?: Record<string, unknown> }>;
  traits?: Record<string, any>;
}

let cached: Map<string, ModelOperation> | undefined;

/** Every operation of the model, by name (176 in the 2026-03 model). */
export function modelOperations(path = MODEL_PATH): Map<string, ModelOperation> {
  if (path === MODEL_PATH && cached) return cached;
  let shapes: Record<string, Shape>;
  try {
    shapes = (JSON.parse(readFileSync(path, 'utf8')) as { shapes: Record<string, Shape> }).shapes;
  } catch (e) {
    throw new Error(`cannot read the IAM model ${path}: ${(e as Error).message}`);
  }
  if (!shapes) throw new Error(`${path} is not a Smithy JSON AST (no "shapes")`);
  const ops = new Map<string, ModelOperation>();
  for (const [id, shape] of Object.entries(shapes)) {
    if (shape.type !== 'operation' || !id.startsWith(NS)) continue;
    const name = id.slice(NS.length);
    const input = shape.input && shape.input.target !== 'smithy.api#Unit' ? shapes[shape.input.target] : undefined;
    ops.set(name, {
      name,
      input: Object.entries(input?.members ?? {}).map(([m, ref]) => memberOf(shapes, m, ref.target, 'smithy.api#required' in (ref.traits ?? {}), 0)),
      errors: (shape.errors ?? []).map((e) => {
        const s = shapes[e.target];
        const q = s?.traits?.['aws.protocols#awsQueryError'];
        return { code: q?.code ?? e.target.slice(NS.length), status: q?.httpResponseCode ?? s?.traits?.['smithy.api#httpError'] ?? 400 };
      }),
    });
  }
  if (path === MODEL_PATH) cached = ops;
  return ops;
}

function memberOf(shapes: Record<string, Shape>, name: string, target: string, required: boolean, depth: number): ModelMember {
  const shape = shapes[target];
  const t = shape?.traits ?? {};
  const type = typeOf(shape?.type ?? target);
  const m: ModelMember = { name, shape: target.replace(NS, '').replace('smithy.api#', ''), type, required };
  if (t['smithy.api#length']) m.length = t['smithy.api#length'];
  if (t['smithy.api#pattern']) m.pattern = t['smithy.api#pattern'];
  if (t['smithy.api#range']) m.range = t['smithy.api#range'];
  if (type === 'enum') m.enumValues = Object.values(shape!.members ?? {}).map((v) => String(v.traits?.['smithy.api#enumValue']));
  // IAM's inputs nest at most a list of structures (Tags.member.N.Key); the depth guard is for safety.
  if (type === 'list' && shape?.member && depth < 3) m.element = memberOf(shapes, 'member', shape.member.target, false, depth + 1);
  if (type === 'structure' && depth < 3) {
    m.members = Object.entries(shape!.members ?? {}).map(([n, ref]) => memberOf(shapes, n, ref.target, 'smithy.api#required' in (ref.traits ?? {}), depth + 1));
  }
  return m;
}

function typeOf(t: string): ModelType {
  if (t === 'string' || t === 'smithy.api#String') return 'string';
  if (t === 'integer' || t === 'long' || t === 'smithy.api#Integer') return 'integer';
  if (t === 'boolean' || t === 'smithy.api#Boolean' || t === 'smithy.api#PrimitiveBoolean') return 'boolean';
  if (t === 'enum' || t === 'timestamp' || t === 'list' || t === 'structure') return t;
  return 'other';
}

/**
 * AWS quotes a pattern without its outer anchors and matches the whole value against it. The model's
 * path pattern is `^(\u002F)|(\u002F[\u0021-\u007E]+\u002F)$`: read as a plain ECMAScript regex its
 * alternation binds loosely ("/abc" would pass through `^(\u002F)`); IAM documents that a path begins
 * and ends with "/", so every pattern is compiled as `^(?:…)$` - for the anchored ones the same thing.
 */
export function compilePattern(model: string): { text: string; re: RegExp } {
  const text = model.replace(/^\^/, '').replace(/\$$/, '');
  let re: RegExp;
  try {
    // \p{…} classes (tag keys) mean what the model means only with the `u` flag.
    re = new RegExp(`^(?:${text})$`, 'u');
  } catch {
    re = new RegExp(`^(?:${text})$`); // an escape the `u` flag refuses (`\:`): the same class without it
  }
  return { text, re };
}
