import type { Client } from '../clients/types.ts';
import type { PolicySnapshot } from '../iam/password-policy.ts';
import type { Attachment, SessionInfo } from '../targets/types.ts';

/** What a run cost, from the requests it sent: the report's counts and the benchmark's model of AWS. */
export interface RunStats {
  /** Requests sent to the target, every attempt, set-up and tear-down included. */
  requests: number;
  /** Of those, the ones that change something (IAM rate-limits these). */
  mutating: number;
  accessKeysCreated: number;
  /** Requests signed with a key the run had just created, its first use (on AWS: after the key propagates). */
  firstKeyUses: number;
  /** What could not be removed at the end. */
  leftovers: string[];
}

/** Everything a case needs from the run it belongs to. */
export interface RunContext {
  session: SessionInfo;
  /** The run's client: every step of a case goes through it. */
  client: Client;
  /**
   * Set-up, tear-down and the run's own requests, when they go another way than the steps (the AWS CLI,
   * a process start's worth of work per call, leaves them to the raw Query client); else `client`.
   */
  harness?: Client;
  runId: string;
  /** Every user the run creates is named with this prefix ... */
  namePrefix: string;
  /** ... and lives under this IAM path. */
  userPath: string;
  /** The account id, when known (from the target, or the first user created). */
  accountId?: string;
  strict: boolean;
  showSecrets: boolean;
  /** Members whose values are secrets (from the shapes marked sensitive). */
  sensitiveMembers: ReadonlySet<string>;
  /** Bounded retries for eventual consistency on targets that have it. */
  retry: { attempts: number; delayMs: number };
  /**
   * The account password policy found before the serial cases: each serial case that does not set a
   * policy of its own starts from it, whatever the case before it left behind.
   */
  accountPolicyBaseline?: PolicySnapshot;
  /** A fresh name for a case user; unique within the run. */
  nextUserName(): string;
  /** The name of the next pooled user (src/runner/pool.ts); unique across the lanes of a run. */
  nextPooledUserName(): string;
  /** Requests sent to the target (every attempt), and access keys created, for the report. */
  stats: RunStats;
  /** Access keys the run created and has not yet signed with (the first use of one waits on AWS). */
  unusedKeys: Set<string>;
  /** In a shared account: told of every user before it is created and after it is deleted. */
  journal?: Attachment['journal'];
}
