/**
 * A small seeded generator (mulberry32): a run's values are reproducible from its run id,
 * and generating them costs nothing measurable.
 */
export interface Random {
  int(maxExclusive: number): number;
  pick<T>(items: readonly T[] | string): T;
}

export function seededRandom(seed: string): Random {
  let state = 0x9e3779b9;
  for (const ch of seed) state = Math.imul(state ^ ch.charCodeAt(0), 0x85ebca6b) >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    int: (max) => Math.floor(next() * max),
    pick<T>(items: readonly T[] | string): T {
      return items[Math.floor(next() * items.length)] as T;
    },
  };
}
