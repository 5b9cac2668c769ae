import type { Case } from '../cases/types.ts';
import { compareStrings } from '../report/order.ts';

/**
 * `--shard I/N`: this machine's share of the selected cases. The split depends only on the selection
 * (the same specs, seed and filters give the same shards on every machine) and keeps the account-wide
 * (serial) cases together in shard 1, since they snapshot and restore one account password policy.
 * The rest go, in id order, each to the shard with the fewest cases so far, so the shards are even.
 */
export function shardCases<C extends Pick<Case, 'id' | 'serial'>>(cases: readonly C[], shard: { index: number; count: number }): C[] {
  const sizes = new Array<number>(shard.count).fill(0);
  const serial = cases.filter((c) => c.serial);
  sizes[0] = serial.length;
  const mine = new Set<string>(shard.index === 1 ? serial.map((c) => c.id) : []);
  for (const c of [...cases].filter((x) => !x.serial).sort((a, b) => compareStrings(a.id, b.id))) {
    let target = 0;
    for (let i = 1; i < sizes.length; i++) if (sizes[i]! < sizes[target]!) target = i;
    sizes[target]!++;
    if (target === shard.index - 1) mine.add(c.id);
  }
  // In the selection's own (schedule) order.
  return cases.filter((c) => mine.has(c.id));
}
