/**
 * Reads the character class out of a model pattern of the form `^[...]+$` or `^[...]*$` (the form of
 * most constrained string members of the model), as sorted, merged code point ranges.
 * Escapes follow ECMAScript, the dialect of Smithy patterns: `\w` is ASCII [A-Za-z0-9_].
 */
export type Range = readonly [number, number];

const CLASS_ESCAPES: Record<string, Range[]> = {
  w: [[0x30, 0x39], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a]],
  d: [[0x30, 0x39]],
};

export function charClassOf(pattern: string): Range[] | undefined {
  const m = /^\^\[(.+)\][+*]\$$/su.exec(pattern);
  if (!m) return undefined;
  const body = m[1]!;
  // Unicode property classes (\p{L}) and negations are beyond this reader: not "one plain class".
  if (/\\[pP]\{/.test(body) || body.startsWith('^') || body.includes('[')) return undefined;
  const atoms: Array<number | Range[]> = [];
  for (let i = 0; i < body.length; ) {
    if (body[i] === '\\') {
      const next = body[i + 1]!;
      if (next === 'u') {
        atoms.push(parseInt(body.slice(i + 2, i + 6), 16));
        i += 6;
      } else if (CLASS_ESCAPES[next]) {
        atoms.push(CLASS_ESCAPES[next]!);
        i += 2;
      } else {
        atoms.push(next.codePointAt(0)!);
        i += 2;
      }
    } else {
      const cp = body.codePointAt(i)!;
      atoms.push(cp);
      i += cp > 0xffff ? 2 : 1;
    }
  }
  // A `-` between two single characters makes a range; anywhere else it is literal.
  const ranges: Range[] = [];
  for (let i = 0; i < atoms.length; i++) {
    const a = atoms[i]!;
    if (Array.isArray(a)) {
      ranges.push(...a);
    } else if (atoms[i + 1] === 0x2d && i + 2 < atoms.length && typeof atoms[i + 2] === 'number') {
      ranges.push([a, atoms[i + 2] as number]);
      i += 2;
    } else {
      ranges.push([a, a]);
    }
  }
  return merge(ranges);
}

function merge(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((x, y) => x[0] - y[0]);
  const out: Array<[number, number]> = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

export function inClass(ranges: readonly Range[], cp: number): boolean {
  return ranges.some(([lo, hi]) => cp >= lo && cp <= hi);
}

/** Both sides of every range edge, plus the boundaries where implementations typically go wrong. */
export function edgeCodePoints(ranges: readonly Range[]): number[] {
  const points = new Set<number>();
  for (const [lo, hi] of ranges) {
    for (const cp of [lo - 1, lo, hi, hi + 1]) if (cp >= 0) points.add(cp);
  }
  // The ASCII/Latin-1 seam (DEL and the first C1 control), a Latin-1 letter, the first code point past
  // Latin-1, and an astral one (two UTF-16 units, one character).
  for (const cp of [0x7e, 0x7f, 0x80, 0xe9, 0x100, 0x1f600]) points.add(cp);
  return [...points].sort((a, b) => a - b);
}

/** Every code point U+0000..U+0100 and an astral one: a full sweep of the Latin-1 neighbourhood. */
export function sweepCodePoints(): number[] {
  const points: number[] = [];
  for (let cp = 0; cp <= 0x100; cp++) points.push(cp);
  points.push(0x1f600);
  return points;
}
