import type { Case } from '../cases/types.ts';
import { sharedIdentities } from '../cases/identities.ts';
import type { RunPlan } from './plan.ts';

/** A lane's share of the run: one of `count` shares of the ordinary cases, or the account-wide cases. */
export type Lane = { index: number; count: number } | 'account-wide';

/**
 * How a run is spread over worker processes (--workers): the ordinary cases dealt out one by one, like
 * cards, so every lane gets the same mix of operations; the account-wide cases kept together in a lane
 * of their own that starts once the others are over. Which lane a case lands in never reaches its
 * verdict: every case makes its own users, and each lane's names are its own (laneNames). Cases that
 * make something under the same name (src/cases/identities.ts) go where the first of them went, so
 * that one lane's scheduler keeps them apart in time.
 */
export function casesOfLane(cases: readonly Case[], lane: Lane | undefined): Case[] {
  if (lane === undefined) return [...cases];
  if (lane === 'account-wide') return cases.filter((c) => c.serial);
  const laneOf = new Map<string, number>();
  return cases
    .filter((c) => !c.serial)
    .filter((c, i) => {
      const keys = sharedIdentities(c);
      const at = keys.map((k) => laneOf.get(k)).find((l) => l !== undefined) ?? i % lane.count;
      for (const k of keys) if (!laneOf.has(k)) laneOf.set(k, at);
      return at === lane.index;
    });
}

/** Fewer cases than this a lane would cost more to start (a cold worker) than it saves. */
export const MIN_CASES_PER_LANE = 200;

/**
 * How many lanes a run takes: no more than --workers, than --concurrency (each lane runs one case at
 * least) or than its ordinary cases fill (MIN_CASES_PER_LANE each); one when it has none.
 */
export function laneCount(plan: Pick<RunPlan, 'workers' | 'concurrency'>, cases: readonly Case[]): number {
  const ordinary = cases.filter((c) => !c.serial).length;
  return Math.max(1, Math.min(plan.workers, plan.concurrency, Math.floor(ordinary / MIN_CASES_PER_LANE)));
}

/**
 * A lane's part of the run's concurrency: the lanes together keep what the run was given (a remote
 * target's limit is the run's, not each lane's).
 */
export function laneConcurrency(concurrency: number, lane: Lane | undefined): number {
  if (lane === undefined || lane === 'account-wide') return concurrency;
  // The remainder goes to the first lanes: 5 over 2 lanes is 3 and 2, never 3 and 3.
  return Math.max(1, Math.floor(concurrency / lane.count) + (lane.index < concurrency % lane.count ? 1 : 0));
}

/**
 * The names a lane makes for users (`ic-<run>-u<n>`) and pooled users (`ic-<run>-p<n>`): lane i of n
 * counts i, i+n, i+2n, …, so the names of all lanes stay unique in one account and keep one form. The
 * account-wide lane starts after every other, counting afresh: its own letters keep its names apart.
 */
export function laneNames(prefix: string, lane: Lane | undefined): { user(): string; pooled(): string } {
  if (lane === 'account-wide') {
    let [u, p] = [0, 0];
    return { user: () => `${prefix}w${u++}`, pooled: () => `${prefix}q${p++}` };
  }
  const [start, step] = lane === undefined ? [0, 1] : [lane.index, lane.count];
  let [u, p] = [start, start];
  return {
    user: () => `${prefix}u${(u += step) - step}`,
    pooled: () => `${prefix}p${(p += step) - step}`,
  };
}
