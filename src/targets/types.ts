import type { Credentials } from '../iam/credentials.ts';
import type { OptionDecl, OptionValue } from '../settings.ts';

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
  /**
   * How the cases reach the target: over the network (a URL), or inside the process that runs them
   * (the mock through msw, or handed straight to the emulator): then attach() does the rest there.
   */
  serve?: 'network' | 'in-process' | 'direct';
  /** The target's settings that attach() needs where the cases run (the mock's deviation, say). */
  settings?: Record<string, OptionValue | undefined>;
  /** The account's id, when the target knows it (aws: from STS GetCallerIdentity). */
  accountId?: string;
  /** How to offer what a skipped case needs, in this target's own settings (shown as the skip reason). */
  hints?: { root?: string; disposableAccount?: string; accountPolicy?: string };
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

/** What start() gets: the run's id, its target settings (the adapter's declarations), and a log. */
export interface TargetOptions {
  runId: string;
  region?: string;
  /** The adapter's own settings, by the keys it declared (plan.targetOptions). */
  options: Record<string, OptionValue | undefined>;
  /** The tools cache (IAM_CONFORMANCE_TOOLS), where installed emulators are looked for. */
  toolsDir?: string;
  /** The client needs the target over the network (a client in another process, boto3 say). */
  needsNetwork?: boolean;
  /** Log lines for the user (progress of slow starts). Never receives secrets. */
  log?: (line: string) => void;
}

/** What the process that runs the cases holds of a target: the session, and what to close after. */
export interface Attachment {
  session: SessionInfo;
  /** For `serve: 'direct'`: the transport that hands each request straight to the target. */
  fetch?: typeof fetch;
  /** In a shared account: the journal learns of each user before the target does (src/targets/aws/). */
  journal?: {
    userCreating(name: string): void;
    userDeleted(name: string): void;
    /** A case's step made this (its request succeeded), and, later, its tear-down removed it. */
    made(kind: string, id: string): void;
    madeRemoved(kind: string, id: string): void;
    process(pid: number): void;
  };
  /** Target-specific handles for tests and tools (the mock's emulator and injected faults). */
  controls?: unknown;
  close(): void;
}

/**
 * One adapter per kind of target, src/targets/<name>.ts, registered in src/targets/index.ts. Two phases:
 * start() launches or locates the target in the process the user started (a process, a container, a
 * loopback server, a URL); attach() runs where the cases run and gives them what they call it with.
 */
export interface TargetAdapter {
  name: string;
  summary: string;
  /** Its settings: flags and environment variables, shown in `run --help` and checked by planRun. */
  options: readonly OptionDecl[];
  /** Defaults that differ from the common ones (slower targets want fewer cases in flight, say). */
  defaults?: Partial<{ concurrency: number; caseTimeoutMs: number; retryAttempts: number; retryDelayMs: number }>;
  /** What is wrong with this combination of settings, beyond each setting's own rules (one line), or undefined. */
  checkPlan?(plan: { client: string; targetOptions: Record<string, OptionValue>; origins: Record<string, string> }): string | undefined;
  start(options: TargetOptions): Promise<TargetSession>;
  /** Default: the started session as it is (a URL and keys). */
  attach?(session: SessionInfo): Promise<Attachment>;
  /**
   * The account is shared and real (aws): the run is supervised by a process that outlives the cases,
   * journals what they create and removes it on every exit path. Returns the run's exit code.
   */
  supervise?(session: SessionInfo, plan: { argv: string[] }, log: (line: string) => void): Promise<number>;
  /** In the child a supervisor started for the cases: the session, handed over by the supervisor (never through the environment). */
  joinSupervisor?(): Promise<SessionInfo>;
  /** In that child, at the end: the run's exit code, for the supervisor. */
  leaveSupervisor?(exitCode: number): Promise<void>;
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
