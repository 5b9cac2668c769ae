import type { Client } from '../clients/types.ts';
import type { PolicySnapshot } from '../iam/password-policy.ts';
import type { Attachment, SessionInfo } from '../targets/types.ts';

/** Everything a case needs from the run it belongs to. */
export interface RunContext {
  session: SessionInfo;
  client: Client;
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
  /** Requests sent to the target (every attempt), and access keys created, for the report. */
  stats: { requests: number; accessKeysCreated: number; leftovers: string[] };
  /** In a shared account: told of every user before it is created and after it is deleted. */
  journal?: Attachment['journal'];
}
