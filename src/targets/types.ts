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
  /** The account's id, when the target knows it (aws: from STS GetCallerIdentity). */
  accountId?: string;
  /** In a shared account (aws): how the run keeps to what it creates, and where it journals it. */
  isolation?: Isolation;
}

/**
 * A run in an account that is not disposable touches only what it creates: every user under `path`,
 * named with `namePrefix`, tagged with `tag`; and each user is written to the journal before it is
 * created, so that whatever a killed run left can be found again (src/targets/aws/journal.ts).
 */
export interface Isolation {
  runId: string;
  path: string;
  namePrefix: string;
  tag: { Key: string; Value: string };
  /** The journal file of this run. */
  journal: string;
}

export interface TargetSession extends SessionInfo {
  stop(): Promise<void>;
}

export interface TargetOptions {
  runId?: string;
  endpoint?: string;
  region?: string;
  image?: string;
  /** aws: the account the user allows the run to change (checked against STS GetCallerIdentity). */
  allowAccount?: string;
  /** aws: cases that change the account password policy may run (it is restored afterwards). */
  allowAccountPolicyChanges?: boolean;
  /** aws: a named profile holding the account's root credentials, for root-caller cases. */
  rootProfile?: string;
  /** aws: the named profile for the administrator's credentials (default: the standard chain). */
  profile?: string;
  /** Log lines for the user (progress of slow starts). Never receives secrets. */
  log?: (line: string) => void;
}

/** One adapter per kind of target: src/targets/<name>.ts. */
export interface TargetAdapter {
  name: string;
  summary: string;
  /**
   * The account is shared and real (aws): the run is supervised by a process that outlives the cases,
   * journals what they create and removes it on every exit path (src/runner/supervise.ts).
   */
  supervised?: boolean;
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

/** The run must not go ahead as asked (no opt-in for a real account, say). Exit code 2. */
export class TargetRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TargetRefused';
  }
}
