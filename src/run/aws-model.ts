import type { RunStats } from '../runner/context.ts';

/**
 * How long a run would take against real AWS, computed from the requests it actually sent (its
 * RunStats), not timed: nobody here can call AWS, and a virtual clock would model the same three things
 * with more code. docs/aws.md gives each figure and where it comes from.
 */
export interface AwsFigures {
  /** Cases in flight at once (the aws target's default). */
  concurrency: number;
  /** One request's round trip to IAM, seconds. Assumed: no measurement is at hand. */
  latencySeconds: number;
  /** Mutating requests IAM lets through per second (a token bucket; AWS publishes no figure). Assumed. */
  mutatingPerSecond: number;
  /** How long a new access key takes before it works (user reports: 10-15 s; the upper end). */
  keyPropagationSeconds: number;
}

export const AWS_FIGURES: AwsFigures = { concurrency: 8, latencySeconds: 0.15, mutatingPerSecond: 10, keyPropagationSeconds: 15 };

/**
 * The larger of two bounds: the work spread over the lanes (every request's round trip, and a wait for
 * each key's first use, which holds up its case), and the rate limit on mutating requests. A lower
 * bound, then: real runs also meet retries and login profiles still being created.
 */
export function modelledAwsSeconds(stats: Pick<RunStats, 'requests' | 'mutating' | 'firstKeyUses'>, f: AwsFigures = AWS_FIGURES): number {
  const work = (stats.requests * f.latencySeconds + stats.firstKeyUses * f.keyPropagationSeconds) / f.concurrency;
  const rate = stats.mutating / f.mutatingPerSecond;
  return Math.round(Math.max(work, rate));
}
