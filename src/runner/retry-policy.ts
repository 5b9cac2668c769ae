import { ENV } from '../config.ts';

/**
 * How patient the runner is with "not yet" answers. On AWS a new access key takes 10–15 s to work
 * (shared/evidence), so the default allows 8 attempts 1.5 s, 3 s, … apart (about 40 s in all); elsewhere a
 * few short tries for passing faults. IAM_CONFORMANCE_RETRY_ATTEMPTS / _RETRY_DELAY_MS override both.
 */
export function retryPolicy(propagationDelays: boolean, env: NodeJS.ProcessEnv = process.env): { attempts: number; delayMs: number } {
  const base = propagationDelays ? { attempts: 8, delayMs: 1500 } : { attempts: 3, delayMs: 200 };
  const number = (name: string, min: number) => {
    const v = env[name] ? Number(env[name]) : NaN;
    return Number.isInteger(v) && v >= min ? v : undefined;
  };
  return { attempts: number(ENV.retryAttempts, 1) ?? base.attempts, delayMs: number(ENV.retryDelayMs, 0) ?? base.delayMs };
}
