/**
 * Expected output members: a literal compares by value; `{ type: timestamp|string|boolean|integer }`
 * checks presence and type only, for values that vary from run to run.
 */
export interface Mismatch {
  path: string;
  expected: unknown;
  actual: unknown;
}

const TYPE_CHECKS: Record<string, (v: unknown) => boolean> = {
  timestamp: (v) => v instanceof Date ? !Number.isNaN(v.getTime()) : typeof v === 'string' && !Number.isNaN(Date.parse(v)),
  string: (v) => typeof v === 'string',
  boolean: (v) => typeof v === 'boolean',
  integer: (v) => typeof v === 'number' && Number.isInteger(v),
};

function isTypeSpec(v: unknown): v is { type: string } {
  return !!v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1 && typeof (v as { type?: unknown }).type === 'string' && (v as { type: string }).type in TYPE_CHECKS;
}

export function matchOutput(expected: Record<string, unknown>, actual: unknown, path = ''): Mismatch[] {
  const out: Mismatch[] = [];
  const obj = (actual && typeof actual === 'object' ? actual : {}) as Record<string, unknown>;
  for (const [key, want] of Object.entries(expected)) {
    const at = path ? `${path}.${key}` : key;
    const got = obj[key];
    if (isTypeSpec(want)) {
      if (!TYPE_CHECKS[want.type]!(got)) out.push({ path: at, expected: `a ${want.type}`, actual: describe(got) });
    } else if (want && typeof want === 'object' && !Array.isArray(want)) {
      if (got === undefined) out.push({ path: at, expected: 'present', actual: 'absent' });
      else out.push(...matchOutput(want as Record<string, unknown>, got, at));
    } else if (!sameValue(want, got)) {
      out.push({ path: at, expected: want, actual: describe(got) });
    }
  }
  return out;
}

export function absentMembers(paths: string[], actual: unknown): Mismatch[] {
  return paths.flatMap((p) => {
    let v: unknown = actual;
    for (const part of p.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
    return v === undefined ? [] : [{ path: p, expected: 'absent', actual: describe(v) }];
  });
}

function sameValue(want: unknown, got: unknown): boolean {
  if (want === got) return true;
  // Numbers arrive as numbers from the SDK but a template may hold their text.
  return typeof want === 'string' && typeof got === 'number' ? want === String(got) : false;
}

function describe(v: unknown): unknown {
  if (v === undefined) return 'absent';
  if (v instanceof Date) return v.toISOString();
  return v;
}
