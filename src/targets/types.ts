import type { Credentials } from './credentials.ts';

/**
 * What a target can offer the suite. A capability the target lacks never hides a difference: only
 * what the suite cannot set up (no root credentials, a shared account) turns into a skip with a reason.
 */
export interface Capabilities {
  /** Root credentials are offered, so root-caller cases can run. */
  root: boolean;
  /** The account exists only for this run (an emulator): names without the run's prefix are safe. */
  disposableAccount: boolean;
  /** The account password policy may be changed (and is restored after the run). */
  accountPolicyWritable: boolean;
  /** New keys and login profiles take time to become usable: setup retries, bounded. */
  propagationDelays: boolean;
  /** Known to verify SigV4 signatures (informational; the suite tests it either way). */
  enforcesSignatures?: boolean;
}

/** Everything a worker needs to reach a started target. Serialisable: it crosses process boundaries. */
export interface SessionInfo {
  target: string;
  endpoint: string;
  region: string;
  admin: Credentials;
  rootCredentials?: Credentials;
  version?: string;
  capabilities: Capabilities;
  /** The mock runs inside the worker process (through MSW) rather than behind a URL. */
  inProcess?: 'mock';
}

export interface TargetSession extends SessionInfo {
  stop(): Promise<void>;
}

export interface TargetOptions {
  endpoint?: string;
  region?: string;
  image?: string;
  /** Log lines for the user (progress of slow starts). Never receives secrets. */
  log?: (line: string) => void;
}

/** One adapter per kind of target: src/targets/<name>.ts. */
export interface TargetAdapter {
  name: string;
  summary: string;
  start(options: TargetOptions): Promise<TargetSession>;
}

/** The run could not be carried out: target down, engine missing. Exit code 3, never a failed case. */
export class TargetUnavailable extends Error {
  readonly hint?: string;
  constructor(message: string, hint?: string) {
    super(message);
    this.name = 'TargetUnavailable';
    this.hint = hint;
  }
}
