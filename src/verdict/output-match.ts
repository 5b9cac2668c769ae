/**
 * Expected output members: a literal compares by value; `{ type: timestamp|string|boolean|integer }`
 * checks presence and type only, for values that vary from run to run; `{ match: '<regex>' }` checks a
 * string's shape (an ARN, an id: `^AKIA[A-Z0-9]{16}$`); a list is compared item by item, in order, and
 * must have exactly as many items; `{ count: n }` checks only how many items a list has.
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

const isPlain = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date);
const isMatchSpec = (v: unknown): v is { match: string } => isPlain(v) && Object.keys(v).length === 1 && typeof v.match === 'string';
const isCountSpec = (v: unknown): v is { count: number } => isPlain(v) && Object.keys(v).length === 1 && typeof v.count === 'number';

/**
 * A list as any client reads it: the SDKs give an array; the raw Query client the wire's `member`
 * elements (one item is not an array there) or an empty string for an empty list.
 */
export function asList(v: unknown): unknown[] | undefined {
  if (Array.isArray(v)) return v;
  if (v === '') return [];
  if (isPlain(v) && Object.keys(v).length === 1 && 'member' in v) return Array.isArray(v.member) ? v.member : [v.member];
  return undefined;
}

function isTypeSpec(v: unknown): v is { type: string } {
  return !!v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1 && typeof (v as { type?: unknown }).type === 'string' && (v as { type: string }).type in TYPE_CHECKS;
}

export function matchOutput(expected: Record<string, unknown>, actual: unknown, path = ''): Mismatch[] {
  const out: Mismatch[] = [];
  const obj = (actual && typeof actual === 'object' ? actual : {}) as Record<string, unknown>;
  for (const [key, want] of Object.entries(expected)) {
    const at = path ? `${path}.${key}` : key;
    const got = obj[key];
    out.push(...matchValue(want, got, at));
  }
  return out;
}

function matchValue(want: unknown, got: unknown, at: string): Mismatch[] {
  if (isTypeSpec(want)) return TYPE_CHECKS[want.type]!(got) ? [] : [{ path: at, expected: `a ${want.type}`, actual: describe(got) }];
  if (isMatchSpec(want)) {
    return typeof got === 'string' && new RegExp(want.match, 'u').test(got) ? [] : [{ path: at, expected: `a string matching ${want.match}`, actual: describe(got) }];
  }
  if (isCountSpec(want)) {
    const list = asList(got);
    return list?.length === want.count ? [] : [{ path: at, expected: `${want.count} item(s)`, actual: list ? `${list.length} item(s)` : describe(got) }];
  }
  if (Array.isArray(want)) {
    const list = asList(got);
    if (!list) return [{ path: at, expected: `a list of ${want.length}`, actual: describe(got) }];
    if (list.length !== want.length) return [{ path: at, expected: `${want.length} item(s)`, actual: `${list.length} item(s)` }];
    return want.flatMap((w, i) => matchValue(w, list[i], `${at}[${i}]`));
  }
  if (isPlain(want)) {
    if (got === undefined) return [{ path: at, expected: 'present', actual: 'absent' }];
    return matchOutput(want, got, at);
  }
  return sameValue(want, got) ? [] : [{ path: at, expected: want, actual: describe(got) }];
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
