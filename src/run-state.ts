import type { RunConfig } from './config.ts';
import type { SessionInfo } from './targets/types.ts';

/**
 * vitest loads the global setup and the reporters as separate module instances in the same process,
 * so the facts they share — the started target and the run's settings — are handed over on globalThis, under one key.
 */
const KEY = Symbol.for('iam-conformance.session');

export interface PublishedRun {
  session: SessionInfo;
  config: RunConfig;
}

export function publishRun(run: PublishedRun): void {
  (globalThis as Record<symbol, unknown>)[KEY] = run;
}

export function publishedRun(): PublishedRun | undefined {
  return (globalThis as Record<symbol, unknown>)[KEY] as PublishedRun | undefined;
}

const HANDOVER = Symbol.for('iam-conformance.handover');

/**
 * The CLI starts the target and hands the session (credentials included) to vitest's global setup in
 * the same process, on globalThis — never through environment variables, which every child process
 * would inherit and /proc would show.
 */
export function handOverSession(session: SessionInfo): void {
  (globalThis as Record<symbol, unknown>)[HANDOVER] = session;
}

export function handedOverSession(): SessionInfo | undefined {
  return (globalThis as Record<symbol, unknown>)[HANDOVER] as SessionInfo | undefined;
}
